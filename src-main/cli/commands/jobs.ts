// `ringtrue jobs …`: the stored jobs, their arguments, options and help.
import { join } from 'node:path'
import { Option, type Command } from 'commander'
import { STATUSES } from '../../core/domain/vocabulary'
import { RESOLVE_HELP } from '../format'
import {
  collect,
  dataDirOption,
  examples,
  exportOptions,
  jsonOption,
  lazyAction,
  progressOptions
} from './define'

const JOB_STATUSES = ['running', 'paused', 'done', 'failed', 'cancelled'] as const

const ID_HELP = 'job id, or any unique start of it (as in `ringtrue jobs list`)'

const readHandlers = (name: 'jobsList' | 'jobsShow') =>
  lazyAction(() => import('../handlers/jobs-read'), join(__dirname, '..', 'handlers', 'jobs-read'), name)

type JobHandler =
  | 'jobsExport'
  | 'jobsResume'
  | 'jobsRecheck'
  | 'jobsResolve'
  | 'jobsUncertain'
  | 'jobsCancel'
  | 'jobsDelete'
  | 'jobsCompare'

const jobHandler = (name: JobHandler) =>
  lazyAction(() => import('../handlers/jobs'), join(__dirname, '..', 'handlers', 'jobs'), name)

/** --yes and --max-cost: the consent a command that may spend needs. */
function consentOptions(command: Command, schema: string): Command {
  command
    .option('--yes', 'agree to pay for the lookups the pre-flight shows')
    .option(
      '--max-cost <amount>',
      'agree to spend up to this amount on the job in total (per currency): its spending cap'
    )
  jsonOption(command, schema)
  return progressOptions(command).addOption(dataDirOption())
}

export function defineJobs(program: Command): void {
  const jobs = program
    .command('jobs')
    .summary('list, show, resume, re-check, export and delete stored jobs')
    .description(
      'Every check is kept as a job in the data folder: its rows, answers and spend. These commands read,\n' +
        'continue, export, compare and delete them. A job is named by its id or any unique start of it.'
    )
  examples(jobs, [
    ['the ten newest jobs', 'ringtrue jobs list --limit 10'],
    ['one job in detail', 'ringtrue jobs show 3f9c'],
    ['continue a paused paid check, capping the spend', 'ringtrue jobs resume 3f9c --max-cost 20']
  ])

  const list = jobs
    .command('list')
    .summary('the stored jobs, newest first')
    .description(
      'The stored jobs, newest first: id, when it was created (local time), status, rows and name.'
    )
    .option(
      '--status <status>',
      `only jobs with this status (repeatable, or a,b): ${JOB_STATUSES.join(', ')}`,
      collect
    )
    .option('--limit <n>', 'at most n jobs (the newest)')
  jsonOption(list, 'jobs.list').addOption(dataDirOption()).action(readHandlers('jobsList'))
  examples(list, [
    ['every job', 'ringtrue jobs list'],
    ['the paused ones, which can be resumed', 'ringtrue jobs list --status paused'],
    ['the id of the newest job, for a script', "ringtrue jobs list --limit 1 --json | jq -r '.jobs[0].id'"]
  ])

  const show = jobs
    .command('show')
    .summary('one job: file, counts per status, and the paid check')
    .description(
      'One job: its file, phone columns, counts per status, and the paid check (spend, pause reason).'
    )
    .argument('<id>', ID_HELP)
  jsonOption(show, 'jobs.show').addOption(dataDirOption()).action(readHandlers('jobsShow'))
  examples(show, [
    ['a job by the start of its id', 'ringtrue jobs show 3f9c'],
    ['how much a job spent, for a script', "ringtrue jobs show 3f9c --json | jq '.live.spend'"]
  ])

  const exportCommand = jobs
    .command('export')
    .summary('export a job’s result to .xlsx or .csv')
    .description('Export a stored job’s result again: the cleaned list, every row, or one file per status.')
    .argument('<id>', ID_HELP)
  exportOptions(
    exportCommand,
    new Option('--out <file>', '.xlsx or .csv file to write, or - for stdout').makeOptionMandatory()
  )
  jsonOption(exportCommand, 'jobs.export').addOption(dataDirOption()).action(jobHandler('jobsExport'))
  examples(exportCommand, [
    ['the cleaned list as a spreadsheet', 'ringtrue jobs export 3f9c --out clean.xlsx'],
    ['every row with its status', 'ringtrue jobs export 3f9c --export full --out all.csv'],
    ['the active numbers into another tool', 'ringtrue jobs export 3f9c --out - --no-bom | csvcut -c Phone']
  ])

  const resume = jobs
    .command('resume')
    .summary('start or continue the paid check of a paused job')
    .description(
      'Start or continue the paid check of a paused job (after Ctrl-C, --preflight-only, a spending cap, a\n' +
        'key fix…). The pre-flight is printed and nothing is spent without --yes or --max-cost.'
    )
    .argument('<id>', ID_HELP)
    .option(
      '--recheck-uncertain',
      're-send requests that may have been charged without an answer (pays again)'
    )
    .option('--sample <n>', 'check n random numbers first, print the projection and stop')
  consentOptions(resume, 'jobs.resume').action(jobHandler('jobsResume'))
  examples(resume, [
    ['see the pre-flight and answer y or n', 'ringtrue jobs resume 3f9c'],
    ['continue, spending at most 20 in total', 'ringtrue jobs resume 3f9c --max-cost 20'],
    ['in CI, with a log line every few seconds', 'ringtrue jobs resume 3f9c --yes --progress plain']
  ])

  const recheck = jobs
    .command('recheck')
    .summary('ask the paid provider again for rows of some statuses')
    .description('Ask the paid provider again, skipping the cache, for the rows of the given statuses.')
    .argument('<id>', ID_HELP)
    .requiredOption(
      '--status <status>',
      `row status to re-check (repeatable): ${STATUSES.join(', ')}`,
      collect
    )
  consentOptions(recheck, 'jobs.recheck').action(jobHandler('jobsRecheck'))
  examples(recheck, [
    ['re-check the unknown numbers', 'ringtrue jobs recheck 3f9c --status unknown --yes'],
    [
      're-check inactive and unknown, capped',
      'ringtrue jobs recheck 3f9c --status inactive,unknown --max-cost 5'
    ]
  ])

  const resolve = jobs
    .command('resolve')
    .summary('choose the country of numbers valid in several countries')
    .description('Choose the country of numbers held back as valid in several countries (ambiguous_region).')
    .argument('<id>', ID_HELP)
    .option('--region <cc>', 'read the ambiguous numbers as numbers of this country (two-letter code)')
  jsonOption(resolve, 'jobs.resolve').addOption(dataDirOption()).addHelpText('after', RESOLVE_HELP)
  resolve.action(jobHandler('jobsResolve'))
  examples(resolve, [
    ['the countries they can be read in', 'ringtrue jobs resolve 3f9c'],
    ['read them as numbers of China', 'ringtrue jobs resolve 3f9c --region CN']
  ])

  const uncertain = jobs
    .command('uncertain')
    .summary('paid requests that may have been charged without an answer')
    .description(
      'List the paid requests that may have been charged without an answer (the connection broke after\n' +
        'sending). Re-send them, paying again, with `ringtrue jobs resume <id> --recheck-uncertain`.'
    )
    .argument('<id>', ID_HELP)
  jsonOption(uncertain, 'jobs.uncertain').addOption(dataDirOption()).action(jobHandler('jobsUncertain'))
  examples(uncertain, [
    ['the requests in question', 'ringtrue jobs uncertain 3f9c'],
    ['how many, for a script', "ringtrue jobs uncertain 3f9c --json | jq '.requests | length'"]
  ])

  const cancel = jobs
    .command('cancel')
    .summary('cancel a paused paid check, keeping every answer')
    .description('Cancel a paused paid check: nothing more is sent, and every answer received is kept.')
    .argument('<id>', ID_HELP)
  jsonOption(cancel, 'jobs.cancel').addOption(dataDirOption()).action(jobHandler('jobsCancel'))
  examples(cancel, [
    ['stop a paused job for good', 'ringtrue jobs cancel 3f9c'],
    ['then export what it has', 'ringtrue jobs export 3f9c --out clean.xlsx']
  ])

  const compare = jobs
    .command('compare')
    .summary('compare two checks of a list number by number')
    .description(
      'Compare two checks of a list number by number: newly inactive, revived, added, removed, changed.'
    )
    .argument('<older>', 'the earlier check: id or unique start of it')
    .argument('<newer>', 'the later check: id or unique start of it')
    .option('--out <file>', 'also write the changed numbers to this .xlsx or .csv file')
    .option('--force', 'overwrite the output file if it exists')
  jsonOption(compare, 'jobs.compare').addOption(dataDirOption()).action(jobHandler('jobsCompare'))
  examples(compare, [
    ['what changed since last month', 'ringtrue jobs compare 3f9c 8a01'],
    ['the changed numbers as a spreadsheet', 'ringtrue jobs compare 3f9c 8a01 --out changes.xlsx']
  ])

  const deleteCommand = jobs
    .command('delete')
    .summary('delete a job and its results')
    .description(
      'Delete a job and its results from the data folder. A job with paid answers asks first (on the\n' +
        'terminal); --yes skips the question.'
    )
    .argument('<id>', ID_HELP)
    .option('--yes', 'delete without asking, even a job with paid answers')
  jsonOption(deleteCommand, 'jobs.delete').addOption(dataDirOption()).action(jobHandler('jobsDelete'))
  examples(deleteCommand, [
    ['delete a job (asks when it holds paid answers)', 'ringtrue jobs delete 3f9c'],
    ['in a script', 'ringtrue jobs delete 3f9c --yes']
  ])
}
