import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DriveCopyResult, DriveInfo, ErrorInfo } from '../../../main/ipc/contract'
import { api } from '../api'
import { useErrorText } from '../components/ErrorNotice'
import { JobProgress } from '../components/ProgressBar'
import { newJobId } from '../lib/job-id'

const gb = (n: number | undefined): string => (n === undefined ? '?' : `${(n / 1e9).toFixed(1)} GB`)

/**
 * Writes the exported bundle onto a detected removable drive (fsync, re-read from the drive, compare) as a job. It
 * names the bundle and the drive by the ids main gave (exportBundle, listDrives), never by a path.
 */
export function DriveWriter({
  bundleId,
  drives,
}: {
  bundleId: string
  drives: DriveInfo[]
}): React.JSX.Element | null {
  const { t } = useTranslation()
  const [jobId, setJobId] = useState<string>()
  const [busyDrive, setBusyDrive] = useState<string>()
  const [replace, setReplace] = useState(false)
  const [results, setResults] = useState<Record<string, DriveCopyResult>>({})
  const [errors, setErrors] = useState<Record<string, ErrorInfo>>({})
  const text = useErrorText()
  if (drives.length === 0) return <p className="muted">{t('trust.noDrives')}</p>
  const write = async (driveId: string): Promise<void> => {
    const id = newJobId('drive')
    setJobId(id)
    setBusyDrive(driveId)
    setErrors(({ [driveId]: _gone, ...rest }) => rest)
    setResults(({ [driveId]: _old, ...rest }) => rest)
    const r = await api().copyBundleToDrive({
      jobId: id,
      bundleId,
      driveId,
      ...(replace ? { force: true } : {}),
    })
    setJobId(undefined)
    setBusyDrive(undefined)
    if (r.ok) setResults((x) => ({ ...x, [driveId]: r.value }))
    else setErrors((x) => ({ ...x, [driveId]: r.error }))
  }
  return (
    <div className="drive-writer">
      <h3>{t('trust.writeToDrive')}</h3>
      <label className="check-label">
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />{' '}
        {t('trust.replaceOnDrive')}
      </label>
      <ul className="drives" aria-label={t('trust.drives')}>
        {drives.map((drive) => {
          const err = errors[drive.id]
          const done = results[drive.id]
          const failed = done && !done.verified
          return (
            <li key={drive.id} className="drive">
              <button
                type="button"
                className="btn btn-secondary"
                disabled={!!jobId}
                aria-describedby={err || failed ? `drive-error-${drive.id}` : undefined}
                onClick={() => void write(drive.id)}
              >
                {t('trust.writeTo', { drive: drive.description, mount: drive.mountpoints.join(', ') })}
              </button>
              <span className="muted">
                {t('trust.driveFree', { free: gb(drive.freeBytes), size: gb(drive.sizeBytes) })}
                {drive.readOnly ? ` · ${t('trust.readOnly')}` : ''}
              </span>
              {busyDrive === drive.id && <JobProgress jobId={jobId} label={t('trust.writing')} />}
              {done?.verified && (
                <p className="ok-line drive-result" role="status">
                  ✓ {t('trust.driveWritten', { dest: done.dest, count: done.files.length })}{' '}
                  {t('trust.driveVerified')}
                  {!done.cacheFree && <span className="muted"> {t('trust.driveNotCacheFree')}</span>}
                </p>
              )}
              {failed && (
                <p className="field-error" id={`drive-error-${drive.id}`} role="alert">
                  {t('trust.driveMismatch', { dest: done.dest, files: done.mismatched.join(', ') })}
                </p>
              )}
              {err && (
                <p className="field-error" id={`drive-error-${drive.id}`} role="alert">
                  {text(err).message}
                  {text(err).hint && <span className="field-error-hint"> {text(err).hint}</span>}
                </p>
              )}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
