import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../../components/ErrorNotice'
import { usePlanFileStore } from './plan-file-store'

/** What File > Open Plan / Save Plan did, or why it could not, above the current screen. */
export function PlanFileNotice(): React.JSX.Element | null {
  const { t } = useTranslation()
  const notice = usePlanFileStore((s) => s.notice)
  const failure = usePlanFileStore((s) => s.error)
  const dismiss = usePlanFileStore((s) => s.dismiss)
  if (notice === undefined && failure === undefined) return null
  return (
    <div className="plan-file-notice" data-testid="plan-file-notice">
      {notice && (
        <div className="notice" role="status">
          <span>{t(`planFile.${notice.key}`, { path: notice.path })}</span>
          {notice.sections.length > 0 && (
            <span className="notice-hint">
              {t('planFile.kept', { sections: notice.sections.join(', ') })}
            </span>
          )}
        </div>
      )}
      {failure && (
        <>
          <p className="muted">
            {t(failure.during === 'open' ? 'planFile.openFailed' : 'planFile.saveFailed')}
          </p>
          <ErrorNotice error={failure.error} />
        </>
      )}
      <button type="button" className="btn-link" onClick={dismiss}>
        {t('planFile.dismiss')}
      </button>
    </div>
  )
}
