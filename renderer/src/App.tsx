import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorNotice } from './components/ErrorNotice'
import { Sidebar } from './components/Sidebar'
import { screenKey, useAppStore, type Screen } from './stores/app-store'
import { CertificatesStep } from './steps/CertificatesStep'
import { ContentsStep } from './steps/ContentsStep'
import { HomeScreen } from './steps/HomeScreen'
import { ImagesStep } from './steps/ImagesStep'
import { PlanStep } from './steps/PlanStep'
import { PlanFileNotice } from './steps/plan/PlanFileNotice'
import { RegistryStep } from './steps/RegistryStep'
import { TrustStep } from './steps/TrustStep'
import { VerifyStep } from './steps/VerifyStep'

const SCREENS: Record<Screen, () => React.JSX.Element> = {
  home: HomeScreen,
  plan: PlanStep,
  certificates: CertificatesStep,
  registry: RegistryStep,
  trust: TrustStep,
  verify: VerifyStep,
  images: ImagesStep,
  contents: ContentsStep,
}

export function App(): React.JSX.Element {
  const { t } = useTranslation()
  const screen = useAppStore((s) => s.screen)
  const loadError = useAppStore((s) => s.loadError)
  const ready = useAppStore((s) => s.info !== undefined)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    // Move focus to the new screen's heading so keyboard and screen-reader users land on it.
    heading.current?.focus()
  }, [screen])
  useEffect(() => {
    // Read by tests/bench/renderer.ts: the moment the first screen can be used.
    if (ready) performance.mark('rw:first-step-interactive')
  }, [ready])
  const Body = SCREENS[screen]
  const key = screenKey(screen)
  return (
    <div className="layout">
      <Sidebar />
      <main className="content" data-screen={screen} data-ready={ready ? 'yes' : 'no'}>
        <header className="content-head">
          <h1 tabIndex={-1} ref={heading}>
            {t(`${key}.title`)}
          </h1>
          <p className="muted">{t(`${key}.subtitle`)}</p>
        </header>
        <ErrorNotice error={loadError} />
        <PlanFileNotice />
        {ready && <Body />}
      </main>
    </div>
  )
}
