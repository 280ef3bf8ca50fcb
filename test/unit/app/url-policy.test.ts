import { describe, expect, it } from 'vitest'
import { isAppUrl, isSafeExternalUrl } from '../../../src-main/app/url-policy'

describe('navigation and external-link policy', () => {
  it.each([
    ['https://example.com/help', true],
    ['http://example.com', true],
    ['file:///etc/passwd', false],
    ['smb://attacker/share', false],
    ['javascript:alert(1)', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['not a url', false]
  ])('opens %s externally: %s', (url, allowed) => {
    expect(isSafeExternalUrl(url)).toBe(allowed)
  })

  const bundled = 'file:///opt/Ringtrue/resources/app.asar/out/renderer/index.html'

  it('treats only the bundled page as the app in production', () => {
    expect(isAppUrl(`${bundled}#/jobs/1`, undefined, bundled)).toBe(true)
    expect(isAppUrl('file:///home/user/Downloads/evil.html', undefined, bundled)).toBe(false)
    expect(isAppUrl('https://evil.example/', undefined, bundled)).toBe(false)
    expect(isAppUrl('http://localhost:5173/', undefined, bundled)).toBe(false)
  })

  it('treats only the dev server origin as the app in development', () => {
    expect(isAppUrl('http://localhost:5173/index.html', 'http://localhost:5173', bundled)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173', bundled)).toBe(false)
    expect(isAppUrl(bundled, 'http://localhost:5173', bundled)).toBe(false)
  })
})
