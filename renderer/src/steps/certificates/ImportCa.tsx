import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../components/Field'
import { routeError, type RoutedError } from '../../lib/field-errors'
import { useFocusFirstInvalid } from '../../lib/focus'
import { useCertsStore, type ImportCaForm } from '../../stores/certs-store'

/** The request fields (ImportCaRequest) this form's controls edit. */
export const IMPORT_CA_CONTROLS = ['certPath', 'chainPath', 'keyPath', 'passphrase', 'dir']
const CERT_FILES = { extensions: ['crt', 'pem', 'cer'] }

export function ImportCa({ defaultDir }: { defaultDir: string }): React.JSX.Element {
  const { t } = useTranslation()
  const { importCa, busy } = useCertsStore()
  const caError = useCertsStore((s) => s.caError)
  const errors = routeError(caError, IMPORT_CA_CONTROLS)
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstInvalid(formRef, caError)
  const [form, setForm] = useState<ImportCaForm>({
    dir: defaultDir,
    certPath: '',
    chainPath: '',
    keyPath: '',
    passphrase: '',
  })
  const set = (patch: Partial<ImportCaForm>): void => setForm((f) => ({ ...f, ...patch }))
  return (
    <form ref={formRef} onSubmit={(e) => (e.preventDefault(), void importCa(form))} noValidate>
      <ImportFields form={form} set={set} errors={errors} />
      <button type="submit" className="btn btn-primary" disabled={busy !== undefined}>
        {t('certs.ca.import')}
      </button>
    </form>
  )
}

function ImportFields({
  form,
  set,
  errors,
}: {
  form: ImportCaForm
  set: (patch: Partial<ImportCaForm>) => void
  errors: RoutedError
}): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <div className="grid-2">
      <TextField
        id="import-cert"
        label={t('certs.ca.certFile')}
        value={form.certPath}
        onChange={(certPath) => set({ certPath })}
        browse={CERT_FILES}
        error={errors.at('certPath')}
      />
      <TextField
        id="import-chain"
        label={t('certs.ca.chainFile')}
        value={form.chainPath}
        onChange={(chainPath) => set({ chainPath })}
        browse={CERT_FILES}
        hint={t('certs.ca.chainHint')}
        error={errors.at('chainPath')}
      />
      <TextField
        id="import-key"
        label={t('certs.ca.keyFile')}
        value={form.keyPath}
        onChange={(keyPath) => set({ keyPath })}
        browse={{ extensions: ['key', 'pem'] }}
        error={errors.at('keyPath')}
      />
      <TextField
        id="import-passphrase"
        type="password"
        label={t('certs.ca.keyPassphrase')}
        value={form.passphrase}
        onChange={(passphrase) => set({ passphrase })}
        error={errors.at('passphrase')}
      />
      <TextField
        id="import-dir"
        label={t('certs.ca.dir')}
        value={form.dir}
        onChange={(dir) => set({ dir })}
        browse="folder"
        error={errors.at('dir')}
      />
    </div>
  )
}
