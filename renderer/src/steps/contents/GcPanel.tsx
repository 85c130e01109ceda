import { useTranslation } from 'react-i18next'
import { formatBytes } from '../../../../main/images/format-bytes'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorNotice } from '../../components/ErrorNotice'
import { JobProgress } from '../../components/ProgressBar'
import { useContentsStore } from '../../stores/contents-store'
import { useJobsStore } from '../../stores/jobs-store'
import { useFieldLabel } from './use-field-label'

const NO_LINES: string[] = []

/** Reclaim disk: the dry run (bytes it would free) first, then the run in maintenance mode, its progress and log. */
export function GcPanel(): React.JSX.Element {
  const { t } = useTranslation()
  const job = useContentsStore((s) => s.gcJob)
  const dry = useContentsStore((s) => s.gcDry)
  const done = useContentsStore((s) => s.gcRun)
  const error = useContentsStore((s) => s.gcError)
  const gc = useContentsStore((s) => s.gc)
  const fieldLabel = useFieldLabel()
  return (
    <section className="card" aria-labelledby="contents-gc">
      <h2 id="contents-gc">{t('contents.gc.title')}</h2>
      <p className="muted">{t('contents.gc.intro')}</p>
      <Untagged />
      <div className="actions">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={job !== undefined}
          onClick={() => void gc(true)}
        >
          {t('contents.gc.dryRun')}
        </button>
        {dry && <RunButton />}
      </div>
      <JobProgress
        jobId={job}
        label={
          job?.startsWith('contents-gc-dry') ? t('contents.gc.dryRunProgress') : t('contents.gc.progress')
        }
        channel="garbageCollect"
      />
      {dry && (
        <p>
          {t('contents.gc.wouldFree', {
            size: formatBytes(dry.wouldFreeBytes),
            blobs: dry.eligibleBlobs,
            before: formatBytes(dry.beforeBytes),
          })}
        </p>
      )}
      {done && (
        <p className="ok-line">
          ✓{' '}
          {t('contents.gc.done', {
            freed: formatBytes(done.freedBytes ?? 0),
            blobs: done.eligibleBlobs,
            before: formatBytes(done.beforeBytes),
            after: formatBytes(done.afterBytes ?? 0),
          })}
        </p>
      )}
      <ErrorNotice error={error} fieldLabel={fieldLabel} />
      <GcLog />
    </section>
  )
}

function Untagged(): React.JSX.Element {
  const { t } = useTranslation()
  const on = useContentsStore((s) => s.gcUntagged)
  const busy = useContentsStore((s) => s.gcJob !== undefined)
  const set = useContentsStore((s) => s.set)
  return (
    <div className="field">
      <label className="check-label">
        <input
          type="checkbox"
          checked={on}
          disabled={busy}
          aria-describedby="contents-untagged-warning"
          onChange={(e) => set({ gcUntagged: e.target.checked, gcDry: undefined })}
        />{' '}
        {t('contents.gc.untagged')}
      </label>
      {on && (
        <p id="contents-untagged-warning" className="warn-line">
          {t('contents.gc.untaggedWarning')}
        </p>
      )}
    </div>
  )
}

function RunButton(): React.JSX.Element {
  const { t } = useTranslation()
  const busy = useContentsStore((s) => s.gcJob !== undefined)
  const untagged = useContentsStore((s) => s.gcUntagged)
  const gc = useContentsStore((s) => s.gc)
  return (
    <ConfirmDialog
      trigger={t('contents.gc.run')}
      title={t('contents.gc.runTitle')}
      description={untagged ? t('contents.gc.runTextUntagged') : t('contents.gc.runText')}
      confirm={t('contents.gc.run')}
      disabled={busy}
      onConfirm={() => void gc(false)}
    />
  )
}

/** garbage-collect's own lines as it prints them (`job:log`), the last job's kept after it ends. */
function GcLog(): React.JSX.Element | null {
  const { t } = useTranslation()
  const job = useContentsStore((s) => s.gcJob ?? s.gcLogJob)
  const lines = useJobsStore((s) => (job ? (s.logs[job] ?? NO_LINES) : NO_LINES))
  if (lines.length === 0) return null
  return (
    <details className="contents-log" open>
      <summary>{t('contents.gc.log')}</summary>
      <pre className="log mono small" tabIndex={0} aria-label={t('contents.gc.log')}>
        {lines.join('\n')}
      </pre>
    </details>
  )
}
