// The replace-certificate job and cancel through the REAL IPC handlers (preload API over the Electron stand-in),
// against the real registry:2: progress as catalogue messages, cancel answered truthfully per job kind.
import { randomBytes } from 'node:crypto'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Events, JobProgress, Plan, RegistryWizardApi, Result } from '../../main/ipc/contract'
import { startIpc, type IpcHarness } from '../support/ipc-harness'
import {
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  makeCerts,
  trackRegistry,
} from '../support/rw-reg-fixtures'
import { fileFingerprint, folderState, stagingLeft, waitServed } from './served-cert'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

const name = `rw-life-ipc-${randomBytes(3).toString('hex')}`
const containers: string[] = []
const volumes: string[] = []
let dir: string
let ipc: IpcHarness
let api: RegistryWizardApi
let plan: Plan
let caDir: string
let certDir: string
const events: JobProgress[] = []
const logs: Events['job:log'][] = []
/** Called with each progress event (a test sets it to act at a given step). */
let onEvent: (p: JobProgress) => void = () => undefined

const call = <T>(fn: () => Promise<T>): Promise<T> => ipc.fromApp(fn)
const cancel = (jobId: string): Promise<Result<{ cancelled: boolean }>> =>
  call(() => api.cancelJob({ jobId }))

beforeAll(async () => {
  await ensureRegistryImage()
  dir = mkdtempSync(join(tmpdir(), 'rw-life-ipc-'))
  ;({ caDir, certDir } = await makeCerts(dir, ['127.0.0.1', 'localhost'], 'ca'))
  trackRegistry(containers, volumes, name)
  ipc = startIpc({ dir, deps: { containerName: name } })
  api = ipc.api
  api.on('job:progress', (p) => {
    events.push(p)
    onEvent(p)
  })
  api.on('job:log', (l) => logs.push(l))
  plan = { addresses: ['127.0.0.1'], port: await freePort(), docker: { kind: 'local' } }
  const started = await call(() => api.startRegistry({ jobId: 'start-1', plan, certDir }))
  expect(started).toMatchObject({ ok: true })
})

afterAll(async () => {
  ipc.close()
  await dockerCleanup(containers, volumes)
  rmSync(dir, { recursive: true, force: true })
})

describe('startRegistry log lines over IPC', () => {
  it('carry the step text as a message (the window renders it), with the English line for logs', () => {
    const start = logs.filter((l) => l.jobId === 'start-1')
    expect(start.length).toBeGreaterThan(0)
    for (const l of start) {
      expect(l.message?.key).toMatch(/^progress\.registry\./)
      expect(l.line).toMatch(/^[a-z-]+( \S+)?: \S/)
    }
  })
})

describe('registryReplaceCert over IPC', () => {
  it('runs the whole job in main: steps as messages, the new certificate served', async () => {
    const oldPrint = await fileFingerprint(join(certDir, 'domain.crt'))
    const r = await call(() =>
      api.registryReplaceCert({ jobId: 'replace-1', plan, certDir, caDir, days: 10 }),
    )
    expect(r).toMatchObject({ ok: true, value: { status: 200 } })
    const newPrint = await fileFingerprint(join(certDir, 'domain.crt'))
    expect(newPrint).not.toBe(oldPrint)
    expect(await waitServed(plan.port, newPrint)).toBe(newPrint)
    const keys = events.filter((e) => e.jobId === 'replace-1').map((e) => e.message?.key)
    expect([...new Set(keys)]).toEqual([
      'progress.replaceCert.prepare',
      'progress.replaceCert.issue',
      'progress.replaceCert.swap',
      'progress.replaceCert.health',
      'progress.jobs.done',
    ])
  })

  it('cancelJob during the health check answers cancelled: true, and the old pair is back on disk and served', async () => {
    const before = await folderState(certDir)
    const oldPrint = await fileFingerprint(join(certDir, 'domain.crt'))
    let answer: Promise<Result<{ cancelled: boolean }>> | undefined
    onEvent = (p) => {
      if (p.jobId === 'replace-2' && p.step === 'health') answer ??= cancel('replace-2')
    }
    const r = await call(() =>
      api.registryReplaceCert({ jobId: 'replace-2', plan, certDir, caDir, days: 10 }),
    )
    onEvent = () => undefined
    expect(await answer).toEqual({ ok: true, value: { cancelled: true } })
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(events.some((e) => e.jobId === 'replace-2' && e.step === 'rollback')).toBe(true)
    expect(await folderState(certDir)).toEqual(before)
    expect(await waitServed(plan.port, oldPrint)).toBe(oldPrint)
    expect(await stagingLeft(certDir)).toEqual([])
  })
})

describe('cancelJob on a job that cannot be cancelled', () => {
  it('issueServerCert: cancelled: false, and the work completes (a valid pair written)', async () => {
    const outDir = join(dir, 'issued-anyway')
    let answer: Promise<Result<{ cancelled: boolean }>> | undefined
    onEvent = (p) => {
      if (p.jobId === 'issue-1') answer ??= cancel('issue-1')
    }
    const r = await call(() =>
      api.issueServerCert({ jobId: 'issue-1', caDir, outDir, sans: ['127.0.0.1'], days: 10 }),
    )
    onEvent = () => undefined
    expect(answer).toBeDefined()
    expect(await answer).toEqual({ ok: true, value: { cancelled: false } })
    expect(r).toMatchObject({ ok: true })
    const cert = new X509Certificate(await readFile(join(outDir, 'domain.crt'), 'utf8'))
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1')
  })

  it('registryRestart: cancelled: false, and the restart completes healthy', async () => {
    let answer: Promise<Result<{ cancelled: boolean }>> | undefined
    onEvent = (p) => {
      if (p.jobId === 'restart-1') answer ??= cancel('restart-1')
    }
    const r = await call(() => api.registryRestart({ jobId: 'restart-1', plan, certDir }))
    onEvent = () => undefined
    expect(await answer).toEqual({ ok: true, value: { cancelled: false } })
    expect(r).toMatchObject({ ok: true, value: { status: 200 } })
  })
})
