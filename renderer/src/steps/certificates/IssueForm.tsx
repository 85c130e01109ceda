import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaSummary } from '../../../../main/ipc/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { CaPassphraseField, TextField } from '../../components/Field'
import { JobProgress } from '../../components/ProgressBar'
import { routeError } from '../../lib/field-errors'
import { useFocusFirstInvalid } from '../../lib/focus'
import { hostFolder, joinPath } from '../../lib/paths'
import { useAppStore } from '../../stores/app-store'
import { useCertsStore } from '../../stores/certs-store'
import { usePlanStore } from '../../stores/plan-store'
import type { KeyType } from '../../../../main/pki/key-types'
import { KeyTypeSelect } from './KeyTypeSelect'

/** The request fields (IssueServerCertRequest) this form's controls edit; `caDir`, `sans` go by the button. */
export const ISSUE_CONTROLS = ['outDir', 'keyType', 'passphrase']

/** Issue (or, when `stale`, replace) the server certificate for the planned addresses. */
export function IssueForm(props: { ca: CaSummary; stale: boolean; blocked: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  const workDir = useAppStore((s) => s.info?.defaultWorkDir ?? '')
  const addresses = usePlanStore((s) => s.addresses)
  const port = usePlanStore((s) => s.port)
  const { issue, busy, jobId, issueError } = useCertsStore()
  const errors = routeError(issueError, ISSUE_CONTROLS)
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstInvalid(formRef, issueError)
  const [outDir, setOutDir] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [forceChoice, setForce] = useState(false)
  const [keyType, setKeyType] = useState<KeyType>('ecdsa-p256')
  const force = forceChoice || props.stale
  const defaultOut = addresses[0] ? joinPath(workDir, 'certs', hostFolder(addresses[0], port)) : ''
  const submit = async (): Promise<void> => {
    if (await issue({ outDir: outDir || defaultOut, sans: addresses, passphrase, force, keyType }))
      setPassphrase('')
  }
  return (
    <form ref={formRef} onSubmit={(e) => (e.preventDefault(), void submit())} noValidate>
      <div className="grid-2">
        <TextField
          id="server-out"
          label={t('certs.server.outDir')}
          value={outDir || defaultOut}
          onChange={setOutDir}
          browse="folder"
          error={errors.at('outDir')}
          hint={t('certs.server.outHint')}
        />
        <KeyTypeSelect
          id="server-key-type"
          label={t('keys.serverKeyType')}
          value={keyType}
          onChange={setKeyType}
        />
        {props.ca.encrypted && (
          <PassphraseField value={passphrase} onChange={setPassphrase} error={errors.at('passphrase')} />
        )}
      </div>
      <label className="check">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />{' '}
        {t('certs.server.force')}
      </label>
      <div className="actions-inline">
        <button type="submit" className="btn btn-primary" disabled={busy === 'issue' || props.blocked}>
          {t('certs.server.issue')}
        </button>
      </div>
      <JobProgress
        jobId={busy === 'issue' ? jobId : undefined}
        label={t('certs.server.issuing')}
        channel="issueServerCert"
      />
      <ErrorNotice error={errors.rest} />
    </form>
  )
}

/** The CA key's passphrase (an encrypted CA only). */
function PassphraseField(props: Omit<Parameters<typeof CaPassphraseField>[0], 'id'>): React.JSX.Element {
  return <CaPassphraseField id="server-passphrase" {...props} />
}
