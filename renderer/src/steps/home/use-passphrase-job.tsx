import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo, JobChannel, Result } from '../../../../main/ipc/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/Field'
import { JobProgress } from '../../components/ProgressBar'
import { newJobId } from '../../lib/job-id'

const PASSPHRASE_CODES = ['PASSPHRASE_REQUIRED', 'WRONG_PASSPHRASE']

export interface PassphraseJob<T> {
  jobId: string | undefined
  error: ErrorInfo | undefined
  /** The CA key turned out encrypted (or the passphrase was wrong): the field is shown, the next run sends it. */
  asked: boolean
  passphrase: string
  setPassphrase: (p: string) => void
  result: T | undefined
  run: () => Promise<void>
}

/**
 * One main-side job that may need the CA key's passphrase: run without, and when main answers that the key is
 * encrypted (or the passphrase wrong), ask for it and send it with the next run; it is never kept after a run.
 */
export function usePassphraseJob<T>(
  prefix: string,
  call: (jobId: string, secret: { passphrase?: string }) => Promise<Result<T>>,
  onDone?: (value: T | undefined) => Promise<void> | void,
): PassphraseJob<T> {
  const [jobId, setJobId] = useState<string>()
  const [error, setError] = useState<ErrorInfo>()
  const [asked, setAsked] = useState(false)
  const [passphrase, setPassphrase] = useState('')
  const [result, setResult] = useState<T>()
  const run = async (): Promise<void> => {
    const id = newJobId(prefix)
    setJobId(id)
    setError(undefined)
    setResult(undefined)
    const secret = passphrase ? { passphrase } : {}
    setPassphrase('')
    const r = await call(id, secret)
    setJobId(undefined)
    if (r.ok) setResult(r.value)
    else {
      setError(r.error)
      if (PASSPHRASE_CODES.includes(r.error.code)) setAsked(true)
    }
    await onDone?.(r.ok ? r.value : undefined)
  }
  return { jobId, error, asked, passphrase, setPassphrase, result, run }
}

/** The passphrase field (once asked), the job's progress and its error, under the button that runs it. */
export function PassphraseJobParts<T>(props: {
  job: PassphraseJob<T>
  id: string
  label: string
  progressLabel: string
  channel: JobChannel
}): React.JSX.Element {
  const { job } = props
  return (
    <>
      {job.asked && (
        <TextField
          id={props.id}
          type="password"
          autoComplete="off"
          label={props.label}
          value={job.passphrase}
          onChange={job.setPassphrase}
        />
      )}
      <JobProgress jobId={job.jobId} label={props.progressLabel} channel={props.channel} />
      <ErrorNotice error={job.error} />
    </>
  )
}

/** Runs `job` when clicked; disabled while it runs. */
export function JobButton(props: {
  job: PassphraseJob<unknown>
  text: string
  label?: string | undefined
  primary?: boolean
}): React.JSX.Element {
  useTranslation()
  return (
    <button
      type="button"
      className={`btn ${props.primary ? 'btn-primary' : 'btn-secondary'}`}
      aria-label={props.label}
      disabled={props.job.jobId !== undefined}
      onClick={() => void props.job.run()}
    >
      {props.text}
    </button>
  )
}
