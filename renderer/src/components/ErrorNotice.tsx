import { useTranslation } from 'react-i18next'
import type { ErrorInfo } from '../../../main/ipc/contract'

export interface ErrorText {
  title: string
  message: string
  hint: string | undefined
  /** The core's own words, shown under a known failure's explanation. */
  detail: string | undefined
}

/**
 * Translates an error: a failure the shared table knows (main/diagnostics) reads as its explanation and fix in the UI's
 * language, with the core's message as detail; known codes get a localized title; local errors carry a locale key as
 * message; anything else shows the message as it is.
 */
export function useErrorText(): (error: ErrorInfo) => ErrorText {
  const { t, i18n } = useTranslation()
  return (error) => {
    const known = error.explained?.[i18n.language === 'zh-CN' ? 'zhCN' : 'en']
    if (known)
      return { title: known.title, message: known.explanation, hint: known.fix, detail: error.message }
    return {
      title: i18n.exists(`errors.${error.code}`) ? t(`errors.${error.code}`) : t('errors.generic'),
      message: i18n.exists(error.message) ? t(error.message) : error.message,
      hint: error.hint,
      detail: undefined,
    }
  }
}

/** A form-level error (not tied to one field): shown by the button that caused it. */
export function ErrorNotice({
  error,
  id,
}: {
  error: ErrorInfo | undefined
  id?: string
}): React.JSX.Element | null {
  const text = useErrorText()
  if (!error) return null
  const e = text(error)
  return (
    <div className="notice notice-error" role="alert" id={id}>
      <strong>{e.title}</strong>
      <span>{e.message}</span>
      {e.hint && <span className="notice-hint">{e.hint}</span>}
      {e.detail && <span className="notice-detail mono">{e.detail}</span>}
    </div>
  )
}
