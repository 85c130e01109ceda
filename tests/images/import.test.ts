// Import into a real registry:2 (TLS from a test CA, started by our startRegistry): a multi-image docker save tar
// and a two-platform OCI archive, checked with skopeo; a second import sends nothing; broken tars leave no tag;
// skopeo copies an imported image back out and docker pulls it.
import { open, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importImages, inspectArchive } from '../../main/images'
import { indexTar } from '../../main/images/read/tar-index'
import { dockerCleanup, run, tempDir } from '../support/rw-reg-fixtures'
import { codeOf, preconditions, startTestRegistry, type TestRegistry } from '../registry-api/support'
import {
  digestOf,
  dockerSaveTar,
  impName,
  skopeoRaw,
  tagsOf,
  tarLayout,
  writeOciLayout,
} from './import-support'

const ready = await preconditions()
let root: { path: string; cleanup: () => Promise<void> }
let reg: TestRegistry
const containers: string[] = []
const images: string[] = []
const ns = impName('t').slice(7)

const endpoint = (): { host: string; port: number; caPem: string } => ({
  host: '127.0.0.1',
  port: reg.port,
  caPem: reg.caPem,
})

describe.skipIf(!ready)('images import into registry:2', () => {
  let saveTar: string
  let tagA: string
  let tagB: string
  beforeAll(async () => {
    root = await tempDir('rw-imp-')
    reg = await startTestRegistry(root.path, 'imp')
    containers.push(reg.name)
    tagA = `${ns}-a:1`
    tagB = `${ns}-b:2`
    images.push(tagA, tagB, `${ns}-c:3`)
    saveTar = await dockerSaveTar(root.path, [tagA, tagB], { [`${ns}-c:3`]: tagA })
  }, 180_000)

  afterAll(async () => {
    await dockerCleanup(
      containers,
      containers.flatMap((n) => [`${n}-data`, `${n}-certs`, `${n}-auth`]),
      images,
    )
    await root.cleanup()
  })

  it('imports a docker save tar of two images (one under two names: mounted); skopeo sees the same digests; a second import sends 0 blobs', async () => {
    const seen = await inspectArchive(saveTar)
    expect(seen.kind).toBe('docker-archive')
    expect(seen.images.map((i) => i.names.sort()).sort()).toEqual([
      [`library/${tagA}`, `library/${ns}-c:3`],
      [`library/${tagB}`],
    ])
    const first = await importImages({ files: [saveTar], registry: endpoint(), prefix: 'mirror' })
    expect(first.images.map((i) => i.reference).sort()).toEqual(
      [`mirror/library/${tagA}`, `mirror/library/${tagB}`, `mirror/library/${ns}-c:3`].sort(),
    )
    // Two layers and a config per image; the second name of image A gets its three blobs by mount.
    expect(first.blobs).toMatchObject({ uploaded: 6, mounted: 3, present: 0 })
    for (const img of first.images) {
      const raw = await skopeoRaw(reg.trustDir, `127.0.0.1:${reg.port}/${img.reference}`)
      expect(digestOf(raw)).toBe(img.digest)
      const man = JSON.parse(raw.toString()) as { layers: { digest: string; mediaType: string }[] }
      expect(man.layers[0]?.mediaType).toBe('application/vnd.docker.image.rootfs.diff.tar')
    }
    const again = await importImages({ files: [saveTar], registry: endpoint(), prefix: 'mirror' })
    expect(again.blobs).toMatchObject({ uploaded: 0, mounted: 0, bytesUploaded: 0 })
    expect(again.blobs.present).toBe(first.blobs.uploaded + first.blobs.mounted)
    expect(again.images.map((i) => i.digest).sort()).toEqual(first.images.map((i) => i.digest).sort())
  }, 180_000)

  it('imports a two-platform OCI archive whole: the index and both manifests keep their digests', async () => {
    const layout = await writeOciLayout(join(root.path, 'multi'), `${ns}/multi:1`, { layers: 2 })
    const archive = await tarLayout(layout.dir, join(root.path, 'multi.tar'))
    const seen = await inspectArchive(archive)
    expect(seen.kind).toBe('oci-archive')
    expect(seen.images[0]?.digest).toBe(layout.indexDigest)
    expect(seen.images[0]?.platforms.map((p) => p.architecture)).toEqual(['amd64', 'arm64'])
    const progress: number[] = []
    const r = await importImages(
      { files: [archive], registry: endpoint() },
      { onProgress: (p) => progress.push(p.done) },
    )
    expect(r.images).toEqual([
      {
        reference: `${ns}/multi:1`,
        digest: layout.indexDigest,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        platforms: 2,
      },
    ])
    expect(r.blobs.uploaded).toBe(layout.blobCount)
    const host = `127.0.0.1:${reg.port}/${ns}/multi`
    expect(digestOf(await skopeoRaw(reg.trustDir, `${host}:1`))).toBe(layout.indexDigest)
    for (const d of layout.manifestDigests)
      expect(digestOf(await skopeoRaw(reg.trustDir, `${host}@${d}`))).toBe(d)
    expect(progress.at(-1)).toBe(seen.totalBytes)
    // The same layout as a folder: the same image, nothing to send.
    const dir = await importImages({ files: [layout.dir], registry: endpoint() })
    expect(dir.images[0]?.digest).toBe(layout.indexDigest)
    expect(dir.blobs).toMatchObject({ uploaded: 0, present: layout.blobCount })
  }, 120_000)

  it('a truncated tar and a corrupt one give their errors and leave no tag', async () => {
    const bytes = await readFile(saveTar)
    const cut = join(root.path, 'cut.tar')
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const input = { files: [cut], registry: endpoint(), prefix: 'broken' }
    expect(await codeOf(importImages(input))).toBe('IMAGES_TAR_TRUNCATED')
    // Damage inside a layer's bytes: the headers are fine, the content does not hash to its digest.
    const bad = Buffer.from(bytes)
    const fh = await open(saveTar, 'r')
    const members = await indexTar(fh, saveTar, bytes.length)
    await fh.close()
    const layer = [...members.values()].find((m) => m.name.endsWith('/layer.tar') && m.size > 65536)
    expect(layer).toBeDefined()
    const at = (layer?.offset ?? 0) + 4096
    for (let i = 0; i < 64; i++) bad[at + i] = (bad[at + i] ?? 0) ^ 0xff
    const corrupt = join(root.path, 'corrupt.tar')
    await writeFile(corrupt, bad)
    expect(await codeOf(importImages({ ...input, files: [corrupt] }))).toBe('IMAGES_BLOB_DIGEST')
    const header = Buffer.from(bytes)
    header[10] = (header[10] ?? 0) ^ 0x55
    await writeFile(corrupt, header)
    expect(await codeOf(importImages({ ...input, files: [corrupt] }))).toBe('IMAGES_TAR_CORRUPT')
    const caFile = join(reg.trustDir, 'ca.crt')
    for (const t of [tagA, tagB])
      expect(await tagsOf(reg.port, caFile, `broken/library/${t.split(':')[0]}`)).toEqual([])
  }, 120_000)

  it('skopeo copies an imported image back out (same digest), and docker pulls it through loopback', async () => {
    const ref = `127.0.0.1:${reg.port}/mirror/library/${tagA}`
    const out = join(root.path, 'back')
    // dir: keeps the manifest as the registry serves it (oci-archive: would convert and compress).
    await run('skopeo', ['copy', '--src-cert-dir', reg.trustDir, `docker://${ref}`, `dir:${out}`])
    const original = await inspectArchive(saveTar)
    const a = original.images.find((i) => i.names.includes(`library/${tagA}`))
    expect(digestOf(await readFile(join(out, 'manifest.json')))).toBe(a?.digest)
    images.push(ref)
    await run('docker', ['pull', ref])
    const { stdout } = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', ref])
    const { stdout: local } = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', tagA])
    expect(stdout.trim()).toBe(local.trim())
  }, 120_000)
})
