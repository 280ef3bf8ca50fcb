// The contract's vocabulary and DTOs. Their home is the core (src-main/core/domain): the contract re-exports
// them so main, preload and renderer share one definition, and adds what only the IPC boundary needs.
export * from '../../src-main/core/domain/vocabulary'
export * from '../../src-main/core/domain/records'
export * from '../../src-main/core/domain/provider-settings'
export * from '../../src-main/core/domain/live'
export * from '../../src-main/core/domain/columns'
export * from '../../src-main/core/domain/labels'

export interface AppInfo {
  version: string
  dataDir: string
  defaultRegion: string
  regions: { code: string; name: string; callingCode: string }[]
}

export interface ApiErrorShape {
  code: string
  message: string
}
