// The whole `ringtrue` command tree: every command's arguments, options and help, built from the definitions in
// cli/commands/. Completion scripts are generated from the same tree.
import { Command, CommanderError } from 'commander'
import { configureConsole } from './console'
import { exitCodeList } from './errors'
import { defineCheck } from './commands/check'
import { defineCompletion } from './commands/completion'
import { examples } from './commands/define'
import { defineJobs } from './commands/jobs'
import { defineKeys, defineProviders } from './commands/keys'

/**
 * A usage error is one line and a pointer to the command's own help ("see `ringtrue jobs show --help`"), not
 * the whole help text: set on every command, since each names itself.
 */
function pointUsageErrorsAtHelp(command: Command, path: string[] = []): void {
  const names = [...path, command.name()]
  command.showHelpAfterError(`(see \`${names.join(' ')} --help\`)`)
  for (const sub of command.commands) pointUsageErrorsAtHelp(sub, names)
}

export function buildProgram(version: () => string): Command {
  const program = new Command()
  program
    .name('ringtrue')
    .description('Phone contact-list hygiene: import, normalize, check, review and export.')
    .option('-V, --version', 'print the version and exit')
    .on('option:version', () => {
      // Read only when asked: the package.json is not opened on every start.
      const text = version()
      process.stdout.write(`${text}\n`)
      throw new CommanderError(0, 'commander.version', text)
    })
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', `\n${exitCodeList()}`)
    .hook('preAction', (_program, action) => configureConsole(action.opts()))
  defineCheck(program)
  defineJobs(program)
  defineKeys(program)
  defineProviders(program)
  defineCompletion(program)
  examples(program, [
    ['check a list offline and keep the cleaned copy', 'ringtrue check contacts.xlsx --out clean.xlsx'],
    ['the stored jobs', 'ringtrue jobs list'],
    ['help on one command', 'ringtrue help jobs list']
  ])
  pointUsageErrorsAtHelp(program)
  return program
}
