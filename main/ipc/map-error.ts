import { ZodError } from 'zod'
import { explainError } from '../diagnostics/index'
import { isAppError } from '../errors'
import type { ErrorInfo } from './contract'

/**
 * Turns anything a handler threw into the plain `{code, message, hint, field}` the renderer shows. AppErrors keep
 * their code and hint; zod failures name the field and what is allowed; anything else is UNEXPECTED (and logged by
 * the caller with its stack, which never crosses to the renderer).
 */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (isAppError(err)) {
    return { code: err.code, message: err.message, hint: err.hint, field: err.field, ...explained(err) }
  }
  if (err instanceof ZodError) {
    const issue = err.issues[0]
    const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'request'
    return {
      code: 'INVALID_INPUT',
      field,
      message: `${field}: ${issue?.message ?? 'invalid'}`,
      hint: `Correct ${field} and try again. Nothing was changed.`,
    }
  }
  if (isAbort(err)) return { code: 'CANCELLED', message: 'The operation was cancelled.' }
  const message = err instanceof Error ? err.message : String(err)
  return {
    code: 'UNEXPECTED',
    message,
    hint: 'See the log file for details (Help > Open log folder).',
    ...explained(err),
  }
}

/** The shared error table's words for a known failure (English and zh-CN); nothing for an unknown one. */
function explained(err: unknown): Pick<ErrorInfo, 'explained'> {
  const e = explainError(err as Parameters<typeof explainError>[0])
  return e ? { explained: { en: e.en, zhCN: e.zhCN } } : {}
}

function isAbort(err: unknown): boolean {
  return (
    err instanceof Error && (err.name === 'AbortError' || (err as { code?: unknown }).code === 'ABORT_ERR')
  )
}
