import { AppError } from '../errors'

/**
 * Cancellation, one home: a job's AbortSignal reaches the work, which stops at its next step with CANCELLED (after
 * removing what it wrote so far). `isAbort` recognises every form a cancelled call fails with (our CANCELLED,
 * DOMException AbortError, Node's ABORT_ERR, dockerode's aborted request).
 */
export function cancelled(cause?: unknown): AppError {
  return new AppError({ code: 'CANCELLED', cause })
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw cancelled(signal.reason)
}

export function isAbort(err: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted === true) return true
  if (typeof err !== 'object' || err === null) return false
  const e = err as { name?: unknown; code?: unknown; cause?: unknown }
  if (e.code === 'CANCELLED' || e.name === 'AbortError' || e.code === 'ABORT_ERR') return true
  return e.cause !== undefined && e.cause !== err && isAbort(e.cause)
}
