// registryRenewCert through the REAL IPC handlers against the real registry:2: main finds the known CA that issued
// the served certificate (the window sends no path), renews for the same addresses plus the plan's, reports the
// steps as catalogue messages; no known issuer -> RENEW_CA_UNKNOWN, nothing changed.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { JobProgress, Plan, RegistryWizardApi } from '../../main/ipc/contract'
import { startIpcRegistry, type IpcRegistry } from '../support/ipc-registry'
import { fileFingerprint, waitServed } from './served-cert'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

let reg: IpcRegistry | undefined
let api: RegistryWizardApi
let plan: Plan
let caDir: string
let certDir: string
let events: JobProgress[]
let call: IpcRegistry['call']

beforeAll(async () => {
  reg = await startIpcRegistry({ prefix: 'rw-renew-ipc', planAddresses: ['127.0.0.1', 'localhost'] })
  ;({ api, plan, caDir, certDir, events, call } = reg)
})

afterAll(() => reg?.close())

describe('registryRenewCert over IPC', () => {
  it('no CA the app knows issued the served certificate: RENEW_CA_UNKNOWN, the old one still served', async () => {
    const oldPrint = await fileFingerprint(join(certDir, 'domain.crt'))
    const r = await call(() => api.registryRenewCert({ jobId: 'renew-0', plan }))
    expect(r).toMatchObject({ ok: false, error: { code: 'RENEW_CA_UNKNOWN' } })
    expect(await waitServed(plan.port, oldPrint)).toBe(oldPrint)
  })

  it('finds the known CA that issued it, renews for the served addresses plus the plan’s, steps as messages', async () => {
    expect(await call(() => api.openCa({ dir: caDir }))).toMatchObject({ ok: true })
    const oldPrint = await fileFingerprint(join(certDir, 'domain.crt'))
    const r = await call(() => api.registryRenewCert({ jobId: 'renew-1', plan, days: 12 }))
    expect(r).toMatchObject({ ok: true, value: { status: 200, sans: ['127.0.0.1', 'localhost'], caDir } })
    const newPrint = await fileFingerprint(join(certDir, 'domain.crt'))
    expect(newPrint).not.toBe(oldPrint)
    expect(await waitServed(plan.port, newPrint)).toBe(newPrint)
    const keys = [...new Set(events.filter((e) => e.jobId === 'renew-1').map((e) => e.message?.key))]
    expect(keys).toEqual([
      'progress.replaceCert.prepare',
      'progress.replaceCert.issue',
      'progress.replaceCert.swap',
      'progress.replaceCert.health',
      'progress.jobs.done',
    ])
  })
})
