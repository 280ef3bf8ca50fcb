import type { ThemeChoice } from '@contract/types'

export type AppliedTheme = 'light' | 'dark'

const darkQuery = (): MediaQueryList | null =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-color-scheme: dark)')
    : null

let stopFollowing: (() => void) | null = null

/** Dispatched on window whenever the theme on screen changes; detail is the AppliedTheme. */
export const THEME_EVENT = 'ringtrue:theme'

/**
 * A copy of the choice in localStorage, read by public/theme-boot.js before the first paint (the real choice
 * lives in main and only arrives with the app info, after React has started).
 */
export const THEME_STORAGE_KEY = 'ringtrue.theme'

function setDocumentTheme(theme: AppliedTheme): void {
  if (typeof document === 'undefined') return
  const root = document.documentElement
  root.dataset.theme = theme
  // Native form controls and scrollbars follow color-scheme.
  root.style.colorScheme = theme
  window.dispatchEvent(new CustomEvent(THEME_EVENT, { detail: theme }))
}

export function resolveTheme(choice: ThemeChoice, prefersDark: boolean): AppliedTheme {
  if (choice === 'system') return prefersDark ? 'dark' : 'light'
  return choice
}

/**
 * Applies the user's choice to the document; for 'system' it follows the OS (prefers-color-scheme) while the
 * window is open, so switching the OS to dark mode re-themes the app at once.
 */
export function applyTheme(choice: ThemeChoice): AppliedTheme {
  stopFollowing?.()
  stopFollowing = null
  try {
    globalThis.localStorage?.setItem(THEME_STORAGE_KEY, choice)
  } catch {
    // Storage can be unavailable (a locked profile); the boot script then falls back to the OS theme.
  }
  const query = darkQuery()
  const theme = resolveTheme(choice, query?.matches ?? false)
  setDocumentTheme(theme)
  if (choice === 'system' && query) {
    const follow = (event: MediaQueryListEvent): void => setDocumentTheme(event.matches ? 'dark' : 'light')
    query.addEventListener('change', follow)
    stopFollowing = () => query.removeEventListener('change', follow)
  }
  return theme
}

/** The theme on screen now. */
export function appliedTheme(): AppliedTheme {
  if (typeof document === 'undefined') return 'light'
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'
}
