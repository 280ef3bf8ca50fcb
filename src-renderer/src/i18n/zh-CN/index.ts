// Every namespace of the zh-CN catalogue, by name. A new namespace is added here and in the other language.
import common from './common'
import errors from './errors'
import exportMessages from './export'
import importMessages from './import'
import jobs from './jobs'
import live from './live'
import results from './results'
import settings from './settings'

const catalogue = {
  common,
  errors,
  export: exportMessages,
  import: importMessages,
  jobs,
  live,
  results,
  settings
}

export default catalogue
