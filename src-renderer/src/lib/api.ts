import type { Api } from '@contract/api'

// The single place that reaches the preload bridge; the store receives this object so tests can pass a fake.
export const api: Api = window.api
