import type { ErrorParams } from '../domain/error-params'

export type { ErrorParams }

/** An error whose message is written for the user and whose code the UI and CLI can act on. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params?: ErrorParams
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}
