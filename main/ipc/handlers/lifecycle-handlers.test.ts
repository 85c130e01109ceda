// The CA renewal as Home drives it, through the REAL IPC path (tests/support/ipc-harness.ts) against a real
// registry:2: main says which known CA issued the served certificate; renewCa (a job) makes a new CA and remembers
// it; the served certificate is then from the previous CA (servedCa says so, a plain renewal is refused); the
// two-CA bundle (exportBundle previousCa: main finds the archived CA, the window names no file); the move to the
// new CA (registryRenewCert toNewCa), after which a client with only the old CA is refused and one with both is not.
import { X509Certificate } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { pemCertificates } from '../../pki/index'
import type { JobProgress, Plan, RegistryWizardApi, RenewCaInfo } from '../contract'
import { startIpcRegistry, type IpcRegistry } from '../../../tests/support/ipc-registry'

vi.mock('electron', () => import('../../../tests/support/electron-stand-in/index'))

let reg: IpcRegistry | undefined
let dir: string
let api: RegistryWizardApi
let plan: Plan
let caDir: string
let certDir: string
let events: JobProgress[]
let call: IpcRegistry['call']
let oldFingerprint: string
let renewed: RenewCaInfo

const fingerprints = (pem: string): string[] => pemCertificates(pem, 'lenient').map((c) => c.fingerprint256)

beforeAll(async () => {
  reg = await startIpcRegistry({ prefix: 'rw-caren-ipc', openCa: true })
  ;({ dir, api, plan, caDir, certDir, events, call } = reg)
  oldFingerprint = new X509Certificate(readFileSync(join(caDir, 'ca.crt'))).fingerprint256
})

afterAll(() => reg?.close())

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
    const opened = await call(() => api.openCa({ dir: caDir }))
    if (!opened.ok) throw new Error(opened.error.message)
    expect(opened.value).not.toHaveProperty('previousCa')
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

  it('openCa after the renewal names the archived previous CA and its end (the Trust step offers it)', async () => {
    const opened = await call(() => api.openCa({ dir: caDir }))
    if (!opened.ok) throw new Error(opened.error.message)
    expect(opened.value.previousCa).toEqual({
      fingerprintSha256: oldFingerprint,
      notAfter: renewed.overlapUntil,
    })
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
