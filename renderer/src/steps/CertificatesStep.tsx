import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CertificateCard } from '../components/CertificateCard'
import { ChainPicture } from '../components/ChainPicture'
import { ErrorNotice } from '../components/ErrorNotice'
import { TextField } from '../components/Field'
import { JobProgress } from '../components/ProgressBar'
import { errorFor, formError, guiError } from '../lib/field-errors'
import { passphraseStrength } from '../lib/passphrase-strength'
import { hostFolder, joinPath } from '../lib/paths'
import { useAppStore } from '../stores/app-store'
import { useCertsStore, type CaMode, type CreateCaForm, type ImportCaForm } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'

/** The names the core may give each control's field (the CLI's option names, the IPC request's field names). */
const FIELDS = {
  dir: ['dir', 'ca-dir'],
  commonName: ['commonName', 'cn', 'subject'],
  organization: ['organization', 'o'],
  passphrase: ['passphrase'],
  confirm: ['confirm'],
  certPath: ['certPath', 'certificate', 'cert', 'CA certificate'],
  chainPath: ['chainPath', 'chain'],
  keyPath: ['keyPath', 'key', 'CA key'],
}
/** Per CA tab, the fields its controls show (anything else goes by the button); a tab claims only its own. */
const CA_FIELDS: Record<CaMode, string[]> = {
  create: [
    ...FIELDS.dir,
    ...FIELDS.commonName,
    ...FIELDS.organization,
    ...FIELDS.passphrase,
    ...FIELDS.confirm,
  ],
  import: [...FIELDS.dir, ...FIELDS.certPath, ...FIELDS.chainPath, ...FIELDS.keyPath, ...FIELDS.passphrase],
  open: [...FIELDS.dir],
}
const ISSUE_FIELDS = ['outDir', 'out', 'passphrase', 'sans', 'SAN']

/** The CA form's error as the GUI shows it: moved to the control that fixes it, with a fix naming that control. */
function useCaError(): ReturnType<typeof guiError> {
  const { t } = useTranslation()
  return guiError(
    useCertsStore((s) => s.caError),
    (k) => t(k),
  )
}

export function CertificatesStep(): React.JSX.Element {
  const ca = useCertsStore((s) => s.ca)
  return (
    <div className="step">
      {ca ? <CaDone /> : <CaSetup />}
      <ServerCertificate />
    </div>
  )
}

function CaDone(): React.JSX.Element {
  const { t } = useTranslation()
  const ca = useCertsStore((s) => s.ca)
  const reset = useCertsStore((s) => s.reset)
  if (!ca) return <></>
  return (
    <section className="card" aria-labelledby="ca-title">
      <div className="card-title-row">
        <h2 id="ca-title">{t('certs.ca.title')}</h2>
        <button type="button" className="btn btn-link" onClick={reset}>
          {t('certs.ca.change')}
        </button>
      </div>
      <CertificateCard
        cert={ca.certificate}
        title={ca.chain?.intermediate ? t('certs.ca.intermediateCardTitle') : t('certs.ca.cardTitle')}
        testId="ca-card"
      />
      <p className="muted">
        {t('certs.ca.folder')} <span className="mono">{ca.dir}</span> ·{' '}
        {ca.encrypted ? t('certs.ca.encrypted') : t('certs.ca.notEncrypted')}
      </p>
      {ca.chain?.intermediate && (
        <>
          <p className="muted" data-testid="ca-chain-note">
            {t('certs.ca.chainNote', { length: ca.chain.length })}
          </p>
          <CertificateCard cert={ca.chain.root} title={t('certs.ca.rootCardTitle')} testId="root-card" />
        </>
      )}
    </section>
  )
}

function CaSetup(): React.JSX.Element {
  const { t } = useTranslation()
  const workDir = useAppStore((s) => s.info?.defaultWorkDir ?? '')
  const { mode, setMode, busy, jobId } = useCertsStore()
  const caError = useCaError()
  const tabs: CaMode[] = ['create', 'import', 'open']
  return (
    <section className="card" aria-labelledby="ca-title">
      <h2 id="ca-title">{t('certs.ca.title')}</h2>
      <p className="muted">{t('certs.ca.help')}</p>
      <div className="tabs" role="tablist" aria-label={t('certs.ca.title')}>
        {tabs.map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            id={`ca-tab-${m}`}
            aria-selected={mode === m}
            aria-controls={`ca-panel-${m}`}
            className={`tab${mode === m ? ' tab-on' : ''}`}
            onClick={() => setMode(m)}
          >
            {t(`certs.ca.mode.${m}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`ca-panel-${mode}`} aria-labelledby={`ca-tab-${mode}`}>
        {mode === 'create' && <CreateCa defaultDir={joinPath(workDir, 'ca')} />}
        {mode === 'import' && <ImportCa defaultDir={joinPath(workDir, 'ca')} />}
        {mode === 'open' && <OpenCa defaultDir={joinPath(workDir, 'ca')} />}
      </div>
      <JobProgress jobId={busy === 'ca' ? jobId : undefined} label={t('certs.ca.creating')} />
      <ErrorNotice error={formError(caError, CA_FIELDS[mode])} />
    </section>
  )
}

function CreateCa({ defaultDir }: { defaultDir: string }): React.JSX.Element {
  const { t } = useTranslation()
  const { createCa, openCa, busy } = useCertsStore()
  const caError = useCaError()
  const [form, setForm] = useState<CreateCaForm>({
    dir: defaultDir,
    commonName: 'Registry Wizard CA',
    organization: '',
    keySize: 4096,
    passphrase: '',
    confirm: '',
  })
  const set = (patch: Partial<CreateCaForm>): void => setForm((f) => ({ ...f, ...patch }))
  const strength = passphraseStrength(form.passphrase)
  const submit = async (): Promise<void> => {
    if (await createCa(form)) setForm((f) => ({ ...f, passphrase: '', confirm: '' }))
  }
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())} noValidate>
      <div className="grid-2">
        <TextField
          id="ca-dir"
          label={t('certs.ca.dir')}
          value={form.dir}
          onChange={(dir) => set({ dir })}
          browse="folder"
          error={errorFor(caError, FIELDS.dir)}
        />
        <TextField
          id="ca-cn"
          label={t('certs.ca.commonName')}
          value={form.commonName}
          onChange={(commonName) => set({ commonName })}
          error={errorFor(caError, FIELDS.commonName)}
        />
        <TextField
          id="ca-org"
          label={t('certs.ca.organization')}
          value={form.organization}
          onChange={(organization) => set({ organization })}
          error={errorFor(caError, FIELDS.organization)}
        />
        <div className="field">
          <label htmlFor="ca-key-size">{t('certs.ca.keySize')}</label>
          <select
            id="ca-key-size"
            value={form.keySize}
            onChange={(e) => set({ keySize: Number(e.target.value) as CreateCaForm['keySize'] })}
          >
            <option value={4096}>RSA 4096 ({t('certs.ca.recommended')})</option>
            <option value={3072}>RSA 3072</option>
            <option value={2048}>RSA 2048</option>
          </select>
        </div>
        <div>
          <TextField
            id="ca-passphrase"
            type="password"
            autoComplete="new-password"
            label={t('certs.ca.passphrase')}
            value={form.passphrase}
            onChange={(passphrase) => set({ passphrase })}
            hint={t('certs.ca.passphraseHint')}
            error={errorFor(caError, ['passphrase'])}
          />
          {form.passphrase && (
            <div className={`strength strength-${strength.strength}`} aria-live="polite">
              <meter
                min={0}
                max={100}
                low={28}
                high={60}
                optimum={90}
                value={strength.score}
                aria-label={t('certs.ca.strength')}
              />
              <span>{t(`certs.ca.strengthLevel.${strength.strength}`)}</span>
            </div>
          )}
        </div>
        <TextField
          id="ca-confirm"
          type="password"
          autoComplete="new-password"
          label={t('certs.ca.confirm')}
          value={form.confirm}
          onChange={(confirm) => set({ confirm })}
          error={errorFor(caError, ['confirm'])}
          disabled={!form.passphrase}
        />
      </div>
      <div className="actions-inline">
        <button type="submit" className="btn btn-primary" disabled={busy !== undefined}>
          {t('certs.ca.create')}
        </button>
        {caError?.code === 'ALREADY_EXISTS' && (
          <button type="button" className="btn btn-secondary" onClick={() => void openCa(form.dir)}>
            {t('certs.ca.useExisting')}
          </button>
        )}
      </div>
    </form>
  )
}

function ImportCa({ defaultDir }: { defaultDir: string }): React.JSX.Element {
  const { t } = useTranslation()
  const { importCa, busy } = useCertsStore()
  const caError = useCaError()
  const [form, setForm] = useState<ImportCaForm>({
    dir: defaultDir,
    certPath: '',
    chainPath: '',
    keyPath: '',
    passphrase: '',
  })
  return (
    <form onSubmit={(e) => (e.preventDefault(), void importCa(form))} noValidate>
      <div className="grid-2">
        <TextField
          id="import-cert"
          label={t('certs.ca.certFile')}
          value={form.certPath}
          onChange={(certPath) => setForm({ ...form, certPath })}
          browse={{ extensions: ['crt', 'pem', 'cer'] }}
          error={errorFor(caError, FIELDS.certPath)}
        />
        <TextField
          id="import-chain"
          label={t('certs.ca.chainFile')}
          value={form.chainPath}
          onChange={(chainPath) => setForm({ ...form, chainPath })}
          browse={{ extensions: ['crt', 'pem', 'cer'] }}
          hint={t('certs.ca.chainHint')}
          error={errorFor(caError, FIELDS.chainPath)}
        />
        <TextField
          id="import-key"
          label={t('certs.ca.keyFile')}
          value={form.keyPath}
          onChange={(keyPath) => setForm({ ...form, keyPath })}
          browse={{ extensions: ['key', 'pem'] }}
          error={errorFor(caError, FIELDS.keyPath)}
        />
        <TextField
          id="import-passphrase"
          type="password"
          label={t('certs.ca.keyPassphrase')}
          value={form.passphrase}
          onChange={(passphrase) => setForm({ ...form, passphrase })}
          error={errorFor(caError, ['passphrase'])}
        />
        <TextField
          id="import-dir"
          label={t('certs.ca.dir')}
          value={form.dir}
          onChange={(dir) => setForm({ ...form, dir })}
          browse="folder"
          error={errorFor(caError, FIELDS.dir)}
        />
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy !== undefined}>
        {t('certs.ca.import')}
      </button>
    </form>
  )
}

function OpenCa({ defaultDir }: { defaultDir: string }): React.JSX.Element {
  const { t } = useTranslation()
  const { openCa, busy } = useCertsStore()
  const caError = useCaError()
  const known = useAppStore((s) => s.settings?.knownCas ?? [])
  const [dir, setDir] = useState(known[0]?.dir ?? defaultDir)
  return (
    <form onSubmit={(e) => (e.preventDefault(), void openCa(dir))} noValidate>
      <TextField
        id="open-dir"
        label={t('certs.ca.dir')}
        value={dir}
        onChange={setDir}
        browse="folder"
        error={errorFor(caError, FIELDS.dir)}
      />
      {known.length > 0 && (
        <div className="offered">
          <span className="muted">{t('certs.ca.known')}</span>
          {known.map((k) => (
            <button type="button" key={k.dir} className="btn btn-chip" onClick={() => setDir(k.dir)}>
              {k.subject.replace(/^CN=/, '')}
            </button>
          ))}
        </div>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy !== undefined}>
        {t('certs.ca.open')}
      </button>
    </form>
  )
}

function ServerCertificate(): React.JSX.Element {
  const { t } = useTranslation()
  const go = useAppStore((s) => s.go)
  const workDir = useAppStore((s) => s.info?.defaultWorkDir ?? '')
  const addresses = usePlanStore((s) => s.addresses)
  const port = usePlanStore((s) => s.port)
  const {
    ca,
    issued: issuedAny,
    sanCheck,
    checkSans,
    issue,
    busy,
    jobId,
    issueError: coreIssueError,
    cancel,
  } = useCertsStore()
  const issueError = guiError(coreIssueError, (k) => t(k))
  // A certificate issued for other addresses than the plan's is stale: offer to issue (replace) it.
  const issued =
    issuedAny && issuedAny.certificate.sans.map((s) => s.value).join(',') === addresses.join(',')
      ? issuedAny
      : undefined
  const stale = issuedAny !== undefined && issued === undefined
  const [outDir, setOutDir] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [forceChoice, setForce] = useState(false)
  const force = forceChoice || stale
  const defaultOut = addresses[0] ? joinPath(workDir, 'certs', hostFolder(addresses[0], port)) : ''
  const key = addresses.join(',')
  useEffect(() => {
    if (key) void checkSans(key.split(','))
  }, [key, checkSans])

  if (addresses.length === 0) {
    return (
      <section className="card card-muted">
        <h2>{t('certs.server.title')}</h2>
        <p>{t('certs.server.needPlan')}</p>
        <button type="button" className="btn btn-secondary" onClick={() => go('plan')}>
          {t('certs.server.toPlan')}
        </button>
      </section>
    )
  }
  const submit = async (): Promise<void> => {
    if (await issue({ outDir: outDir || defaultOut, sans: addresses, passphrase, force })) setPassphrase('')
  }
  const findings = issued ? issued.lint : (sanCheck?.findings ?? [])
  return (
    <section className="card" aria-labelledby="server-title">
      <h2 id="server-title">{t('certs.server.title')}</h2>
      <p className="muted">{t('certs.server.help')}</p>
      <div className="field">
        <span className="field-label" id="server-sans-label">
          {t('certs.server.sans')}
        </span>
        <ul className="chips" aria-labelledby="server-sans-label">
          {(sanCheck?.sans ?? addresses.map((value) => ({ type: 'dns' as const, value }))).map((s) => (
            <li key={s.value} className="chip">
              <span className="chip-kind">{s.type === 'ip' ? 'IP' : 'DNS'}</span> {s.value}
            </li>
          ))}
        </ul>
      </div>
      {findings.length > 0 ? (
        <ul className="findings" aria-label={t('certs.server.lint')} data-testid="lint-findings">
          {findings.map((f) => (
            <li key={f.code + f.message} className={`finding finding-${f.severity}`}>
              <span className="finding-sev">{t(`certs.server.severity.${f.severity}`)}</span>
              <span>{f.message}</span>
            </li>
          ))}
        </ul>
      ) : (
        sanCheck && <p className="ok-line">✓ {t('certs.server.lintClean')}</p>
      )}
      {ca && !issued && (
        <form onSubmit={(e) => (e.preventDefault(), void submit())} noValidate>
          <div className="grid-2">
            <TextField
              id="server-out"
              label={t('certs.server.outDir')}
              value={outDir || defaultOut}
              onChange={setOutDir}
              browse="folder"
              error={errorFor(issueError, ['outDir', 'out'])}
              hint={t('certs.server.outHint')}
            />
            {ca.encrypted && (
              <TextField
                id="server-passphrase"
                type="password"
                label={t('certs.server.caPassphrase')}
                value={passphrase}
                onChange={setPassphrase}
                error={errorFor(issueError, ['passphrase'])}
              />
            )}
          </div>
          <label className="check">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />{' '}
            {t('certs.server.force')}
          </label>
          <div className="actions-inline">
            <button
              type="submit"
              className="btn btn-primary"
              disabled={busy === 'issue' || findings.some((f) => f.severity === 'error')}
            >
              {t('certs.server.issue')}
            </button>
          </div>
          <JobProgress
            jobId={busy === 'issue' ? jobId : undefined}
            label={t('certs.server.issuing')}
            onCancel={() => void cancel()}
          />
          <ErrorNotice error={formError(issueError, ISSUE_FIELDS)} />
          {errorFor(issueError, ['sans', 'SAN']) && <ErrorNotice error={issueError} />}
        </form>
      )}
      {!ca && <p className="muted">{t('certs.server.needCa')}</p>}
      {ca && <ChainPicture ca={ca.certificate} chain={ca.chain} server={issued?.certificate} />}
      {issued && (
        <>
          <CertificateCard
            cert={issued.certificate}
            title={t('certs.server.cardTitle')}
            testId="server-card"
          />
          <dl className="files">
            <dt>{t('certs.server.files')}</dt>
            <dd>
              <span className="mono">{issued.certPath}</span> ·{' '}
              {(issued.chainLength !== undefined ? issued.chainLength > 1 : ca?.chain?.intermediate === true)
                ? t('certs.server.fileCertChain')
                : t('certs.server.fileCert')}
            </dd>
            <dd>
              <span className="mono">{issued.keyPath}</span> · {t('certs.server.fileKey')}
            </dd>
            <dd data-testid="issued-ca-file">
              <span className="mono">{issued.caCertPath}</span> ·{' '}
              {ca?.chain?.intermediate ? t('certs.server.fileRoot') : t('certs.server.fileCa')}
            </dd>
          </dl>
          <footer className="step-actions">
            <button type="button" className="btn btn-primary" onClick={() => go('registry')}>
              {t('common.next')}
            </button>
          </footer>
        </>
      )}
    </section>
  )
}
