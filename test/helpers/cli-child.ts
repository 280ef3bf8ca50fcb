// Running the CLI from source as a child process (tsx, no terminal), for the CLI suites that talk to a simulator
// running in the test process: the child is always spawned asynchronously so the simulator keeps answering.
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../..')
export const CLI = join(ROOT, 'src-main', 'cli', 'index.ts')
export const TSX = require.resolve('tsx/cjs')

/** A +86 mobile; its last digit picks the simulator's answer (0 active, 1–4 inactive, 5–8 unknown, 9 invalid). */
export function cn(i: number): string {
  return `+86138${String(i).padStart(6, '0')}${Math.floor(i / 10) % 10}${i % 10}`
}

export interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface Running {
  readonly stdout: string
  readonly stderr: string
  signal(name: NodeJS.Signals): void
  write(text: string): void
  done: Promise<Run>
}

/** Starts the CLI in `cwd` with `env`; stdin is an empty pipe unless `keepStdin` (the test writes to it). */
export function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv, keepStdin = false): Running {
  return watch(spawn(process.execPath, ['--require', TSX, CLI, ...args], { cwd, env }), keepStdin)
}

/**
 * Starts the CLI on a pseudo-terminal through util-linux `script` (the test writes keystrokes to it). The shell
 * `script` starts is replaced by node (`exec`): otherwise a Ctrl-C also reaches that shell, and dash, Debian's
 * /bin/sh, answers it by dying of SIGINT (exit 130) whatever node itself did with the signal.
 */
export function startCliOnTerminal(args: string[], cwd: string, env: NodeJS.ProcessEnv): Running {
  const command = [process.execPath, '--require', TSX, CLI, ...args].map(shellQuote).join(' ')
  return watch(spawn('script', ['-qec', `exec ${command}`, '/dev/null'], { cwd, env }), true)
}

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`
}

/** Collects a child's output and exit; with `keepStdin` false its stdin is closed at once. */
export function watch(child: ReturnType<typeof spawn>, keepStdin: boolean): Running {
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  if (!keepStdin) child.stdin?.end()
  const done = new Promise<Run>((resolveRun, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolveRun({ code, signal, stdout, stderr }))
  })
  return {
    get stdout() {
      return stdout
    },
    get stderr() {
      return stderr
    },
    signal: (name) => child.kill(name),
    write: (text) => child.stdin?.write(text),
    done
  }
}

/** How many times each mobile (the body's `mobile`, without +86) reached an Ace Data Cloud simulator. */
export function sendsPerNumber(requests: readonly { body?: string | null }[]): Map<string, number> {
  const sends = new Map<string, number>()
  for (const r of requests) {
    if (!r.body) continue
    const mobile = (JSON.parse(r.body) as { mobile: string }).mobile
    sends.set(mobile, (sends.get(mobile) ?? 0) + 1)
  }
  return sends
}

/** The job id in the CLI's resume hint. */
export function jobIdIn(text: string): string {
  const id = /jobs resume (\w+)/.exec(text)?.[1]
  if (!id) throw new Error(`No job id in: ${text}`)
  return id
}

/**
 * stderr without the plain progress lines a run without a terminal writes (--progress auto): what is left are
 * the notes, warnings and errors a test looks at.
 */
export function withoutProgress(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !/^ringtrue: (import|offline check|paid check) /.test(line))
    .join('\n')
}
