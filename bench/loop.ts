// The cleaning loop side by side with the pandas peer (issue 10): the same generated lists, the same machine, the
// same run. Ringtrue runs as a user runs it (`node bin/ringtrue.js …`, the built CLI, a fresh --data-dir each
// time); the peer is ../shared/bench/peer_clean.py under /usr/bin/python3. Part of `npm run bench`; alone with
// `npm run bench -- --only loop [--quick]`.
import { spawnSync } from 'node:child_process'
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync
} from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Papa from 'papaparse'
import * as XLSX from 'xlsx'

const ROOT = resolve(__dirname, '..')
const CLI = join(ROOT, 'bin', 'ringtrue.js')
/** The peer material is used in place, beside the checkout, never copied. */
const PEER_DIR = resolve(ROOT, '..', 'shared', 'bench')
/** Debian's Python has the peer's packages; another python3 on PATH may not. Overridable for other setups. */
const PYTHON = process.env.RINGTRUE_BENCH_PYTHON || '/usr/bin/python3'
/** Debian's `time` package: `%M` is the peak resident set of the child (wait4), in KiB. */
const GNU_TIME = '/usr/bin/time'
const PEER_PACKAGES = 'python3-pandas python3-openpyxl python3-phonenumbers'
const REGION = 'CN'
/** Medians of three for the 100k rows, one run for the million (it takes a minute per side). */
const RUNS = 3
const HELP_RUNS = 7
/** A row counts as kept by the cleaned export when its status is one of these (export/index.ts, `cleaned`). */
const KEPT = new Set(['active', 'unchecked'])

const TARGETS = {
  cleanXlsx: 0.35,
  csvSmall: 0.8,
  csvBig: 0.5,
  bigRssMb: 600,
  storePerCsv: 2.5,
  spaceReturnedPct: 90,
  help: 2
}

export interface LoopOptions {
  quick: boolean
  /** Progress lines while the table runs (stderr in --json mode). */
  log: (line: string) => void
}

export interface LoopResult {
  lines: string[]
  figures: Record<string, number | null>
  rows: { small: number; big: number }
  peer: 'ran' | 'skipped'
}

interface Timed {
  seconds: number
  rssMb: number | null
  stdout: string
}

interface Kept {
  /** Data rows in the output file (header excluded). */
  rows: number
  /** Distinct E.164 numbers among the rows a cleaned list keeps. */
  numbers: Set<string>
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function verdict(ok: boolean | null): string {
  return ok === null ? '—' : ok ? 'PASS' : 'MISS'
}

function count(n: number): string {
  return n.toLocaleString('en-US')
}

function label(rows: number): string {
  return rows >= 1_000_000 && rows % 1_000_000 === 0 ? `${rows / 1_000_000}M` : `${rows / 1000}k`
}

/** Bytes the folder occupies on disk, as `du` counts them (allocated blocks, not apparent sizes). */
function du(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.blocks * 512
  return readdirSync(path).reduce((sum, name) => sum + du(join(path, name)), stat.blocks * 512)
}

function mb(bytes: number): number {
  return bytes / (1024 * 1024)
}

function run(command: string, args: string[], cwd: string, rssFile: string | null): Timed {
  const argv = rssFile ? ['-f', '%M', '-o', rssFile, command, ...args] : args
  const started = performance.now()
  const child = spawnSync(rssFile ? GNU_TIME : command, argv, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const seconds = (performance.now() - started) / 1000
  if (child.error) throw child.error
  if (child.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${child.status}: ${child.stderr.trim()}`)
  }
  const rssMb = rssFile ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : null
  return { seconds, rssMb, stdout: child.stdout }
}

/** Which of the peer's modules this Python lacks, plus their versions when none is missing. */
function probePython(): { missing: string[]; versions: string } | null {
  if (!existsSync(PYTHON)) return null
  const probe = spawnSync(
    PYTHON,
    [
      '-c',
      'import importlib, importlib.util, sys\n' +
        'mods = ["pandas", "openpyxl", "phonenumbers"]\n' +
        'missing = [m for m in mods if importlib.util.find_spec(m) is None]\n' +
        'print(" ".join(missing))\n' +
        'print("Python %s" % sys.version.split()[0] + ("" if missing else ", " + ", ".join("%s %s" % (m, importlib.import_module(m).__version__) for m in mods)))'
    ],
    { encoding: 'utf8' }
  )
  if (probe.status !== 0) return null
  const [missing, versions] = probe.stdout.split('\n')
  return { missing: missing.split(' ').filter(Boolean), versions }
}

/** Every data row of the first sheet (xlsx) or of the file (csv), as text cells, header first. */
async function eachRow(path: string, onRow: (cells: string[]) => void): Promise<void> {
  if (path.endsWith('.xlsx')) {
    const book = XLSX.readFile(path, { dense: true })
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]], {
      header: 1,
      raw: false,
      defval: '',
      blankrows: false
    })
    for (const row of rows) onRow(row.map(String))
    return
  }
  await new Promise<void>((done, fail) => {
    Papa.parse<string[]>(createReadStream(path, 'utf8'), {
      skipEmptyLines: true,
      step: (result) => onRow(result.data),
      complete: () => done(),
      error: fail
    })
  })
}

/**
 * What an output file keeps: its data rows, and the distinct E.164 numbers of the rows a cleaned list keeps (all
 * rows of the peer's file; Ringtrue's rows whose Status is active or unchecked, each of their numbers).
 */
async function kept(path: string): Promise<Kept> {
  let header: string[] | null = null
  let e164 = -1
  let status = -1
  let rows = 0
  const numbers = new Set<string>()
  await eachRow(path, (cells) => {
    if (header === null) {
      header = cells.map((c) => c.replace(/^\uFEFF/, '').trim())
      e164 = header.indexOf('E.164')
      status = header.indexOf('Status')
      return
    }
    rows++
    if (status >= 0 && !KEPT.has(cells[status])) return
    for (const n of (cells[e164] ?? '').split(';')) if (n.trim()) numbers.add(n.trim())
  })
  if (e164 < 0) throw new Error(`${path} has no E.164 column`)
  return { rows, numbers }
}

function agreement(ringtrue: Kept, peer: Kept): string {
  let both = 0
  for (const n of ringtrue.numbers) if (peer.numbers.has(n)) both++
  return (
    `distinct valid E.164: Ringtrue ${count(ringtrue.numbers.size)}, peer ${count(peer.numbers.size)}, ` +
    `in both ${count(both)} (only Ringtrue ${count(ringtrue.numbers.size - both)}, only peer ${count(peer.numbers.size - both)})`
  )
}

interface Pair {
  ringtrue: Timed[]
  peer: Timed[]
  ringtrueOut: string
  peerOut: string | null
  dataDir: string
  jobId: string
  /** Ringtrue's job counts from `check --json` (rows and rows per status). */
  summary: { rows: number; byStatus: Record<string, number> }
}

export async function loopBench(options: LoopOptions): Promise<LoopResult> {
  const small = options.quick ? 10_000 : 100_000
  const big = options.quick ? 100_000 : 1_000_000
  const rows = { small, big }
  const figures: Record<string, number | null> = {}
  const lines: string[] = []
  const python = probePython()
  if (!python || !existsSync(join(PEER_DIR, 'make_contacts.py'))) {
    const why = !python ? `${PYTHON} was not found` : `${PEER_DIR}/make_contacts.py was not found`
    return {
      lines: [`loop vs peer skipped: ${why}; the lists are generated by make_contacts.py with it`],
      figures,
      rows,
      peer: 'skipped'
    }
  }
  const peerOk = python.missing.length === 0
  const rss = existsSync(GNU_TIME)
  const dir = mkdtempSync(join(tmpdir(), 'ringtrue-bench-loop-'))
  const say = options.log
  if (!peerOk)
    say(`peer skipped: ${PYTHON} lacks ${python.missing.join(', ')}; Ringtrue's figures follow alone`)
  const loadBefore = loadavg()[0]
  try {
    // 1. Inputs: make_contacts.py writes the xlsx with openpyxl; without it, SheetJS writes the same rows.
    const xlsxIn = join(dir, `contacts-${label(small)}.xlsx`)
    const csvSmall = join(dir, `contacts-${label(small)}.csv`)
    const csvBig = join(dir, `contacts-${label(big)}.csv`)
    say(`Generating ${label(small)} xlsx, ${label(small)} csv and ${label(big)} csv lists in ${dir} …`)
    const make = (n: number, out: string): void => {
      run(PYTHON, [join(PEER_DIR, 'make_contacts.py'), String(n), out], dir, null)
    }
    make(small, csvSmall)
    make(big, csvBig)
    let xlsxNote = ''
    if (python.missing.includes('openpyxl')) {
      const book = XLSX.read(readFileSync(csvSmall, 'utf8'), { type: 'string', raw: true })
      XLSX.writeFile(book, xlsxIn, { compression: true })
      xlsxNote = ' (openpyxl missing: the xlsx was written by SheetJS from the same rows)'
    } else {
      make(small, xlsxIn)
    }

    // 2. The timed pairs, alternating peer and Ringtrue so that load swings hit both.
    let serial = 0
    const failures: string[] = []
    const pair = (input: string, format: 'xlsx' | 'csv', mode: 'cleaned' | 'full', runs: number): Pair => {
      const result: Pair = {
        ringtrue: [],
        peer: [],
        ringtrueOut: '',
        peerOut: null,
        dataDir: '',
        jobId: '',
        summary: { rows: 0, byStatus: {} }
      }
      for (let i = 0; i < runs; i++) {
        serial++
        if (result.dataDir) rmSync(result.dataDir, { recursive: true, force: true })
        if (peerOk) {
          result.peerOut = join(dir, `peer-${serial}.${format}`)
          say(`  peer     ${label(input === csvBig ? big : small)} ${format} run ${i + 1}/${runs} …`)
          result.peer.push(
            run(
              PYTHON,
              [join(PEER_DIR, 'peer_clean.py'), input, result.peerOut, REGION],
              dir,
              rss ? join(dir, 'rss') : null
            )
          )
        }
        result.ringtrueOut = join(dir, `ringtrue-${serial}.${format}`)
        result.dataDir = join(dir, `data-${serial}`)
        say(`  ringtrue ${label(input === csvBig ? big : small)} ${format} run ${i + 1}/${runs} …`)
        const check = (): Timed =>
          run(
            process.execPath,
            [
              CLI,
              'check',
              input,
              '--region',
              REGION,
              '--export',
              mode,
              '--out',
              result.ringtrueOut,
              '--data-dir',
              result.dataDir,
              '--json'
            ],
            dir,
            rss ? join(dir, 'rss') : null
          )
        let timed: Timed
        // A failed run is reported with the table and run once more (from a clean folder), so one intermittent
        // failure does not cost the whole table; a second failure ends the bench.
        try {
          timed = check()
        } catch (error) {
          failures.push(`${label(input === csvBig ? big : small)} ${format}: ${(error as Error).message}`)
          say(`  ringtrue run failed, running it again: ${(error as Error).message}`)
          rmSync(result.dataDir, { recursive: true, force: true })
          rmSync(result.ringtrueOut, { force: true })
          timed = check()
        }
        result.ringtrue.push(timed)
        const summary = JSON.parse(timed.stdout) as {
          jobId: string
          rows: number
          byStatus: Record<string, number>
        }
        result.jobId = summary.jobId
        result.summary = summary
      }
      return result
    }

    say(`Ringtrue vs peer, ${label(small)}-row xlsx → cleaned xlsx …`)
    const xlsx = pair(xlsxIn, 'xlsx', 'cleaned', RUNS)
    rmSync(xlsx.dataDir, { recursive: true, force: true })
    say(`Ringtrue vs peer, ${label(small)}-row csv → full csv …`)
    const csv = pair(csvSmall, 'csv', 'full', RUNS)
    say(`Ringtrue vs peer, ${label(big)}-row csv → full csv …`)
    const million = pair(csvBig, 'csv', 'full', 1)
    rmSync(million.dataDir, { recursive: true, force: true })

    // 3. The store: its folder after the small csv job (the only job in it), then after `jobs delete`.
    const storeBytes = du(csv.dataDir)
    const csvBytes = statSync(csvSmall).size
    const deleted = run(
      process.execPath,
      [CLI, 'jobs', 'delete', csv.jobId, '--data-dir', csv.dataDir],
      dir,
      null
    )
    const afterDelete = du(csv.dataDir)
    const returnedPct = ((storeBytes - afterDelete) / storeBytes) * 100

    // 4. Startup: `ringtrue --help` against a bare Node start, alternating, no wrapper.
    say('ringtrue --help vs node -e 0 …')
    const help: number[] = []
    const bare: number[] = []
    for (let i = 0; i < HELP_RUNS; i++) {
      bare.push(run(process.execPath, ['-e', '0'], dir, null).seconds)
      help.push(run(process.execPath, [CLI, '--help'], dir, null).seconds)
    }

    // 5. Do both sides keep the same numbers? Read the last outputs of each pair (not timed).
    say('Comparing the outputs …')
    const compare = async (p: Pair): Promise<{ ringtrue: Kept; peer: Kept | null }> => ({
      ringtrue: await kept(p.ringtrueOut),
      peer: p.peerOut ? await kept(p.peerOut) : null
    })
    const outXlsx = await compare(xlsx)
    const outCsv = await compare(csv)
    const outBig = await compare(million)

    // Figures.
    const secs = (timed: Timed[]): number | null =>
      timed.length ? median(timed.map((t) => t.seconds)) : null
    const ratio = (a: number | null, b: number | null): number | null => (a !== null && b ? a / b : null)
    const peakMb = (timed: Timed[]): number | null => (timed.length && rss ? timed[0].rssMb : null)
    figures.clean_xlsx_100k_ringtrue_s = secs(xlsx.ringtrue)
    figures.clean_xlsx_100k_peer_s = secs(xlsx.peer)
    figures.clean_xlsx_100k_ratio = ratio(figures.clean_xlsx_100k_ringtrue_s, figures.clean_xlsx_100k_peer_s)
    figures.csv_100k_ringtrue_s = secs(csv.ringtrue)
    figures.csv_100k_peer_s = secs(csv.peer)
    figures.csv_100k_ratio = ratio(figures.csv_100k_ringtrue_s, figures.csv_100k_peer_s)
    figures.csv_1m_ringtrue_s = secs(million.ringtrue)
    figures.csv_1m_peer_s = secs(million.peer)
    figures.csv_1m_ratio = ratio(figures.csv_1m_ringtrue_s, figures.csv_1m_peer_s)
    figures.csv_1m_peak_rss_mb = peakMb(million.ringtrue)
    figures.csv_1m_peer_peak_rss_mb = peakMb(million.peer)
    const storePer100k = (mb(storeBytes) * 100_000) / small
    const csvPer100k = (mb(csvBytes) * 100_000) / small
    figures.store_mb_per_100k_rows = storePer100k
    figures.csv_mb_per_100k_rows = csvPer100k
    figures.store_per_csv_ratio = storeBytes / csvBytes
    figures.store_after_delete_mb = mb(afterDelete)
    figures.space_returned_pct = returnedPct
    figures.jobs_delete_s = deleted.seconds
    figures.help_s = median(help)
    figures.node_s = median(bare)
    figures.help_ratio = figures.help_s / figures.node_s
    figures.ringtrue_failed_runs = failures.length

    // The table, in the issue's order.
    const f = figures
    const s = (v: number | null, digits = 2): string => (v === null ? 'n/a' : `${v.toFixed(digits)} s`)
    const x = (v: number | null): string => (v === null ? '—' : `${v.toFixed(2)}×`)
    const peerCell = (v: number | null, extra = ''): string => (peerOk ? `${s(v)}${extra}` : 'skipped')
    const mbCell = (v: number | null): string => (v === null ? '' : `, ${Math.round(v)} MB`)
    const row = (work: string, ours: string, theirs: string, r: string, target: string, ok: string): string =>
      `${work.padEnd(40)} ${ours.padEnd(18)} ${theirs.padEnd(20)} ${r.padEnd(7)} ${target.padEnd(19)} ${ok}`
    const under = (v: number | null, target: number): boolean | null => (v === null ? null : v <= target)
    const bigOk =
      f.csv_1m_ratio === null
        ? null
        : f.csv_1m_ratio <= TARGETS.csvBig &&
          (f.csv_1m_peak_rss_mb === null || f.csv_1m_peak_rss_mb <= TARGETS.bigRssMb)
    const loadAfter = loadavg()[0]
    lines.push(
      '',
      `Ringtrue vs the pandas peer — ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after;` +
        ` Node ${process.version}; ${python.versions}${options.quick ? ' — QUICK: ' + label(small) + ' and ' + label(big) + ' rows' : ''}`,
      row('work', 'Ringtrue', 'peer', 'ratio', 'target', ''),
      row(
        `${label(small)}-row xlsx → cleaned xlsx`,
        s(f.clean_xlsx_100k_ringtrue_s),
        peerCell(f.clean_xlsx_100k_peer_s),
        x(f.clean_xlsx_100k_ratio),
        `≤ ${TARGETS.cleanXlsx}`,
        verdict(under(f.clean_xlsx_100k_ratio, TARGETS.cleanXlsx))
      ),
      row(
        `${label(small)}-row csv → full csv`,
        s(f.csv_100k_ringtrue_s),
        peerCell(f.csv_100k_peer_s),
        x(f.csv_100k_ratio),
        `≤ ${TARGETS.csvSmall}`,
        verdict(under(f.csv_100k_ratio, TARGETS.csvSmall))
      ),
      row(
        `${label(big)}-row csv → full csv`,
        `${s(f.csv_1m_ringtrue_s, 1)}${mbCell(f.csv_1m_peak_rss_mb)}`,
        peerCell(f.csv_1m_peer_s, mbCell(f.csv_1m_peer_peak_rss_mb)),
        x(f.csv_1m_ratio),
        `≤ ${TARGETS.csvBig}, ≤ ${TARGETS.bigRssMb} MB`,
        verdict(bigOk)
      ),
      row(
        'data folder per 100k rows',
        `${storePer100k.toFixed(1)} MB`,
        `(csv ${csvPer100k.toFixed(1)} MB)`,
        x(f.store_per_csv_ratio),
        `≤ ${TARGETS.storePerCsv}× csv`,
        verdict(under(f.store_per_csv_ratio, TARGETS.storePerCsv))
      ),
      row(
        'space returned after `jobs delete`',
        `${returnedPct.toFixed(0)}%`,
        '',
        '',
        `≥ ${TARGETS.spaceReturnedPct}%`,
        verdict(returnedPct >= TARGETS.spaceReturnedPct)
      ),
      row(
        '`ringtrue --help`',
        s(f.help_s),
        `node -e 0 ${s(f.node_s)}`,
        x(f.help_ratio),
        `≤ ${TARGETS.help}`,
        verdict(under(f.help_ratio, TARGETS.help))
      )
    )
    if (!peerOk) {
      lines.push(
        `peer skipped: install ${PEER_PACKAGES} (apt-get install -y …); ${PYTHON} lacks ${python.missing.join(', ')}`
      )
    }
    const rowsOut = (
      name: string,
      p: Pair,
      out: { ringtrue: Kept; peer: Kept | null },
      what: string
    ): string[] => {
      const byStatus = Object.entries(p.summary.byStatus)
        .filter(([, n]) => n > 0)
        .map(([status, n]) => `${status} ${count(n)}`)
        .join(', ')
      return [
        `  ${name}: rows out Ringtrue ${count(out.ringtrue.rows)} (${what}; job: ${count(p.summary.rows)} rows, ${byStatus})` +
          (out.peer ? `, peer ${count(out.peer.rows)} (valid, duplicate numbers dropped)` : ''),
        ...(out.peer ? [`    ${agreement(out.ringtrue, out.peer)}`] : [])
      ]
    }
    for (const failure of failures) lines.push(`Ringtrue run FAILED and was run again: ${failure}`)
    lines.push(
      'Do both sides keep the same list?',
      ...rowsOut(`${label(small)} xlsx`, xlsx, outXlsx, 'active + unchecked rows, duplicate rows kept'),
      ...rowsOut(`${label(small)} csv`, csv, outCsv, 'every row, with the result columns'),
      ...rowsOut(`${label(big)} csv`, million, outBig, 'every row, with the result columns'),
      '  Ringtrue keeps every row whose number is valid (a duplicate row stays, its number is checked once), and its' +
        ' full export keeps invalid rows with a status; the peer drops invalid rows and repeats of a number.',
      `How: wall time of each process, median of ${RUNS} alternating runs (1 for the ${label(big)} list), Ringtrue through` +
        ` the built CLI with a fresh --data-dir; peak RSS from ${rss ? `${GNU_TIME} -f %M (the largest resident set of the process or of a child it waited for; Ringtrue's workers are threads inside it)` : `nothing: install Debian's \`time\` package for ${GNU_TIME}`};` +
        ` data folder measured like du (allocated blocks) after the ${label(small)} csv job, ${mb(storeBytes).toFixed(1)} MB → ${mb(afterDelete).toFixed(1)} MB after` +
        ` \`ringtrue jobs delete\` (${deleted.seconds.toFixed(1)} s); --help median of ${HELP_RUNS}.${xlsxNote}`
    )
    return { lines, figures, rows, peer: peerOk ? 'ran' : 'skipped' }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
