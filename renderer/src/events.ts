import type { MenuAction } from '../../main/ipc/contract'
import { api } from './api'
import { switchLanguage } from './components/LanguageSwitch'
import { translator } from './i18n'
import i18next from 'i18next'
import { useAppStore } from './stores/app-store'
import { useJobsStore } from './stores/jobs-store'
import { usePlanFileStore } from './steps/plan/plan-file-store'

/** What the window does for a menu item (main/app/menu.ts sends them; About and the log folder stay in main). */
const MENU_ACTIONS: Record<MenuAction, () => void> = {
  home: () => useAppStore.getState().go('home'),
  'language-en': () => void switchLanguage((l) => i18next.changeLanguage(l), 'en'),
  'language-zh-CN': () => void switchLanguage((l) => i18next.changeLanguage(l), 'zh-CN'),
  'open-plan': () => void usePlanFileStore.getState().open(),
  'save-plan': () => void usePlanFileStore.getState().save(),
}

/** Starts the IPC event subscriptions (from main.tsx, never at import time); returns the function that stops them. */
export function startEventSubscriptions(): () => void {
  const offs = [
    api().on('job:progress', (p) => useJobsStore.getState().onProgress(p)),
    // A domain progress line arrives as a message: shown in the window's language (raw container lines as they are).
    api().on('job:log', ({ jobId, line, message }) =>
      useJobsStore.getState().onLog(jobId, message ? translator().render(message) : line),
    ),
    api().on('job:layer', ({ jobId, layer }) => useJobsStore.getState().onLayer(jobId, layer)),
    api().on('menu:action', ({ action }) => MENU_ACTIONS[action]()),
  ]
  return () => offs.forEach((off) => off())
}
