import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { startEventSubscriptions } from './events'
import { initI18n, pickLanguage } from './i18n'
import { useAppStore } from './stores/app-store'
import { usePlanStore } from './stores/plan-store'
import './styles.css'

async function start(): Promise<void> {
  startEventSubscriptions()
  const saved = await useAppStore.getState().init()
  const info = useAppStore.getState().info
  await initI18n(saved ?? pickLanguage(info?.locale ?? navigator.language))
  usePlanStore.getState().load(useAppStore.getState().settings?.plan)
  const root = document.getElementById('root')
  if (root)
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    )
}

void start()
