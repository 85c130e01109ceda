import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../../components/ErrorNotice'
import { JobProgress } from '../../components/ProgressBar'
import { useContentsStore } from '../../stores/contents-store'
import { useFieldLabel } from './use-field-label'

/** What the last delete did (or why not), and when deleting is off the control that switches it on. */
export function DeleteOutcome(): React.JSX.Element | null {
  const { t } = useTranslation()
  const deleting = useContentsStore((s) => s.deleting)
  const deleted = useContentsStore((s) => s.deleted)
  const error = useContentsStore((s) => s.deleteError)
  const off = useContentsStore((s) => s.deleteOff)
  const fieldLabel = useFieldLabel()
  if (!deleting && !deleted && !error && !off) return <EnabledLine />
  return (
    <section className="card" aria-live="polite">
      {deleting && (
        <p role="status" className="muted">
          {t('contents.delete.working', { reference: deleting })}
        </p>
      )}
      {deleted && (
        <>
          <p className="ok-line">
            ✓{' '}
            {t('contents.delete.done', {
              repository: deleted.repository,
              digest: deleted.digest,
              tags: deleted.tags.join(', '),
            })}
          </p>
          {deleted.children.length > 0 && (
            <p className="muted">{t('contents.delete.doneChildren', { count: deleted.children.length })}</p>
          )}
          <p className="muted">{t('contents.delete.gcNote')}</p>
        </>
      )}
      <ErrorNotice error={error} fieldLabel={fieldLabel} />
      {off && <EnableDelete />}
    </section>
  )
}

/** "Switch deleting on": the enableDelete job (the registry re-created with its storage, certificates and logins). */
function EnableDelete(): React.JSX.Element {
  const { t } = useTranslation()
  const job = useContentsStore((s) => s.enableJob)
  const error = useContentsStore((s) => s.enableError)
  const enable = useContentsStore((s) => s.enableDelete)
  return (
    <div className="contents-enable">
      <h2>{t('contents.enable.title')}</h2>
      <p>{t('contents.enable.text')}</p>
      <button
        type="button"
        className="btn btn-primary"
        disabled={job !== undefined}
        onClick={() => void enable()}
      >
        {t('contents.enable.button')}
      </button>
      <JobProgress jobId={job} label={t('contents.enable.progress')} channel="enableDelete" />
      <ErrorNotice error={error} />
    </div>
  )
}

function EnabledLine(): React.JSX.Element | null {
  const { t } = useTranslation()
  const enabled = useContentsStore((s) => s.enabled)
  if (!enabled) return null
  return (
    <p className="ok-line" role="status">
      ✓ {enabled.changed ? t('contents.enable.done') : t('contents.enable.already')}
    </p>
  )
}
