// The `ringtrue` command line: the commands, their options and help. This file loads only commander and plain
// text; each action loads its implementation when it runs (cli/read.ts for jobs list and show, cli/commands.ts
// for the rest), so `--help`, a usage error or `jobs list` start without SheetJS, the phone metadata or the
// providers. The bundle turns those import() calls into require() of separate chunks.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Command, CommanderError, Option } from 'commander'
import { STATUSES } from '@contract/types'
import { LIVE_PROVIDER_IDS } from './core/providers/types'
import { CliExit, EXIT, UsageError } from './cli/errors'
import { RESOLVE_HELP } from './cli/format'
import { lazyModule } from './cli/lazy'
import { printable } from './cli/text'
import { setEntryFile } from './cli/workers'

/** The implementations, each loaded by the first action that needs it (the bundle keeps them as their own chunks). */
const commands = lazyModule(() => import('./cli/commands'), join(__dirname, 'cli', 'commands'))
const reads = lazyModule(() => import('./cli/read'), join(__dirname, 'cli', 'read'))
const providersCli = lazyModule(() => import('./cli/providers'), join(__dirname, 'cli', 'providers'))
const failures = lazyModule(() => import('./cli/failure'), join(__dirname, 'cli', 'failure'))

/** An action whose implementation is loaded when it runs. */
function lazy<M, K extends keyof M>(load: () => Promise<M>, name: K): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    const handler = (await load())[name] as (...a: unknown[]) => unknown
    await handler(...args)
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

function buildProgram(): Command {
  const program = new Command()
  program
    .name('ringtrue')
    .description('Phone contact-list hygiene: import, normalize, check, review and export.')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })

  const dataDirOption = (): Option =>
    new Option('--data-dir <dir>', 'data folder (default: the desktop app’s)').env('RINGTRUE_DATA_DIR')

  program
    .command('check')
    .description('import a contact list, check every number and optionally export the result')
    .addHelpText(
      'after',
      `
With --provider the offline check is followed by the paid one: the pre-flight (numbers, duplicates, coverage,
cost per provider and country, balance) is printed, and nothing is spent without --yes or --max-cost (on a
terminal Ringtrue asks). Ctrl-C pauses (requests in flight finish); a second Ctrl-C quits at once.

A country column is used only when you name it: --country-column <header or letter>, or --country-column auto
for the one Ringtrue detects (without the option every number is read with --region). A number that is not
valid for its row's country but valid for --region keeps that reading, with the reason country_column_mismatch.

Numbers written without a country code are read in the country the row and the list support (a city or
country named on the row, +CC on the row's other numbers, the countries the list holds, how the number is
written): reason region_inferred. A number valid in several of them with nothing to decide is held back as
unknown (ambiguous_region) and never sent to a paid provider; choose with \`ringtrue jobs resolve <id>\`.
The summary prints how the numbers split by country (--json: "countries"), and a warning on stderr when most
numbers do not fit --region.

--preflight-only stops after the offline check: it prints the pre-flight (with --provider) or the offline
summary and the country split, spends nothing and keeps the job:
  ringtrue check list.xlsx --region US --provider acedata --preflight-only
  ringtrue jobs resume <id> --yes

Exit codes: 0 done, 1 failed or a provider refused (key, credit, errors, coverage), 2 bad usage, a refused
file or no consent to spend, 3 paused by you, 4 stopped at the spending cap, 130 quit at once by a second
Ctrl-C (the next start finds the job interrupted). A paused job continues with \`ringtrue jobs resume <id>\`.`
    )
    .argument('<file>', 'spreadsheet, CSV or vCard file')
    .option('--sheet <name>', 'sheet to read (default: the first visible sheet with data)')
    .option('--column <name...>', 'phone column(s) by header or letter (default: detected)')
    .option(
      '--country-column <name>',
      'column holding each row’s country, by header or letter, or "auto" for the detected one; its country ' +
        'is applied to numbers written without a country code (default: none, every number uses --region)'
    )
    .option(
      '--region <cc>',
      'default country for numbers without a country code (default: from the OS locale)'
    )
    .option(
      '--provider <id>',
      `paid status provider (${LIVE_PROVIDER_IDS.join(', ')}) after the offline check; ` +
        'repeat in chain order (a number goes to the first that covers it); id:CN,HK limits a step to those ' +
        'countries (default: the offline check only)',
      collect
    )
    .option('--fallback <id>', 'provider asked again when the first answer is unknown or failed')
    .option('--yes', 'agree to pay for the lookups the pre-flight shows')
    .option('--max-cost <amount>', 'agree to spend up to this amount (per currency): the job’s spending cap')
    .option('--sample <n>', 'check n random numbers first, print the projection and stop (resume continues)')
    .addOption(
      new Option(
        '--preflight-only',
        'import and check offline, print the pre-flight and the country split, send and spend nothing, and ' +
          'keep the job for `ringtrue jobs resume <id>`'
      ).conflicts(['yes', 'sample', 'out'])
    )
    .option(
      '--line-types <list>',
      'offline line types sent to the paid check (default: mobile,fixed_line_or_mobile,unknown)'
    )
    .option('--out <file>', 'export the result to this .xlsx or .csv file')
    .option('--export <mode>', 'cleaned | full | split', 'cleaned')
    .option('--keep-unknown', 'keep rows whose status is unknown in the cleaned list')
    .option('--force', 'overwrite the output file if it exists')
    .option('--name <name>', 'name of the job')
    .option('--json', 'print one JSON object on stdout')
    .addOption(dataDirOption())
    .action(lazy(commands, 'runCheck'))

  program
    .command('providers')
    .description('status providers and their keys')
    .command('list')
    .option('--json', 'print JSON')
    .addOption(dataDirOption())
    .action(lazy(providersCli, 'providersList'))

  const keys = program.command('keys').description('store or remove provider API keys in the OS keychain')
  keys
    .command('set')
    .argument('<provider>', `one of ${LIVE_PROVIDER_IDS.join(', ')}`)
    .option('--field <field>', 'apiKey, or customerId for Telesign', 'apiKey')
    .addOption(dataDirOption())
    .action(lazy(commands, 'keysSet'))
  keys
    .command('delete')
    .argument('<provider>', 'provider id')
    .option('--field <field>', 'apiKey, or customerId for Telesign', 'apiKey')
    .addOption(dataDirOption())
    .action(lazy(commands, 'keysDelete'))

  const jobs = program
    .command('jobs')
    .description('list, show, resume, re-check, export and delete stored jobs')
  jobs
    .command('list')
    .description('every stored job')
    .option('--json', 'print JSON')
    .addOption(dataDirOption())
    .action(lazy(reads, 'jobsList'))
  jobs
    .command('show')
    .description('one job: file, counts per status, and the paid check (spend, pause reason)')
    .argument('<id>', 'job id')
    .option('--json', 'print JSON')
    .addOption(dataDirOption())
    .action(lazy(reads, 'jobsShow'))
  jobs
    .command('export')
    .description('export a job’s result to .xlsx or .csv')
    .argument('<id>', 'job id')
    .requiredOption('--out <file>', '.xlsx or .csv file to write')
    .option('--export <mode>', 'cleaned | full | split', 'cleaned')
    .option('--keep-unknown', 'keep rows whose status is unknown in the cleaned list')
    .option('--force', 'overwrite the output file if it exists')
    .option('--json', 'print JSON')
    .addOption(dataDirOption())
    .action(lazy(commands, 'jobsExport'))
  const consentOptions = (command: Command): Command =>
    command
      .option('--yes', 'agree to pay for the lookups the pre-flight shows')
      .option(
        '--max-cost <amount>',
        'agree to spend up to this amount on the job in total (per currency): its spending cap'
      )
      .option('--json', 'print one JSON object on stdout')
      .addOption(dataDirOption())

  consentOptions(
    jobs
      .command('resume')
      .description('start or continue the paid check of a paused job (after Ctrl-C, a cap, a key fix…)')
      .argument('<id>', 'job id')
      .option(
        '--recheck-uncertain',
        're-send requests that may have been charged without an answer (pays again)'
      )
      .option('--sample <n>', 'check n random numbers first, print the projection and stop')
  ).action(lazy(commands, 'jobsResume'))

  consentOptions(
    jobs
      .command('recheck')
      .description('ask the paid provider again, skipping the cache, for the rows of the given statuses')
      .argument('<id>', 'job id')
      .requiredOption(
        '--status <status>',
        `row status to re-check (repeatable): ${STATUSES.join(', ')}`,
        collect
      )
  ).action(lazy(commands, 'jobsRecheck'))

  jobs
    .command('resolve')
    .description('choose the country of numbers valid in several countries (ambiguous_region)')
    .argument('<id>', 'job id')
    .option('--region <cc>', 'read the ambiguous numbers as numbers of this country (two-letter code)')
    .option('--json', 'print JSON')
    .addOption(dataDirOption())
    .addHelpText('after', RESOLVE_HELP)
    .action(lazy(commands, 'jobsResolve'))

  jobs
    .command('uncertain')
    .description('list paid requests that may have been charged without an answer')
    .argument('<id>', 'job id')
    .option('--json', 'print JSON')
    .addOption(dataDirOption())
    .action(lazy(commands, 'jobsUncertain'))

  jobs
    .command('cancel')
    .description('cancel a paused paid check: nothing more is sent, every answer received is kept')
    .argument('<id>', 'job id')
    .addOption(dataDirOption())
    .action(lazy(commands, 'jobsCancel'))

  jobs
    .command('compare')
    .description(
      'compare two checks of a list number by number: newly inactive, revived, added, removed, changed'
    )
    .argument('<older>', 'job id of the earlier check')
    .argument('<newer>', 'job id of the later check')
    .option('--out <file>', 'also write the changed numbers to this .xlsx or .csv file')
    .option('--force', 'overwrite the output file if it exists')
    .option('--json', 'print JSON')
    .addOption(dataDirOption())
    .action(lazy(commands, 'jobsCompare'))

  jobs
    .command('delete')
    .description('delete a job and its results')
    .argument('<id>', 'job id')
    .addOption(dataDirOption())
    .action(lazy(commands, 'jobsDelete'))
  return program
}

let pipesGuarded = false

/**
 * A reader that goes away (`ringtrue jobs list | head -1`) closes stdout: the rest of the output is dropped
 * quietly and the command ends as it would have, instead of dying on an EPIPE stack trace.
 */
function quietOnClosedPipes(): void {
  if (pipesGuarded) return
  pipesGuarded = true
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED' || error.code === 'EIO') return
      throw error
    })
  }
}

/** Known failures become one line on stderr and exit 2 (usage, refused file) or 1; never a stack trace. */
async function failureOf(error: unknown): Promise<{ code: number; message: string; plain?: boolean }> {
  if (error instanceof CliExit) return { code: error.code, message: error.message, plain: error.plain }
  if (error instanceof UsageError) return { code: EXIT.usage, message: error.message }
  const { failureExit } = await failures()
  return failureExit(error)
}

/**
 * A usage error is one line and a pointer to the command's own help ("see `ringtrue jobs show --help`"), not
 * the whole help text: set on every command, since each names itself.
 */
function pointUsageErrorsAtHelp(command: Command, path: string[] = []): void {
  const names = [...path, command.name()]
  command.showHelpAfterError(`(see \`${names.join(' ')} --help\`)`)
  for (const sub of command.commands) pointUsageErrorsAtHelp(sub, names)
}

/** The version in the package.json beside the code (the repository's, or the installed package's). */
function packageVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string
        version?: string
      }
      if (manifest.name === 'ringtrue' && manifest.version) return manifest.version
    } catch {
      // No package.json here: look one folder up.
    }
    if (dirname(dir) === dir) return 'unknown'
  }
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipes()
  setEntryFile(__filename)
  const program = buildProgram()
  pointUsageErrorsAtHelp(program)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0
      if (error.code === 'commander.help') return 0
      return EXIT.usage
    }
    const { code, message, plain } = await failureOf(error)
    process.stderr.write(`${plain ? '' : 'ringtrue: '}${printable(message.replace(/\s*\n\s*/g, ' '))}\n`)
    return code
  }
}

/** The entry the installed bin (bin/ringtrue.js) calls: runs one command and resolves to its exit code. */
export function run(argv: string[]): Promise<number> {
  return main(argv)
}

// Run directly (`node out/main/cli.js`, or the source under tsx in development and tests). The installed bin
// requires this file and calls run() itself, so it never depends on how the command was started.
if (require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code
  })
}
