import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as electron from '../../tests/support/electron-stand-in/index'
import { buildApi } from '../../preload/build-api'
import { SettingsStore } from '../state/settings-store'
import type { JobProgress, RegistryWizardApi } from './contract'
import { buildHandlers } from './handlers/index'
import { unavailableHandlers } from './handlers/unavailable-handlers'
import { JobRegistry } from './jobs'
import { registerHandlers, type AllHandlers } from './register-handlers'

vi.mock('electron', () => import('../../tests/support/electron-stand-in/index'))

const APP = 'file:///opt/rw/out/renderer/index.html'
const fromApp = { url: APP, top: true }
let dir: string
let api: RegistryWizardApi
let logs: string[]
let unregister: () => void

function setup(override: Partial<AllHandlers> = {}): void {
  const jobs = new JobRegistry(0)
  const handlers = {
    ...buildHandlers({
      version: '0.1.0',
      platform: 'linux',
      locale: 'zh-CN',
      workDir: join(dir, 'work'),
      settings: new SettingsStore(dir),
      dialogs: { chooseFolder: () => Promise.resolve('/chosen'), chooseFile: () => Promise.resolve(null) },
      jobs,
    }),
    ...override,
  }
  const log = (...a: unknown[]): void => void logs.push(a.map(String).join(' '))
  unregister = registerHandlers({
    handlers,
    jobs,
    isTrustedSender: (u) => u === APP,
    log: { info: log, warn: log, error: log },
  })
  api = buildApi(electron.ipcRenderer)
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rw-ipc-'))
  logs = []
  electron.reset()
})
afterEach(() => {
  unregister()
  rmSync(dir, { recursive: true, force: true })
})

describe('registerHandlers over the stand-in IPC', () => {
  it('answers a valid request with an ok Result that survives structured clone', async () => {
    setup()
    const r = await electron.withSender(fromApp, () => api.getAppInfo())
    expect(r).toMatchObject({
      ok: true,
      value: { locale: 'zh-CN', capabilities: { pki: true, docker: true, verify: true } },
    })
    const folder = await electron.withSender(fromApp, () => api.chooseFolder({ title: 'CA' }))
    expect(folder).toEqual({ ok: true, value: { path: '/chosen' } })
  })

  it('refuses frames that are not our renderer, and sub-frames of it', async () => {
    setup()
    const evil = await electron.withSender({ url: 'https://evil.example/', top: true }, () =>
      api.getSettings(),
    )
    expect(evil).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
    const sub = await electron.withSender({ url: APP, top: false }, () => api.getSettings())
    expect(sub).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
  })

  it('validates every request: names the field, refuses unknown fields, never logs the request', async () => {
    setup()
    const bad = await electron.withSender(fromApp, () => api.setLanguage({ language: 'fr' as 'en' }))
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'language' } })
    const extra = await electron.withSender(fromApp, () =>
      api.openCa({ dir: '/x', passphrase: 'topsecret' } as unknown as { dir: string }),
    )
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const port = await electron.withSender(fromApp, () =>
      api.savePlan({ addresses: ['10.0.0.1'], port: 70000, docker: { kind: 'local' } }),
    )
    expect(port).toMatchObject({ ok: false, error: { field: 'port' } })
    expect(logs.join('\n')).not.toContain('topsecret')
  })

  it('answers NOT_AVAILABLE for a core that is not wired (the shape a new core starts from)', async () => {
    setup(unavailableHandlers(['verify']))
    const r = await electron.withSender(fromApp, () =>
      api.runVerify({ jobId: 'v1', host: '10.0.0.1', port: 5000, caCertPath: '/ca.crt' }),
    )
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } })
  })

  it('runs long work as a job: progress events for its id, cancel aborts it', async () => {
    const events: JobProgress[] = []
    setup({
      createCa: async (req, { job }) => {
        job?.progress('generate-key', 10)
        job?.progress('generate-key', 50)
        await new Promise<void>((_resolve, reject) => {
          job?.signal.addEventListener('abort', () =>
            reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
          )
        })
        throw new Error(`unreachable ${req.dir}`)
      },
    })
    const off = api.on('job:progress', (p) => events.push(p))
    const running = electron.withSender(fromApp, () =>
      api.createCa({ jobId: 'job-1', dir: '/tmp/x', commonName: 'CA' }),
    )
    await vi.waitFor(() => expect(events.length).toBe(2))
    expect(events[0]).toMatchObject({ jobId: 'job-1', step: 'generate-key', percent: 10 })
    const cancelled = await electron.withSender(fromApp, () => api.cancelJob({ jobId: 'job-1' }))
    expect(cancelled).toEqual({ ok: true, value: { cancelled: true } })
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    off()
    expect(electron.ipcRenderer.listenerCount('rw:event:job:progress')).toBe(0)
  })

  it('maps an unexpected throw to UNEXPECTED without losing the message', async () => {
    setup({ getSettings: () => Promise.reject(new Error('disk on fire')) })
    const r = await electron.withSender(fromApp, () => api.getSettings())
    expect(r).toMatchObject({ ok: false, error: { code: 'UNEXPECTED', message: 'disk on fire' } })
    expect(logs.some((l) => l.includes('getSettings: unexpected failure'))).toBe(true)
  })
})
