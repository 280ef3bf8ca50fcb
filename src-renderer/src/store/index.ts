import { api } from '../lib/api'
import { createAppStore } from './create-store'
import { subscribeIpcEvents } from './ipc-events'

export const useAppStore = createAppStore(api)

export function startIpcEvents(): () => void {
  return subscribeIpcEvents(api, useAppStore)
}

export type { AppState } from './types'
