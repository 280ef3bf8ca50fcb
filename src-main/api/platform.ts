import type { SavePathRequest } from '@contract/api'

/** What only the desktop shell can do. Electron implements it in app/; the UI test host replaces it. */
export interface Platform {
  pickSpreadsheet(): Promise<string | null>
  pickSavePath(request: SavePathRequest): Promise<string | null>
  reveal(filePath: string): Promise<void>
}
