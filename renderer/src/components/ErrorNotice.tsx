import { useTranslation } from 'react-i18next'
import type { ErrorInfo } from '../../../main/ipc/contract'

/** Translates an error: known codes get a localized title, local errors carry a locale key as message. */
export function useErrorText(): (error: ErrorInfo) => { title: string; message: string; hint: string | undefined } {
  const { t, i18n } = useTranslation()
  return (error) => ({
    title: i18n.exists(`errors.${error.code}`) ? t(`errors.${error.code}`) : t('errors.generic'),
    message: i18n.exists(error.message) ? t(error.message) : error.message,
    hint: error.hint,
  })
}

/** A form-level error (not tied to one field): shown by the button that caused it. */
export function ErrorNotice({ error, id }: { error: ErrorInfo | undefined; id?: string }): React.JSX.Element | null {
  const text = useErrorText()
  if (!error) return null
  const e = text(error)
  return (
    <div className="notice notice-error" role="alert" id={id}>
      <strong>{e.title}</strong>
      <span>{e.message}</span>
      {e.hint && <span className="notice-hint">{e.hint}</span>}
    </div>
  )
}
