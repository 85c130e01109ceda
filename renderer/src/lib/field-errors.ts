import i18next from 'i18next'
import type { ErrorInfo } from '../../../main/ipc/contract'
import { errorTexts } from '../../../main/messages/index'
import { translator } from '../i18n'

/**
 * One error, routed: to the control whose name is the error's `field` (the request field, as in the IPC request
 * types: `dir`, `commonName`, `outDir`...), or, when no control of the form has that name, to the form's button.
 */
export interface RoutedError {
  /** The error to show at the control named `name` (the request field it edits). */
  at: (name: string) => ErrorInfo | undefined
  /** The error no control of the form claims: shown by the button that caused it. */
  rest: ErrorInfo | undefined
}

export function routeError(error: ErrorInfo | undefined, controls: readonly string[]): RoutedError {
  const claimed = error?.field !== undefined && controls.includes(error.field)
  return {
    at: (name) => (claimed && error.field === name ? error : undefined),
    rest: claimed ? undefined : error,
  }
}

/**
 * An error's words at a control, in the UI's language: the catalogue's `error.CODE.message` with `{{field}}` as the
 * control's label, and `guiHint.CODE` (else the neutral hint). A check the renderer makes itself carries a `gui` key as
 * its message.
 */
export function fieldErrorText(
  error: ErrorInfo,
  label: string,
): { message: string; hint: string | undefined } {
  const shown = errorTexts(translator(), error, 'gui', () => label)
  if (shown.message === error.message && i18next.exists(error.message))
    return { message: i18next.t(error.message), hint: shown.hint }
  return shown
}
