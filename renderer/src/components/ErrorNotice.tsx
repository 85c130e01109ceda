import i18next from 'i18next'
import { useTranslation } from 'react-i18next'
import { explainTexts } from '../../../main/diagnostics/texts'
import type { ErrorInfo } from '../../../main/ipc/contract'
import { errorTexts } from '../../../main/messages/index'
import { translator } from '../i18n'

export interface ErrorText {
  title: string
  message: string
  hint: string | undefined
  /** The error's own words, shown under a known failure's explanation. */
  detail: string | undefined
}

/** How the GUI names a request field in a message: the control's label (`fieldLabel`), else `fields.<field>`. */
export type FieldLabel = (field: string) => string

const defaultLabel: FieldLabel = (field) =>
  i18next.exists(`fields.${field}`) ? i18next.t(`fields.${field}`) : field

/**
 * An error in the UI's language, from the catalogue: a failure the diagnostics table knows reads as its explanation
 * and fix (`explain.CODE`), with the error's own message as detail; any other coded error as `error.CODE.message` and
 * `guiHint.CODE` (else the neutral hint), the field named by its control's label, under the code's title
 * (`errors.CODE`). A check the renderer makes itself carries a `gui` key as its message.
 */
export function errorText(error: ErrorInfo, fieldLabel: FieldLabel = defaultLabel): ErrorText {
  const tr = translator()
  const shown = errorTexts(tr, error, 'gui', fieldLabel)
  if (error.explain !== undefined) {
    const e = explainTexts(tr, error.explain, 'gui')
    return { title: e.title, message: e.explanation, hint: e.fix, detail: shown.message }
  }
  const own = shown.message === error.message && i18next.exists(error.message)
  return {
    title: i18next.exists(`errors.${error.code}`)
      ? i18next.t(`errors.${error.code}`)
      : i18next.t('errors.generic'),
    message: own ? i18next.t(error.message) : shown.message,
    hint: shown.hint,
    detail: undefined,
  }
}

/** errorText for a component: re-rendered when the language changes. */
export function useErrorText(): (error: ErrorInfo) => ErrorText {
  useTranslation()
  return (error) => errorText(error)
}

/** A form-level error (not tied to one field): shown by the button that caused it. */
export function ErrorNotice({
  error,
  id,
  fieldLabel,
}: {
  error: ErrorInfo | undefined
  id?: string
  /** Names the error's field as the form's control does (its label). */
  fieldLabel?: FieldLabel | undefined
}): React.JSX.Element | null {
  useTranslation()
  if (!error) return null
  const e = errorText(error, fieldLabel)
  return (
    <div className="notice notice-error" role="alert" id={id}>
      <strong>{e.title}</strong>
      <span>{e.message}</span>
      {e.hint && <span className="notice-hint">{e.hint}</span>}
      {e.detail && <span className="notice-detail mono">{e.detail}</span>}
    </div>
  )
}
