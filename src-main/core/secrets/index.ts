export * from './secret-store'
export {
  KeytarSecretStore,
  keytarError,
  keytarLoadError,
  type KeytarModule,
  type KeytarStoreOptions
} from './keytar-store'
export { EnvSecretStore, type EnvLike } from './env-store'
export {
  explainCredentials,
  forgetCredentials,
  resolveCredentials,
  saveCredentials,
  type CredentialSource,
  type CredentialSources,
  type CredentialTarget,
  type OriginMismatch,
  type ResolvedCredentials
} from './credentials'
