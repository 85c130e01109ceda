import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DriveCopyResult, DriveInfo, ErrorInfo } from '../../../main/ipc/contract'
import { api } from '../api'
import { useErrorText } from '../components/ErrorNotice'
import { JobProgress } from '../components/ProgressBar'
import { newJobId } from '../lib/job-id'

const gb = (n: number | undefined): string => (n === undefined ? '?' : `${(n / 1e9).toFixed(1)} GB`)

/** One drive's state in the writer: the copy's result or its error. */
interface Outcome {
  result?: DriveCopyResult | undefined
  error?: ErrorInfo | undefined
}

/** What happened on one drive: a verified copy, a copy that did not match, or an error. */
function DriveOutcome({ drive, outcome }: { drive: DriveInfo; outcome: Outcome }): React.JSX.Element | null {
  const { t } = useTranslation()
  const text = useErrorText()
  const { result, error } = outcome
  if (result?.verified) {
    return (
      <p className="ok-line drive-result" role="status">
        ✓ {t('trust.driveWritten', { dest: result.dest, count: result.files.length })}{' '}
        {t('trust.driveVerified')}
        {!result.cacheFree && <span className="muted"> {t('trust.driveNotCacheFree')}</span>}
      </p>
    )
  }
  if (result) {
    return (
      <p className="field-error" id={`drive-error-${drive.id}`} role="alert">
        {t('trust.driveMismatch', { dest: result.dest, files: result.mismatched.join(', ') })}
      </p>
    )
  }
  if (!error) return null
  const e = text(error)
  return (
    <p className="field-error" id={`drive-error-${drive.id}`} role="alert">
      {e.message}
      {e.hint && <span className="field-error-hint"> {e.hint}</span>}
    </p>
  )
}

function DriveRow(props: {
  drive: DriveInfo
  outcome: Outcome
  jobId: string | undefined
  busy: boolean
  onWrite: () => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const { drive, outcome } = props
  const alert = outcome.error !== undefined || outcome.result?.verified === false
  return (
    <li className="drive">
      <button
        type="button"
        className="btn btn-secondary"
        disabled={!!props.jobId}
        aria-describedby={alert ? `drive-error-${drive.id}` : undefined}
        onClick={props.onWrite}
      >
        {t('trust.writeTo', { drive: drive.description, mount: drive.mountpoints.join(', ') })}
      </button>
      <span className="muted">
        {t('trust.driveFree', { free: gb(drive.freeBytes), size: gb(drive.sizeBytes) })}
        {drive.readOnly ? ` · ${t('trust.readOnly')}` : ''}
      </span>
      {props.busy && (
        <JobProgress jobId={props.jobId} label={t('trust.writing')} channel="copyBundleToDrive" />
      )}
      <DriveOutcome drive={drive} outcome={outcome} />
    </li>
  )
}

/** Writes by ids as a job; keeps each drive's last outcome. */
function useDriveCopy(bundleId: string, replace: boolean) {
  const [jobId, setJobId] = useState<string>()
  const [busyDrive, setBusyDrive] = useState<string>()
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({})
  const write = async (driveId: string): Promise<void> => {
    const id = newJobId('drive')
    setJobId(id)
    setBusyDrive(driveId)
    setOutcomes(({ [driveId]: _old, ...rest }) => rest)
    const r = await api().copyBundleToDrive({
      jobId: id,
      bundleId,
      driveId,
      ...(replace ? { force: true } : {}),
    })
    setJobId(undefined)
    setBusyDrive(undefined)
    setOutcomes((x) => ({ ...x, [driveId]: r.ok ? { result: r.value } : { error: r.error } }))
  }
  return { jobId, busyDrive, outcomes, write }
}

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
}): React.JSX.Element {
  const { t } = useTranslation()
  const [replace, setReplace] = useState(false)
  const { jobId, busyDrive, outcomes, write } = useDriveCopy(bundleId, replace)
  if (drives.length === 0) return <p className="muted">{t('trust.noDrives')}</p>
  return (
    <div className="drive-writer">
      <h3>{t('trust.writeToDrive')}</h3>
      <label className="check-label">
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />{' '}
        {t('trust.replaceOnDrive')}
      </label>
      <ul className="drives" aria-label={t('trust.drives')}>
        {drives.map((drive) => (
          <DriveRow
            key={drive.id}
            drive={drive}
            outcome={outcomes[drive.id] ?? {}}
            jobId={jobId}
            busy={busyDrive === drive.id}
            onWrite={() => void write(drive.id)}
          />
        ))}
      </ul>
    </div>
  )
}
