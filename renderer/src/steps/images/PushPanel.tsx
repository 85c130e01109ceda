import { useTranslation } from 'react-i18next'
import type { ImagesRegistryRef } from '../../../../main/ipc/contract'
import { formatBytes } from '../../../../main/images/format-bytes'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/Field'
import { JobProgress } from '../../components/ProgressBar'
import { routeError, type RoutedError } from '../../lib/field-errors'
import { useImagesStore } from '../../stores/images-store'
import { TransferBars } from './TransferBars'

/** The prefix and repository fields (a refused value is shown at its field). */
function NamingFields({ routed }: { routed: RoutedError }): React.JSX.Element {
  const { t } = useTranslation()
  const prefix = useImagesStore((s) => s.prefix)
  const repository = useImagesStore((s) => s.repository)
  const set = useImagesStore((s) => s.set)
  const jobId = useImagesStore((s) => s.importJob)
  return (
    <>
      <TextField
        id="images-prefix"
        label={t('images.push.prefix')}
        hint={t('images.push.prefixHint')}
        value={prefix}
        onChange={(v) => set({ prefix: v })}
        disabled={!!jobId}
        error={routed.at('prefix')}
      />
      <TextField
        id="images-repository"
        label={t('images.push.repository')}
        hint={t('images.push.repositoryHint')}
        value={repository}
        onChange={(v) => set({ repository: v })}
        disabled={!!jobId}
        error={routed.at('repository')}
      />
    </>
  )
}

/** The naming fields, Push, the job's progress with Cancel, the bars, and what the push did. */
export function PushPanel({ target }: { target: ImagesRegistryRef }): React.JSX.Element | null {
  const { t } = useTranslation()
  const count = useImagesStore((s) => s.archives.length)
  const push = useImagesStore((s) => s.push)
  const jobId = useImagesStore((s) => s.importJob)
  const error = useImagesStore((s) => s.importError)
  const routed = routeError(error, ['prefix', 'repository'])
  if (count === 0) return null
  return (
    <section className="card" aria-labelledby="images-push">
      <h2 id="images-push" className="sr-only">
        {t('images.push.start')}
      </h2>
      <NamingFields routed={routed} />
      <div className="actions-inline">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!!jobId}
          onClick={() => void push(target)}
        >
          {t('images.push.start')}
        </button>
      </div>
      <JobProgress jobId={jobId} label={t('images.push.running')} channel="importImages" />
      <TransferBars kind="images-import" />
      <PushOutcome />
      {routed.rest?.code === 'CANCELLED' ? (
        <p className="warn-line">{t('images.push.cancelled')}</p>
      ) : (
        <ErrorNotice error={routed.rest} />
      )}
    </section>
  )
}

function PushOutcome(): React.JSX.Element | null {
  const { t } = useTranslation()
  const r = useImagesStore((s) => s.imported)
  if (!r) return null
  return (
    <p className="ok-line" role="status">
      ✓{' '}
      {t('images.push.done', {
        images: r.images.map((i) => i.reference).join(', '),
        uploaded: r.blobs.uploaded,
        bytes: formatBytes(r.blobs.bytesUploaded),
        present: r.blobs.present,
      })}
    </p>
  )
}
