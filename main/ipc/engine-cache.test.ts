import { describe, expect, it } from 'vitest'
import { closeEngine, connectEngine, type Engine } from '../docker/index'
import { EngineCache } from './engine-cache'
import { registryManageHandlers } from './handlers/registry-manage-handlers'

/** The real connect/close of main/docker, counted: what is open is what was connected and not closed yet. */
function countingFactory(): {
  open: Set<Engine>
  connects: number
  factory: ConstructorParameters<typeof EngineCache>[1]
} {
  const state = { open: new Set<Engine>(), connects: 0 }
  return {
    open: state.open,
    get connects() {
      return state.connects
    },
    factory: {
      connect: (spec, env) => {
        state.connects += 1
        const e = connectEngine(spec, env)
        state.open.add(e)
        return e
      },
      close: (e) => {
        closeEngine(e)
        state.open.delete(e)
      },
    },
  }
}

describe('EngineCache', () => {
  it('keeps one engine per endpoint, closes it when the endpoint changes and on closeAll: none is left open', async () => {
    const c = countingFactory()
    const cache = new EngineCache({}, c.factory)
    const local = await cache.get({ kind: 'local' })
    expect(await cache.get({ kind: 'local' })).toBe(local)
    expect(c.connects).toBe(1)
    // Another endpoint (never dialled here: an engine connects lazily) replaces the first, which is closed.
    const tcp = await cache.get({ kind: 'tcp', url: 'tcp://127.0.0.1:1' })
    expect(tcp).not.toBe(local)
    expect([...c.open]).toEqual([tcp])
    cache.closeAll()
    expect(c.open.size).toBe(0)
    cache.closeAll()
    expect(c.open.size).toBe(0)
  })

  it('serves the registry handlers from the cached engine against the real dockerd, then closes it', async () => {
    const c = countingFactory()
    const cache = new EngineCache({}, c.factory)
    const handlers = registryManageHandlers(cache, 'rw-wizard-no-such-registry')
    const plan = { addresses: ['127.0.0.1'], port: 5999, docker: { kind: 'local' as const } }
    const ctx = { job: undefined, emit: () => undefined }
    for (let i = 0; i < 3; i++)
      await expect(handlers.registryStatus({ plan }, ctx)).rejects.toMatchObject({
        code: 'REGISTRY_NOT_FOUND',
      })
    expect(c.connects).toBe(1)
    cache.closeAll()
    expect(c.open.size).toBe(0)
  })
})
