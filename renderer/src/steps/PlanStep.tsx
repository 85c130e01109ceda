import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../components/ErrorNotice'
import { TextField } from '../components/Field'
import { errorFor, formError } from '../lib/field-errors'
import { useAppStore } from '../stores/app-store'
import { usePlanStore, type DockerKind } from '../stores/plan-store'

const FIELDS = ['addresses', 'sans', 'SAN', 'port', 'docker.url', 'docker', 'plan']

export function PlanStep(): React.JSX.Element {
  const { t } = useTranslation()
  const p = usePlanStore()
  const caps = useAppStore((s) => s.info?.capabilities)
  const go = useAppStore((s) => s.go)
  const loadMachine = usePlanStore((s) => s.loadMachine)
  useEffect(() => {
    void loadMachine()
  }, [loadMachine])

  const offered = [p.machine?.hostname, ...(p.machine?.addresses.map((a) => a.address) ?? [])].filter(
    (a): a is string => !!a && !p.addresses.includes(a),
  )
  const next = async (): Promise<void> => {
    if (await p.save()) go('certificates')
  }

  return (
    <form className="step" onSubmit={(e) => (e.preventDefault(), void next())} noValidate>
      <section className="card" aria-labelledby="plan-addresses-title">
        <h2 id="plan-addresses-title">{t('plan.addressesTitle')}</h2>
        <p className="muted">{t('plan.addressesHelp')}</p>
        <ul className="chips chips-large" aria-label={t('plan.addressesList')}>
          {p.addresses.map((a) => (
            <li key={a} className="chip">
              <span className="mono">{a}</span>
              <button
                type="button"
                className="chip-remove"
                onClick={() => p.removeAddress(a)}
                aria-label={t('plan.remove', { address: a })}
              >
                ×
              </button>
            </li>
          ))}
          {p.addresses.length === 0 && <li className="muted">{t('plan.noAddresses')}</li>}
        </ul>
        <div className="inline-form">
          <TextField
            id="plan-address"
            label={t('plan.addAddress')}
            value={p.draft}
            onChange={p.setDraft}
            placeholder="192.168.20.10 / registry.example.lan"
            error={errorFor(p.error, ['addresses', 'sans', 'SAN'])}
            onEnter={() => p.addAddress()}
          />
          <button type="button" className="btn btn-secondary" onClick={() => p.addAddress()}>
            {t('plan.add')}
          </button>
        </div>
        {offered.length > 0 && (
          <div className="offered">
            <span className="muted">{t('plan.thisMachine')}</span>
            {offered.map((a) => (
              <button type="button" key={a} className="btn btn-chip" onClick={() => p.addAddress(a)}>
                + {a}
              </button>
            ))}
          </div>
        )}
        <TextField
          id="plan-port"
          label={t('plan.port')}
          value={p.port}
          onChange={p.setPort}
          error={errorFor(p.error, ['port'])}
          hint={t('plan.portHint')}
        />
      </section>

      <section className="card" aria-labelledby="plan-docker-title">
        <h2 id="plan-docker-title">{t('plan.dockerTitle')}</h2>
        <fieldset className="radios">
          <legend className="sr-only">{t('plan.dockerTitle')}</legend>
          {(['local', 'ssh', 'tcp'] as DockerKind[]).map((k) => (
            <label key={k} className={`radio-card${p.dockerKind === k ? ' radio-card-on' : ''}`}>
              <input
                type="radio"
                name="docker-kind"
                value={k}
                checked={p.dockerKind === k}
                onChange={() => p.setDocker(k)}
              />
              <span>
                <strong>{t(`plan.docker.${k}`)}</strong>
                <span className="muted">{t(`plan.docker.${k}Help`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {p.dockerKind !== 'local' && (
          <TextField
            id="plan-docker-url"
            label={t('plan.dockerUrl')}
            value={p.dockerUrl}
            onChange={(v) => p.setDocker(p.dockerKind, v)}
            placeholder={p.dockerKind === 'ssh' ? 'ssh://root@192.168.20.10' : 'tcp://192.168.20.10:2376'}
            error={errorFor(p.error, ['docker.url', 'docker'])}
          />
        )}
        {p.dockerKind === 'tcp' && (
          <TextField
            id="plan-docker-tls"
            label={t('plan.tlsDir')}
            value={p.tlsDir}
            onChange={(v) => p.setDocker('tcp', undefined, v)}
            browse="folder"
            hint={t('plan.tlsDirHint')}
          />
        )}
        {p.dockerKind === 'tcp' && (
          <>
            <label className="check-label">
              <input
                type="checkbox"
                checked={p.insecureEngine}
                aria-describedby="plan-insecure-engine-warning"
                onChange={(e) => p.setInsecureEngine(e.target.checked)}
              />{' '}
              {t('plan.insecureEngine')}
            </label>
            <p id="plan-insecure-engine-warning" className={p.insecureEngine ? 'finding-warning' : 'muted'}>
              {t('plan.insecureEngineWarning')}
            </p>
          </>
        )}
        <div className="actions-inline">
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void p.testConnection()}
            disabled={!caps?.docker || p.busy}
          >
            {t('plan.testConnection')}
          </button>
          {!caps?.docker && <span className="badge badge-neutral">{t('notAvailable.badge')}</span>}
          {p.engine && (
            <span className="badge badge-ok" role="status">
              {t('plan.engineOk', { version: p.engine.serverVersion, os: p.engine.os, arch: p.engine.arch })}
            </span>
          )}
        </div>
        <ErrorNotice error={p.engineError} />
      </section>

      <ErrorNotice error={formError(p.error, FIELDS)} />
      <footer className="step-actions">
        <button type="submit" className="btn btn-primary" disabled={p.busy}>
          {t('plan.next')}
        </button>
      </footer>
    </form>
  )
}
