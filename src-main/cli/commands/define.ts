// What the command definitions share: the lazy action, the common options and the examples in every help. The
// definitions load only commander and text, so `--help`, a usage error and completion start fast; an action
// loads its handler (cli/handlers/*) when it runs.
import { Option, type Command } from 'commander'
import { lazyModule } from '../lazy'

/** An action whose handler module is loaded when it runs (the bundle keeps each handler as its own chunk). */
export function lazyAction<M, K extends keyof M>(
  bundled: () => Promise<M>,
  sourceFile: string,
  name: K
): (...args: unknown[]) => Promise<void> {
  const load = lazyModule(bundled, sourceFile)
  return async (...args) => {
    const handler = (await load())[name] as (...a: unknown[]) => unknown
    await handler(...args)
  }
}

/** Repeatable options: `--provider a --provider b` → ['a', 'b']. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

export function dataDirOption(): Option {
  return new Option('--data-dir <dir>', 'data folder (default: the desktop app’s)').env('RINGTRUE_DATA_DIR')
}

export function jsonOption(command: Command, schema: string): Command {
  return command.option('--json', `print one JSON document on stdout (schema ringtrue.${schema}/1)`)
}

export const PROGRESS_MODES = ['auto', 'bar', 'plain', 'json', 'none'] as const
export type ProgressMode = (typeof PROGRESS_MODES)[number]

/** `--progress` and `--quiet`, for the commands that run a check in the foreground. */
export function progressOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--progress <mode>',
        'progress on stderr: bar on a terminal, plain lines every few seconds without one (auto), json ' +
          'events (NDJSON), or none'
      )
        .choices(PROGRESS_MODES)
        .default('auto')
    )
    .option('-q, --quiet', 'print no progress, notes or warnings on stderr; errors still are')
    .addHelpText('after', PROGRESS_HELP)
}

const PROGRESS_HELP = `
Progress (stderr): --progress auto is a bar on a terminal and plain lines without one (nothing with --json);
TERM=dumb and NO_COLOR get plain lines, never escape sequences. plain and json write each phase's start and end
(import, offline, paid) and a line or event every 5 s (RINGTRUE_PROGRESS_INTERVAL_MS changes it); json events
follow the schema ringtrue.progress/1.`

/** What an export writes: --out (a file, or - for stdout) and the options that shape it. */
export function exportOptions(command: Command, out: Option): Command {
  return command
    .addOption(out)
    .addOption(
      new Option('--out-format <format>', 'format of --out - (default: csv)').choices(['csv', 'xlsx'])
    )
    .option('--export <mode>', 'cleaned | full | split', 'cleaned')
    .option('--keep-unknown', 'keep rows whose status is unknown in the cleaned list')
    .option('--no-bom', 'write CSV without the byte-order mark Excel needs (for Unix tools)')
    .option('--force', 'overwrite the output file if it exists')
}

/** "Examples:" with one command per line, after the options in a command's help. */
/** `lines` are [what it does, the command]. */
export function examples(command: Command, lines: [string, string][]): Command {
  const text = lines.map(([what, line]) => `  # ${what}\n  $ ${line}`).join('\n\n')
  return command.addHelpText('after', `\nExamples:\n${text}`)
}
