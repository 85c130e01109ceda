// Import when things go wrong, against real registry:2 containers: htpasswd auth, a cancel mid-upload (no tag),
// the registry killed mid-import and started again (the rerun sends only the blobs that are missing).
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importImages } from '../../main/images'
import type { TransferProgress } from '../../main/images'
import { AppError } from '../../main/errors'
import { curlStatus, dockerCleanup, run, tempDir } from '../support/rw-reg-fixtures'
import { codeOf, preconditions, startTestRegistry, type TestRegistry } from '../registry-api/support'
import { impName, tagsOf, tarLayout, writeOciLayout } from './import-support'

const ready = await preconditions()
let root: { path: string; cleanup: () => Promise<void> }
const containers: string[] = []
const ns = impName('f').slice(7)

const endpoint = (r: TestRegistry): { host: string; port: number; caPem: string } => ({
  host: '127.0.0.1',
  port: r.port,
  caPem: r.caPem,
})

beforeAll(async () => {
  root = await tempDir('rw-imp-faults-')
})

afterAll(async () => {
  await dockerCleanup(
    containers,
    containers.flatMap((n) => [`${n}-data`, `${n}-certs`, `${n}-auth`]),
  )
  await root.cleanup()
})

describe.skipIf(!ready)('import: auth, cancel, a registry that dies', () => {
  it('with htpasswd auth: refused without credentials (nothing tagged), imported with them', async () => {
    const reg = await startTestRegistry(root.path, 'auth', [{ user: 'alice', password: 's3cret' }])
    containers.push(reg.name)
    const layout = await writeOciLayout(join(root.path, 'auth'), `${ns}/auth:1`)
    const files = [await tarLayout(layout.dir, join(root.path, 'auth.tar'))]
    expect(await codeOf(importImages({ files, registry: endpoint(reg) }))).toBe('REGISTRY_API_UNAUTHORIZED')
    const wrong = { files, registry: endpoint(reg), user: 'alice', password: 'nope' }
    expect(await codeOf(importImages(wrong))).toBe('REGISTRY_API_UNAUTHORIZED')
    const r = await importImages({ ...wrong, password: 's3cret' })
    expect(r.images[0]).toMatchObject({ reference: `${ns}/auth:1`, digest: layout.indexDigest })
    expect(await tagsOf(reg.port, join(reg.trustDir, 'ca.crt'), `${ns}/auth`, 'alice:s3cret')).toEqual(['1'])
  }, 120_000)

  describe('without auth', () => {
    let reg: TestRegistry
    beforeAll(async () => {
      reg = await startTestRegistry(root.path, 'plain')
      containers.push(reg.name)
    }, 120_000)

    it('cancel mid-upload stops promptly and leaves no tag', async () => {
      const layout = await writeOciLayout(join(root.path, 'cancel'), `${ns}/cancel:1`, {
        layerSize: 48 << 20,
      })
      const ac = new AbortController()
      let abortedAt = 0
      const onProgress = (p: TransferProgress): void => {
        if (abortedAt === 0 && p.blob !== undefined && p.blob.done > 0 && p.blob.outcome === undefined) {
          abortedAt = Date.now()
          ac.abort()
        }
      }
      const input = { files: [layout.dir], registry: endpoint(reg), concurrency: 1 }
      expect(await codeOf(importImages(input, { signal: ac.signal, onProgress }))).toBe('CANCELLED')
      expect(abortedAt).toBeGreaterThan(0)
      expect(Date.now() - abortedAt).toBeLessThan(2000)
      expect(await tagsOf(reg.port, join(reg.trustDir, 'ca.crt'), `${ns}/cancel`)).toEqual([])
    }, 120_000)

    it('the registry killed mid-import: the rerun after it is back sends only the blobs that are missing', async () => {
      const layout = await writeOciLayout(join(root.path, 'kill'), `${ns}/kill:1`, {
        layers: 3,
        layerSize: 16 << 20,
      })
      const uploadedBefore: string[] = []
      let killed: Promise<unknown> | undefined
      const onProgress = (p: TransferProgress): void => {
        if (p.blob?.outcome === 'uploaded') uploadedBefore.push(p.blob.digest)
        if (
          killed === undefined &&
          uploadedBefore.length >= 2 &&
          p.blob !== undefined &&
          p.blob.outcome === undefined
        )
          killed = run('docker', ['kill', reg.name])
      }
      const input = { files: [layout.dir], registry: endpoint(reg), concurrency: 1 }
      const failure = await importImages(input, { onProgress }).then(
        () => undefined,
        (e: unknown) => e,
      )
      await killed
      expect(failure).toBeInstanceOf(AppError)
      expect(await tagsOf(reg.port, join(reg.trustDir, 'ca.crt'), `${ns}/kill`).catch(() => [])).toEqual([])
      await run('docker', ['start', reg.name])
      for (let i = 0; i < 100; i++) {
        const s = await curlStatus(`https://127.0.0.1:${reg.port}/v2/`, join(reg.trustDir, 'ca.crt')).catch(
          () => '',
        )
        if (s === '200') break
        await new Promise((r) => setTimeout(r, 200))
      }
      const rerun = await importImages(input)
      expect(uploadedBefore.length).toBeGreaterThanOrEqual(2)
      expect(uploadedBefore.length).toBeLessThan(layout.blobCount)
      expect(rerun.blobs).toMatchObject({
        present: uploadedBefore.length,
        uploaded: layout.blobCount - uploadedBefore.length,
        mounted: 0,
      })
      expect(await tagsOf(reg.port, join(reg.trustDir, 'ca.crt'), `${ns}/kill`)).toEqual(['1'])
    }, 180_000)
  })
})
