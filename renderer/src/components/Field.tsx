import { useTranslation } from 'react-i18next'
import type { ErrorInfo } from '../../../main/ipc/contract'
import { api } from '../api'
import { fieldErrorText } from '../lib/field-errors'

type Browse = 'folder' | { extensions: string[] }

interface TextFieldProps {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  /** The error whose request field this control edits (see routeError). */
  error?: ErrorInfo | undefined
  hint?: string | undefined
  type?: 'text' | 'password' | 'number'
  placeholder?: string | undefined
  autoComplete?: string
  /** Offers a native folder or file dialog next to the field. */
  browse?: Browse | undefined
  disabled?: boolean
  onEnter?: () => void
}

/** A labelled input with its hint and its error right under it (aria-describedby / aria-invalid wired). */
export function TextField(props: TextFieldProps): React.JSX.Element {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : '']
    .filter(Boolean)
    .join(' ')
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <div className="field-row">
        <input
          id={props.id}
          type={props.type ?? 'text'}
          value={props.value}
          placeholder={props.placeholder}
          autoComplete={props.autoComplete ?? 'off'}
          spellCheck={false}
          disabled={props.disabled}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={described || undefined}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && props.onEnter) {
              e.preventDefault()
              props.onEnter()
            }
          }}
        />
        {props.browse && (
          <BrowseButton
            browse={props.browse}
            title={props.label}
            onPicked={props.onChange}
            disabled={props.disabled}
          />
        )}
      </div>
      {props.hint && (
        <p className="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && <FieldError id={`${props.id}-error`} error={props.error} label={props.label} />}
    </div>
  )
}

/** The native folder or file dialog for a field; the picked path replaces the field's value. */
function BrowseButton(props: {
  browse: Browse
  title: string
  onPicked: (path: string) => void
  disabled?: boolean | undefined
}): React.JSX.Element {
  const { t } = useTranslation()
  const pick = async (): Promise<void> => {
    const b = props.browse
    const r =
      b === 'folder'
        ? await api().chooseFolder({ title: props.title })
        : await api().chooseFile({ title: props.title, extensions: b.extensions })
    if (r.ok && r.value.path) props.onPicked(r.value.path)
  }
  return (
    <button type="button" className="btn btn-secondary" onClick={() => void pick()} disabled={props.disabled}>
      {t('common.browse')}
    </button>
  )
}

/** A field's error in the UI's language, naming the field by its label; re-rendered when the language changes. */
function FieldError({
  id,
  error,
  label,
}: {
  id: string
  error: ErrorInfo
  label: string
}): React.JSX.Element {
  useTranslation()
  const text = fieldErrorText(error, label)
  return (
    <p className="field-error" id={id} role="alert">
      {text.message}
      {text.hint && <span className="field-error-hint"> {text.hint}</span>}
    </p>
  )
}

/** The CA key's passphrase (asked for an encrypted CA only, sent once with the job, never kept). */
export function CaPassphraseField(
  props: Pick<TextFieldProps, 'id' | 'value' | 'onChange' | 'error' | 'onEnter'>,
): React.JSX.Element {
  const { t } = useTranslation()
  return <TextField {...props} type="password" autoComplete="off" label={t('certs.server.caPassphrase')} />
}

/** One radio button and its label; the buttons of a group share `name`. */
export function RadioOption<T extends string>(props: {
  name: string
  value: T
  checked: boolean
  onSelect: (value: T) => void
  label: string
  disabled?: boolean
  className?: string
}): React.JSX.Element {
  return (
    <label className={props.className ?? 'radio'}>
      <input
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.checked}
        disabled={props.disabled}
        onChange={() => props.onSelect(props.value)}
      />{' '}
      {props.label}
    </label>
  )
}
