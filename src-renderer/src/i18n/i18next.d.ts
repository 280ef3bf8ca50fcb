// Typed keys: `t('results:title')` fails to compile when the key is not in the English catalogue.
import 'i18next'
import type en from './en'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: typeof en
  }
}
