import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DriveCopyResult, DriveInfo, ErrorInfo } from '../../../main/ipc/contract'
import { api } from '../api'
import { useErrorText } from '../components/ErrorNotice'
import { JobProgress } from '../components/ProgressBar'
import { newJobId } from '../lib/job-id'

const gb = (n: number | undefined): string => (n === undefined ? '?' : `${(n / 1e9).toFixed(1)} GB`)

/** Writes the exported bundle onto a detected removable drive (fsync, re-read, checksum compare) as a job. */
export function DriveWriter({
  bundleDir,
  drives,
}: {
  bundleDir: string
  drives: DriveInfo[]
}): React.JSX.Element | null {
  const { t } = useTranslation()
  const [jobId, setJobId] = useState<string>()
  const [busyMount, setBusyMount] = useState<string>()
  const [replace, setReplace] = useState(false)
  const [results, setResults] = useState<Record<string, DriveCopyResult>>({})
  const [errors, setErrors] = useState<Record<string, ErrorInfo>>({})
  const text = useErrorText()
  const mounts = drives.flatMap((d) => d.mountpoints.map((m) => ({ drive: d, mount: m })))
  if (mounts.length === 0) return <p className="muted">{t('trust.noDrives')}</p>
  const write = async (mount: string): Promise<void> => {
    const id = newJobId('drive')
    setJobId(id)
    setBusyMount(mount)
    setErrors(({ [mount]: _gone, ...rest }) => rest)
    const r = await api().copyBundleToDrive({
      jobId: id,
      bundleDir,
      mount,
      ...(replace ? { force: true } : {}),
    })
    setJobId(undefined)
    setBusyMount(undefined)
    if (r.ok) setResults((x) => ({ ...x, [mount]: r.value }))
    else setErrors((x) => ({ ...x, [mount]: r.error }))
  }
  return (
    <div className="drive-writer">
      <h3>{t('trust.writeToDrive')}</h3>
      <label className="check-label">
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />{' '}
        {t('trust.replaceOnDrive')}
      </label>
      <ul className="drives" aria-label={t('trust.drives')}>
        {mounts.map(({ drive, mount }) => {
          const err = errors[mount]
          const done = results[mount]
          return (
            <li key={mount} className="drive">
              <button
                type="button"
                className="btn btn-secondary"
                disabled={!!jobId}
                aria-describedby={err ? `drive-error-${mount}` : undefined}
                onClick={() => void write(mount)}
              >
                {t('trust.writeTo', { drive: drive.description, mount })}
              </button>
              <span className="muted">
                {t('trust.driveFree', { free: gb(drive.freeBytes), size: gb(drive.sizeBytes) })}
                {drive.readOnly ? ` · ${t('trust.readOnly')}` : ''}
              </span>
              {busyMount === mount && <JobProgress jobId={jobId} label={t('trust.writing')} />}
              {done && (
                <p className="ok-line drive-result" role="status">
                  ✓ {t('trust.driveWritten', { dest: done.dest, count: done.files.length })}{' '}
                  {done.verified && t('trust.driveVerified')}
                </p>
              )}
              {err && (
                <p className="field-error" id={`drive-error-${mount}`} role="alert">
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
