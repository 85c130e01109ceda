import { AppError } from '../errors'

/** The fields dockerode / docker-modem / node put on a failed request. */
interface RawDockerError {
  message?: string
  code?: string
  statusCode?: number
  json?: unknown
  name?: string
  level?: string
}

export function rawError(err: unknown): RawDockerError {
  return typeof err === 'object' && err !== null ? err : { message: String(err) }
}

/** The engine's own message for a failed API call ("port is already allocated", "No such image: ..."). */
export function engineMessage(err: unknown): string {
  const raw = rawError(err)
  const json = raw.json
  if (typeof json === 'object' && json !== null && 'message' in json) return String(json.message)
  if (typeof json === 'string' && json.trim() !== '') return json.trim()
  if (Buffer.isBuffer(json)) return json.toString('utf8').trim()
  return (raw.message ?? String(err)).trim()
}

export function isAbort(err: unknown, signal?: AbortSignal): boolean {
  const raw = rawError(err)
  return signal?.aborted === true || raw.name === 'AbortError' || raw.code === 'ABORT_ERR'
}

export function cancelled(what: string): AppError {
  return new AppError({
    code: 'CANCELLED',
    message: `Cancelled: ${what} was stopped before it finished`,
    hint: 'Nothing was started. Run it again when ready.',
  })
}

export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw cancelled(what)
}

/** Any engine call that failed for a reason we have no better words for. */
export function engineCallFailed(action: string, err: unknown): AppError {
  if (err instanceof AppError) return err
  return new AppError({
    code: 'ENGINE_ERROR',
    message: `${action} failed: ${engineMessage(err)}`,
    hint: 'Check the Docker engine (docker info) and run again.',
    cause: err,
  })
}
