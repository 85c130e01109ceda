// Delete and retention against a real registry:2: delete off -> MANAGE_DELETE_DISABLED (nothing deleted); switching
// it on re-creates the container and keeps the data (same catalog, images still pull); then delete works and says
// which tags went with the digest; retention: the dry run lists exactly what the real run deletes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspectRegistry } from '../../main/docker'
import {
  deleteImage,
  DELETE_ENV,
  enableDelete,
  envValue,
  prune,
  readCatalog,
  type CatalogResult,
} from '../../main/manage'
import type { JobStep } from '../../main/jobs/runner'
import type { RegistryClient } from '../../main/registry-api'
import { twoPlatformLayout } from '../images/export-support'
import { codeOf, preconditions } from '../registry-api/support'
import { dockerCleanup, tempDir } from '../support/rw-reg-fixtures'
import { pushTiny, skopeo, startManageRegistry, volumesOf, type ManageRegistry } from './support'

const ready = await preconditions()
let root: { path: string; cleanup: () => Promise<void> }
const containers: string[] = []

beforeAll(async () => {
  root = await tempDir('rw-mng-del-')
})
afterAll(async () => {
  await dockerCleanup(containers, containers.flatMap(volumesOf))
  await root.cleanup()
})

const tagsOf = (r: CatalogResult): string[] =>
  r.repositories.flatMap((x) => x.tags.map((t) => `${x.name}:${t.tag}@${t.digest}`)).sort()

describe.skipIf(!ready)('delete, enable delete, retention (registry:2)', () => {
  let reg: ManageRegistry
  let c: RegistryClient

  beforeAll(async () => {
    reg = await startManageRegistry(root.path, 'del')
    containers.push(reg.name)
    c = reg.client()
    await pushTiny(c, 'd/app', ['1.0', 'stable'], { seed: 'a', created: '2024-01-01T00:00:00Z' })
    await pushTiny(c, 'd/app', ['2.0'], { seed: 'b', created: '2024-02-01T00:00:00Z' })
  }, 180_000)
  afterAll(() => c.close())

  it('delete off: a clear code, nothing deleted; enable keeps every image; then delete takes the tags with it', async () => {
    const before = await readCatalog({ client: c })
    expect(await codeOf(deleteImage({ client: c, repository: 'd/app', tag: 'stable' }))).toBe(
      'MANAGE_DELETE_DISABLED',
    )
    expect(tagsOf(await readCatalog({ client: c }))).toEqual(tagsOf(before))

    // A failure after the re-create rolls back: delete is off again, the data is there.
    const failing: JobStep<never> = { id: 'verify', run: () => Promise.reject(new Error('injected')) }
    await expect(
      enableDelete({ engine: reg.engine, name: reg.name }, { extraSteps: [failing as never] }),
    ).rejects.toThrow('injected')
    expect(envValue(await inspectRegistry(reg.engine, reg.name), DELETE_ENV)).toBeUndefined()

    const r = await enableDelete({ engine: reg.engine, name: reg.name })
    expect(r.changed).toBe(true)
    expect(envValue(await inspectRegistry(reg.engine, reg.name), DELETE_ENV)).toBe('true')
    const fresh = reg.client()
    expect(tagsOf(await readCatalog({ client: fresh }))).toEqual(tagsOf(before))
    await skopeo(reg, [`docker://${reg.host}/d/app:2.0`, `dir:${root.path}/pulled-2.0`])
    expect((await enableDelete({ engine: reg.engine, name: reg.name })).changed).toBe(false)

    const d = await deleteImage({ client: fresh, repository: 'd/app', tag: 'stable' })
    expect(d.tags).toEqual(['1.0', 'stable'])
    const left = (await readCatalog({ client: fresh })).repositories[0]?.tags.map((t) => t.tag)
    expect(left).toEqual(['2.0'])
    expect(await codeOf(deleteImage({ client: fresh, repository: 'd/app', tag: 'stable' }))).toBe(
      'MANAGE_NOT_FOUND',
    )
    fresh.close()
  }, 120_000)

  it('retention: the dry run lists exactly what the real run deletes; protected, newest and indexes as units', async () => {
    const k = reg.client()
    const days = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString()
    await pushTiny(k, 'r/svc', ['latest'], { seed: 'r1', created: days(100) })
    await pushTiny(k, 'r/svc', ['v1', 'old-a'], { seed: 'r2', created: days(90) })
    await pushTiny(k, 'r/svc', ['build-3'], { seed: 'r3', created: days(80) })
    await pushTiny(k, 'r/svc', ['build-4'], { seed: 'r4', created: days(70) })
    await pushTiny(k, 'r/svc', ['build-5'], { seed: 'r5', created: days(1) })
    await pushTiny(k, 'r/svc', ['build-6'], { seed: 'r6', created: days(0.5) })
    const layout = await twoPlatformLayout(`${root.path}/multi`, 'm1')
    await skopeo(reg, ['--all', `oci:${layout}:m1`, `docker://${reg.host}/r/multi:m1`])
    await skopeo(reg, ['--all', `oci:${layout}:m1`, `docker://${reg.host}/r/multi:m1-copy`])
    await pushTiny(k, 'r/multi', ['new'], { seed: 'm2', created: days(0) })
    const rules = { keepLast: 1, olderThanDays: 30, protect: ['latest', 'v*'] }
    const before = await readCatalog({ client: k, repo: 'r/*' })
    const plan = await prune({ client: k, rules, repo: 'r/*', dryRun: true })
    expect(plan.deleted).toEqual([])
    expect(tagsOf(await readCatalog({ client: k, repo: 'r/*' }))).toEqual(tagsOf(before))
    // build-3, build-4: old and not newest; latest / v1 protected (old-a goes not: it shares v1's digest);
    // build-5/6 young; the index (no created in its configs: age unknown) is kept.
    expect(plan.deletes.flatMap((d) => d.tags).sort()).toEqual(['build-3', 'build-4'])
    expect(plan.kept).toEqual({ protected: 2, newest: 2, young: 1, unknownAge: 1 })

    const real = await prune({ client: k, rules, repo: 'r/*', dryRun: false })
    expect(real.deleted).toEqual(plan.deletes)
    const gone = new Set(plan.deletes.flatMap((d) => d.tags.map((t) => `${d.repository}:${t}@${d.digest}`)))
    expect(tagsOf(await readCatalog({ client: k, repo: 'r/*' }))).toEqual(
      tagsOf(before).filter((t) => !gone.has(t)),
    )

    // The index as one unit: deleting one tag deletes the index for both tags, and its platforms with it.
    const d = await deleteImage({ client: k, repository: 'r/multi', tag: 'm1' })
    expect(d.tags).toEqual(['m1', 'm1-copy'])
    expect(d.children).toHaveLength(2)
    expect(
      (await readCatalog({ client: k, repo: 'r/multi' })).repositories[0]?.tags.map((t) => t.tag),
    ).toEqual(['new'])
    expect(await codeOf(prune({ client: k, rules: { protect: ['latest'] }, dryRun: true }))).toBe(
      'MANAGE_RULES_MISSING',
    )
    k.close()
  }, 120_000)
})
