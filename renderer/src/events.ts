import { api } from './api'
import { switchLanguage } from './components/LanguageSwitch'
import i18next from 'i18next'
import { useAppStore } from './stores/app-store'
import { useJobsStore } from './stores/jobs-store'

/** Starts the IPC event subscriptions (from main.tsx, never at import time); returns the function that stops them. */
export function startEventSubscriptions(): () => void {
  const offs = [
    api().on('job:progress', (p) => useJobsStore.getState().onProgress(p)),
    api().on('job:log', ({ jobId, line }) => useJobsStore.getState().onLog(jobId, line)),
    api().on('job:layer', ({ jobId, layer }) => useJobsStore.getState().onLayer(jobId, layer)),
    api().on('menu:action', ({ action }) => {
      if (action === 'home') useAppStore.getState().go('home')
      else if (action === 'language-en') void switchLanguage((l) => i18next.changeLanguage(l), 'en')
      else if (action === 'language-zh-CN') void switchLanguage((l) => i18next.changeLanguage(l), 'zh-CN')
    }),
  ]
  return () => offs.forEach((off) => off())
}
