import type { Message, Param } from '../messages/index'
import type { CheckStatus } from './types'

/** What a check function returns; the runner adds the title, timing and the fix. */
export interface Outcome {
  status: CheckStatus
  /** One line: what was found, as a message (the front ends render it). */
  reason: Message
  /** A diagnostics code (explains the failure and gives the fix). */
  code?: string | undefined
  /** The raw error, explained by the diagnostics table when no code is given. */
  error?: unknown
  details?: Record<string, unknown> | undefined
}

export const pass = (reason: Message, details?: Record<string, unknown>): Outcome => ({
  status: 'pass',
  reason,
  details,
})
export const skipped = (reason: Message, details?: Record<string, unknown>): Outcome => ({
  status: 'skipped',
  reason,
  details,
})
export const warn = (reason: Message, code: string, details?: Record<string, unknown>): Outcome => ({
  status: 'warn',
  reason,
  code,
  details,
})
export const fail = (reason: Message, code?: string, details?: Record<string, unknown>): Outcome => ({
  status: 'fail',
  reason,
  code,
  details,
})
export const failWith = (reason: Message, error: unknown, details?: Record<string, unknown>): Outcome => ({
  status: 'fail',
  reason,
  error,
  details,
})

/**
 * An error of verify's own (not from Node, Docker or the registry): its words as a message, shown in the user's
 * language where a reason quotes the error; the English message stays for the diagnostics table's patterns.
 */
export function ownError(reason: Message, english: string, code?: string): Error {
  return Object.assign(new Error(english), { reason }, code === undefined ? {} : { code })
}

/** An error as a reason's parameter: our own error's message, else the error's one-line text (data, as it is). */
export function errorParam(err: unknown): Param {
  const reason = (err as { reason?: unknown } | null | undefined)?.reason
  return typeof reason === 'object' && reason !== null && 'key' in reason
    ? (reason as Message)
    : errorText(err)
}

/** "ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:5000" -> a one-line message of an error. */
export function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code
    const msg = err.message.split('\n')[0] ?? err.message
    return code !== undefined && !msg.includes(code) ? `${code}: ${msg}` : msg
  }
  return String(err)
}
