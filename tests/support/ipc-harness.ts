// The real IPC path for tests: buildHandlers + registerHandlers in "main", the real preload API over the Electron
// stand-in in "the page". Each test file still calls vi.mock('electron', () => import('./electron-stand-in/index')).
import { join } from 'node:path'
import { buildApi } from '../../preload/build-api'
import type { RegistryWizardApi } from '../../main/ipc/contract'
import { buildHandlers, type HandlerDeps } from '../../main/ipc/handlers/index'
import { JobRegistry } from '../../main/ipc/jobs'
import type { AllHandlers } from '../../main/ipc/register-handlers'
import { registerHandlers } from '../../main/ipc/register-handlers'
import { SettingsStore } from '../../main/state/settings-store'
import * as electron from './electron-stand-in/index'

/** The renderer's URL: the only sender main trusts. */
export const APP_URL = 'file:///opt/rw/out/renderer/index.html'

export interface IpcHarness {
  api: RegistryWizardApi
  jobs: JobRegistry
  /** Runs `fn` as our own renderer frame (a call from anywhere else is refused by main). */
  fromApp: <T>(fn: () => T) => T
  close: () => void
}

export interface IpcHarnessOptions {
  /** Work, settings and other files the handlers create go below it. */
  dir: string
  deps?: Partial<HandlerDeps>
  /** Handlers that replace the built ones (e.g. trust handlers with an injected drive lister). */
  override?: Partial<AllHandlers>
  log?: (...args: unknown[]) => void
}

export function startIpc(o: IpcHarnessOptions): IpcHarness {
  electron.reset()
  const jobs = new JobRegistry(0)
  const handlers: AllHandlers = {
    ...buildHandlers({
      version: '0.1.0',
      platform: 'linux',
      locale: 'en',
      workDir: join(o.dir, 'work'),
      settings: new SettingsStore(join(o.dir, 'settings')),
      dialogs: { chooseFolder: () => Promise.resolve(null), chooseFile: () => Promise.resolve(null) },
      jobs,
      ...o.deps,
    }),
    ...o.override,
  }
  const log = o.log ?? ((): void => undefined)
  const unregister = registerHandlers({
    handlers,
    jobs,
    isTrustedSender: (u) => u === APP_URL,
    log: { info: log, warn: log, error: log },
  })
  return {
    api: buildApi(electron.ipcRenderer, (file) =>
      electron.webUtils.getPathForFile(file as { name?: unknown }),
    ),
    jobs,
    fromApp: (fn) => electron.withSender({ url: APP_URL, top: true }, fn),
    close: unregister,
  }
}
