import type { BridgeApi } from './contract/api'

declare global {
  interface Window {
    /** The preload's bridge: async methods resolve with envelopes. Use src-renderer/src/lib/api.ts instead. */
    api: BridgeApi
  }
}

export {}
