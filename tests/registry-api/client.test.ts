import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../main/errors'
import {
  blobExists,
  getBlob,
  getManifest,
  headManifest,
  ping,
  pushBlob,
  putManifest,
  registryClient,
  sha256Digest,
  type RegistryClient,
} from '../../main/registry-api'
import { dockerCleanup, run, tempDir } from '../support/rw-reg-fixtures'
import { codeOf, preconditions, smallImage, startTestRegistry, type TestRegistry } from './support'
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { Agent } from 'node:https'

const ready = await preconditions()
let root: { path: string; cleanup: () => Promise<void> }
let reg: TestRegistry
let other: string
let c: RegistryClient
const containers: string[] = []

function pieces(b: Buffer, size: number): AsyncIterable<Buffer> {
  const parts: Buffer[] = []
  for (let i = 0; i < b.length; i += size) parts.push(b.subarray(i, i + size))
  return Readable.from(parts) as AsyncIterable<Buffer>
}

describe.skipIf(!ready)('OCI distribution client against registry:2 with TLS from our CA', () => {
  beforeAll(async () => {
    root = await tempDir('rw-rapi-')
    reg = await startTestRegistry(root.path, 'main')
    containers.push(reg.name)
    const second = await startTestRegistry(root.path, 'other')
    containers.push(second.name)
    other = second.caPem
    c = registryClient({ host: '127.0.0.1', port: reg.port, caPem: reg.caPem })
  }, 120_000)

  afterAll(async () => {
    c.close()
    await dockerCleanup(
      containers,
      containers.flatMap((n) => [`${n}-data`, `${n}-certs`, `${n}-auth`]),
    )
    await root.cleanup()
  })

  it('pushes blob, config and manifest; HEAD finds them; a second push is skipped; pull gives the same bytes; skopeo agrees', async () => {
    await ping(c)
    const img = smallImage()
    const repo = 'rapi/small'
    expect(await blobExists(c, repo, sha256Digest(img.layer))).toBe(false)
    expect((await pushBlob(c, repo, img.layer)).outcome).toBe('uploaded')
    expect((await pushBlob(c, repo, img.config)).outcome).toBe('uploaded')
    expect((await pushBlob(c, repo, img.layer)).outcome).toBe('present')
    expect(await blobExists(c, repo, sha256Digest(img.layer))).toBe(true)
    const digest = await putManifest(c, repo, '1', { mediaType: img.mediaType, bytes: img.manifest })
    expect(digest).toBe(sha256Digest(img.manifest))
    expect(await headManifest(c, repo, '1')).toEqual({
      mediaType: img.mediaType,
      digest,
      size: img.manifest.length,
    })
    const back = await getManifest(c, repo, '1')
    expect(back).toEqual({ mediaType: img.mediaType, digest, bytes: img.manifest })
    expect((await getManifest(c, repo, digest)).bytes.equals(img.manifest)).toBe(true)
    expect((await getBlob(c, repo, sha256Digest(img.layer))).equals(img.layer)).toBe(true)

    const ref = `docker://127.0.0.1:${reg.port}/${repo}:1`
    const seen = JSON.parse((await run('skopeo', ['inspect', '--cert-dir', reg.trustDir, ref])).stdout) as {
      Digest: string
      Layers: string[]
    }
    expect(seen.Digest).toBe(digest)
    expect(seen.Layers).toEqual([sha256Digest(img.layer)])
    const raw = await run('skopeo', ['inspect', '--raw', '--cert-dir', reg.trustDir, ref], {
      encoding: 'buffer',
    })
    expect(Buffer.from(raw.stdout).equals(img.manifest)).toBe(true)
  })

  it('refuses a wrong digest: bytes before anything is sent, a stream before the closing PUT (nothing stored)', async () => {
    const repo = 'rapi/wrong'
    const bytes = randomBytes(3000)
    const wrong = sha256Digest(randomBytes(8))
    expect(await codeOf(pushBlob(c, repo, bytes, { digest: wrong }))).toBe('REGISTRY_API_DIGEST_MISMATCH')
    expect(await codeOf(pushBlob(c, repo, pieces(bytes, 1000), { digest: wrong }))).toBe(
      'REGISTRY_API_DIGEST_MISMATCH',
    )
    expect(await blobExists(c, repo, wrong)).toBe(false)
    expect(await blobExists(c, repo, sha256Digest(bytes))).toBe(false)
    expect(await codeOf(pushBlob(c, repo, bytes, { digest: 'md5:abc' }))).toBe('REGISTRY_API_DIGEST_INVALID')
    const img = smallImage()
    const put = putManifest(c, repo, wrong, { mediaType: img.mediaType, bytes: img.manifest })
    expect(await codeOf(put)).toBe('REGISTRY_API_DIGEST_MISMATCH')
    expect(await headManifest(c, repo, wrong)).toBeUndefined()
  })

  it('uploads in chunks (bytes split by chunkSize, and a stream), with progress', async () => {
    const repo = 'rapi/chunks'
    const bytes = randomBytes(100_000)
    const seen: number[] = []
    const r = await pushBlob(c, repo, bytes, { chunkSize: 16_384, onProgress: (n) => seen.push(n) })
    expect(r).toEqual({ digest: sha256Digest(bytes), size: 100_000, outcome: 'uploaded' })
    expect(seen.length).toBe(7)
    expect(seen.at(-1)).toBe(100_000)
    expect((await getBlob(c, repo, r.digest)).equals(bytes)).toBe(true)
    const more = randomBytes(50_000)
    const s = await pushBlob(c, repo, pieces(more, 7000), { digest: sha256Digest(more) })
    expect(s).toEqual({ digest: sha256Digest(more), size: 50_000, outcome: 'uploaded' })
    expect((await getBlob(c, repo, s.digest)).equals(more)).toBe(true)
  })

  it('mounts a blob from another repository, and uploads when the source does not have it (202)', async () => {
    const bytes = randomBytes(2000)
    await pushBlob(c, 'rapi/mount-a', bytes)
    expect((await pushBlob(c, 'rapi/mount-b', bytes, { mountFrom: 'rapi/mount-a' })).outcome).toBe('mounted')
    expect(await blobExists(c, 'rapi/mount-b', sha256Digest(bytes))).toBe(true)
    const fresh = randomBytes(2000)
    expect((await pushBlob(c, 'rapi/mount-c', fresh, { mountFrom: 'rapi/mount-a' })).outcome).toBe('uploaded')
    expect((await getBlob(c, 'rapi/mount-c', sha256Digest(fresh))).equals(fresh)).toBe(true)
  })

  it('reports the registry error code, TLS failures with another CA, and cancellation', async () => {
    const e = await getManifest(c, 'rapi/none', 'nope').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('REGISTRY_API_HTTP')
    expect((e as AppError).params).toMatchObject({ status: 404, registryCode: 'MANIFEST_UNKNOWN' })
    const stranger = registryClient({ host: '127.0.0.1', port: reg.port, caPem: other })
    expect(await codeOf(ping(stranger))).toBe('REGISTRY_API_TLS')
    stranger.close()
    const byName = registryClient({
      host: 'localhost',
      connectHost: '127.0.0.1',
      port: reg.port,
      caPem: reg.caPem,
    })
    await ping(byName)
    byName.close()
    const wrongName = registryClient({
      host: 'registry.example',
      connectHost: '127.0.0.1',
      port: reg.port,
      caPem: reg.caPem,
    })
    expect(await codeOf(ping(wrongName))).toBe('REGISTRY_API_TLS')
    wrongName.close()
    expect(await codeOf(ping(c, AbortSignal.abort()))).toBe('CANCELLED')
  })

  it('assumeAbsent skips the HEAD: a blob already there is uploaded again (default: found, not sent)', async () => {
    const img = smallImage(512)
    const repo = 'rapi/absent'
    const digest = sha256Digest(img.layer)
    expect((await pushBlob(c, repo, img.layer, { assumeAbsent: true })).outcome).toBe('uploaded')
    expect((await pushBlob(c, repo, img.layer)).outcome).toBe('present')
    expect((await pushBlob(c, repo, img.layer, { digest, assumeAbsent: true })).outcome).toBe('uploaded')
    expect((await getBlob(c, repo, digest)).equals(img.layer)).toBe(true)
    // The bytes are still checked against the digest before anything is sent.
    const wrong = sha256Digest(Buffer.from('other'))
    expect(await codeOf(pushBlob(c, repo, img.layer, { digest: wrong, assumeAbsent: true }))).toBe(
      'REGISTRY_API_DIGEST_MISMATCH',
    )
  })

  it("a client on the caller's agent reuses its connections and leaves it open on close", async () => {
    const open = (a: Agent): { destroyed: boolean }[] => Object.values(a.freeSockets).flat() as never
    const agent = new Agent({ ca: reg.caPem, keepAlive: true })
    const first = registryClient({ host: '127.0.0.1', port: reg.port, caPem: reg.caPem, agent })
    await ping(first)
    first.close()
    const [socket, ...more] = open(agent)
    expect(more).toHaveLength(0)
    expect(socket?.destroyed).toBe(false)
    const second = registryClient({ host: '127.0.0.1', port: reg.port, caPem: reg.caPem, agent })
    await ping(second)
    second.close()
    expect(open(agent)).toHaveLength(1)
    expect(open(agent)[0]).toBe(socket)
    expect(socket?.destroyed).toBe(false)
    agent.destroy()
    // A client's own agent is ended by its close: no connection stays open.
    const own = registryClient({ host: '127.0.0.1', port: reg.port, caPem: reg.caPem })
    await ping(own)
    const held = open(own.t.agent)
    expect(held).toHaveLength(1)
    own.close()
    expect(held.every((x) => x.destroyed)).toBe(true)
  })
})
