import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as electron from '../../tests/support/electron-stand-in/index'
import { buildApi } from '../../preload/build-api'
import { SettingsStore } from '../state/settings-store'
import type { JobProgress, RegistryWizardApi } from './contract'
import { installAppMenu } from '../app/menu'
import { buildHandlers, type HandlerDeps } from './handlers/index'
import { JobRegistry } from './jobs'
import { registerHandlers, type AllHandlers } from './register-handlers'

vi.mock('electron', () => import('../../tests/support/electron-stand-in/index'))

const APP = 'file:///opt/rw/out/renderer/index.html'
const fromApp = { url: APP, top: true }
let dir: string
let api: RegistryWizardApi
let logs: string[]
let unregister: () => void

function setup(override: Partial<AllHandlers> = {}, deps: Partial<HandlerDeps> = {}): void {
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
      ...deps,
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
    expect(r).toEqual({
      ok: true,
      value: { version: '0.1.0', platform: 'linux', locale: 'zh-CN', defaultWorkDir: join(dir, 'work') },
    })
    const folder = await electron.withSender(fromApp, () => api.chooseFolder({ title: 'CA' }))
    expect(folder).toEqual({ ok: true, value: { path: '/chosen' } })
  })

  it('refuses frames that are not our renderer, and sub-frames of it', async () => {
    setup()
    const evil = await electron.withSender({ url: 'https://evil.example/', top: true }, () =>
      api.getSettings(),
    )
    expect(evil).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER', message: 'The request did not come from the app window.' },
    })
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
    expect(JSON.stringify(extra)).not.toContain('topsecret')
    expect(logs.join('\n')).not.toContain('topsecret')
  })

  it('names nested request fields by their path', async () => {
    setup()
    const plan = { addresses: ['10.0.0.1'], port: 5000, docker: { kind: 'local' as const } }
    const nested = await electron.withSender(fromApp, () =>
      api.registryStatus({ plan: { ...plan, docker: { kind: 'ssh', url: 'http://h' } } }),
    )
    expect(nested).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        field: 'plan.docker.url',
        params: { allowed: { key: 'input.allowed.sshUrl' } },
      },
    })
    const address = await electron.withSender(fromApp, () => api.savePlan({ ...plan, addresses: [''] }))
    expect(address).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'addresses.0' } })
  })

  it('rebuilds the app menu in the language the window switches to', async () => {
    const menu = installAppMenu({ getWindow: () => undefined, logDir: dir, platform: 'linux' }, 'en')
    setup({}, { onLanguageChange: (l) => menu.setLanguage(l) })
    const top = (): unknown[] =>
      (electron.Menu.applicationMenu?.template as { label?: string }[]).map((m) => m.label)
    expect(top()).toEqual(['File', 'Edit', 'View', 'Help'])
    const r = await electron.withSender(fromApp, () => api.setLanguage({ language: 'zh-CN' }))
    expect(r).toMatchObject({ ok: true, value: { language: 'zh-CN' } })
    expect(top()).toEqual(['文件', '编辑', '视图', '帮助'])
    // A refused request changes neither the settings nor the menu.
    await electron.withSender(fromApp, () => api.setLanguage({ language: 'fr' as 'en' }))
    expect(top()).toEqual(['文件', '编辑', '视图', '帮助'])
  })

  it('runs long work as a job: progress events for its id, cancel aborts it', async () => {
    const events: JobProgress[] = []
    setup({
      runVerify: async (req, { job }) => {
        job?.progress('generate-key', 10)
        job?.progress('generate-key', 50)
        await new Promise<void>((_resolve, reject) => {
          job?.signal.addEventListener('abort', () =>
            reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
          )
        })
        throw new Error(`unreachable ${req.host}`)
      },
    })
    const off = api.on('job:progress', (p) => events.push(p))
    const running = electron.withSender(fromApp, () =>
      api.runVerify({ jobId: 'job-1', host: '10.0.0.1', port: 5000, caCertPath: '/tmp/ca.crt' }),
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
