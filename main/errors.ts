/**
 * Errors are values with codes. Every failure the domain code reports is an AppError: a stable `code`, a message
 * that says what was wrong, and a `hint` that says what to do. `kind: 'input'` means the caller gave something
 * invalid (CLI exit 2, nothing changed on disk); `kind: 'operation'` means a valid request failed (CLI exit 1).
 */
export type ErrorKind = 'input' | 'operation'

export interface AppErrorInit {
  code: string
  message: string
  hint?: string | undefined
  kind?: ErrorKind | undefined
  field?: string | undefined
  cause?: unknown
}

export class AppError extends Error {
  readonly code: string
  readonly hint: string | undefined
  readonly kind: ErrorKind
  readonly field: string | undefined

  constructor(init: AppErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.name = 'AppError'
    this.code = init.code
    this.hint = init.hint
    this.kind = init.kind ?? 'operation'
    this.field = init.field
  }

  /** A plain object that survives structured clone (IPC) and JSON. */
  toJSON(): { code: string; message: string; hint?: string; field?: string; kind: ErrorKind } {
    return {
      code: this.code,
      message: this.message,
      kind: this.kind,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.field === undefined ? {} : { field: this.field }),
    }
  }
}

/** Invalid input: names the field, the value given, and what is allowed. */
export function invalidInput(
  field: string,
  value: unknown,
  allowed: string,
  code = 'INVALID_INPUT',
): AppError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value)
  return new AppError({
    code,
    kind: 'input',
    field,
    message: `${field}: ${shown} is not valid; ${allowed}`,
    hint: `Correct ${field} and run again. Nothing was changed.`,
  })
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError
}

/** Wraps anything thrown into an AppError so callers can rely on code/message/hint. */
export function toAppError(err: unknown, code = 'UNEXPECTED'): AppError {
  if (err instanceof AppError) return err
  const message = err instanceof Error ? err.message : String(err)
  return new AppError({ code, message, cause: err })
}
