import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo, ImagesRegistryRef } from '../../../../main/ipc/contract'
import { formatBytes } from '../../../../main/images/format-bytes'
import { ErrorNotice } from '../../components/ErrorNotice'
import { RadioOption, TextField } from '../../components/Field'
import { JobProgress } from '../../components/ProgressBar'
import { fieldErrorText, routeError } from '../../lib/field-errors'
import { refLines, useImagesStore } from '../../stores/images-store'
import { TransferBars } from './TransferBars'

const CONTROLS = ['refs', 'format', 'platform', 'fileName', 'folderId', 'driveId', 'out'] as const

function FieldError({ id, error, label }: { id: string; error: ErrorInfo | undefined; label: string }) {
  if (!error) return null
  const text = fieldErrorText(error, label)
  return (
    <p id={id} className="field-error" role="alert">
      {text.message}
      {text.hint ? ` ${text.hint}` : ''}
    </p>
  )
}

/** The list of references: ticked in the listing, or typed / pasted (one a line). */
function RefsField({ error }: { error: ErrorInfo | undefined }): React.JSX.Element {
  const { t } = useTranslation()
  const refs = useImagesStore((s) => s.exporter.refs)
  const setExporter = useImagesStore((s) => s.setExporter)
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor="images-refs">{t('images.exporter.refs')}</label>
      <textarea
        id="images-refs"
        className="mono"
        rows={4}
        value={refs}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={`images-refs-hint${error ? ' images-refs-error' : ''}`}
        onChange={(e) => setExporter({ refs: e.target.value })}
      />
      <p id="images-refs-hint" className="muted small">
        {t('images.exporter.refsHint')}
      </p>
      <FieldError id="images-refs-error" error={error} label={t('images.exporter.refs')} />
    </div>
  )
}

function FormatFields({ at }: { at: (name: string) => ErrorInfo | undefined }): React.JSX.Element {
  const { t } = useTranslation()
  const e = useImagesStore((s) => s.exporter)
  const setExporter = useImagesStore((s) => s.setExporter)
  return (
    <div className="inline-form">
      <div className="field">
        <label htmlFor="images-format">{t('images.exporter.format')}</label>
        <select
          id="images-format"
          value={e.format}
          onChange={(ev) => setExporter({ format: ev.target.value === 'docker' ? 'docker' : 'oci' })}
        >
          <option value="oci">{t('images.exporter.formatOci')}</option>
          <option value="docker">{t('images.exporter.formatDocker')}</option>
        </select>
      </div>
      {e.format === 'docker' && (
        <TextField
          id="images-platform"
          label={t('images.exporter.platform')}
          value={e.platform}
          onChange={(platform) => setExporter({ platform })}
          error={at('platform')}
        />
      )}
    </div>
  )
}

/** A folder picked through main (by id), or one of the removable drives main lists (by id). */
function DestinationFields({ at }: { at: (name: string) => ErrorInfo | undefined }): React.JSX.Element {
  const { t } = useTranslation()
  const e = useImagesStore((s) => s.exporter)
  const setExporter = useImagesStore((s) => s.setExporter)
  const pickFolder = useImagesStore((s) => s.pickFolder)
  const loadDrives = useImagesStore((s) => s.loadDrives)
  useEffect(() => {
    if (e.destination === 'drive') void loadDrives()
  }, [e.destination, loadDrives])
  return (
    <fieldset className="inline-form">
      <legend>{t('images.exporter.destination')}</legend>
      {(['folder', 'drive'] as const).map((d) => (
        <RadioOption
          key={d}
          className="check-label"
          name="images-destination"
          value={d}
          checked={e.destination === d}
          onSelect={(destination) => setExporter({ destination })}
          label={t(d === 'folder' ? 'images.exporter.toFolder' : 'images.exporter.toDrive')}
        />
      ))}
      {e.destination === 'folder' ? (
        <div className="field">
          <button type="button" className="btn btn-secondary" onClick={() => void pickFolder()}>
            {t('images.exporter.pickFolder')}
          </button>
          <p className="muted mono">
            {e.folder ? t('images.exporter.folder', { name: e.folder.path }) : t('images.exporter.noFolder')}
          </p>
          <FieldError id="images-folder-error" error={at('folderId')} label={t('images.exporter.toFolder')} />
        </div>
      ) : (
        <DriveChoice at={at} />
      )}
    </fieldset>
  )
}

function DriveChoice({ at }: { at: (name: string) => ErrorInfo | undefined }): React.JSX.Element {
  const { t } = useTranslation()
  const e = useImagesStore((s) => s.exporter)
  const setExporter = useImagesStore((s) => s.setExporter)
  if (e.drives.length === 0) return <p className="muted">{t('images.exporter.noDrives')}</p>
  return (
    <div className="field">
      <label htmlFor="images-drive">{t('images.exporter.drive')}</label>
      <select
        id="images-drive"
        value={e.driveId}
        onChange={(ev) => setExporter({ driveId: ev.target.value })}
      >
        {e.drives.map((d) => (
          <option key={d.id} value={d.id}>
            {`${d.description} (${d.mountpoints.join(', ')})`}
          </option>
        ))}
      </select>
      <FieldError id="images-drive-error" error={at('driveId')} label={t('images.exporter.drive')} />
    </div>
  )
}

function ExportOutcome(): React.JSX.Element | null {
  const { t } = useTranslation()
  const r = useImagesStore((s) => s.exported)
  if (!r) return null
  return (
    <div role="status">
      <p className="ok-line">✓ {t('images.exporter.done', { out: r.out, bytes: formatBytes(r.bytes) })}</p>
      <p className="mono">{t('images.exporter.checksum', { sha256: r.sha256 })}</p>
      <p className="muted mono">{t('images.exporter.checksumFile', { file: r.checksumFile })}</p>
    </div>
  )
}

/** Export: which images, the format, where to, then the job's progress and the archive's checksum. */
export function ExportPanel({ target }: { target: ImagesRegistryRef }): React.JSX.Element {
  const { t } = useTranslation()
  const e = useImagesStore((s) => s.exporter)
  const setExporter = useImagesStore((s) => s.setExporter)
  const exportNow = useImagesStore((s) => s.exportNow)
  const jobId = useImagesStore((s) => s.exportJob)
  const error = useImagesStore((s) => s.exportError)
  const routed = routeError(error, CONTROLS)
  return (
    <section className="card" aria-labelledby="images-export">
      <h2 id="images-export">{t('images.exporter.title')}</h2>
      <RefsField error={routed.at('refs')} />
      <FormatFields at={routed.at} />
      <DestinationFields at={routed.at} />
      <TextField
        id="images-file-name"
        label={t('images.exporter.fileName')}
        value={e.fileName}
        onChange={(fileName) => setExporter({ fileName })}
        error={routed.at('fileName') ?? routed.at('out')}
      />
      <label className="check-label">
        <input
          type="checkbox"
          checked={e.force}
          onChange={(ev) => setExporter({ force: ev.target.checked })}
        />{' '}
        {t('images.exporter.force')}
      </label>
      <div className="actions-inline">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!!jobId || refLines(e.refs).length === 0}
          onClick={() => void exportNow(target)}
        >
          {t('images.exporter.start')}
        </button>
      </div>
      <JobProgress jobId={jobId} label={t('images.exporter.running')} channel="exportImages" />
      <TransferBars kind="images-export" />
      <ExportOutcome />
      {routed.rest?.code === 'CANCELLED' ? (
        <p className="warn-line">{t('images.exporter.cancelled')}</p>
      ) : (
        <ErrorNotice error={routed.rest} />
      )}
    </section>
  )
}
