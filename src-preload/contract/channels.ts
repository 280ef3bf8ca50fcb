/** Invoke channels (`domain:action`) and the one push channel. The preload and main both use these names. */
export const Channels = {
  appInfo: 'app:info',
  setPreferences: 'app:set-preferences',
  pickSpreadsheet: 'files:pick-spreadsheet',
  pickSavePath: 'files:pick-save-path',
  reveal: 'files:reveal',
  writeImage: 'files:write-image',
  /** Preload only: the path of a dropped File (from webUtils), registered for a handle. */
  registerDrop: 'files:register-drop',
  preview: 'imports:preview',
  countrySplit: 'imports:country-split',
  createJob: 'jobs:create',
  listJobs: 'jobs:list',
  getJob: 'jobs:get',
  cancelJob: 'jobs:cancel',
  removeJob: 'jobs:remove',
  preflight: 'jobs:preflight',
  startLive: 'jobs:start-live',
  pauseJob: 'jobs:pause',
  recheck: 'jobs:recheck',
  uncertain: 'jobs:uncertain',
  resolveAmbiguous: 'jobs:resolve-ambiguous',
  ambiguousChoices: 'jobs:ambiguous-choices',
  queryResults: 'results:query',
  facets: 'results:facets',
  spend: 'results:spend',
  compare: 'results:compare',
  compareRows: 'results:compare-rows',
  rowDetail: 'results:row',
  runExport: 'exports:run',
  exportComparison: 'exports:comparison',
  cancelExport: 'exports:cancel',
  listProviders: 'providers:list',
  saveProviderSettings: 'providers:save-settings',
  setProviderKey: 'providers:set-key',
  deleteProviderKey: 'providers:delete-key',
  testProvider: 'providers:test'
} as const

export type InvokeChannel = (typeof Channels)[keyof typeof Channels]

export const JOB_PROGRESS_EVENT = 'job:progress'
/** Pushed while an export that named itself (exportId) writes. */
export const EXPORT_PROGRESS_EVENT = 'export:progress'
