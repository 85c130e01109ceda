// The replace-certificate job and cancel through the REAL IPC handlers (preload API over the Electron stand-in),
// against the real registry:2: progress as catalogue messages, cancel answered truthfully per job kind.
import { X509Certificate } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Events, JobProgress, Plan, RegistryWizardApi, Result } from '../../main/ipc/contract'
import { startIpcRegistry, type IpcRegistry } from '../support/ipc-registry'
import { fileFingerprint, folderState, stagingLeft, waitServed } from './served-cert'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

let reg: IpcRegistry | undefined
let dir: string
let api: RegistryWizardApi
let plan: Plan
let caDir: string
let certDir: string
let events: JobProgress[]
let logs: Events['job:log'][]
let call: IpcRegistry['call']
/** Called with each progress event (a test sets it to act at a given step). */
let onEvent: (p: JobProgress) => void = () => undefined

const cancel = (jobId: string): Promise<Result<{ cancelled: boolean }>> =>
  call(() => api.cancelJob({ jobId }))

beforeAll(async () => {
  reg = await startIpcRegistry({
    prefix: 'rw-life-ipc',
    certAddresses: ['127.0.0.1', 'localhost'],
    onProgress: (p) => onEvent(p),
  })
  ;({ dir, api, plan, caDir, certDir, events, logs, call } = reg)
})

afterAll(() => reg?.close())

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
