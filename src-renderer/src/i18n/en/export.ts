// English messages of the 'export' namespace (ICU syntax). The zh-CN file has exactly these keys.
const exportMessages = {
  dialog: {
    title: 'Export results',
    description:
      'From “{name}” — {rows, plural, one {# row} other {# rows}}. The original file is never changed.',
    failed: 'Export failed',
    cancel: 'Cancel',
    confirm: 'Export…'
  },
  scope: {
    legend: 'Rows',
    view: 'This view ({rows, plural, one {# row} other {# rows}})',
    viewFiltered: 'As filtered on screen.',
    viewSorted: 'As filtered and sorted on screen.',
    all: 'All {rows, plural, one {# row} other {# rows}}',
    allDescription: 'In the list’s own order.'
  },
  mode: {
    legend: 'What to export',
    cleanedTitle: 'Cleaned list (active + unchecked)',
    cleanedDescription: 'Only rows worth contacting, with the original columns and the check results.',
    fullTitle: 'Full list with results',
    fullDescription: 'Every row in its original order, with status, reason and E.164 columns added.',
    splitTitle: 'One file/sheet per status',
    splitDescription:
      '{format, select, xlsx {One workbook with a sheet for each status.} other {A separate CSV file for each status.}}'
  },
  keepUnknown: 'Also keep unknown',
  keepUnknownCount: '({rows, plural, one {# row} other {# rows}})',
  dedupe: 'Keep only the first row of each number',
  dedupeCount: '({count, plural, one {# repeated number} other {# repeated numbers}} in this check)',
  format: {
    legend: 'Format',
    xlsx: 'Excel (.xlsx)',
    csv: 'CSV (.csv)'
  },
  language: {
    legend: 'Column names and statuses',
    hint: 'Reason and line type are written in the app’s language. English column names and status words keep files comparable across users and tools.',
    hintChinese:
      'Column names and status words are written in Chinese; tools and scripts that look for the English names will not find them.'
  },
  footer: {
    split: '{rows, plural, one {# row} other {# rows}} across {format, select, xlsx {sheets} other {files}}',
    about: 'About {rows, plural, one {# row} other {# rows}}'
  },
  progress: {
    title: 'Exporting…',
    label: 'Export progress',
    preparing: 'Preparing the rows…',
    rows: '{written, number} of {total, plural, one {# row} other {# rows}} written',
    cancel: 'Cancel export',
    cancelling: 'Cancelling…'
  },
  cancelled: {
    title: 'Export cancelled',
    nothingWritten: 'No file was written.',
    kept: '{name} was left as it was.'
  },
  replace: {
    title: 'Replace it?',
    message: '{name} already exists. Replacing it overwrites its current contents.',
    confirm: 'Replace'
  },
  source: {
    title: 'Overwrite the original file?',
    message:
      '{name} is the original file this check was imported from. Exporting here would overwrite the original imported file and its data cannot be recovered by Ringtrue.',
    hint: 'Choose Cancel and pick another name to keep the original.',
    confirm: 'Overwrite original file'
  },
  toast: {
    done: 'Exported {rows, plural, one {# row} other {# rows}} to {file}',
    doneFiles:
      'Exported {rows, plural, one {# row} other {# rows}} to {files, plural, other {# files}} ({file}, …)',
    reveal: 'Show in folder',
    chartSaved: 'Saved the chart to {file}'
  }
} as const

export default exportMessages
