/**
 * Errors are values with codes. Every failure the domain reports is an AppError: a stable `code` from the message
 * catalogue's `error` namespace (main/messages) and the `params` its texts use. The domain writes no words for the
 * user: the CLI and the GUI render `error.CODE.message` and a hint in the user's language, each naming `field` (a
 * request field, as in the request types) its own way. `kind: 'input'` means the caller gave something invalid
 * (CLI exit 2, nothing changed on disk); `kind: 'operation'` means a valid request failed (CLI exit 1).
 */
import {
  englishTranslator,
  errorTexts,
  type ErrorCode,
  type ErrorParamName,
  type Param,
  type Params,
} from './messages/index'

export type ErrorKind = 'input' | 'operation'
export type { ErrorCode } from './messages/index'

interface CommonInit {
  kind?: ErrorKind | undefined
  /** The request field at fault (`caDir`, `commonName`, `out`...): the CLI names its flag, the GUI its control. */
  field?: string | undefined
  cause?: unknown
}

/** The params an error code's texts need (none: no params). */
export type ParamsFor<C extends ErrorCode> = [ErrorParamName<C>] extends [never]
  ? { params?: undefined }
  : { params: Readonly<Record<ErrorParamName<C>, Param>> & Params }

export type CodedInit<C extends ErrorCode> = CommonInit & { code: C } & ParamsFor<C>

export type AppErrorInit<C extends ErrorCode = ErrorCode> = CodedInit<C>

/** The plain form of an AppError that crosses IPC and JSON. */
export interface AppErrorJson {
  code: string
  params?: Params
  /** The English text (logs, JSON consumers); front ends render code + params in the user's language. */
  message: string
  hint?: string
  field?: string
  kind: ErrorKind
}

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C
  readonly params: Params | undefined
  readonly kind: ErrorKind
  readonly field: string | undefined
  /** The English hint (what `error.CODE.hint` says), for logs; front ends render their own. */
  readonly hint: string | undefined

  constructor(init: AppErrorInit<C>) {
    const params = (init as { params?: Params }).params
    // Error.message and hint in English for logs and stack traces (the CLI's words: flags name the fields).
    const english = errorTexts(englishTranslator(), { code: init.code, params, field: init.field }, 'cli')
    super(english.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.name = 'AppError'
    this.code = init.code
    this.params = params
    this.kind = init.kind ?? 'operation'
    this.field = init.field
    this.hint = english.hint
  }

  /** A plain object that survives structured clone (IPC) and JSON. */
  toJSON(): AppErrorJson {
    return {
      code: this.code,
      ...(this.params === undefined ? {} : { params: this.params }),
      message: this.message,
      kind: this.kind,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.field === undefined ? {} : { field: this.field }),
    }
  }
}

/**
 * Invalid input: names the field, the value given, and what is allowed (a message, or words the CLI and GUI show as
 * they are, such as a list of values).
 */
export function invalidInput(
  field: string,
  value: unknown,
  allowed: Param,
  code: InvalidInputCode = 'INVALID_INPUT',
): AppError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value)
  return new AppError({
    code,
    kind: 'input',
    field,
    params: { value: shown, allowed },
  } as CodedInit<'INVALID_INPUT'>)
}

/** Codes whose texts take exactly what invalidInput gives: `value` and `allowed`. */
export type InvalidInputCode = {
  [C in ErrorCode]: [ErrorParamName<C>] extends ['value' | 'allowed'] ? C : never
}[ErrorCode]

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError
}

/** Wraps anything thrown into an AppError so callers can rely on code/params/message. */
export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err
  const detail = err instanceof Error ? err.message : String(err)
  return new AppError({ code: 'UNEXPECTED', params: { detail }, cause: err })
}
