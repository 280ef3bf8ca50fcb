/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
// The stylesheet as text (Vite's ?raw): this file is type-checked with the renderer, which has no Node types.
import CSS from '../../../src-renderer/src/styles/app.css?raw'

// WCAG 2.x AA for both palettes of app.css: 4.5:1 for text, 3:1 for graphics the user must see (status dots,
// chip borders, chart slices, icons, the focus ring). The pairs below are the ones the stylesheet draws.

type Rgba = [number, number, number, number]

/** The custom properties declared in the first block whose selector is exactly `selector`. */
function variableBlock(css: string, selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`)
  if (start < 0) throw new Error(`no ${selector} block in app.css`)
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('\n}', start))
  const vars = new Map<string, string>()
  for (const match of body.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
    vars.set(match[1], match[2].trim())
  }
  return vars
}

function palette(theme: 'light' | 'dark'): Map<string, string> {
  const light = variableBlock(CSS, ':root')
  if (theme === 'light') return light
  // The dark block overrides; anything it leaves out is inherited from :root.
  return new Map([...light, ...variableBlock(CSS, ":root[data-theme='dark']")])
}

function parseColor(text: string): Rgba {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text)
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1]
    return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)).concat(1) as Rgba
  }
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(text)
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])]
  throw new Error(`not a colour this test reads: ${text}`)
}

function resolveVar(vars: Map<string, string>, name: string): Rgba {
  let value = vars.get(name)
  for (let depth = 0; value?.startsWith('var(') && depth < 5; depth++) {
    value = vars.get(value.slice(4, -1).trim())
  }
  if (value === undefined) throw new Error(`${name} is not declared`)
  return parseColor(value)
}

/** Paints `top` over an opaque `bottom` (alpha compositing), as the page does for translucent colours. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3]
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1) as Rgba
}

function luminance([r, g, b]: Rgba): number {
  const channel = (c: number): number => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

function ratio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

/**
 * The contrast of `fg` on a background made of layers, bottom first (e.g. a translucent toast button over the
 * toast); the bottom layer must be opaque.
 */
function contrast(vars: Map<string, string>, fg: string, ...layers: string[]): number {
  const background = layers.map((l) => resolveVar(vars, l)).reduce((below, layer) => over(layer, below))
  return ratio(over(resolveVar(vars, fg), background), background)
}

const TEXT = 4.5
const GRAPHIC = 3

const SURFACES = ['--bg-main', '--bg-sidebar', '--surface', '--surface-2', '--surface-3', '--surface-hover']
const ROWS = ['--row-odd', '--row-hover', '--row-focus', '--result-col-bg']
const STATUSES = ['active', 'unchecked', 'unknown', 'inactive', 'invalid']

interface Pair {
  fg: string
  bg: string[]
  min: number
  /** Where the pair is drawn, for the failure message. */
  use: string
}

const pair = (fg: string, bg: string | string[], min: number, use: string): Pair => ({
  fg,
  bg: Array.isArray(bg) ? bg : [bg],
  min,
  use
})

const PAIRS: Pair[] = [
  ...['--text', '--text-2', '--text-3'].flatMap((fg) =>
    SURFACES.map((bg) => pair(fg, bg, TEXT, 'body text'))
  ),
  ...['--text', '--text-2'].flatMap((fg) => ROWS.map((bg) => pair(fg, bg, TEXT, 'data grid cell'))),
  pair('--text-3', '--row-odd', TEXT, 'grid row number'),
  pair('--text', '--accent-soft', TEXT, 'selected list item'),
  pair('--text', '--accent-soft-2', TEXT, 'selected text'),
  ...['--surface', '--bg-main', '--surface-2', '--accent-soft', '--accent-soft-2'].map((bg) =>
    pair('--accent-text', bg, TEXT, 'link and accent label')
  ),
  ...['--accent', '--accent-hover', '--accent-strong', '--danger', '--danger-hover'].map((bg) =>
    pair('--on-accent', bg, TEXT, 'button text')
  ),
  ...STATUSES.flatMap((s) => [
    pair(`--${s}-text`, `--${s}-soft`, TEXT, 'status badge and pressed chip'),
    pair(`--${s}-text`, '--surface', TEXT, 'status word'),
    pair(`--${s}`, '--surface', GRAPHIC, 'status dot, chip border, chart slice'),
    pair(`--${s}`, `--${s}-soft`, GRAPHIC, 'dot and border of a pressed chip')
  ]),
  pair('--warning-text', '--warning-soft', TEXT, 'warning notice'),
  pair('--warning-text', '--header-row-num', TEXT, 'header row number in the preview'),
  pair('--text', '--header-row-bg', TEXT, 'header row in the preview'),
  pair('--text', '--header-row-phone', TEXT, 'phone cell of the header row'),
  pair('--text', '--warning-faint', TEXT, 'uncertain-numbers panel'),
  pair('--unknown', '--warning-faint', GRAPHIC, 'uncertain-numbers icon'),
  pair('--danger-ink', '--danger-soft', TEXT, 'error panel and error banner'),
  pair('--invalid-text', '--danger-soft', TEXT, 'error detail in a banner'),
  pair('--invalid', '--danger-soft', GRAPHIC, 'error icon'),
  pair('--text', '--danger-faint', TEXT, 'pre-flight provider with a problem'),
  pair('--code-text', '--surface', TEXT, 'raw provider answer'),
  pair('--code-text', '--surface-2', TEXT, 'raw provider answer'),
  pair('--toast-text', '--toast-bg', TEXT, 'toast message'),
  pair('--toast-muted', '--toast-bg', TEXT, 'toast close button'),
  pair('--toast-strong', ['--toast-bg', '--toast-fill'], TEXT, 'toast action'),
  pair('--toast-strong', ['--toast-bg', '--toast-fill-hover'], TEXT, 'toast action, hovered'),
  ...['--toast-success', '--toast-error', '--toast-info'].map((fg) =>
    pair(fg, '--toast-bg', GRAPHIC, 'toast icon')
  ),
  ...['--surface', '--bg-main', '--surface-2', '--surface-3'].map((bg) =>
    pair('--accent', bg, GRAPHIC, 'focus ring, icons, chart bars')
  ),
  ...['--tone-1', '--tone-2', '--tone-3', '--tone-4'].map((fg) => pair(fg, '--surface', GRAPHIC, 'split bar'))
]

describe.each(['light', 'dark'] as const)('the %s palette meets WCAG AA', (theme) => {
  const vars = palette(theme)

  it.each(PAIRS.map((p) => [`${p.fg} on ${p.bg.join(' + ')} (${p.use})`, p] as const))('%s', (_name, p) => {
    expect(contrast(vars, p.fg, ...p.bg)).toBeGreaterThanOrEqual(p.min)
  })
})

describe('the palettes', () => {
  it('give the dark theme its own value for every colour of the light one that is not plain white', () => {
    // A light colour left out of the dark block would show as a bright patch on a dark window.
    const light = variableBlock(CSS, ':root')
    const dark = variableBlock(CSS, ":root[data-theme='dark']")
    const colours = [...light].filter(([, v]) => /^(#|rgba?\()/.test(v)).map(([k]) => k)
    const missing = colours.filter((k) => !dark.has(k))
    expect(missing).toEqual([])
  })

  it('leave no colour literal outside the variable blocks', () => {
    const rules = CSS.replace(/\/\*[\s\S]*?\*\//g, '').replace(/:root(\[data-theme='dark'\])? \{[^}]*\}/g, '')
    const literals = rules.match(/#[0-9a-f]{3,8}\b|rgba?\([^)]*\)|hsla?\([^)]*\)/gi) ?? []
    expect(literals).toEqual([])
  })

  it('measure a known pair as the WCAG formula does', () => {
    // #777 on white is the textbook 4.48:1 example.
    expect(ratio(parseColor('#777777'), parseColor('#ffffff'))).toBeCloseTo(4.48, 2)
    expect(ratio(parseColor('#000'), parseColor('#fff'))).toBeCloseTo(21, 5)
  })
})
