import type { ErrorInfo } from '../../../main/ipc/contract'

/** The error to show next to a field: the error's `field` is one of the names the core may use for it. */
export function errorFor(error: ErrorInfo | undefined, fields: readonly string[]): ErrorInfo | undefined {
  return error?.field !== undefined && fields.includes(error.field) ? error : undefined
}

/** The error to show by the form's button: one that no field of the form claims. */
export function formError(error: ErrorInfo | undefined, claimed: readonly string[]): ErrorInfo | undefined {
  return error && (error.field === undefined || !claimed.includes(error.field)) ? error : undefined
}

/**
 * Core errors whose field or hint is worded for the CLI (a `--flag`, a command line), keyed by code and the field the
 * core named: the GUI control that fixes them (`field`) and the GUI's own fix (`hint`, a locale key).
 */
const GUI_ERRORS: Record<string, Record<string, { field?: string; hint: string }>> = {
  // An intermediate CA imported without the certificates above it: the chain file control is the fix.
  CA_CHAIN_MISSING: {
    cert: { field: 'chainPath', hint: 'certs.ca.chainErrors.missing' },
    chain: { field: 'chainPath', hint: 'certs.ca.chainErrors.missing' },
    // A CA folder imported before chains were kept (opening it, or issuing from it).
    'ca-dir': { hint: 'certs.ca.chainErrors.folderMissing' },
  },
}

/**
 * The GUI's view of a core error: moved to the control that fixes it and with a fix that names that control instead
 * of a CLI option (see GUI_ERRORS). Errors the table does not name are returned as they are.
 */
export function guiError(error: ErrorInfo | undefined, t: (key: string) => string): ErrorInfo | undefined {
  if (!error) return undefined
  const mapped = error.field === undefined ? undefined : GUI_ERRORS[error.code]?.[error.field]
  if (!mapped) return error
  return { ...error, field: mapped.field ?? error.field, hint: t(mapped.hint) }
}
