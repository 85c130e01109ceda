import { randomBytes } from 'node:crypto'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:https'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, readCertDir, startRegistry } from '../../main/docker'
import {
  call,
  deleteManifest,
  downloadBlob,
  getManifest,
  listCatalog,
  listTags,
  nextPage,
  pushBlob,
  putManifest,
  registryClient,
  sha256Digest,
  streamBlob,
  type RegistryClient,
} from '../../main/registry-api'
import { dockerCleanup, freePort, makeCerts, run, tempDir } from '../support/rw-reg-fixtures'
import { codeOf, preconditions, rapiName, smallImage, startTestRegistry, type TestRegistry } from './support'

const ready = await preconditions()
let root: { path: string; cleanup: () => Promise<void> }
const containers: string[] = []

async function pushImage(c: RegistryClient, repo: string, tags: string[], layerSize = 4096) {
  const img = smallImage(layerSize)
  await pushBlob(c, repo, img.layer)
  await pushBlob(c, repo, img.config)
  let digest = ''
  for (const t of tags)
    digest = await putManifest(c, repo, t, { mediaType: img.mediaType, bytes: img.manifest })
  return { ...img, digest, layerDigest: sha256Digest(img.layer) }
}

beforeAll(async () => {
  root = await tempDir('rw-rapi-list-')
})

afterAll(async () => {
  await dockerCleanup(
    containers,
    containers.flatMap((n) => [`${n}-data`, `${n}-certs`, `${n}-auth`]),
  )
  await root.cleanup()
})

describe.skipIf(!ready)(
  'catalog and tag lists, manifest delete, streamed blob GET (registry:2, htpasswd)',
  () => {
    let reg: TestRegistry
    let c: RegistryClient
    let big: Awaited<ReturnType<typeof pushImage>>
    const repos = ['list/a', 'list/b', 'list/c', 'list/d', 'list/e']
    const tags = ['1', '2', '3', 'latest', 'x-4', 'y.5', 'z_6']

    beforeAll(async () => {
      reg = await startTestRegistry(root.path, 'list', [{ user: 'bob', password: 'pw-list' }])
      containers.push(reg.name)
      c = registryClient({
        host: '127.0.0.1',
        port: reg.port,
        caPem: reg.caPem,
        user: 'bob',
        password: 'pw-list',
      })
      for (const r of repos) await pushImage(c, r, ['1'])
      await pushImage(c, 'list/tags', tags)
      big = await pushImage(c, 'list/big', ['1'], 24 * 1024 * 1024)
    }, 180_000)

    afterAll(() => c.close())

    it('lists the whole catalog and every tag across small ?n= pages (Link rel="next"), as skopeo does', async () => {
      const all = [...repos, 'list/big', 'list/tags'].sort()
      expect(await listCatalog(c, undefined, { pageSize: 2 })).toEqual(all)
      expect(await listCatalog(c)).toEqual(all)
      const page = await call(c, { method: 'GET', url: '/v2/_catalog?n=2' }, [200])
      expect((JSON.parse(page.body.toString()) as { repositories: string[] }).repositories).toHaveLength(2)
      expect(nextPage(page)).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:${reg.port}/v2/_catalog\\?.*last=`))
      const one = await listTags(c, 'list/tags', undefined, { pageSize: 1 })
      expect([...one].sort()).toEqual([...tags].sort())
      expect(new Set(one).size).toBe(tags.length)
      const seen = JSON.parse(
        (
          await run('skopeo', [
            'list-tags',
            '--cert-dir',
            reg.trustDir,
            '--creds',
            'bob:pw-list',
            `docker://127.0.0.1:${reg.port}/list/tags`,
          ])
        ).stdout,
      ) as { Tags: string[] }
      expect([...seen.Tags].sort()).toEqual([...one].sort())
      const missing = await listTags(c, 'list/none').then(
        () => undefined,
        (e: unknown) => e as { code: string; params: { status: number; registryCode: string } },
      )
      expect(missing?.code).toBe('REGISTRY_API_HTTP')
      expect(missing?.params.status).toBe(404)
      expect(missing?.params.registryCode).toBe('NAME_UNKNOWN')
    })

    it('refuses a list without the credentials, and DELETE on a registry without delete enabled says so (405)', async () => {
      const anon = registryClient({ host: '127.0.0.1', port: reg.port, caPem: reg.caPem })
      expect(await codeOf(listCatalog(anon))).toBe('REGISTRY_API_UNAUTHORIZED')
      anon.close()
      const digest = (await getManifest(c, 'list/a', '1')).digest
      expect(await codeOf(deleteManifest(c, 'list/a', digest))).toBe('REGISTRY_API_DELETE_DISABLED')
      expect((await getManifest(c, 'list/a', '1')).digest).toBe(digest)
      expect(await codeOf(deleteManifest(c, 'list/a', 'latest'))).toBe('REGISTRY_API_DIGEST_INVALID')
    })

    it('streams a 24 MiB blob into a file (digest checked, progress), and leaves nothing on a cancel or a short size', async () => {
      const file = join(root.path, 'big.layer')
      const seen: number[] = []
      const size = await downloadBlob(c, 'list/big', big.layerDigest, file, {
        size: big.layer.length,
        onProgress: (n) => seen.push(n),
      })
      expect(size).toBe(big.layer.length)
      expect((await readFile(file)).equals(big.layer)).toBe(true)
      expect(seen.length).toBeGreaterThan(3)
      expect(seen.at(-1)).toBe(big.layer.length)

      const cancelled = join(root.path, 'cancelled.layer')
      const ac = new AbortController()
      const onProgress = (n: number): void => {
        if (n > 1024 * 1024) ac.abort()
      }
      expect(
        await codeOf(
          downloadBlob(c, 'list/big', big.layerDigest, cancelled, { signal: ac.signal, onProgress }),
        ),
      ).toBe('CANCELLED')
      const short = join(root.path, 'short.layer')
      expect(await codeOf(downloadBlob(c, 'list/big', big.layerDigest, short, { size: 1000 }))).toBe(
        'REGISTRY_API_PROTOCOL',
      )
      const left = await readdir(root.path)
      expect(left.filter((f) => f.includes('cancelled') || f.includes('short'))).toEqual([])
      expect(await codeOf(downloadBlob(c, 'list/big', sha256Digest(randomBytes(8)), short))).toBe(
        'REGISTRY_API_HTTP',
      )
      expect((await readdir(root.path)).filter((f) => f.includes('short'))).toEqual([])
    })
  },
)

describe.skipIf(!ready)('manifest delete on a registry with delete enabled', () => {
  it('deletes by digest (202), then the manifest is gone and a second delete says it was not there (404)', async () => {
    const { certDir } = await makeCerts(root.path, ['127.0.0.1'], 'ca-del')
    const name = rapiName('del')
    containers.push(name)
    const port = await freePort()
    await startRegistry(connectEngine({}), {
      name,
      port,
      certs: await readCertDir(certDir),
      deleteEnabled: true,
    })
    const c = registryClient({
      host: '127.0.0.1',
      port,
      caPem: await readFile(join(certDir, 'ca.crt'), 'utf8'),
    })
    const img = await pushImage(c, 'del/me', ['1'])
    expect(await deleteManifest(c, 'del/me', img.digest)).toBe(true)
    expect(await codeOf(getManifest(c, 'del/me', img.digest))).toBe('REGISTRY_API_HTTP')
    expect(await deleteManifest(c, 'del/me', img.digest)).toBe(false)
    c.close()
  }, 120_000)
})

describe('streamBlob against a server that sends other bytes than the digest says', () => {
  let server: Server
  let port: number
  let caPem: string
  const good = randomBytes(64 * 1024)
  const digest = sha256Digest(good)

  beforeAll(async () => {
    const { certDir } = await makeCerts(root.path, ['127.0.0.1'], 'ca-liar')
    caPem = await readFile(join(certDir, 'ca.crt'), 'utf8')
    const tls = {
      key: await readFile(join(certDir, 'domain.key')),
      cert: await readFile(join(certDir, 'domain.crt')),
    }
    server = createServer(tls, (req, res) => {
      if (req.url?.startsWith('/v2/liar/blobs/') !== true) return res.writeHead(404).end()
      if (req.method === 'HEAD') return res.writeHead(200, { 'content-length': good.length }).end()
      if (req.url.endsWith('?moved')) {
        const bad = Buffer.from(good)
        bad.writeUInt8((bad.at(-1) ?? 0) ^ 1, bad.length - 1)
        return res.writeHead(200).end(bad)
      }
      res.writeHead(307, { location: `${req.url}?moved` }).end()
    })
    port = await freePort()
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r))
  })

  afterAll(async () => {
    await new Promise((r) => server.close(r))
  })

  it('follows the redirect, then fails the digest check before ending the output; the file is not left', async () => {
    const c = registryClient({ host: '127.0.0.1', port, caPem })
    let ended = false
    let got = 0
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        got += chunk.length
        cb()
      },
      final(cb) {
        ended = true
        cb()
      },
    })
    sink.on('error', () => undefined)
    expect(await codeOf(streamBlob(c, 'liar', digest, sink))).toBe('REGISTRY_API_DIGEST_MISMATCH')
    expect(ended).toBe(false)
    expect(got).toBeGreaterThan(0)
    const file = join(root.path, 'liar.blob')
    await writeFile(file, 'old')
    expect(await codeOf(downloadBlob(c, 'liar', digest, file))).toBe('REGISTRY_API_DIGEST_MISMATCH')
    expect(await readFile(file, 'utf8')).toBe('old')
    expect((await readdir(root.path)).filter((f) => f.includes('liar.blob.partial'))).toEqual([])
    c.close()
  })
})
