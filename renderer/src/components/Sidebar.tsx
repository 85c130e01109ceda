import { useTranslation } from 'react-i18next'
import type { Capability } from '../../../main/ipc/contract'
import { STEPS, useAppStore, type StepId } from '../stores/app-store'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import { useStagesStore } from '../stores/stages-store'
import { LanguageSwitch } from './LanguageSwitch'

const NEEDS: Record<StepId, Capability[]> = {
  plan: [],
  certificates: ['pki'],
  registry: ['docker'],
  trust: ['trust', 'bundle'],
  verify: ['verify'],
}

export function Sidebar(): React.JSX.Element {
  const { t } = useTranslation()
  const screen = useAppStore((s) => s.screen)
  const go = useAppStore((s) => s.go)
  const caps = useAppStore((s) => s.info?.capabilities)
  const version = useAppStore((s) => s.info?.version)
  const planSaved = usePlanStore((s) => s.saved)
  const issued = useCertsStore((s) => !!s.issued)
  const registryUp = useStagesStore((s) => s.containerId !== undefined)
  const trusted = useStagesStore(
    (s) => (s.trustApplied !== undefined && s.trustApplied.pending.length === 0) || s.bundle !== undefined,
  )
  const verified = useStagesStore((s) => s.verifyOk === true)
  const done: Partial<Record<StepId, boolean>> = {
    plan: planSaved,
    certificates: issued,
    registry: registryUp,
    trust: trusted,
    verify: verified,
  }
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          RW
        </span>
        <span>{t('app.name')}</span>
      </div>
      <button
        type="button"
        className={`nav-item nav-home${screen === 'home' ? ' nav-on' : ''}`}
        aria-current={screen === 'home' ? 'page' : undefined}
        onClick={() => go('home')}
      >
        {t('nav.home')}
      </button>
      <ol className="nav-steps">
        {STEPS.map((step, i) => {
          const unavailable =
            caps !== undefined && NEEDS[step].every((c) => !caps[c]) && NEEDS[step].length > 0
          return (
            <li key={step}>
              <button
                type="button"
                className={`nav-item${screen === step ? ' nav-on' : ''}${done[step] ? ' nav-done' : ''}`}
                aria-current={screen === step ? 'step' : undefined}
                onClick={() => go(step)}
              >
                <span className="nav-num" aria-hidden="true">
                  {done[step] ? '✓' : i + 1}
                </span>
                <span className="nav-text">
                  {t(`steps.${step}.title`)}
                  {unavailable && <span className="nav-soon">{t('notAvailable.short')}</span>}
                </span>
              </button>
            </li>
          )
        })}
      </ol>
      <div className="sidebar-foot">
        <LanguageSwitch />
        {version && <span className="muted small">v{version}</span>}
      </div>
    </nav>
  )
}
