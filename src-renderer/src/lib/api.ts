import type { Api } from '@contract/api'
import { fromBridge } from '@contract/bridge'

// The single place that reaches the preload bridge; the store receives this object so tests can pass a fake.
// window.api resolves with envelopes (errors as data, so their code survives contextBridge); fromBridge turns
// them back into values or ApiErrors created here, in the renderer, with their code intact.
export const api: Api = fromBridge(window.api)
