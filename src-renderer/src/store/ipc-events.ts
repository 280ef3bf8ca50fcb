import type { Api } from '@contract/api'
import type { AppStore } from './create-store'

/** Routes pushed events into the store; call once from App and run the returned dispose on unmount. */
export function subscribeIpcEvents(api: Api, store: AppStore): () => void {
  const offProgress = api.onJobProgress((progress) => store.getState().receiveProgress(progress))
  return () => {
    offProgress()
  }
}
