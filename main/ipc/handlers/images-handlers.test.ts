import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  preconditions,
  smallImage,
  startTestRegistry,
  type TestRegistry,
} from '../../../tests/registry-api/support'
import { dockerCleanup, run, tempDir } from '../../../tests/support/rw-reg-fixtures'
import { listTags, pushBlob, putManifest, registryClient } from '../../registry-api/index'
import type { Events, ImagesRegistryRef } from '../contract'
import type { HandlerContext } from '../handler-types'
import { JobRegistry } from '../jobs'
import { RegistryLogins } from '../registry-logins'
import { schemas } from '../schemas'
import { imagesHandlers, transferReporter } from './images-handlers'

// The Images channels against a real registry:2 (started by our startRegistry, htpasswd on): picks by id, a refused
// login and CA, inspect of an OCI archive skopeo wrote, and (helpers A/B's bodies) import and export through the same ids.
const ready = await preconditions()
const USER = { user: 'imgui', password: 'imgui-pass-1' }

let root: Awaited<ReturnType<typeof tempDir>>
let reg: TestRegistry
let ref: ImagesRegistryRef
let archive: string
const picked: string[] = []

/** A handler context whose events are recorded. */
function context(jobs?: { job: HandlerContext['job'] }): {
  ctx: HandlerContext
  events: Events['job:transfer'][]
} {
  const events: Events['job:transfer'][] = []
  const ctx: HandlerContext = {
    job: jobs?.job,
    emit: (name, payload) => {
      if (name === 'job:transfer') events.push(payload as Events['job:transfer'])
    },
  }
  return { ctx, events }
}

const handlers = (logins?: RegistryLogins) =>
  imagesHandlers({
    dialogs: {
      chooseFile: () => Promise.resolve(picked.shift() ?? null),
      chooseFolder: () => Promise.resolve(picked.shift() ?? null),
    },
    logins,
  })

describe.runIf(ready)('images IPC handlers against registry:2', () => {
  beforeAll(async () => {
    root = await tempDir('rw-imgui-ipc-')
    reg = await startTestRegistry(root.path, 'imgui-ipc', [USER])
    await writeFile(join(root.path, 'ca.crt'), reg.caPem)
    ref = { host: '127.0.0.1', port: reg.port, caCertPath: join(root.path, 'ca.crt') }
    const c = registryClient({ host: '127.0.0.1', port: reg.port, caPem: reg.caPem, ...USER })
    const img = smallImage()
    for (const b of [img.layer, img.config]) await pushBlob(c, 'seed/app', b)
    await putManifest(c, 'seed/app', '1', { mediaType: img.mediaType, bytes: img.manifest })
    await putManifest(c, 'seed/app', '2', { mediaType: img.mediaType, bytes: img.manifest })
    c.close()
    archive = join(root.path, 'app.tar')
    await run('skopeo', [
      'copy',
      '--src-cert-dir',
      reg.trustDir,
      '--src-creds',
      `${USER.user}:${USER.password}`,
      `docker://127.0.0.1:${reg.port}/seed/app:1`,
      `oci-archive:${archive}:seed/app:1`,
    ])
  })
  afterAll(async () => {
    await dockerCleanup([reg.name], [`${reg.name}-data`, `${reg.name}-certs`, `${reg.name}-auth`])
    await root.cleanup()
  })

  it('without a login (none typed, none kept) the registry refuses the export: a coded error, no file', async () => {
    const h = handlers()
    picked.push(root.path)
    const folderId = (await h.pickImagesPath({ kind: 'exportFolder' }, context().ctx)).picked?.id ?? ''
    const request = {
      jobId: 'exp-0',
      ...ref,
      refs: ['seed/app:1'],
      format: 'oci' as const,
      fileName: 'anon.tar',
    }
    await expect(h.exportImages({ ...request, folderId }, context().ctx)).rejects.toMatchObject({
      code: 'REGISTRY_API_UNAUTHORIZED',
    })
    expect(existsSync(join(root.path, 'anon.tar'))).toBe(false)
  })

  it('a CA file that is not a certificate is refused naming caCertPath', async () => {
    const bad = join(root.path, 'bad.crt')
    await writeFile(bad, 'nope')
    const h = handlers()
    picked.push(root.path)
    const folderId = (await h.pickImagesPath({ kind: 'exportFolder' }, context().ctx)).picked?.id ?? ''
    const request = {
      jobId: 'exp-0',
      refs: ['seed/app:1'],
      format: 'oci' as const,
      fileName: 'bad.tar',
      folderId,
    }
    await expect(
      h.exportImages({ ...request, ...ref, caCertPath: bad }, context().ctx),
    ).rejects.toMatchObject({ field: 'caCertPath', kind: 'input' })
  })

  it('picks give ids (never asked for a path again); inspect reads the archive by its id', async () => {
    const h = handlers()
    picked.push(archive)
    const { picked: p } = await h.pickImagesPath({ kind: 'archive' }, context().ctx)
    expect(p).toMatchObject({ name: 'app.tar', path: archive })
    expect(p?.id).toMatch(/^pick-[0-9a-f]{16}$/)
    const info = await h.inspectImageArchive({ archiveId: p?.id ?? '' }, context().ctx)
    expect(info.kind).toBe('oci-archive')
    expect(info.images).toHaveLength(1)
    expect(info.images[0]?.names).toEqual(['seed/app:1'])
    expect(info.images[0]?.platforms[0]).toMatchObject({ os: 'linux', architecture: 'amd64' })
    expect(info.totalBytes).toBeGreaterThan(4096)
  })

  it('an id main did not give, or a folder pick used as an archive, is refused; a cancelled dialog gives null', async () => {
    const h = handlers()
    await expect(
      h.inspectImageArchive({ archiveId: 'pick-0123456789abcdef' }, context().ctx),
    ).rejects.toMatchObject({ code: 'IMAGE_PICK_UNKNOWN', field: 'archiveId', kind: 'input' })
    picked.push(root.path)
    const folder = (await h.pickImagesPath({ kind: 'exportFolder' }, context().ctx)).picked
    await expect(h.inspectImageArchive({ archiveId: folder?.id ?? '' }, context().ctx)).rejects.toMatchObject(
      { code: 'IMAGE_PICK_UNKNOWN' },
    )
    expect((await h.pickImagesPath({ kind: 'archive' }, context().ctx)).picked).toBeNull()
  })

  it('import by id (prefix applied, the login main kept) sends job:transfer events; the registry then holds the tag; export by folder id writes the archive and its checksum', async () => {
    const jobs = new JobRegistry(0)
    const logins = new RegistryLogins()
    logins.remember(['127.0.0.1'], reg.port, [USER])
    const hl = imagesHandlers({
      dialogs: { chooseFile: () => Promise.resolve(archive), chooseFolder: () => Promise.resolve(root.path) },
      logins,
    })
    const archiveId = (await hl.pickImagesPath({ kind: 'archive' }, context().ctx)).picked?.id ?? ''
    const { ctx, events } = context()
    const r = await jobs.run(
      'imp-1',
      () => undefined,
      (job) =>
        hl.importImages(
          { jobId: 'imp-1', ...ref, archiveIds: [archiveId], prefix: 'copied' },
          { ...ctx, job },
        ),
    )
    expect(r.images.map((i) => i.reference)).toEqual(['copied/seed/app:1'])
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((e) => e.jobId === 'imp-1' && e.transfer.total > 0)).toBe(true)
    const c = registryClient({ host: '127.0.0.1', port: reg.port, caPem: reg.caPem, ...USER })
    expect(await listTags(c, 'copied/seed/app').finally(() => c.close())).toEqual(['1'])
    const folderId = (await hl.pickImagesPath({ kind: 'exportFolder' }, context().ctx)).picked?.id ?? ''
    const out = await jobs.run(
      'exp-1',
      () => undefined,
      (job) =>
        hl.exportImages(
          { jobId: 'exp-1', ...ref, refs: ['seed/app:1'], format: 'oci', fileName: 'out.tar', folderId },
          { ...context().ctx, job },
        ),
    )
    expect(out.out).toBe(join(root.path, 'out.tar'))
    expect(existsSync(out.checksumFile)).toBe(true)
    expect(await readFile(out.checksumFile, 'utf8')).toContain(out.sha256.replace(/^sha256:/, ''))
  })
})

describe('images requests are validated by their zod schemas', () => {
  const base = { jobId: 'j1', host: '127.0.0.1', port: 5000, caCertPath: '/ca.crt' }
  it.each([
    ['importImages', { ...base, archiveIds: ['/etc/passwd'] }, 'archiveIds.0'],
    ['importImages', { ...base, archiveIds: [] }, 'archiveIds'],
    ['inspectImageArchive', { archiveId: '../x' }, 'archiveId'],
    ['exportImages', { ...base, refs: ['a/b:1'], format: 'oci', fileName: 'x.tar' }, 'folderId'],
    [
      'exportImages',
      {
        ...base,
        refs: ['a/b:1'],
        format: 'oci',
        fileName: 'x.tar',
        folderId: 'pick-0123456789abcdef',
        driveId: 'drive-0123456789abcdef',
      },
      'folderId',
    ],
    [
      'exportImages',
      { ...base, refs: ['a/b:1'], format: 'oci', fileName: '../x.tar', folderId: 'pick-0123456789abcdef' },
      'fileName',
    ],
    [
      'exportImages',
      { ...base, refs: ['a/b:1'], format: 'zip', fileName: 'x.tar', folderId: 'pick-0123456789abcdef' },
      'format',
    ],
    [
      'exportImages',
      {
        ...base,
        refs: ['a/b:1'],
        format: 'docker',
        platform: 'amd64',
        fileName: 'x.tar',
        folderId: 'pick-0123456789abcdef',
      },
      'platform',
    ],
    ['pickImagesPath', { kind: 'anything', path: '/etc' }, 'kind'],
  ] as const)('%s %j refused at %s', (channel, request, field) => {
    const r = schemas[channel].safeParse(request)
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path.join('.')).toBe(field)
  })

  it('a well-formed export request passes', () => {
    const r = schemas.exportImages.safeParse({
      ...base,
      refs: ['docker.io/library/nginx:1.25', 'app/web@sha256:' + 'a'.repeat(64)],
      format: 'docker',
      platform: 'linux/arm64/v8',
      fileName: 'images.tar',
      driveId: 'drive-0123456789abcdef',
    })
    expect(r.success).toBe(true)
  })
})

describe('transferReporter', () => {
  it('throttles within a step, always sends a blob end, and reports the percent as the job step', () => {
    let now = 0
    const sent: Events['job:transfer'][] = []
    const steps: (number | undefined)[] = []
    const ctx: HandlerContext = {
      job: {
        jobId: 'j',
        signal: new AbortController().signal,
        progress: () => undefined,
        report: (p) => void steps.push(p.percent),
      },
      emit: (_n, p) => void sent.push(p as Events['job:transfer']),
    }
    const report = transferReporter(ctx, 100, () => now)
    const msg = { key: 'progress.images.blob' }
    const blob = (done: number) => ({ digest: 'sha256:x', done, size: 100 })
    report({ message: msg, blob: blob(10), done: 10, total: 200, bytesPerSecond: 5 })
    now = 50
    report({ message: msg, blob: blob(50), done: 50, total: 200, bytesPerSecond: 5 })
    report({ message: msg, blob: blob(100), done: 100, total: 200, bytesPerSecond: 5 })
    now = 60
    report({ message: { key: 'progress.images.tag' }, done: 200, total: 200, bytesPerSecond: 5 })
    expect(sent.map((e) => e.transfer.done)).toEqual([10, 100, 200])
    expect(steps).toEqual([5, 50, 100])
  })
})
