import type { VerifyMessage } from './i18n/message'
import type { CheckStatus } from './types'

/** What a check function returns; the runner adds the title, timing and the fix. */
export interface Outcome {
  status: CheckStatus
  /** One line: what was found, as a message (rendered in English and Chinese by the runner). */
  reason: VerifyMessage
  /** A diagnostics code (explains the failure and gives the fix). */
  code?: string | undefined
  /** The raw error, explained by the diagnostics table when no code is given. */
  error?: unknown
  details?: Record<string, unknown> | undefined
}

export const pass = (reason: VerifyMessage, details?: Record<string, unknown>): Outcome => ({
  status: 'pass',
  reason,
  details,
})
export const skipped = (reason: VerifyMessage, details?: Record<string, unknown>): Outcome => ({
  status: 'skipped',
  reason,
  details,
})
export const warn = (reason: VerifyMessage, code: string, details?: Record<string, unknown>): Outcome => ({
  status: 'warn',
  reason,
  code,
  details,
})
export const fail = (reason: VerifyMessage, code?: string, details?: Record<string, unknown>): Outcome => ({
  status: 'fail',
  reason,
  code,
  details,
})
export const failWith = (
  reason: VerifyMessage,
  error: unknown,
  details?: Record<string, unknown>,
): Outcome => ({ status: 'fail', reason, error, details })

/** "ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:5000" -> a one-line message of an error. */
export function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code
    const msg = err.message.split('\n')[0] ?? err.message
    return code !== undefined && !msg.includes(code) ? `${code}: ${msg}` : msg
  }
  return String(err)
}
