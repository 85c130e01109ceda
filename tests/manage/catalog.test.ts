// Catalog against a real registry:2: a single-platform image (docker-archive FROM scratch, pushed with skopeo) and a
// two-platform OCI index (layout written by the test, skopeo --all); sizes per platform = config + layers as the
// manifests skopeo reads say; paging past 100 repositories and 100 tags; the name filter; cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCatalog } from '../../main/manage'
import type { RegistryClient } from '../../main/registry-api'
import { dockerSaved, twoPlatformLayout } from '../images/export-support'
import { codeOf, preconditions } from '../registry-api/support'
import { dockerCleanup, tempDir } from '../support/rw-reg-fixtures'
import {
  blobsOfManifest,
  pushTiny,
  rawManifest,
  skopeo,
  startManageRegistry,
  volumesOf,
  type ManageRegistry,
} from './support'

const ready = await preconditions()
let root: { path: string; cleanup: () => Promise<void> }
const containers: string[] = []

beforeAll(async () => {
  root = await tempDir('rw-mng-cat-')
})
afterAll(async () => {
  await dockerCleanup(containers, containers.flatMap(volumesOf))
  await root.cleanup()
})

const sum = (m: Map<string, number>): number => [...m.values()].reduce((n, s) => n + s, 0)

describe.skipIf(!ready)('catalog (registry:2)', () => {
  let reg: ManageRegistry
  let c: RegistryClient

  beforeAll(async () => {
    reg = await startManageRegistry(root.path, 'cat')
    containers.push(reg.name)
    c = reg.client()
    const single = await dockerSaved(`${root.path}/single`, 'rw-mng-single:1')
    await skopeo(reg, [`docker-archive:${single}`, `docker://${reg.host}/apps/single:1`])
    const layout = await twoPlatformLayout(`${root.path}/multi`, 'v1')
    await skopeo(reg, ['--all', `oci:${layout}:v1`, `docker://${reg.host}/apps/multi:v1`])
  }, 180_000)
  afterAll(() => c.close())

  it('sizes: per platform config + layers, the index resolved to every platform, totals', async () => {
    const r = await readCatalog({ client: c, repo: 'apps/*' })
    expect(r.repositories.map((x) => x.name)).toEqual(['apps/multi', 'apps/single'])
    const single = r.repositories[1]?.tags[0]
    const raw = await rawManifest(reg, 'apps/single:1')
    expect(single?.kind).toBe('image')
    expect(single?.platforms).toHaveLength(1)
    expect(single?.platforms[0]?.platform).toBe('linux/amd64')
    expect(single?.size).toBe(sum(blobsOfManifest(raw)))
    expect(single?.created).toMatch(/^\d{4}-\d\d-\d\dT/)

    const multi = r.repositories[0]?.tags[0]
    const index = JSON.parse((await rawManifest(reg, 'apps/multi:v1')).toString()) as {
      manifests: { digest: string; platform: { architecture: string } }[]
    }
    expect(multi?.kind).toBe('index')
    expect(multi?.platforms.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64'])
    let all = new Map<string, number>()
    for (const [i, m] of index.manifests.entries()) {
      const blobs = blobsOfManifest(await rawManifest(reg, `apps/multi@${m.digest}`))
      expect(multi?.platforms[i]?.size).toBe(sum(blobs))
      expect(multi?.platforms[i]?.digest).toBe(m.digest)
      all = new Map([...all, ...blobs])
    }
    expect(multi?.size).toBe(multi?.platforms.reduce((n, p) => n + p.size, 0))
    expect(multi?.distinctSize).toBe(sum(all))
    expect(r.repositories[0]?.distinctSize).toBe(sum(all))
  })

  it('pages past 100 repositories (registry default page) and 100 tags; the filter picks by name', async () => {
    const first = await pushTiny(
      c,
      'page/r000',
      Array.from({ length: 105 }, (_, i) => `t${i}`),
    )
    for (let i = 1; i < 105; i++)
      await pushTiny(c, `page/r${String(i).padStart(3, '0')}`, ['1'], { from: 'page/r000' })
    const r = await readCatalog({ client: c, repo: 'page/**', pageSize: 40 })
    expect(r.repositories).toHaveLength(105)
    expect(r.repositories[104]?.name).toBe('page/r104')
    expect(r.repositories[0]?.tags).toHaveLength(105)
    expect(new Set(r.repositories[0]?.tags.map((t) => t.digest))).toEqual(new Set([first.digest]))
    // Without a page size: registry:2's own default (100) makes it page too.
    const all = await readCatalog({ client: c, repo: 'page/r10*' })
    expect(all.repositories.map((x) => x.name)).toEqual([
      'page/r100',
      'page/r101',
      'page/r102',
      'page/r103',
      'page/r104',
    ])
    const exact = await readCatalog({ client: c, repo: 'page/r007' })
    expect(exact.repositories.map((x) => x.name)).toEqual(['page/r007'])
  }, 120_000)

  it('stops at the signal with CANCELLED', async () => {
    const ac = new AbortController()
    ac.abort()
    expect(await codeOf(readCatalog({ client: c, signal: ac.signal }))).toBe('CANCELLED')
  })
})
