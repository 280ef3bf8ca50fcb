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

/** Only http(s) links ever leave the app, and only through here. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}
