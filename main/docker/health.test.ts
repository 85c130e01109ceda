import { describe, expect, it } from 'vitest'
import { createTranslator } from '../messages/index'
import { healthFailed, pollDelay, targetLabel } from './health'

describe('the health target as the user reads it', () => {
  it('brackets an IPv6 identity and names the address connected to, in both languages', () => {
    const en = createTranslator('en')
    const zh = createTranslator('zh-CN')
    const v6 = { host: 'fd00::10', connectHost: '127.0.0.1', port: 5000, caPem: '' }
    expect(en.render(targetLabel(v6))).toBe('https://[fd00::10]:5000/v2/ (reached through 127.0.0.1)')
    expect(zh.render(targetLabel(v6))).toBe('https://[fd00::10]:5000/v2/（经由 127.0.0.1 访问）')
    expect(en.render(targetLabel({ host: '[::1]', port: 5443, caPem: '' }))).toBe('https://[::1]:5443/v2/')
    expect(en.render(targetLabel({ host: 'hub.lan', connectHost: 'hub.lan', port: 5000, caPem: '' }))).toBe(
      'https://hub.lan:5000/v2/',
    )
  })

  it('a failed health check carries the target and reason as parameters, rendered per language', () => {
    const e = healthFailed({ host: 'fd00::10', port: 5000, caPem: '' }, 'x', 'ECONNREFUSED: refused')
    expect(e.message).toBe(
      'The registry at https://[fd00::10]:5000/v2/ is not healthy: x (last probe: ECONNREFUSED: refused)',
    )
    expect(createTranslator('zh-CN').text('error.HEALTH_FAILED.message', e.params)).toBe(
      'https://[fd00::10]:5000/v2/ 上的仓库不健康：x（最后一次探测：ECONNREFUSED: refused）',
    )
  })
})

describe('the health poll cadence', () => {
  it('polls every 10 ms for the first half second, then every 25 ms, then every 50 ms from 2 s', () => {
    expect([0, 499, 500, 1999, 2000, 30_000].map(pollDelay)).toEqual([10, 10, 25, 25, 50, 50])
  })
})
