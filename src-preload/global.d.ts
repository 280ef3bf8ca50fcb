import type { BridgeApi } from './contract/api'
import type { MenuBridge } from './contract/types'

declare global {
  interface Window {
    /** The preload's bridge: async methods resolve with envelopes. Use src-renderer/src/lib/api.ts instead. */
    api: BridgeApi
    /** Commands from the application menu; only in Electron (the UI test host has no menu). */
    menu?: MenuBridge
  }
}

export {}
