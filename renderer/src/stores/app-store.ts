import { create } from 'zustand'
import type { AppInfo, ErrorInfo, Language, Settings } from '../../../main/ipc/contract'
import { api } from '../api'

export const STEPS = ['plan', 'certificates', 'registry', 'trust', 'verify', 'images', 'contents'] as const
export type StepId = (typeof STEPS)[number]
export type Screen = 'home' | StepId

/** Where a screen's title and subtitle are in the gui catalogue (`home.title`, `steps.plan.title`, `images.title`). */
export const screenKey = (screen: Screen): string =>
  screen === 'home' || screen === 'images' || screen === 'contents' ? screen : `steps.${screen}`

interface AppState {
  info: AppInfo | undefined
  settings: Settings | undefined
  screen: Screen
  loadError: ErrorInfo | undefined
  /** Loads app info and settings; returns the saved language, if any. */
  init: () => Promise<Language | undefined>
  go: (screen: Screen) => void
  setSettings: (settings: Settings) => void
}

export const initialAppState = {
  info: undefined,
  settings: undefined,
  screen: 'home' as Screen,
  loadError: undefined,
}

export const useAppStore = create<AppState>()((set) => ({
  ...initialAppState,
  init: async () => {
    const [info, settings] = await Promise.all([api().getAppInfo(), api().getSettings()])
    if (!info.ok) {
      set({ loadError: info.error })
      return undefined
    }
    const loaded = settings.ok ? settings.value : { knownCas: [], knownCerts: [] }
    set({ info: info.value, settings: loaded, loadError: settings.ok ? undefined : settings.error })
    return loaded.language
  },
  go: (screen) => set({ screen }),
  setSettings: (settings) => set({ settings }),
}))
