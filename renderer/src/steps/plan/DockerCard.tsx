import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/Field'
import type { RoutedError } from '../../lib/field-errors'
import { usePlanStore, type DockerKind } from '../../stores/plan-store'

const KINDS: DockerKind[] = ['local', 'ssh', 'tcp']

/** Where Docker runs (this machine, SSH, TCP with TLS) and a test of the connection. */
export function DockerCard({ errors }: { errors: RoutedError }): React.JSX.Element {
  const { t } = useTranslation()
  const kind = usePlanStore((s) => s.dockerKind)
  return (
    <section className="card" aria-labelledby="plan-docker-title">
      <h2 id="plan-docker-title">{t('plan.dockerTitle')}</h2>
      <KindRadios />
      {kind !== 'local' && <RemoteEngine errors={errors} />}
      <EngineTest />
    </section>
  )
}

function KindRadios(): React.JSX.Element {
  const { t } = useTranslation()
  const kind = usePlanStore((s) => s.dockerKind)
  const setDocker = usePlanStore((s) => s.setDocker)
  return (
    <fieldset className="radios">
      <legend className="sr-only">{t('plan.dockerTitle')}</legend>
      {KINDS.map((k) => (
        <label key={k} className={`radio-card${kind === k ? ' radio-card-on' : ''}`}>
          <input
            type="radio"
            name="docker-kind"
            value={k}
            checked={kind === k}
            onChange={() => setDocker(k)}
          />
          <span>
            <strong>{t(`plan.docker.${k}`)}</strong>
            <span className="muted">{t(`plan.docker.${k}Help`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}

/** A remote engine's address; for tcp:// its TLS folder and the explicit choice to go without TLS. */
function RemoteEngine({ errors }: { errors: RoutedError }): React.JSX.Element {
  const { t } = useTranslation()
  const { dockerKind: kind, dockerUrl, tlsDir, setDocker, insecureEngine, setInsecureEngine } = usePlanStore()
  return (
    <>
      <TextField
        id="plan-docker-url"
        label={t('plan.dockerUrl')}
        value={dockerUrl}
        onChange={(v) => setDocker(kind, v)}
        placeholder={kind === 'ssh' ? 'ssh://root@192.168.20.10' : 'tcp://192.168.20.10:2376'}
        error={errors.at('docker.url')}
      />
      {kind === 'tcp' && (
        <>
          <TextField
            id="plan-docker-tls"
            label={t('plan.tlsDir')}
            value={tlsDir}
            onChange={(v) => setDocker('tcp', undefined, v)}
            browse="folder"
            hint={t('plan.tlsDirHint')}
          />
          <label className="check-label">
            <input
              type="checkbox"
              checked={insecureEngine}
              aria-describedby="plan-insecure-engine-warning"
              onChange={(e) => setInsecureEngine(e.target.checked)}
            />{' '}
            {t('plan.insecureEngine')}
          </label>
          <p id="plan-insecure-engine-warning" className={insecureEngine ? 'finding-warning' : 'muted'}>
            {t('plan.insecureEngineWarning')}
          </p>
        </>
      )}
    </>
  )
}

function EngineTest(): React.JSX.Element {
  const { t } = useTranslation()
  const { busy, engine, engineError, testConnection } = usePlanStore()
  return (
    <>
      <div className="actions-inline">
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => void testConnection()}
          disabled={busy}
        >
          {t('plan.testConnection')}
        </button>
        {engine && (
          <span className="badge badge-ok" role="status">
            {t('plan.engineOk', { version: engine.serverVersion, os: engine.os, arch: engine.arch })}
          </span>
        )}
      </div>
      <ErrorNotice error={engineError} />
    </>
  )
}
