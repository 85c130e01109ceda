// registryRenewCert through the REAL IPC handlers against the real registry:2: main finds the known CA that issued
// the served certificate (the window sends no path), renews for the same addresses plus the plan's, reports the
// steps as catalogue messages; no known issuer -> RENEW_CA_UNKNOWN, nothing changed.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { JobProgress, Plan, RegistryWizardApi } from '../../main/ipc/contract'
import { startIpc, type IpcHarness } from '../support/ipc-harness'
import {
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  makeCerts,
  trackRegistry,
} from '../support/rw-reg-fixtures'
import { fileFingerprint, waitServed } from './served-cert'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

const name = `rw-renew-ipc-${randomBytes(3).toString('hex')}`
const containers: string[] = []
const volumes: string[] = []
let dir: string
let ipc: IpcHarness
let api: RegistryWizardApi
let plan: Plan
let caDir: string
let certDir: string
const events: JobProgress[] = []

const call = <T>(fn: () => Promise<T>): Promise<T> => ipc.fromApp(fn)

beforeAll(async () => {
  await ensureRegistryImage()
  dir = mkdtempSync(join(tmpdir(), 'rw-renew-ipc-'))
  ;({ caDir, certDir } = await makeCerts(dir, ['127.0.0.1'], 'ca'))
  trackRegistry(containers, volumes, name)
  ipc = startIpc({ dir, deps: { containerName: name } })
  api = ipc.api
  api.on('job:progress', (p) => events.push(p))
  plan = { addresses: ['127.0.0.1', 'localhost'], port: await freePort(), docker: { kind: 'local' } }
  expect(await call(() => api.startRegistry({ jobId: 'start-1', plan, certDir }))).toMatchObject({ ok: true })
})

afterAll(async () => {
  ipc.close()
  await dockerCleanup(containers, volumes)
  rmSync(dir, { recursive: true, force: true })
})

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
