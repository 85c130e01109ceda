import type { ErrorInfo } from '../../../main/ipc/contract'

/** The error to show next to a field: the error's `field` is one of the names the core may use for it. */
export function errorFor(error: ErrorInfo | undefined, fields: readonly string[]): ErrorInfo | undefined {
  return error?.field !== undefined && fields.includes(error.field) ? error : undefined
}

/** The error to show by the form's button: one that no field of the form claims. */
export function formError(error: ErrorInfo | undefined, claimed: readonly string[]): ErrorInfo | undefined {
  return error && (error.field === undefined || !claimed.includes(error.field)) ? error : undefined
}
