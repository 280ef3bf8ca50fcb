// Pure predicates behind the navigation and external-link policy, kept free of Electron so they are unit-tested.

/**
 * The renderer's own page: the dev server's origin in development, otherwise exactly the bundled index.html
 * (any other file: URL is as foreign as a web page).
 */
export function isAppUrl(url: string, devServer: string | undefined, rendererFileUrl: string): boolean {
  try {
    const parsed = new URL(url)
    if (devServer) return parsed.origin === new URL(devServer).origin
    const expected = new URL(rendererFileUrl)
    return parsed.protocol === 'file:' && parsed.pathname === expected.pathname
  } catch {
    return false
  }
}

/**
 * The only sites a link from the app may open in the browser: the provider documentation the UI links to
 * (each provider's `docsUrl`; a unit test keeps the two in step). Exact https origins — no other scheme,
 * host, subdomain or port, so spreadsheet content rendered in the page cannot send the user anywhere else.
 */
export const EXTERNAL_ORIGINS: readonly string[] = [
  'https://platform.acedata.cloud',
  'https://www.toolkk.com',
  'https://docs.checknumber.ai',
  'https://developer.telesign.com',
  'https://checkmobi.com'
]

/** Whether `url` may be opened externally: https, no credentials, and its origin exactly on the allow-list. */
export function isAllowedExternalUrl(url: string, allowed: readonly string[] = EXTERNAL_ORIGINS): boolean {
  try {
    const parsed = new URL(url)
    return (
      parsed.protocol === 'https:' &&
      parsed.username === '' &&
      parsed.password === '' &&
      allowed.includes(parsed.origin)
    )
  } catch {
    return false
  }
}

/**
 * The log line for a refused link: its scheme and host at most, never its path, query or credentials (a link
 * may carry a token).
 */
export function describeRefusedUrl(url: string): string {
  let where: string
  try {
    const parsed = new URL(url)
    where =
      parsed.protocol === 'http:' || parsed.protocol === 'https:'
        ? `${parsed.protocol}//${parsed.host}`
        : `a ${parsed.protocol} link`
  } catch {
    where = 'a malformed link'
  }
  return `Refused to open ${where}: it is not one of the sites Ringtrue links to.`
}
