import { ZodError, type core } from 'zod'
import { explainError } from '../diagnostics/index'
import { AppError, isAppError } from '../errors'
import { isAbort } from '../jobs/abort'
import { englishTranslator, message, type Message } from '../messages/index'
import type { ErrorInfo } from './contract'

/**
 * Turns anything a handler threw into the plain ErrorInfo the renderer shows in its language: code, params and field
 * (the renderer renders `error.CODE` with its own hint and the control's label), the English message for logs, and a
 * known failure's explanation (code, step, params). Zod failures are INVALID_INPUT naming the field and what is
 * allowed; anything else is UNEXPECTED (logged by the caller with its stack, which never crosses to the renderer).
 */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (isAppError(err)) return info(err, err)
  if (err instanceof ZodError) return info(fromZod(err), undefined)
  if (isAbort(err)) return info(new AppError({ code: 'CANCELLED' }), undefined)
  const detail = err instanceof Error ? err.message : String(err)
  return info(new AppError({ code: 'UNEXPECTED', params: { detail } }), err)
}

/** The plain form of a coded error, with the explanation of `raw` (the failure as thrown) when the table knows it. */
function info(err: AppError, raw: unknown): ErrorInfo {
  const e = raw === undefined ? undefined : explainError(raw)
  return {
    code: err.code,
    ...(err.params === undefined ? {} : { params: err.params }),
    message: err.message,
    ...(err.hint === undefined ? {} : { hint: err.hint }),
    ...(err.field === undefined ? {} : { field: err.field }),
    ...(e === undefined ? {} : { explain: e }),
  }
}

/** A request zod refused: INVALID_INPUT for the first issue's field, saying what the field must be. */
function fromZod(err: ZodError): AppError {
  const issue = err.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'request'
  return new AppError({
    code: 'INVALID_INPUT',
    kind: 'input',
    field,
    // The value itself is not repeated: it may be a secret (a passphrase field).
    params: { value: message('request.given'), allowed: allowedBy(issue) },
  })
}

const CATALOGUE_KEY = /^[a-z][A-Za-z]*(\.[A-Za-z0-9_-]+)+$/

const sizeKind = (origin: string): 'string' | 'array' | 'number' =>
  origin === 'string' ? 'string' : origin === 'array' || origin === 'set' ? 'array' : 'number'

/**
 * What a zod issue says the value must be, as a message: the schema's own custom message when it is a catalogue key
 * (`input.allowed.port`), else the issue's kind (`request.*` in main/messages). Zod's English prose is never shown.
 */
function allowedBy(issue: core.$ZodIssue | undefined): Message {
  if (issue !== undefined && CATALOGUE_KEY.test(issue.message) && englishTranslator().has(issue.message))
    return message(issue.message)
  switch (issue?.code) {
    case 'invalid_type':
      return message('request.invalid_type', { expected: issue.expected })
    case 'too_small':
      return message(`request.too_small.${sizeKind(issue.origin)}`, { minimum: String(issue.minimum) })
    case 'too_big':
      return message(`request.too_big.${sizeKind(issue.origin)}`, { maximum: String(issue.maximum) })
    case 'invalid_format':
      return message('request.invalid_format', { format: issue.format })
    case 'invalid_value':
      return message('request.invalid_value', { values: issue.values.map((v) => String(v)) })
    case 'unrecognized_keys':
      return message('request.unrecognized_keys', { keys: issue.keys })
    default:
      return message('request.other')
  }
}
