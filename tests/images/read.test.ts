// Reading archives without a registry: OCI layouts (folder and tar), tag-only names, the Docker 25+ docker save
// layout (OCI layout + manifest.json), an OCI archive written by skopeo; and every way a file can be bad.
import { createHash } from 'node:crypto'
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../main/errors'
import { importImages, inspectArchive, openImageSource } from '../../main/images'
import { createTranslator, errorTexts } from '../../main/messages'
import { run, tempDir } from '../support/rw-reg-fixtures'
import { preconditions } from '../registry-api/support'
import { tarLayout, writeOciLayout } from './import-support'

let root: { path: string; cleanup: () => Promise<void> }
const nowhere = { host: '127.0.0.1', port: 1, caPem: '' }

beforeAll(async () => {
  root = await tempDir('rw-imp-read-')
})
afterAll(async () => {
  await root.cleanup()
})

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

async function drain(s: NodeJS.ReadableStream): Promise<void> {
  let n = 0
  for await (const chunk of s as AsyncIterable<Buffer>) n += chunk.length
  expect(n).toBeGreaterThan(0)
}

describe('reading OCI layouts and archives', () => {
  it('a layout folder and its tar: kinds, names, both platforms, sizes', async () => {
    const layout = await writeOciLayout(join(root.path, 'l1'), 'docker.io/team/app:2', { layers: 2 })
    const dir = await inspectArchive(layout.dir)
    const tar = await inspectArchive(await tarLayout(layout.dir, join(root.path, 'l1.tar')))
    expect(dir.kind).toBe('oci-layout')
    expect(tar.kind).toBe('oci-archive')
    for (const r of [dir, tar]) {
      expect(r.images).toHaveLength(1)
      expect(r.images[0]).toMatchObject({ names: ['team/app:2'], tags: [], digest: layout.indexDigest })
      expect(r.images[0]?.platforms.map((p) => `${p.os}/${p.architecture}`)).toEqual([
        'linux/amd64',
        'linux/arm64',
      ])
      expect(r.totalBytes).toBe(r.images[0]?.size)
    }
  })

  it('a bare ref.name is a tag: the import needs a repository (IMAGES_UNNAMED before any request)', async () => {
    const layout = await writeOciLayout(join(root.path, 'tagonly'), '1.0')
    const r = await inspectArchive(layout.dir)
    expect(r.images[0]).toMatchObject({ names: [], tags: ['1.0'] })
    const e = await failure(importImages({ files: [layout.dir], registry: nowhere }))
    expect(e).toMatchObject({ code: 'IMAGES_UNNAMED', kind: 'input', field: 'repository' })
    const bad = await failure(
      importImages({ files: [layout.dir], registry: nowhere, repository: 'Not/Valid' }),
    )
    expect(bad.code).toBe('IMAGES_REPOSITORY_INVALID')
    const prefix = await failure(importImages({ files: [layout.dir], registry: nowhere, prefix: 'UP' }))
    expect(prefix).toMatchObject({ code: 'IMAGES_PREFIX_INVALID', field: 'prefix' })
  })

  it('two different images under one tag are refused before anything is sent', async () => {
    const a = await writeOciLayout(join(root.path, 'ca'), 'team/same:1')
    const b = await writeOciLayout(join(root.path, 'cb'), 'team/same:1')
    const e = await failure(importImages({ files: [a.dir, b.dir], registry: nowhere }))
    expect(e).toMatchObject({ code: 'IMAGES_TAG_CONFLICT', kind: 'input' })
  })

  it('the Docker 25+ docker save layout: OCI index preferred, names from manifest.json RepoTags', async () => {
    const layout = await writeOciLayout(join(root.path, 'd25'), undefined)
    // Docker 25 lists single-platform images in index.json; make index.json point at the amd64 manifest.
    const man = layout.manifestDigests[0] ?? ''
    const manBytes = await readFile(join(layout.dir, 'blobs', 'sha256', man.slice(7)))
    const config = (JSON.parse(manBytes.toString()) as { config: { digest: string } }).config.digest
    await writeFile(
      join(layout.dir, 'index.json'),
      JSON.stringify({
        schemaVersion: 2,
        manifests: [
          { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: man, size: manBytes.length },
        ],
      }),
    )
    const manifestJson = [{ Config: `blobs/sha256/${config.slice(7)}`, RepoTags: ['busy:7'], Layers: [] }]
    await writeFile(join(layout.dir, 'manifest.json'), JSON.stringify(manifestJson))
    const r = await inspectArchive(await tarLayout(layout.dir, join(root.path, 'd25.tar'), ['manifest.json']))
    expect(r.kind).toBe('docker-archive')
    expect(r.images[0]).toMatchObject({ names: ['library/busy:7'], digest: man })
    expect(r.images[0]?.platforms[0]).toMatchObject({ os: 'linux', architecture: 'amd64' })
  })
})

describe('bad files: each its own code, the input at fault', () => {
  it('missing, not a tar, compressed, empty', async () => {
    const missing = await failure(inspectArchive(join(root.path, 'nope.tar')))
    expect(missing).toMatchObject({ code: 'IMAGES_SOURCE_UNREADABLE', kind: 'input', field: 'files' })
    const junk = join(root.path, 'junk.tar')
    await writeFile(junk, Buffer.alloc(4096, 'x'))
    expect((await failure(inspectArchive(junk))).code).toBe('IMAGES_FORMAT_UNKNOWN')
    // A gzip is decompressed and read: one holding no tar is an unknown format, named by the .gz.
    const gz = join(root.path, 'x.tar.gz')
    await writeFile(gz, gzipSync(Buffer.alloc(2048, 'y')))
    expect(await failure(inspectArchive(gz))).toMatchObject({
      code: 'IMAGES_FORMAT_UNKNOWN',
      params: { path: gz },
    })
    const zst = join(root.path, 'x.tar.zst')
    await writeFile(zst, Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(600)]))
    expect(await failure(inspectArchive(zst))).toMatchObject({
      code: 'IMAGES_COMPRESSED',
      params: { compression: 'zstd' },
    })
    const empty = join(root.path, 'empty.tar')
    await writeFile(empty, '')
    expect((await failure(inspectArchive(empty))).code).toBe('IMAGES_FORMAT_UNKNOWN')
    const layout = await writeOciLayout(join(root.path, 'none'), 'a/b:1')
    await rm(join(layout.dir, 'oci-layout'))
    await rm(join(layout.dir, 'index.json'))
    expect((await failure(inspectArchive(layout.dir))).code).toBe('IMAGES_FORMAT_UNKNOWN')
  })

  it('a blob missing, a blob of the wrong size, a blob whose bytes do not match its digest', async () => {
    const layout = await writeOciLayout(join(root.path, 'bad'), 'a/b:1', { layers: 2 })
    const manBytes = await readFile(
      join(layout.dir, 'blobs', 'sha256', (layout.manifestDigests[1] ?? '').slice(7)),
    )
    const layers = (JSON.parse(manBytes.toString()) as { layers: { digest: string }[] }).layers
    const file = (d: string | undefined): string => join(layout.dir, 'blobs', 'sha256', (d ?? '').slice(7))
    // Same size, other bytes: found only while the blob is read (as an import reads it).
    const original = await readFile(file(layers[0]?.digest))
    await writeFile(file(layers[0]?.digest), Buffer.alloc(original.length, 1))
    const source = await openImageSource(layout.dir)
    const e = await failure(drain(source.openBlob(layers[0]?.digest ?? '')))
    expect(e).toMatchObject({ code: 'IMAGES_BLOB_DIGEST', kind: 'input' })
    await source.close()
    await appendFile(file(layers[0]?.digest), 'x')
    expect((await failure(inspectArchive(layout.dir))).code).toBe('IMAGES_BLOB_SIZE')
    await writeFile(file(layers[0]?.digest), original)
    await rm(file(layers[1]?.digest))
    const missing = await failure(inspectArchive(layout.dir))
    expect(missing).toMatchObject({
      code: 'IMAGES_BLOB_MISSING',
      kind: 'input',
      params: { digest: layers[1]?.digest },
    })
    const zh = errorTexts(createTranslator('zh-CN'), missing, 'cli')
    expect(zh.message).toContain('中没有')
    expect(zh.message).not.toMatch(/does not hold|needs/)
  })

  it('a truncated tar and a damaged header', async () => {
    const layout = await writeOciLayout(join(root.path, 'cut'), 'a/b:1', { layerSize: 100_000 })
    const bytes = await readFile(await tarLayout(layout.dir, join(root.path, 'cut.tar')))
    const cut = join(root.path, 'cut-short.tar')
    for (const at of [bytes.length - 1024 - 512 * 3, Math.floor(bytes.length / 2), 700]) {
      await writeFile(cut, bytes.subarray(0, at))
      expect(await failure(inspectArchive(cut))).toMatchObject({
        code: 'IMAGES_TAR_TRUNCATED',
        kind: 'input',
      })
    }
    const damaged = Buffer.from(bytes)
    damaged[1] = (damaged[1] ?? 0) ^ 0x20
    await writeFile(cut, damaged)
    expect(await failure(inspectArchive(cut))).toMatchObject({
      code: 'IMAGES_TAR_CORRUPT',
      params: { offset: 0 },
    })
  })
})

const tools = await preconditions()

describe.skipIf(!tools)('archives written by skopeo and docker', () => {
  it('skopeo oci-archive with a name:tag and with a bare tag; the legacy docker save of the same image', async () => {
    const ctx = join(root.path, 'ctx')
    await run('mkdir', ['-p', ctx])
    await writeFile(join(ctx, 'f.txt'), `read test ${Date.now()}\n`)
    await writeFile(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY f.txt /f.txt\n')
    const tag = `rw-imp-read-${createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 6)}:1`
    await run('docker', ['build', '-q', '-t', tag, ctx], { env: { ...process.env, DOCKER_BUILDKIT: '0' } })
    try {
      const save = join(root.path, 'legacy.tar')
      await run('docker', ['save', '-o', save, tag])
      const legacy = await inspectArchive(save)
      expect(legacy).toMatchObject({ kind: 'docker-archive', images: [{ names: [`library/${tag}`] }] })
      const named = join(root.path, 'named.tar')
      const bare = join(root.path, 'bare.tar')
      await run('skopeo', ['copy', '-q', `docker-archive:${save}`, `oci-archive:${named}:team/x:5`])
      await run('skopeo', ['copy', '-q', `docker-archive:${save}`, `oci-archive:${bare}:5`])
      expect((await inspectArchive(named)).images[0]).toMatchObject({ names: ['team/x:5'], tags: [] })
      expect((await inspectArchive(bare)).images[0]).toMatchObject({ names: [], tags: ['5'] })
    } finally {
      await run('docker', ['rmi', '-f', tag]).catch(() => undefined)
    }
  }, 120_000)
})
