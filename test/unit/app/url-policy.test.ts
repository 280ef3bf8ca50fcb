import { describe, expect, it } from 'vitest'
import {
  describeRefusedUrl,
  EXTERNAL_ORIGINS,
  isAllowedExternalUrl,
  isAppUrl
} from '../../../src-main/app/url-policy'
import { LIVE_PROVIDERS } from '../../../src-main/core/provider-registry'

describe('navigation and external-link policy', () => {
  it.each([
    ['https://docs.checknumber.ai/number-active-check', true],
    ['https://developer.telesign.com/enterprise/reference/submitphonenumberforlivestatus', true],
    ['https://checkmobi.com/documentation/api-reference/', true],
    ['https://platform.acedata.cloud/documents/x', true],
    ['https://www.toolkk.com/en/apis/mobile-status-check', true],
    ['HTTPS://DOCS.CHECKNUMBER.AI/x', true],
    ['https://example.com/help', false],
    ['http://example.com', false],
    ['http://docs.checknumber.ai/number-active-check', false],
    ['https://docs.checknumber.ai:8443/', false],
    ['https://evil.docs.checknumber.ai/', false],
    ['https://docs.checknumber.ai.evil.example/', false],
    ['https://user:pass@docs.checknumber.ai/', false],
    ['https://toolkk.com/', false],
    ['file:///etc/passwd', false],
    ['smb://attacker/share', false],
    ['javascript:alert(1)', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['not a url', false]
  ])('opens %s externally: %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed)
  })

  it('allows every documentation link the UI shows, and only https origins', () => {
    for (const { info } of LIVE_PROVIDERS) expect(isAllowedExternalUrl(info.docsUrl)).toBe(true)
    for (const origin of EXTERNAL_ORIGINS) expect(new URL(origin).origin).toBe(origin)
    for (const origin of EXTERNAL_ORIGINS) expect(origin.startsWith('https://')).toBe(true)
  })

  it('logs a refused link without its path, query or credentials', () => {
    const line = describeRefusedUrl('https://user:s3cret@evil.example:444/steal?token=abc123#frag')
    expect(line).toContain('https://evil.example:444')
    expect(line).not.toMatch(/s3cret|abc123|steal|frag|user/)
    expect(describeRefusedUrl('javascript:alert(document.cookie)')).not.toContain('cookie')
    expect(describeRefusedUrl('not a url token=abc')).not.toContain('abc')
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
