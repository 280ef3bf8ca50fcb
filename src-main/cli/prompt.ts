// Questions asked of the person at the terminal: consent to spend, a delete confirmation, a hidden key. They read
// and write the terminal itself (/dev/tty), so they still reach the user when stdout or stderr go to a file or a
// pipe; without a terminal a command refuses with exit 2 and names the flag to add, instead of waiting forever.
import { closeSync, openSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { isatty, ReadStream, WriteStream } from 'node:tty'
import { CliExit, EXIT, UsageError } from './errors'

interface Terminal {
  input: ReadStream
  output: WriteStream
  close(): void
}

/** Windows has no /dev/tty: there the standard streams are the terminal, when they are one. */
const windows = process.platform === 'win32'

/**
 * Someone is there to answer: the process has a controlling terminal and one of its standard streams is that
 * terminal. A run whose streams are all pipes or files (a script, a test harness, cron) is not asked, even when
 * started from a terminal window: it refuses, so a pipeline never stops to wait for an answer nobody sees.
 */
export function terminalAvailable(): boolean {
  if (![0, 1, 2].some((fd) => isatty(fd))) return false
  if (windows) return process.stdin.isTTY === true && process.stderr.isTTY === true
  try {
    closeSync(openSync('/dev/tty', 'r+'))
    return true
  } catch {
    // ENXIO: no controlling terminal (setsid, a service, CI).
    return false
  }
}

function openTerminal(refusal: string): Terminal {
  if (!terminalAvailable()) throw new CliExit(EXIT.usage, refusal)
  if (windows) {
    const input = process.stdin as ReadStream
    return { input, output: process.stderr as WriteStream, close: () => input.pause() }
  }
  const inputFd = openSync('/dev/tty', 'r')
  const outputFd = openSync('/dev/tty', 'w')
  const input = new ReadStream(inputFd)
  const output = new WriteStream(outputFd)
  return {
    input,
    output,
    close: () => {
      input.destroy()
      output.destroy()
    }
  }
}

/**
 * Asks a yes/no question on the terminal; only "y" or "yes" is a yes (Enter, Ctrl-C and Ctrl-D are a no).
 * Without a terminal it throws a usage error with `refusal`, which says which flag to add.
 */
export async function askYesNo(question: string, refusal: string): Promise<boolean> {
  const terminal = openTerminal(refusal)
  const rl = createInterface({ input: terminal.input, output: terminal.output, terminal: true })
  try {
    return await new Promise<boolean>((resolve) => {
      rl.on('SIGINT', () => resolve(false))
      rl.on('close', () => resolve(false))
      rl.question(question, (answer) => resolve(/^y(es)?$/i.test(answer.trim())))
    })
  } finally {
    rl.close()
    terminal.close()
  }
}

/** Reads a line typed on the terminal without showing it (a key). Ctrl-C cancels. */
export async function readHidden(prompt: string, refusal: string): Promise<string> {
  const terminal = openTerminal(refusal)
  const { input, output } = terminal
  output.write(prompt)
  input.setRawMode(true)
  input.resume()
  return new Promise((resolvePromise, reject) => {
    let typed = ''
    const onData = (data: Buffer): void => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          done()
          resolvePromise(typed.trim())
          return
        }
        if (char === '\u0003') {
          done()
          reject(new UsageError('cancelled'))
          return
        }
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char
      }
    }
    const done = (): void => {
      input.off('data', onData)
      input.setRawMode(false)
      output.write('\n')
      terminal.close()
    }
    input.on('data', onData)
  })
}
