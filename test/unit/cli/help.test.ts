// Every command's help explains it and shows two or three examples, and every example is a command line the CLI
// itself accepts: a renamed option or command fails here instead of in a user's terminal.
import type { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { buildProgram } from '../../../src-main/cli/program'

function everyCommand(command: Command, path: string[] = []): { path: string[]; command: Command }[] {
  const here = [...path, command.name()]
  return [
    { path: here, command },
    ...command.commands.filter((c) => c.name() !== 'help').flatMap((c) => everyCommand(c, here))
  ]
}

/** The whole help text as `--help` prints it, the text added after the options included. */
function helpText(command: Command): string {
  let text = ''
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) })
  command.outputHelp()
  return text
}

/** A shell line's words, quotes removed (enough for the examples: no escapes inside quotes). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3])
}

/** The `ringtrue …` part of an example (it may sit in a pipeline, after `source <(` or before `>`). */
function ringtrueWords(line: string): string[] {
  const all = words(line.replace(/^source <\(/, '').replace(/\)$/, ''))
  const start = all.indexOf('ringtrue')
  const rest = all.slice(start + 1)
  const end = rest.findIndex((w) => w === '|' || w === '>' || w.startsWith('>'))
  return end === -1 ? rest : rest.slice(0, end)
}

/** Walks the words through the command tree; returns what is wrong with them, or null. */
function problemWith(program: Command, args: string[]): string | null {
  // `ringtrue help jobs list` names a command instead of running it.
  if (args[0] === 'help') return problemWith(program, [...args.slice(1), '--help'])
  let command = program
  let i = 0
  while (i < args.length) {
    const sub = command.commands.find((c) => c.name() === args[i])
    if (!sub) break
    command = sub
    i++
  }
  let positionals = 0
  for (; i < args.length; i++) {
    const word = args[i]
    if (word.startsWith('-') && word !== '-') {
      if (word === '--help' || word === '-h') continue
      const option = command.options.find((o) => o.long === word || o.short === word)
      if (!option) return `${command.name()} has no option ${word}`
      if (option.required || option.optional) {
        const value = args[++i]
        if (value === undefined) return `${word} needs a value`
        if (option.argChoices && !option.argChoices.includes(value)) return `${word} does not take ${value}`
      }
    } else {
      positionals++
    }
  }
  const required = command.registeredArguments.filter((a) => a.required).length
  if (positionals < required) return `${command.name()} needs ${required} arguments, got ${positionals}`
  const variadic = command.registeredArguments.some((a) => a.variadic)
  if (!variadic && positionals > command.registeredArguments.length) {
    return `${command.name()} takes ${command.registeredArguments.length} arguments, got ${positionals}`
  }
  return null
}

const program = buildProgram(() => '0.0.0-test')

describe('the help of every command', () => {
  const commands = everyCommand(program)

  it('covers the whole tree', () => {
    expect(commands.map((c) => c.path.join(' '))).toEqual(
      expect.arrayContaining([
        'ringtrue',
        'ringtrue check',
        'ringtrue jobs list',
        'ringtrue jobs delete',
        'ringtrue keys set',
        'ringtrue providers list',
        'ringtrue completion'
      ])
    )
    expect(commands.length).toBeGreaterThanOrEqual(19)
  })

  it.each(commands.map((c) => [c.path.join(' '), c.command] as const))(
    '%s has a description and two or three examples the CLI accepts',
    (_name, command) => {
      expect(command.description().length).toBeGreaterThan(20)
      const text = helpText(command)
      const examples = text.split('\n').filter((l) => l.trimStart().startsWith('$ '))
      expect(examples.length).toBeGreaterThanOrEqual(2)
      expect(examples.length).toBeLessThanOrEqual(3)
      for (const example of examples) {
        const args = ringtrueWords(example.trim().slice(2))
        expect(problemWith(program, args), example).toBeNull()
      }
    }
  )

  it('finds a wrong example (the checker itself works)', () => {
    expect(problemWith(program, ['jobs', 'list', '--staus', 'paused'])).toBe('list has no option --staus')
    expect(problemWith(program, ['check', '--progress', 'loud', 'a.csv'])).toBe(
      '--progress does not take loud'
    )
    expect(problemWith(program, ['jobs', 'show'])).toBe('show needs 1 arguments, got 0')
    expect(problemWith(program, ['jobs', 'show', 'a', 'b'])).toBe('show takes 1 arguments, got 2')
    expect(problemWith(program, ['help', 'jobs', 'lst'])).toBe('jobs takes 0 arguments, got 1')
  })

  it('ends the program’s and check’s help with every exit code, 130 included', () => {
    for (const command of [program, commands.find((c) => c.path.join(' ') === 'ringtrue check')!.command]) {
      const text = helpText(command)
      for (const code of ['0', '1', '2', '3', '4', '130'])
        expect(text).toMatch(new RegExp(`^  ${code} +\\S`, 'm'))
    }
  })
})
