// The domain vocabulary and the shapes the core exchanges, in one place. The core imports from here; the
// preload's contract re-exports it (arrows point down: contract → core, never core → contract).
export * from './vocabulary'
export * from './records'
export * from './provider-settings'
export * from './live'
export * from './columns'
export * from './labels'
