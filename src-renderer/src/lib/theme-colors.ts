import { useEffect, useState } from 'react'
import { STATUSES } from '@contract/types'
import { THEME_EVENT } from './theme'

/**
 * The palette colours the charts draw with, one per status plus these four (SVG fills need values, not CSS
 * variables, for their PNG export).
 */
export type ThemeColors = Record<string, string> & {
  accent: string
  accentSoft: string
  text: string
  surface: string
}

/** Reads the colours of the theme now on screen from the document's CSS variables. */
export function readThemeColors(): ThemeColors {
  const page = getComputedStyle(document.documentElement)
  const read = (name: string, fallback: string): string => page.getPropertyValue(name).trim() || fallback
  return {
    ...Object.fromEntries(STATUSES.map((s) => [s, read(`--${s}`, '#888888')])),
    accent: read('--accent', '#5b5bd6'),
    accentSoft: read('--accent-soft-2', '#e3e3fb'),
    text: read('--text-2', '#575762'),
    surface: read('--surface', '#ffffff')
  }
}

/** The theme's colours, read again whenever the theme changes (a Settings choice or the OS going dark). */
export function useThemeColors(): ThemeColors {
  const [colors, setColors] = useState(readThemeColors)
  useEffect(() => {
    const reread = (): void => setColors(readThemeColors())
    window.addEventListener(THEME_EVENT, reread)
    // The theme may have changed between the first render and this effect.
    reread()
    return () => window.removeEventListener(THEME_EVENT, reread)
  }, [])
  return colors
}
