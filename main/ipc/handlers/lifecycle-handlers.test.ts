// The CA renewal as Home drives it, through the REAL IPC path (tests/support/ipc-harness.ts) against a real
// registry:2: main says which known CA issued the served certificate; renewCa (a job) makes a new CA and remembers
// it; the served certificate is then from the previous CA (servedCa says so, a plain renewal is refused); the
// two-CA bundle (exportBundle previousCa: main finds the archived CA, the window names no file); the move to the
// new CA (registryRenewCert toNewCa), after which a client with only the old CA is refused and one with both is not.
import { randomBytes, X509Certificate } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { pemCertificates } from '../../pki/index'
import type { JobProgress, Plan, RegistryWizardApi, RenewCaInfo } from '../contract'
import { startIpc, type IpcHarness } from '../../../tests/support/ipc-harness'
import {
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  makeCerts,
  trackRegistry,
} from '../../../tests/support/rw-reg-fixtures'

vi.mock('electron', () => import('../../../tests/support/electron-stand-in/index'))

const name = `rw-caren-ipc-${randomBytes(3).toString('hex')}`
const containers: string[] = []
const volumes: string[] = []
let dir: string
let ipc: IpcHarness
let api: RegistryWizardApi
let plan: Plan
let caDir: string
let certDir: string
let oldFingerprint: string
let renewed: RenewCaInfo
const events: JobProgress[] = []

const call = <T>(fn: () => Promise<T>): Promise<T> => ipc.fromApp(fn)
const fingerprints = (pem: string): string[] => pemCertificates(pem, 'lenient').map((c) => c.fingerprint256)

beforeAll(async () => {
  await ensureRegistryImage()
  dir = mkdtempSync(join(tmpdir(), 'rw-caren-ipc-'))
  ;({ caDir, certDir } = await makeCerts(dir, ['127.0.0.1'], 'ca'))
  oldFingerprint = new X509Certificate(readFileSync(join(caDir, 'ca.crt'))).fingerprint256
  trackRegistry(containers, volumes, name)
  ipc = startIpc({ dir, deps: { containerName: name } })
  api = ipc.api
  api.on('job:progress', (p) => events.push(p))
  plan = { addresses: ['127.0.0.1'], port: await freePort(), docker: { kind: 'local' } }
  expect(await call(() => api.startRegistry({ jobId: 'start-1', plan, certDir }))).toMatchObject({ ok: true })
  expect(await call(() => api.openCa({ dir: caDir }))).toMatchObject({ ok: true })
})

afterAll(async () => {
  ipc.close()
  await dockerCleanup(containers, volumes)
  rmSync(dir, { recursive: true, force: true })
})

describe('CA renewal over IPC', () => {
  it('before: the served certificate is from the known CA; a two-CA bundle is refused with nothing written', async () => {
    expect(await call(() => api.servedCa({ plan }))).toEqual({
      ok: true,
      value: { issuer: 'current', caDir },
    })
    const outDir = join(dir, 'bundle-early')
    const r = await call(() =>
      api.exportBundle({
        jobId: 'b-0',
        outDir,
        caCertPath: join(caDir, 'ca.crt'),
        host: '127.0.0.1',
        port: plan.port,
        previousCa: true,
      }),
    )
    expect(r).toMatchObject({ ok: false, error: { code: 'PREVIOUS_CA_NONE', field: 'previousCa' } })
    expect(existsSync(outDir)).toBe(false)
  })

  it('renewCa is a job with its steps as messages; the known CA is the new one; the served cert is from the previous', async () => {
    const r = await call(() => api.renewCa({ jobId: 'renew-ca-1', caDir }))
    if (!r.ok) throw new Error(r.error.message)
    renewed = r.value
    expect(renewed.previous.fingerprintSha256).toBe(oldFingerprint)
    expect(renewed.fingerprintSha256).not.toBe(oldFingerprint)
    expect(renewed.previous.certPath).toMatch(/ca\.crt\.bak-/)
    const keys = new Set(events.filter((e) => e.jobId === 'renew-ca-1').map((e) => e.message?.key))
    for (const step of ['open', 'create', 'archive', 'write'])
      expect(keys).toContain(`progress.renewCa.${step}`)
    const settings = await call(() => api.getSettings())
    expect(settings.ok && settings.value.knownCas.find((c) => c.dir === caDir)?.fingerprintSha256).toBe(
      renewed.fingerprintSha256,
    )
    expect(await call(() => api.servedCa({ plan }))).toEqual({
      ok: true,
      value: {
        issuer: 'previous',
        caDir,
        previousCa: { fingerprintSha256: oldFingerprint, notAfter: renewed.overlapUntil },
      },
    })
    const plain = await call(() => api.registryRenewCert({ jobId: 'renew-plain', plan }))
    expect(plain).toMatchObject({ ok: false, error: { code: 'CERT_FROM_PREVIOUS_CA' } })
  })

  it('exportBundle previousCa: ca.crt carries the new CA and the archived previous one', async () => {
    const r = await call(() =>
      api.exportBundle({
        jobId: 'b-1',
        outDir: join(dir, 'bundle'),
        caCertPath: join(caDir, 'ca.crt'),
        host: '127.0.0.1',
        port: plan.port,
        previousCa: true,
      }),
    )
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.fingerprintSha256).toBe(renewed.fingerprintSha256)
    expect(r.value.previousCa).toEqual({ fingerprintSha256: oldFingerprint, notAfter: renewed.overlapUntil })
    const bundled = readFileSync(join(r.value.outDir, 'ca.crt'), 'utf8')
    expect(fingerprints(bundled)).toEqual([renewed.fingerprintSha256, oldFingerprint])
  })

  it('moves the registry to the new CA: old-CA-only clients refused, two-CA clients accepted; servedCa current', async () => {
    const r = await call(() => api.registryRenewCert({ jobId: 'move-1', plan, caDir, toNewCa: true }))
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value).toMatchObject({
      status: 200,
      caDir,
      move: { previousCaOnly: 'refused', bothCas: 'accepted' },
    })
    const served = new X509Certificate(readFileSync(join(certDir, 'domain.crt')))
    expect(served.verify(new X509Certificate(readFileSync(join(caDir, 'ca.crt'))).publicKey)).toBe(true)
    expect(await call(() => api.servedCa({ plan }))).toEqual({
      ok: true,
      value: { issuer: 'current', caDir },
    })
  })
})
