import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pushTiny, startManageRegistry, volumesOf, type ManageRegistry } from '../../../tests/manage/support'
import { preconditions } from '../../../tests/registry-api/support'
import { dockerCleanup, tempDir } from '../../../tests/support/rw-reg-fixtures'
import { inspectRegistry } from '../../docker/index'
import { envValue } from '../../manage/index'
import { SettingsStore } from '../../state/settings-store'
import type { ContentsRegistryRef, Events, JobProgress } from '../contract'
import { EngineCache } from '../engine-cache'
import type { HandlerContext } from '../handler-types'
import { JobRegistry } from '../jobs'
import { schemas } from '../schemas'
import { manageHandlers } from './manage-handlers'

// The Registry contents channels against a real registry:2 (started by our startRegistry with deleting off): the
// registry named only by the saved plan's address (CA from the certificate the app issued for it, engine from the
// plan), the catalog, delete refused then switched on by the job, delete with what else went, a retention dry run
// whose id the real run deletes exactly (and nothing when the registry changed), gc dry run then run with its log.
const ready = await preconditions()

let root: Awaited<ReturnType<typeof tempDir>>
let reg: ManageRegistry
let ref: ContentsRegistryRef
const engines = new EngineCache()
const jobs = new JobRegistry(0)

interface Seen {
  progress: JobProgress[]
  logs: Events['job:log'][]
}

/** Runs a handler as the IPC side does for a job channel: a real job handle, its events recorded. */
async function asJob<T>(
  jobId: string,
  work: (ctx: HandlerContext) => Promise<T>,
): Promise<{ value: T; seen: Seen }> {
  const seen: Seen = { progress: [], logs: [] }
  const emit: HandlerContext['emit'] = (name, payload) => {
    if (name === 'job:log') seen.logs.push(payload as Events['job:log'])
  }
  const value = await jobs.run(
    jobId,
    (p) => seen.progress.push(p),
    (job) => work({ job, emit }),
  )
  return { value, seen }
}

const plain: HandlerContext = { job: undefined, emit: () => undefined }
let h: ReturnType<typeof manageHandlers>

describe.runIf(ready)('Registry contents IPC handlers against registry:2', () => {
  beforeAll(async () => {
    root = await tempDir('rw-mng-ipc-')
    reg = await startManageRegistry(root.path, 'ipc', { deleteEnabled: false })
    const settings = new SettingsStore(join(root.path, 'data'))
    await settings.savePlan({ addresses: ['127.0.0.1'], port: reg.port, docker: { kind: 'local' } })
    await settings.rememberCert({
      certPath: join(dirname(reg.caFile), 'domain.crt'),
      caDir: join(root.path, 'ca-ipc'),
      sans: ['127.0.0.1', 'localhost'],
      fingerprintSha256: 'AA',
      notAfter: new Date(Date.now() + 86_400_000).toISOString(),
    })
    h = manageHandlers({ settings, engines, containerName: reg.name })
    ref = { host: '127.0.0.1', port: reg.port }
    const c = reg.client()
    await pushTiny(c, 'team/app', ['1'], { created: '2024-01-01T00:00:00Z', seed: 'one' })
    await pushTiny(c, 'team/app', ['2', 'latest'], { created: '2024-02-01T00:00:00Z', seed: 'two' })
    await pushTiny(c, 'team/app', ['3'], { created: '2024-03-01T00:00:00Z', seed: 'three' })
    await pushTiny(c, 'other/db', ['5'], { created: '2024-03-05T00:00:00Z', seed: 'db' })
    c.close()
  }, 180_000)

  afterAll(async () => {
    await dockerCleanup([reg.name], volumesOf(reg.name))
    engines.closeAll()
    await root.cleanup()
  })

  it('reads the catalog of the planned registry with sizes and created times; a filter picks repositories', async () => {
    const all = await h.readCatalog(ref, plain)
    expect(all.repositories.map((r) => r.name)).toEqual(['other/db', 'team/app'])
    const app = all.repositories.find((r) => r.name === 'team/app')
    expect(app?.tags.map((t) => t.tag)).toEqual(['1', '2', '3', 'latest'])
    const two = app?.tags.find((t) => t.tag === '2')
    expect(two?.created).toBe('2024-02-01T00:00:00.000Z')
    expect(two?.platforms).toHaveLength(1)
    expect(two?.platforms[0]?.platform).toBe('linux/amd64')
    expect(two?.size).toBeGreaterThan(0)
    const only = await h.readCatalog({ ...ref, repo: 'other/*' }, plain)
    expect(only.repositories.map((r) => r.name)).toEqual(['other/db'])
  })

  it('an address the plan does not hold is refused before anything is read', async () => {
    await expect(h.readCatalog({ host: '127.0.0.2', port: reg.port }, plain)).rejects.toMatchObject({
      code: 'MANAGE_REGISTRY_UNKNOWN',
      field: 'host',
      params: { address: `127.0.0.2:${reg.port}` },
    })
    await expect(h.storageUsage({ host: '127.0.0.1', port: reg.port + 1 }, plain)).rejects.toMatchObject({
      code: 'MANAGE_REGISTRY_UNKNOWN',
    })
  })

  it('delete while deleting is off: MANAGE_DELETE_DISABLED; the job switches it on, keeping the data; then delete says what else went', async () => {
    await expect(h.deleteImage({ ...ref, repository: 'team/app', tag: '2' }, plain)).rejects.toMatchObject({
      code: 'MANAGE_DELETE_DISABLED',
    })
    const { value, seen } = await asJob('enable-1', (ctx) =>
      h.enableDelete({ ...ref, jobId: 'enable-1' }, ctx),
    )
    expect(value).toEqual({ name: reg.name, changed: true })
    expect(seen.progress.map((p) => p.message?.key)).toContain('progress.enableDelete.recreate')
    expect(envValue(await inspectRegistry(reg.engine, reg.name), 'REGISTRY_STORAGE_DELETE_ENABLED')).toBe(
      'true',
    )
    const gone = await h.deleteImage({ ...ref, repository: 'team/app', tag: '2' }, plain)
    expect(gone.tags).toEqual(['2', 'latest'])
    expect(gone.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    const after = await h.readCatalog({ ...ref, repo: 'team/app' }, plain)
    expect(after.repositories[0]?.tags.map((t) => t.tag)).toEqual(['1', '3'])
  }, 120_000)

  it('retention: the real run deletes exactly the dry run; a used id or a changed registry deletes nothing', async () => {
    const plan = await h.planRetention({ ...ref, repo: 'team/*', rules: { keepLast: 1 } }, plain)
    expect(plan.planId).toMatch(/^plan-[0-9a-f]{16}$/)
    expect(plan.deletes.map((d) => d.tags)).toEqual([['1']])
    const { value } = await asJob('prune-1', (ctx) =>
      h.prune({ ...ref, jobId: 'prune-1', planId: plan.planId }, ctx),
    )
    expect(value.deleted).toEqual(plan.deletes.map(({ created: _c, ...d }) => d))
    await expect(
      asJob('prune-2', (ctx) => h.prune({ ...ref, jobId: 'prune-2', planId: plan.planId }, ctx)),
    ).rejects.toMatchObject({ code: 'MANAGE_PLAN_UNKNOWN', field: 'planId' })

    const stale = await h.planRetention({ ...ref, rules: { keepLast: 0, protect: ['5'] } }, plain)
    expect(stale.deletes.map((d) => d.tags)).toEqual([['3']])
    const c = reg.client()
    await pushTiny(c, 'team/app', ['4'], { created: '2024-04-01T00:00:00Z', seed: 'four' })
    c.close()
    await expect(
      asJob('prune-3', (ctx) => h.prune({ ...ref, jobId: 'prune-3', planId: stale.planId }, ctx)),
    ).rejects.toMatchObject({ code: 'MANAGE_PLAN_CHANGED', params: { before: 1, after: 2 } })
    const left = await h.readCatalog({ ...ref, repo: 'team/app' }, plain)
    expect(left.repositories[0]?.tags.map((t) => t.tag)).toEqual(['3', '4'])
  }, 120_000)

  it('gc: the dry run reports bytes it would free, the run frees them with its log streamed; usage before and after', async () => {
    const before = await h.storageUsage(ref, plain)
    expect(before.repositories.map((r) => r.name)).toEqual(['other/db', 'team/app'])
    const dry = await asJob('gc-dry', (ctx) =>
      h.garbageCollect({ ...ref, jobId: 'gc-dry', dryRun: true }, ctx),
    )
    expect(dry.value.dryRun).toBe(true)
    expect(dry.value.wouldFreeBytes).toBeGreaterThan(0)
    expect(dry.seen.logs.some((l) => l.jobId === 'gc-dry' && /eligible for deletion/.test(l.line))).toBe(true)
    const run = await asJob('gc-run', (ctx) =>
      h.garbageCollect({ ...ref, jobId: 'gc-run', dryRun: false }, ctx),
    )
    expect(run.value.freedBytes).toBe(dry.value.wouldFreeBytes)
    expect(run.seen.progress.map((p) => p.message?.key)).toContain('progress.gc.readOnly')
    const after = await h.storageUsage(ref, plain)
    expect(after.totalBytes).toBe(before.totalBytes - (run.value.freedBytes ?? 0))
    expect(
      envValue(await inspectRegistry(reg.engine, reg.name), 'REGISTRY_STORAGE_MAINTENANCE_READONLY'),
    ).toBe(undefined)
  }, 180_000)

  it('the schemas: --delete-untagged only with the warning accepted; exactly one of tag and digest', () => {
    const base = { jobId: 'gc-x', host: '127.0.0.1', port: 5000, dryRun: false }
    expect(schemas.garbageCollect.safeParse({ ...base, deleteUntagged: true }).success).toBe(false)
    expect(
      schemas.garbageCollect.safeParse({ ...base, deleteUntagged: true, untaggedWarningAccepted: true })
        .success,
    ).toBe(true)
    const del = { host: '127.0.0.1', port: 5000, repository: 'team/app' }
    expect(schemas.deleteImage.safeParse(del).success).toBe(false)
    expect(
      schemas.deleteImage.safeParse({ ...del, tag: '1', digest: `sha256:${'a'.repeat(64)}` }).success,
    ).toBe(false)
    expect(schemas.deleteImage.safeParse({ ...del, tag: '1' }).success).toBe(true)
    expect(schemas.readCatalog.safeParse({ host: 'h', port: 1, caCertPath: '/etc/ca.crt' }).success).toBe(
      false,
    )
  })
})
