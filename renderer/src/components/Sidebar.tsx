import { useTranslation } from 'react-i18next'
import { screenKey, STEPS, useAppStore, type StepId } from '../stores/app-store'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import { useStagesStore } from '../stores/stages-store'
import { LanguageSwitch } from './LanguageSwitch'

/** Which steps are done, for the sidebar's check marks. */
function useDoneSteps(): Partial<Record<StepId, boolean>> {
  const planSaved = usePlanStore((s) => s.saved)
  const issued = useCertsStore((s) => !!s.issued)
  const registryUp = useStagesStore((s) => s.containerId !== undefined)
  const trusted = useStagesStore(
    (s) => (s.trustApplied !== undefined && s.trustApplied.pending.length === 0) || s.bundle !== undefined,
  )
  const verified = useStagesStore((s) => s.verifyOk === true)
  return { plan: planSaved, certificates: issued, registry: registryUp, trust: trusted, verify: verified }
}

/** Home, the numbered steps (a check mark when done; aria-current on the one shown), language and version. */
export function Sidebar(): React.JSX.Element {
  const { t } = useTranslation()
  const screen = useAppStore((s) => s.screen)
  const go = useAppStore((s) => s.go)
  const version = useAppStore((s) => s.info?.version)
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
        {STEPS.map((step, i) => (
          <StepItem key={step} step={step} index={i} />
        ))}
      </ol>
      <div className="sidebar-foot">
        <LanguageSwitch />
        {version && <span className="muted small">v{version}</span>}
      </div>
    </nav>
  )
}

function StepItem({ step, index }: { step: StepId; index: number }): React.JSX.Element {
  const { t } = useTranslation()
  const screen = useAppStore((s) => s.screen)
  const go = useAppStore((s) => s.go)
  const done = useDoneSteps()[step] === true
  return (
    <li>
      <button
        type="button"
        className={`nav-item${screen === step ? ' nav-on' : ''}${done ? ' nav-done' : ''}`}
        aria-current={screen === step ? 'step' : undefined}
        onClick={() => go(step)}
      >
        <span className="nav-num" aria-hidden="true">
          {done ? '✓' : index + 1}
        </span>
        <span className="nav-text">{t(`${screenKey(step)}.title`)}</span>
      </button>
    </li>
  )
}
