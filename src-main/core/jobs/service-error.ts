/** An error whose message is written for the user and whose code the UI and CLI can act on. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}
