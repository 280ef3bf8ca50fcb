// The `ringtrue` command line's entry (built as out/main/cli.js, which bin/ringtrue.js runs). It loads commander,
// the command definitions and plain text only; each action loads its handler when it runs (cli/handlers/*), so
// `--help`, a usage error, completion or `jobs list` start without SheetJS, the phone metadata or the providers.
// The bundle turns those import() calls into require() of separate chunks.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { CommanderError } from 'commander'
import { CliExit, EXIT, UsageError } from './errors'
import { lazyModule } from './lazy'
import { buildProgram } from './program'
import { printable } from './text'
import { setEntryFile } from './workers'

const failures = lazyModule(() => import('./failure'), join(__dirname, 'failure'))

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

/** `ringtrue help jobs list` is `ringtrue jobs list --help` (commander's own help command stops at one level). */
function helpFor(argv: string[]): string[] {
  if (argv[0] !== 'help' || argv.length < 2) return argv
  return [...argv.slice(1), '--help']
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipes()
  setEntryFile(__filename)
  const program = buildProgram(packageVersion)
  try {
    await program.parseAsync(helpFor(argv), { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0
      if (error.code === 'commander.help') return 0
      return EXIT.usage
    }
    const { code, message, plain } = await failureOf(error)
    // An empty message: the command has said everything already (several files of `check`, each reported).
    if (message) {
      process.stderr.write(`${plain ? '' : 'ringtrue: '}${printable(message.replace(/\s*\n\s*/g, ' '))}\n`)
    }
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
