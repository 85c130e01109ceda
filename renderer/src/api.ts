import type { RegistryWizardApi } from '../../main/ipc/contract'

declare global {
  interface Window {
    /** Exposed by the preload (contextBridge); the renderer's only way to reach main. */
    registryWizard: RegistryWizardApi
  }
}

/** The one seam between the renderer and main: tests replace window.registryWizard with a fake. */
export function api(): RegistryWizardApi {
  return window.registryWizard
}
