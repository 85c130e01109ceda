import { describe, expect, it } from 'vitest'
import { createTranslator } from '../messages/index'
import { healthFailed, pollDelay, targetLabel, waitHealthy } from './health'

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

describe('the engine is asked whether the container lives beside the probes, not between them', () => {
  // A port nothing listens on: every probe is refused at once.
  const closedTarget = async () => {
    const { createServer } = await import('node:net')
    const server = createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as { port: number }).port
    await new Promise<void>((r) => server.close(() => r()))
    return { host: '127.0.0.1', port, caPem: '' }
  }

  it('an engine that does not answer does not stop the poll from timing out', async () => {
    let asked = 0
    const alive = () => {
      asked++
      return new Promise<undefined>(() => undefined)
    }
    const t0 = Date.now()
    const err = await waitHealthy(await closedTarget(), { timeoutMs: 300, alive }).catch((e: unknown) => e)
    expect((err as { code?: string }).code).toBe('HEALTH_TIMEOUT')
    expect(Date.now() - t0).toBeLessThan(2000)
    expect(asked).toBe(1)
  })

  it('out of time while the engine is being asked: its answer (the container stopped) is the reason', async () => {
    const alive = () => new Promise<string>((r) => setTimeout(() => r('exited with code 2'), 30))
    const err = await waitHealthy(await closedTarget(), { timeoutMs: 1, alive }).catch((e: unknown) => e)
    expect((err as { code?: string }).code).toBe('HEALTH_FAILED')
    expect((err as { params?: { reason?: unknown } }).params?.reason).toBe('exited with code 2')
  })

  it('a container that stopped ends the poll with its reason', async () => {
    const alive = () => new Promise<string>((r) => setTimeout(() => r('exited with code 1'), 30))
    const err = await waitHealthy(await closedTarget(), { timeoutMs: 5000, alive }).catch((e: unknown) => e)
    expect((err as { code?: string }).code).toBe('HEALTH_FAILED')
    expect((err as { params?: { reason?: unknown } }).params?.reason).toBe('exited with code 1')
  })
})
