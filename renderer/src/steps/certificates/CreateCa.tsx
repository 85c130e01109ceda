import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../components/Field'
import { routeError, type RoutedError } from '../../lib/field-errors'
import { useFocusFirstInvalid } from '../../lib/focus'
import { passphraseStrength } from '../../lib/passphrase-strength'
import { useCertsStore, type CreateCaForm } from '../../stores/certs-store'
import { KeyTypeSelect } from './KeyTypeSelect'

/** The request fields (CreateCaRequest) this form's controls edit, and `confirm`, the renderer's own check. */
export const CREATE_CA_CONTROLS = ['dir', 'commonName', 'organization', 'keyType', 'passphrase', 'confirm']
/** The codes that mean "this folder already holds a CA": the form offers to use that CA. */
const EXISTS = ['ALREADY_EXISTS', 'CA_EXISTS']

type Set = (patch: Partial<CreateCaForm>) => void

export function CreateCa({ defaultDir }: { defaultDir: string }): React.JSX.Element {
  const { t } = useTranslation()
  const { createCa, openCa, busy } = useCertsStore()
  const caError = useCertsStore((s) => s.caError)
  const errors = routeError(caError, CREATE_CA_CONTROLS)
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstInvalid(formRef, caError)
  const [form, setForm] = useState<CreateCaForm>({
    dir: defaultDir,
    commonName: 'Registry Wizard CA',
    organization: '',
    keyType: 'ecdsa-p256',
    passphrase: '',
    confirm: '',
  })
  const set: Set = (patch) => setForm((f) => ({ ...f, ...patch }))
  const submit = async (): Promise<void> => {
    if (await createCa(form)) setForm((f) => ({ ...f, passphrase: '', confirm: '' }))
  }
  return (
    <form ref={formRef} onSubmit={(e) => (e.preventDefault(), void submit())} noValidate>
      <div className="grid-2">
        <SubjectFields form={form} set={set} errors={errors} />
        <PassphraseFields form={form} set={set} errors={errors} />
      </div>
      <div className="actions-inline">
        <button type="submit" className="btn btn-primary" disabled={busy !== undefined}>
          {t('certs.ca.create')}
        </button>
        {caError && EXISTS.includes(caError.code) && (
          <button type="button" className="btn btn-secondary" onClick={() => void openCa(form.dir)}>
            {t('certs.ca.useExisting')}
          </button>
        )}
      </div>
    </form>
  )
}

interface PartProps {
  form: CreateCaForm
  set: Set
  errors: RoutedError
}

function SubjectFields({ form, set, errors }: PartProps): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <>
      <TextField
        id="ca-dir"
        label={t('certs.ca.dir')}
        value={form.dir}
        onChange={(dir) => set({ dir })}
        browse="folder"
        error={errors.at('dir')}
      />
      <TextField
        id="ca-cn"
        label={t('certs.ca.commonName')}
        value={form.commonName}
        onChange={(commonName) => set({ commonName })}
        error={errors.at('commonName')}
      />
      <TextField
        id="ca-org"
        label={t('certs.ca.organization')}
        value={form.organization}
        onChange={(organization) => set({ organization })}
        error={errors.at('organization')}
      />
      <KeyTypeSelect
        id="ca-key-type"
        label={t('keys.keyType')}
        value={form.keyType}
        onChange={(keyType) => set({ keyType })}
      />
    </>
  )
}

function PassphraseFields({ form, set, errors }: PartProps): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <>
      <div>
        <TextField
          id="ca-passphrase"
          type="password"
          autoComplete="new-password"
          label={t('certs.ca.passphrase')}
          value={form.passphrase}
          onChange={(passphrase) => set({ passphrase })}
          hint={t('certs.ca.passphraseHint')}
          error={errors.at('passphrase')}
        />
        {form.passphrase && <StrengthMeter passphrase={form.passphrase} />}
      </div>
      <TextField
        id="ca-confirm"
        type="password"
        autoComplete="new-password"
        label={t('certs.ca.confirm')}
        value={form.confirm}
        onChange={(confirm) => set({ confirm })}
        error={errors.at('confirm')}
        disabled={!form.passphrase}
      />
    </>
  )
}

function StrengthMeter({ passphrase }: { passphrase: string }): React.JSX.Element {
  const { t } = useTranslation()
  const strength = passphraseStrength(passphrase)
  return (
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
  )
}
