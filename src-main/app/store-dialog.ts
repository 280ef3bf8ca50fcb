import type { Services } from '../core/services'
import { describeStoreFailure } from '../core/store/database'

/** The one part of Electron's `dialog` this needs (the tests pass their own). */
export interface ErrorDialog {
  showErrorBox(title: string, content: string): void
}

export const STORE_DIALOG_TITLE = 'Ringtrue cannot open its data'

/**
 * Opens the services at start-up. When the store cannot be opened (damaged, empty, read-only, another user's,
 * busy…) the user gets a native dialog naming the database and the next step, built by the core like the
 * CLI's message, and the caller quits instead of crashing.
 */
export function openServicesOrExplain(
  open: () => Services,
  databaseFile: string,
  dialog: ErrorDialog
): Services | null {
  try {
    return open()
  } catch (error) {
    dialog.showErrorBox(STORE_DIALOG_TITLE, describeStoreFailure(error, databaseFile))
    return null
  }
}
