import { describe, expect, it } from 'vitest'
import { trustedSenderCheck } from './trusted-sender'

describe('trustedSenderCheck', () => {
  it('accepts only our built index.html in production', () => {
    const check = trustedSenderCheck('/opt/rw/out/renderer/index.html')
    expect(check('file:///opt/rw/out/renderer/index.html')).toBe(true)
    expect(check('file:///opt/rw/out/renderer/index.html#/plan')).toBe(true)
    expect(check('file:///tmp/evil.html')).toBe(false)
    expect(check('https://example.com/')).toBe(false)
    expect(check('http://localhost:5173/')).toBe(false)
  })

  it('accepts the dev server origin only when one is configured', () => {
    const check = trustedSenderCheck('/x/index.html', 'http://localhost:5173/')
    expect(check('http://localhost:5173/index.html')).toBe(true)
    expect(check('http://localhost:5174/')).toBe(false)
    expect(check('not a url')).toBe(false)
  })
})
