// `ringtrue check`: its arguments, options and help.
import { join } from 'node:path'
import { Option, type Command } from 'commander'
// The vocabulary module, not providers/types: that one loads zod, which --help does not need.
import { CONFIGURABLE_PROVIDER_IDS as LIVE_PROVIDER_IDS } from '../../core/domain/vocabulary'
import { exitCodeList } from '../errors'
import {
  collect,
  dataDirOption,
  examples,
  exportOptions,
  jsonOption,
  lazyAction,
  progressOptions
} from './define'

const CHECK_HELP = `
Files: one or more spreadsheets (.xlsx, .xls, .ods), CSV/TSV files or vCards; shell globs work. Each file is its
own job. "-" reads the list from stdin (its format is told from its content), and so do /dev/stdin and <(…).
With several files, --json prints one JSON document per file, one per line (NDJSON).

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
summary and the country split, spends nothing and keeps the job for \`ringtrue jobs resume <id>\`.

--out - writes the export to stdout (CSV unless --out-format xlsx); the summary then goes to stderr. With several
files, --out takes {name} for each file's name: --out 'clean/{name}.csv'.

${exitCodeList()}
A paused job continues with \`ringtrue jobs resume <id>\`.`

export function defineCheck(program: Command): void {
  const check = program
    .command('check')
    .summary('import contact lists, check every number and export the result')
    .description(
      'Import one or more contact lists, find the phone column, normalize and check every number offline,\n' +
        'optionally with paid status providers, and export the cleaned list.'
    )
    .argument('<files...>', 'spreadsheet, CSV or vCard files, or - for stdin')
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
    .option('--name <name>', 'name of the job (default: the file’s name)')
  exportOptions(
    check,
    new Option('--out <file>', 'export the result to this .xlsx or .csv file, or - for stdout')
  )
  jsonOption(check, 'check')
  progressOptions(check)
    .addOption(dataDirOption())
    .addHelpText('after', CHECK_HELP)
    .action(
      lazyAction(() => import('../handlers/check'), join(__dirname, '..', 'handlers', 'check'), 'runCheck')
    )
  examples(check, [
    ['check a list offline and keep the cleaned copy', 'ringtrue check contacts.xlsx --out clean.xlsx'],
    [
      'see what a paid check would cost, spending nothing',
      'ringtrue check contacts.xlsx --region US --provider acedata --preflight-only'
    ],
    [
      'in a pipeline: CSV in, cleaned CSV out, the summary on stderr',
      'cat contacts.csv | ringtrue check - --out - --no-bom > clean.csv'
    ]
  ])
}
