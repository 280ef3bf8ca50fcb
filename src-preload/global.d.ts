import type { Api } from './contract/api'

declare global {
  interface Window {
    api: Api
  }
}

export {}
