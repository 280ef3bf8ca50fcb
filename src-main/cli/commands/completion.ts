// `ringtrue completion <shell>`: a completion script generated from the command tree itself.
import { join } from 'node:path'
import { Argument, type Command } from 'commander'
import { examples, lazyAction } from './define'

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const

export function defineCompletion(program: Command): void {
  const completion = program
    .command('completion')
    .summary('print a shell completion script (bash, zsh, fish)')
    .description(
      'Print a completion script for bash, zsh or fish on stdout: commands, subcommands, options and their\n' +
        'choices complete with Tab. Load it from your shell’s start-up file.'
    )
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(COMPLETION_SHELLS))
    .action(
      lazyAction(
        () => import('../handlers/completion'),
        join(__dirname, '..', 'handlers', 'completion'),
        'printCompletion'
      )
    )
  examples(completion, [
    ['bash, for this shell', 'source <(ringtrue completion bash)'],
    ['zsh, in ~/.zshrc', 'source <(ringtrue completion zsh)'],
    ['fish, once', 'ringtrue completion fish > ~/.config/fish/completions/ringtrue.fish']
  ])
}
