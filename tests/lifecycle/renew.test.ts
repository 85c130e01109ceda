// Renewing the served certificate (main/lifecycle/renew-certificate.ts) against the real registry:2: a client that
// trusts only the CA pushes before and after (skopeo), the renewed certificate names the same addresses plus the
// added one, a renewal whose health fails is rolled back (the old certificate served again: openssl s_client), and a
// CA that did not issue the served certificate is refused before anything changes.
import { execFileSync } from 'node:child_process'
import { X509Certificate, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, readCertDir, registryStatus, startRegistry } from '../../main/docker'
import { renewServerCertificate } from '../../main/lifecycle/renew-certificate'
import { createCaDir } from '../../main/pki'
import {
  dockerCleanup,
  ensureRegistryImage,
  ensureTestImage,
  freePort,
  makeCerts,
  run,
  runCliIn,
  tempDir,
  trackRegistry,
} from '../support/rw-reg-fixtures'
import { fileFingerprint, folderState, servedFingerprint, stagingLeft, waitServed } from './served-cert'

const IMAGE = 'rw-reg-busybox:1'
const engine = connectEngine({})
const name = `rw-renew-${randomBytes(3).toString('hex')}`
const containers: string[] = []
const volumes: string[] = []
let root: { path: string; cleanup: () => Promise<void> }
let caDir: string
let liveDir: string
let trustDir: string
let port: number

beforeAll(async () => {
  await ensureRegistryImage()
  await ensureTestImage(IMAGE)
  root = await tempDir('rw-renew-')
  ;({ caDir, certDir: liveDir } = await makeCerts(root.path, ['127.0.0.1', 'localhost'], 'ca'))
  trackRegistry(containers, volumes, name)
  port = await freePort()
  await startRegistry(engine, {
    name,
    port,
    certs: await readCertDir(liveDir),
    certStore: 'bind',
    registryHost: '127.0.0.1',
  })
  // The client: skopeo with a cert dir holding only the CA (verification on).
  trustDir = join(root.path, 'client-trust')
  await mkdir(trustDir, { recursive: true })
  await copyFile(join(caDir, 'ca.crt'), join(trustDir, 'ca.crt'))
})

afterAll(async () => {
  await dockerCleanup(containers, volumes)
  await root.cleanup()
})

const push = (tag: string): Promise<unknown> =>
  run('skopeo', [
    'copy',
    '--dest-cert-dir',
    trustDir,
    `docker-daemon:${IMAGE}`,
    `docker://127.0.0.1:${port}/rw-renew/busybox:${tag}`,
  ])

const servedSans = async (): Promise<string | undefined> =>
  new X509Certificate(await readFile(join(liveDir, 'domain.crt'), 'utf8')).subjectAltName

describe('registry renew-cert', () => {
  it('renews from the same CA with the same addresses plus the added one; the CA-only client pushes before and after', async () => {
    await push('before')
    const oldPrint = await fileFingerprint(join(liveDir, 'domain.crt'))
    const r = await runCliIn(root.path, [
      'registry',
      'renew-cert',
      '--name',
      name,
      '--ca-dir',
      caDir,
      '--dns',
      'registry.rw-renew.test',
      '--days',
      '15',
      '--json',
    ])
    expect(r.err).toContain('Issuing the new certificate')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.out) as { sans: string[]; notAfter: string; previousFingerprintSha256: string }
    expect(out.sans).toEqual(['127.0.0.1', 'localhost', 'registry.rw-renew.test'])
    expect(out.previousFingerprintSha256).toBe(oldPrint)
    const newPrint = await fileFingerprint(join(liveDir, 'domain.crt'))
    expect(newPrint).not.toBe(oldPrint)
    expect(await waitServed(port, newPrint)).toBe(newPrint)
    expect(await servedSans()).toBe('IP Address:127.0.0.1, DNS:localhost, DNS:registry.rw-renew.test')
    expect(Math.round((Date.parse(out.notAfter) - Date.now()) / 86_400_000)).toBe(15)
    // The same client, nothing changed on it: it still pushes, and the old tag is still there.
    await push('after')
    const { stdout } = await run('curl', [
      '-sS',
      '--cacert',
      join(trustDir, 'ca.crt'),
      `https://127.0.0.1:${port}/v2/rw-renew/busybox/tags/list`,
    ])
    expect((JSON.parse(stdout) as { tags: string[] }).tags.sort()).toEqual(['after', 'before'])
  })

  it('prints its lines in Chinese with --lang zh-CN', async () => {
    const r = await runCliIn(root.path, [
      '--lang',
      'zh-CN',
      'registry',
      'renew-cert',
      '--name',
      name,
      '--ca-dir',
      caDir,
    ])
    expect(r.code).toBe(0)
    expect(r.out).toContain('已续签')
    expect(r.out).toContain('客户端无需任何改动')
    expect(r.out).not.toMatch(/Renewed|Clients need/)
  })

  it('a renewal whose health check fails is rolled back: the old certificate is served again', async () => {
    const before = await folderState(liveDir)
    const oldPrint = await fileFingerprint(join(liveDir, 'domain.crt'))
    let newPrint: string | undefined
    const err = await renewServerCertificate(
      { engine, name, caDir, registryHost: '127.0.0.1', healthTimeoutMs: 1 },
      {
        onProgress: (p) => {
          // Read at once (synchronously): an async read could land after the rollback put the old pair back.
          if (p.step === 'health' && newPrint === undefined) {
            newPrint = new X509Certificate(readFileSync(join(liveDir, 'domain.crt'), 'utf8')).fingerprint256
            // Health must fail whatever the timing: the registry stops before the first probe. The rollback
            // restarts it.
            execFileSync('docker', ['stop', '-t', '0', name], { stdio: 'ignore' })
          }
        },
      },
    ).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'HEALTH_FAILED' }) // the registry stopped: health says so at once
    expect(newPrint).toBeDefined()
    expect(newPrint).not.toBe(oldPrint) // the new pair was in place when health was checked
    expect(await folderState(liveDir)).toEqual(before)
    expect(await waitServed(port, oldPrint)).toBe(oldPrint)
    expect(await stagingLeft(liveDir)).toEqual([])
    await push('after-rollback')
  })

  it('a CA that did not issue the served certificate is refused (exit 2), nothing changed', async () => {
    const otherCa = join(root.path, 'other-ca')
    await createCaDir(otherCa, { subject: { cn: 'rw-renew other CA' }, keySize: 2048, days: 30 })
    const before = await folderState(liveDir)
    const startedAt = (await registryStatus(engine, name)).startedAt
    const r = await runCliIn(root.path, ['registry', 'renew-cert', '--name', name, '--ca-dir', otherCa])
    expect(r.code).toBe(2)
    expect(r.err).toContain('--ca-dir')
    expect(r.err).toContain('clients would have to trust a new CA')
    expect(await folderState(liveDir)).toEqual(before)
    expect((await registryStatus(engine, name)).startedAt).toBe(startedAt)
    expect(await servedFingerprint(port)).toBe(await fileFingerprint(join(liveDir, 'domain.crt')))
  })
})
