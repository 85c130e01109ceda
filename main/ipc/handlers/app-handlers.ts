import { hostname as osHostname, networkInterfaces as osInterfaces } from 'node:os'
import type { Language, MachineAddress } from '../contract'
import type { JobRegistry } from '../jobs'
import type { AllHandlers } from '../register-handlers'
import type { SettingsStore } from '../../state/settings-store'

/** Native dialogs live in main (Electron's `dialog`); passed in so tests and the e2e bridge supply their own. */
export interface Dialogs {
  chooseFolder: (opts: {
    title?: string | undefined
    defaultPath?: string | undefined
  }) => Promise<string | null>
  chooseFile: (opts: {
    title?: string | undefined
    extensions?: string[] | undefined
  }) => Promise<string | null>
}

export interface AppHandlerDeps {
  version: string
  platform: string
  locale: string
  workDir: string
  settings: SettingsStore
  dialogs: Dialogs
  jobs: JobRegistry
  networkInterfaces?: typeof osInterfaces
  hostname?: () => string
  /** Told the language the window switched to, once it is saved (the app menu follows it). */
  onLanguageChange?: ((language: Language) => void) | undefined
}

type AppChannels =
  | 'getAppInfo'
  | 'getSettings'
  | 'savePlan'
  | 'setLanguage'
  | 'listAddresses'
  | 'chooseFolder'
  | 'chooseFile'
  | 'cancelJob'

export function appHandlers(deps: AppHandlerDeps): Pick<AllHandlers, AppChannels> {
  return {
    getAppInfo: () =>
      Promise.resolve({
        version: deps.version,
        platform: deps.platform,
        locale: deps.locale,
        defaultWorkDir: deps.workDir,
      }),
    getSettings: () => deps.settings.read(),
    savePlan: (plan) => deps.settings.savePlan(plan),
    setLanguage: async ({ language }) => {
      const settings = await deps.settings.setLanguage(language)
      deps.onLanguageChange?.(language)
      return settings
    },
    listAddresses: () =>
      Promise.resolve({
        hostname: (deps.hostname ?? osHostname)(),
        addresses: machineAddresses(deps.networkInterfaces ?? osInterfaces),
      }),
    chooseFolder: async (opts) => ({ path: await deps.dialogs.chooseFolder(opts) }),
    chooseFile: async (opts) => ({ path: await deps.dialogs.chooseFile(opts) }),
    cancelJob: ({ jobId }) => Promise.resolve({ cancelled: deps.jobs.cancel(jobId) }),
  }
}

/** The machine's own addresses a client could use: no loopback, no IPv6 link-local (they need a zone id). */
export function machineAddresses(interfaces: typeof osInterfaces): MachineAddress[] {
  const out: MachineAddress[] = []
  for (const [iface, infos] of Object.entries(interfaces())) {
    for (const info of infos ?? []) {
      if (info.internal) continue
      if (info.family === 'IPv6' && /^fe80:/i.test(info.address)) continue
      out.push({ address: info.address, family: info.family, iface })
    }
  }
  return out.sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1))
}
