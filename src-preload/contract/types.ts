// The contract's vocabulary and DTOs. Their home is the core (src-main/core/domain): the contract re-exports
// them so main, preload and renderer share one definition, and adds what only the IPC boundary needs.
export * from '../../src-main/core/domain/vocabulary'
export * from '../../src-main/core/domain/records'
export * from '../../src-main/core/domain/provider-settings'
export * from '../../src-main/core/domain/live'
export * from '../../src-main/core/domain/columns'
export * from '../../src-main/core/domain/labels'
export * from '../../src-main/core/domain/preferences'

import type { Preferences } from '../../src-main/core/domain/preferences'

export interface AppInfo {
  version: string
  dataDir: string
  defaultRegion: string
  regions: { code: string; name: string; callingCode: string }[]
  /** The OS locale (Electron's app.getLocale()); the UI language follows it while the choice is 'system'. */
  osLocale: string
  preferences: Preferences
}

export type { ErrorParams } from '../../src-main/core/domain/error-params'
import type { ErrorParams } from '../../src-main/core/domain/error-params'

export interface ApiErrorShape {
  code: string
  /** English, written for people (the CLI prints it); the window says `errors:<code>` with `params` instead. */
  message: string
  /** The values the sentence is made of, e.g. `{ name: 'leads.xlsx' }`. */
  params?: ErrorParams
}

/** What the application menu asks the window to do; the preload passes on only these. */
export const MENU_COMMANDS = ['open', 'export', 'find', 'settings'] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]
/** The push channel main sends a menu command on. */
export const MENU_COMMAND_EVENT = 'app:menu-command'

/** The preload's menu bridge (`window.menu`); absent outside Electron, where the page's own shortcuts run. */
export interface MenuBridge {
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}
