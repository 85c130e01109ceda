import { useTranslation } from 'react-i18next'
import type { ErrorInfo } from '../../../main/ipc/contract'
import { api } from '../api'
import { useErrorText } from './ErrorNotice'

interface TextFieldProps {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  error?: ErrorInfo | undefined
  hint?: string | undefined
  type?: 'text' | 'password' | 'number'
  placeholder?: string | undefined
  autoComplete?: string
  /** Offers a native folder or file dialog next to the field. */
  browse?: 'folder' | { extensions: string[] } | undefined
  disabled?: boolean
  onEnter?: () => void
}

/** A labelled input with its hint and its error right under it (aria-describedby / aria-invalid wired). */
export function TextField(props: TextFieldProps): React.JSX.Element {
  const { t } = useTranslation()
  const text = useErrorText()
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : '']
    .filter(Boolean)
    .join(' ')
  const browse = async (): Promise<void> => {
    const b = props.browse
    if (!b) return
    const r =
      b === 'folder'
        ? await api().chooseFolder({ title: props.label })
        : await api().chooseFile({ title: props.label, extensions: b.extensions })
    if (r.ok && r.value.path) props.onChange(r.value.path)
  }
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
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void browse()}
            disabled={props.disabled}
          >
            {t('common.browse')}
          </button>
        )}
      </div>
      {props.hint && (
        <p className="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={`${props.id}-error`} role="alert">
          {text(props.error).message}
          {text(props.error).hint && <span className="field-error-hint"> {text(props.error).hint}</span>}
        </p>
      )}
    </div>
  )
}
