import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaSummary, ErrorInfo, Plan, ResponseOf } from '../../../../../main/ipc/contract'
import { api } from '../../../api'
import { CaPassphraseField, RadioOption } from '../../../components/Field'
import { routeError } from '../../../lib/field-errors'
import { useCertsStore } from '../../../stores/certs-store'

/** Where the new pair comes from: issued now from the CA open on the Certificates step, or the pair in certDir. */
export type ReplaceSource = 'ca' | 'files'

export type ReplaceResult = ResponseOf<'swarmReplaceCert'>

/**
 * The request's source part: the CA's folder as the certs store knows it (main opened it; the renderer only names it
 * back, as the container's replace does) with the passphrase for this one call, or nothing (the pair in certDir).
 */
export function replaceSource(
  source: ReplaceSource,
  ca: CaSummary | undefined,
  passphrase: string,
): { caDir?: string; passphrase?: string } {
  if (source !== 'ca' || !ca) return {}
  return { caDir: ca.dir, ...(passphrase ? { passphrase } : {}) }
}

/**
 * Replace-cert on the service, from either source. The CA passphrase is asked here and never kept: it is cleared as
 * the call starts. `onReplace` gets the request's source part; a missing passphrase is refused before any call.
 */
export function SwarmReplaceCert(props: {
  disabled: boolean
  error: ErrorInfo | undefined
  setError: (e: ErrorInfo | undefined) => void
  onReplace: (source: { caDir?: string; passphrase?: string }) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const ca = useCertsStore((s) => s.ca)
  const [chosen, setSource] = useState<ReplaceSource>()
  const source: ReplaceSource = chosen ?? (ca ? 'ca' : 'files')
  const [passphrase, setPassphrase] = useState('')
  const needsPassphrase = source === 'ca' && !!ca?.encrypted
  const replace = (): void => {
    if (needsPassphrase && !passphrase) {
      const message = 'certs.server.passphraseRequired'
      props.setError({ code: 'PASSPHRASE_REQUIRED', field: 'passphrase', message })
      return
    }
    const part = replaceSource(source, ca, passphrase)
    setPassphrase('')
    props.onReplace(part)
  }
  return (
    <fieldset className="sub-card" aria-describedby="swarm-replace-hint">
      <legend>{t('swarm.replaceCert')}</legend>
      <SourceChoice source={source} ca={ca} onChange={setSource} />
      {needsPassphrase && (
        <CaPassphraseField
          id="swarm-replace-passphrase"
          value={passphrase}
          onChange={setPassphrase}
          onEnter={replace}
          error={routeError(props.error, ['passphrase']).at('passphrase')}
        />
      )}
      <p id="swarm-replace-hint" className="muted">
        {t('swarm.replaceCertHint')}
      </p>
      <button type="button" className="btn btn-secondary" disabled={props.disabled} onClick={replace}>
        {t('swarm.replaceCert')}
      </button>
    </fieldset>
  )
}

function SourceChoice(props: {
  source: ReplaceSource
  ca: CaSummary | undefined
  onChange: (s: ReplaceSource) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const { ca } = props
  const caName = ca ? (ca.certificate.commonName ?? ca.certificate.subject) : ''
  const option = (value: ReplaceSource, label: string, disabled: boolean): React.JSX.Element => (
    <RadioOption
      name="swarm-replace-source"
      value={value}
      checked={props.source === value}
      disabled={disabled}
      onSelect={props.onChange}
      label={label}
    />
  )
  return (
    <div role="radiogroup" aria-label={t('swarm.replaceSource')}>
      {option('ca', ca ? t('swarm.replaceFromCa', { ca: caName }) : t('swarm.replaceNoCa'), !ca)}
      {option('files', t('swarm.replaceFromFiles'), false)}
    </div>
  )
}

/** The pair the job asks for: issued from the CA, or the one in certDir. */
export function callReplace(
  base: { jobId: string; plan: Plan; certDir: string },
  source: { caDir?: string; passphrase?: string },
): ReturnType<ReturnType<typeof api>['swarmReplaceCert']> {
  return api().swarmReplaceCert({ ...base, ...source })
}
