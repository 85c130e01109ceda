import { CHANNELS } from '../contract'
import type { AllHandlers } from '../register-handlers'
import type { JobRegistry } from '../jobs'
import type { SettingsStore } from '../../state/settings-store'
import { appHandlers, type AppHandlerDeps, type Dialogs } from './app-handlers'
import { clusterHandlers } from './cluster-handlers'
import type { PrivilegedRunner } from '../../app/elevated-runner'
import { dockerHandlers } from './docker-handlers'
import { imagesHandlers } from './images-handlers'
import { lifecycleHandlers } from './lifecycle-handlers'
import { manageHandlers } from './manage-handlers'
import { mirrorHandlers } from './mirror-handlers'
import { registryManageHandlers } from './registry-manage-handlers'
import { EngineCache } from '../engine-cache'
import { RegistryLogins } from '../registry-logins'
import { pkiHandlers } from './pki-handlers'
import { planHandlers, type PlanDialogs } from './plan-handlers'
import type { KeyPregen } from '../../pki/pregen'
import { swarmHandlers } from './swarm-handlers'
import { trustHandlers } from './trust-handlers'
import { verifyHandlers } from './verify-handlers'

export interface HandlerDeps {
  version: string
  platform: string
  locale: string
  workDir: string
  settings: SettingsStore
  dialogs: Dialogs
  jobs: JobRegistry
  now?: () => Date
  /** Injected by tests for stable output; default: the OS's. */
  networkInterfaces?: AppHandlerDeps['networkInterfaces']
  hostname?: () => string
  /** Root of the system whose trust stores change and are checked: '/' unless a test says otherwise. */
  trustRoot?: string
  /** The elevation prompt for privileged trust changes (main/app/elevated-runner). */
  elevate?: PrivilegedRunner
  /** The registry container's name (default "registry"); tests use their own prefix. */
  containerName?: string
  /** The mirror container's name (default "registry-mirror"); tests use their own prefix. */
  mirrorName?: string
  /** One Docker engine per planned endpoint; the app closes it on quit (default: a new cache). */
  engines?: EngineCache
  /** Keys pre-generated on the certificate step's hint (the app discards an unused one on quit). */
  keyPregen?: KeyPregen
  /** File > Open Plan / Save Plan's dialogs (main/app/plan-dialogs.ts); default: none offered (both cancel). */
  planDialogs?: PlanDialogs
  /** Told the language the window switched to (the app menu is rebuilt in it). */
  onLanguageChange?: AppHandlerDeps['onLanguageChange']
}

const NO_PLAN_DIALOGS: PlanDialogs = {
  openPlan: () => Promise.resolve(null),
  savePlan: () => Promise.resolve(null),
}

export function buildHandlers(deps: HandlerDeps): AllHandlers {
  const engines = deps.engines ?? new EngineCache()
  const logins = new RegistryLogins()
  const handlers = {
    ...appHandlers(deps),
    ...pkiHandlers({ settings: deps.settings, now: deps.now, pregen: deps.keyPregen }),
    ...dockerHandlers(engines, process.env, deps.containerName, logins),
    ...registryManageHandlers(engines, deps.containerName, logins),
    ...mirrorHandlers(engines, deps.mirrorName),
    ...lifecycleHandlers({ settings: deps.settings, engines, containerName: deps.containerName }),
    ...trustHandlers({ ...(deps.trustRoot ? { root: deps.trustRoot } : {}), elevate: deps.elevate }),
    ...verifyHandlers({ ...(deps.trustRoot ? { trustRoot: deps.trustRoot } : {}), engines, logins }),
    ...imagesHandlers({ dialogs: deps.dialogs, logins }),
    ...clusterHandlers({ dialogs: deps.dialogs }),
    ...swarmHandlers({ engines, name: deps.containerName, logins }),
    ...planHandlers(deps.planDialogs ?? NO_PLAN_DIALOGS),
    ...manageHandlers({
      settings: deps.settings,
      engines,
      containerName: deps.containerName,
      logins,
      now: deps.now,
    }),
  }
  const unserved = CHANNELS.filter((c) => !(c in handlers))
  if (unserved.length > 0) throw new Error(`no handler for ${unserved.join(', ')}`)
  return handlers
}
