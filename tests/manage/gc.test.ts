// Garbage collection against a real registry:2 (exec through the Engine API): A and B share a base layer; B is
// deleted; gc frees exactly the blobs only B had; A still pulls; B pushed again pulls (no stale "layer already
// exists"); a push during maintenance gets REGISTRY_API_READ_ONLY; a multi-platform image survives; a failure after the
// read-only switch leaves the registry in normal mode; usage per repository.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspectRegistry } from '../../main/docker'
import {
  deleteImage,
  enableDelete,
  envValue,
  garbageCollect,
  READONLY_ENV,
  storageUsage,
} from '../../main/manage'
import { pushBlob } from '../../main/registry-api'
import { twoPlatformLayout } from '../images/export-support'
import { preconditions } from '../registry-api/support'
import { dockerCleanup, tempDir } from '../support/rw-reg-fixtures'
import {
  blobsOfManifest,
  pushTiny,
  rawManifest,
  sharedBaseArchives,
  skopeo,
  startManageRegistry,
  volumesOf,
  type ManageRegistry,
} from './support'

const ready = await preconditions()
let root: { path: string; cleanup: () => Promise<void> }
const containers: string[] = []

beforeAll(async () => {
  root = await tempDir('rw-mng-gc-')
})
afterAll(async () => {
  await dockerCleanup(containers, containers.flatMap(volumesOf))
  await root.cleanup()
})

describe.skipIf(!ready)('registry gc (registry:2)', () => {
  let reg: ManageRegistry
  let archives: Record<string, string>

  beforeAll(async () => {
    reg = await startManageRegistry(root.path, 'gc', { deleteEnabled: true })
    containers.push(reg.name)
    archives = await sharedBaseArchives(root.path, ['a', 'b'])
    await skopeo(reg, [`docker-archive:${archives['a'] ?? ''}`, `docker://${reg.host}/g/a:1`])
    await skopeo(reg, [`docker-archive:${archives['b'] ?? ''}`, `docker://${reg.host}/g/b:1`])
    const layout = await twoPlatformLayout(`${root.path}/multi`, 'm1')
    await skopeo(reg, ['--all', `oci:${layout}:m1`, `docker://${reg.host}/g/multi:m1`])
  }, 180_000)

  it('frees exactly the blobs only B had; A, B again and the multi-platform image pull; pushes meet read-only', async () => {
    const rawA = await rawManifest(reg, 'g/a:1')
    const rawB = await rawManifest(reg, 'g/b:1')
    const a = blobsOfManifest(rawA)
    const b = blobsOfManifest(rawB)
    const shared = [...b.keys()].filter((d) => a.has(d))
    expect(shared).toHaveLength(1) // the base layer
    // B's own: its layer and config (as its manifest states them) and its manifest itself (a blob too).
    const bOnly = [...b].filter(([d]) => !a.has(d)).reduce((n, [, s]) => n + s, 0) + rawB.length
    const usage = await storageUsage(reg.engine, reg.name)
    expect(usage.repositories.find((r) => r.name === 'g/b')?.uniqueBytes).toBe(bOnly)

    const c = reg.client()
    await deleteImage({ client: c, repository: 'g/b', tag: '1' })
    c.close()
    const dry = await garbageCollect({ engine: reg.engine, name: reg.name, dryRun: true })
    expect(dry.wouldFreeBytes).toBe(bOnly)
    expect(envValue(await inspectRegistry(reg.engine, reg.name), READONLY_ENV)).toBeUndefined()

    let duringPush: unknown
    const steps: string[] = []
    const lines: string[] = []
    const r = await garbageCollect(
      { engine: reg.engine, name: reg.name },
      {
        onProgress: (p) => steps.push(p.step),
        onLog: (l) => lines.push(l),
        extraSteps: [
          {
            id: 'collect',
            run: async () => {
              const k = reg.client()
              duringPush = await pushBlob(k, 'g/late', Buffer.from('pushed during maintenance')).then(
                () => undefined,
                (e: unknown) => e,
              )
              k.close()
            },
          },
        ],
      },
    )
    expect((duringPush as { code?: string } | undefined)?.code).toBe('REGISTRY_API_READ_ONLY')
    expect(steps).toEqual(
      expect.arrayContaining(['prepare', 'readOnly', 'dryRun', 'collect', 'restart', 'measure']),
    )
    expect(lines.some((l) => l.startsWith('blob eligible for deletion: sha256:'))).toBe(true)
    expect(r.freedBytes).toBeGreaterThan(0)
    expect(r.freedBytes).toBe(bOnly)
    expect(r.wouldFreeBytes).toBe(bOnly)
    expect(r.warnings).toEqual([])
    expect(envValue(await inspectRegistry(reg.engine, reg.name), READONLY_ENV)).toBeUndefined()

    await skopeo(reg, [`docker://${reg.host}/g/a:1`, `dir:${root.path}/pull-a`])
    await skopeo(reg, ['--all', `docker://${reg.host}/g/multi:m1`, `oci:${root.path}/pull-multi:m1`])
    // B again: the registry was restarted, so its cache does not claim B's deleted layer still exists.
    await skopeo(reg, [`docker-archive:${archives['b'] ?? ''}`, `docker://${reg.host}/g/b:1`])
    await skopeo(reg, [`docker://${reg.host}/g/b:1`, `dir:${root.path}/pull-b`])
  }, 240_000)

  it('a failure after the read-only switch: rolled back, the registry runs in normal mode and takes pushes', async () => {
    await expect(
      garbageCollect(
        { engine: reg.engine, name: reg.name },
        { extraSteps: [{ id: 'collect', run: () => Promise.reject(new Error('injected')) }] },
      ),
    ).rejects.toThrow('injected')
    const info = await inspectRegistry(reg.engine, reg.name)
    expect(info.State.Running).toBe(true)
    expect(envValue(info, READONLY_ENV)).toBeUndefined()
    const c = reg.client()
    await pushTiny(c, 'g/after', ['1'])
    c.close()
    // The delete switch is untouched by gc's re-creates.
    expect((await enableDelete({ engine: reg.engine, name: reg.name })).changed).toBe(false)
  }, 120_000)
})
