import { CHANNELS, type Capabilities, type Capability } from '../contract'
import type { AllHandlers } from '../register-handlers'
import type { JobRegistry } from '../jobs'
import type { SettingsStore } from '../../state/settings-store'
import { appHandlers, type AppHandlerDeps, type Dialogs } from './app-handlers'
import { pkiHandlers } from './pki-handlers'
import { unavailableHandlers } from './unavailable-handlers'

/**
 * The cores wired so far. When a core lands: write its handler group (a few lines per channel, like
 * pki-handlers.ts), spread it below and flip its capability to true.
 */
export const CAPABILITIES: Capabilities = { pki: true, docker: false, trust: false, bundle: false, drives: false, verify: false }

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
}

export function buildHandlers(deps: HandlerDeps): AllHandlers {
  const missing = (Object.keys(CAPABILITIES) as Capability[]).filter((c) => !CAPABILITIES[c])
  const unavailable = unavailableHandlers(missing)
  const handlers = {
    ...unavailable,
    ...appHandlers({ ...deps, capabilities: CAPABILITIES }),
    ...pkiHandlers({ settings: deps.settings, now: deps.now }),
  }
  const unserved = CHANNELS.filter((c) => !(c in handlers))
  if (unserved.length > 0) throw new Error(`no handler for ${unserved.join(', ')}`)
  return handlers as AllHandlers
}
