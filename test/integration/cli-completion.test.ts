// `ringtrue completion bash|zsh|fish`: the scripts parse in their shells and really complete (issue 13). Bash
// is driven the way it drives a completion function: COMP_WORDS and COMP_CWORD set, `_ringtrue` called, COMPREPLY
// read back; fish answers `complete -C`.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command, Option } from 'commander'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram } from '../../src-main/cli/program'
import { completionScript } from '../../src-main/cli/handlers/completion'
import { CLI, ROOT, TSX } from '../helpers/cli-child'

const has = (shell: string): boolean => spawnSync(shell, ['-c', 'true']).status === 0

let dir: string
const scripts: Record<string, string> = {}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringtrue-completion-'))
  for (const shell of ['bash', 'zsh', 'fish']) {
    const run = spawnSync(process.execPath, ['--require', TSX, CLI, 'completion', shell], {
      cwd: dir,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
        RINGTRUE_DATA_DIR: join(dir, 'data')
      },
      encoding: 'utf8'
    })
    expect(run.status, run.stderr).toBe(0)
    scripts[shell] = join(dir, `ringtrue.${shell}`)
    writeFileSync(scripts[shell], run.stdout)
  }
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** What bash's completion offers for the words typed so far (the last one, maybe empty, is completed). */
function bashComplete(...words: string[]): string[] {
  const driver = [
    `source ${JSON.stringify(scripts.bash)}`,
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    `COMP_LINE=${JSON.stringify(words.join(' '))}`,
    '_ringtrue',
    `printf '%s\\n' "\${COMPREPLY[@]}"`
  ].join('\n')
  const run = spawnSync('bash', ['--norc', '--noprofile', '-c', driver], { cwd: dir, encoding: 'utf8' })
  expect(run.stderr).toBe('')
  return run.stdout.split('\n').filter(Boolean).sort()
}

describe('the scripts parse in their shells', () => {
  it('bash -n', () => {
    const run = spawnSync('bash', ['-n', scripts.bash], { encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })

  it.runIf(has('zsh'))('zsh -n, and the script names every command', () => {
    const run = spawnSync('zsh', ['-n', scripts.zsh], { encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const text = spawnSync('cat', [scripts.zsh], { encoding: 'utf8' }).stdout
    for (const path of [
      'check',
      'jobs',
      'jobs list',
      'jobs show',
      'jobs export',
      'jobs resume',
      'jobs recheck',
      'jobs resolve',
      'jobs uncertain',
      'jobs cancel',
      'jobs delete',
      'jobs compare',
      'keys set',
      'keys delete',
      'providers list',
      'completion'
    ]) {
      expect(text, path).toContain(`('${path}')`)
    }
  })

  it.runIf(has('fish'))('fish -n', () => {
    const run = spawnSync('fish', ['-n', scripts.fish], { encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })
})

describe('bash completes', () => {
  it('ringtrue j<Tab> → jobs', () => {
    expect(bashComplete('ringtrue', 'j')).toEqual(['jobs'])
  })

  it('ringtrue jobs <Tab> → the subcommands', () => {
    expect(bashComplete('ringtrue', 'jobs', '')).toEqual(
      [
        'cancel',
        'compare',
        'delete',
        'export',
        'list',
        'recheck',
        'resolve',
        'resume',
        'show',
        'uncertain'
      ].sort()
    )
  })

  it('ringtrue check --progress <Tab> → the modes', () => {
    expect(bashComplete('ringtrue', 'check', '--progress', '')).toEqual([
      'auto',
      'bar',
      'json',
      'none',
      'plain'
    ])
  })

  it('ringtrue jobs list --st<Tab> → --status, also after another option and its value', () => {
    expect(bashComplete('ringtrue', 'jobs', 'list', '--st')).toEqual(['--status'])
    expect(bashComplete('ringtrue', 'jobs', 'list', '--limit', '5', '--st')).toEqual(['--status'])
    expect(bashComplete('ringtrue', '--data-dir', '/tmp', 'jobs', 'list', '--st')).toEqual(['--status'])
  })

  it('ringtrue completion <Tab> → the shells', () => {
    expect(bashComplete('ringtrue', 'completion', '')).toEqual(['bash', 'fish', 'zsh'])
  })
})

describe.runIf(has('fish'))('fish completes', () => {
  function fishComplete(line: string): string[] {
    const run = spawnSync('fish', ['--no-config', '-c', `source ${scripts.fish}; complete -C '${line}'`], {
      cwd: dir,
      encoding: 'utf8'
    })
    expect(run.stderr).toBe('')
    return run.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0])
      .sort()
  }

  it("complete -C 'ringtrue jobs ' lists the subcommands", () => {
    expect(fishComplete('ringtrue jobs ')).toEqual(
      [
        'cancel',
        'compare',
        'delete',
        'export',
        'list',
        'recheck',
        'resolve',
        'resume',
        'show',
        'uncertain'
      ].sort()
    )
  })

  it("complete -C 'ringtrue providers ' lists only its own subcommand", () => {
    expect(fishComplete('ringtrue providers ')).toEqual(['list'])
  })

  it("complete -C 'ringtrue completion ' lists the shells", () => {
    expect(fishComplete('ringtrue completion ')).toEqual(['bash', 'fish', 'zsh'])
  })

  it("complete -C 'ringtrue check --progress ' lists the modes", () => {
    expect(fishComplete('ringtrue check --progress ')).toEqual(['auto', 'bar', 'json', 'none', 'plain'])
  })
})

describe('the scripts come from the command tree', () => {
  it('a command added to the tree appears in every script', () => {
    const program = buildProgram(() => '0.0.0')
    program
      .command('frobnicate')
      .summary('a command added later')
      .addOption(new Option('--level <level>', 'how much').choices(['low', 'high']))
    const bash = completionScript(program, 'bash')
    expect(bash).toContain("'/frobnicate'")
    expect(bash).toContain("'frobnicate|--level') COMPREPLY=($(compgen -W 'low high' -- \"$cur\"))")
    expect(completionScript(program, 'zsh')).toContain("('frobnicate')")
    expect(completionScript(program, 'fish')).toContain("-a frobnicate -d 'a command added later'")
  })

  it('a small program of its own gets exactly its commands and options', () => {
    const tiny = new Command('tiny')
    tiny.command('alpha').summary('first').option('--fast', 'quickly')
    tiny.command('beta').summary('second')
    const fish = completionScript(tiny, 'fish')
    expect(fish).toContain(
      "complete -c ringtrue -n 'not __fish_seen_subcommand_from alpha beta' -a alpha -d 'first'"
    )
    expect(fish).toContain("complete -c ringtrue -n '__fish_seen_subcommand_from alpha' -l fast -d 'quickly'")
    expect(() => completionScript(tiny, 'tcsh')).toThrow('No completion for the shell "tcsh"')
  })
})
