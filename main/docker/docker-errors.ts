import { AppError, isAppError } from '../errors'
import type { Message } from '../messages/index'

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

/**
 * The engine's own words in a failed API call's body (dockerode keeps them in `json`: an object with `message`, a
 * string or a buffer), or undefined when the body holds none.
 */
export function engineBodyMessage(json: unknown): string | undefined {
  if (typeof json === 'object' && json !== null && 'message' in json) return String(json.message)
  if (typeof json === 'string' && json.trim() !== '') return json.trim()
  // A Buffer (a Uint8Array): decoded without naming Buffer, so the renderer's diagnostics can use this too.
  if (json instanceof Uint8Array) return new TextDecoder().decode(json).trim()
  return undefined
}

/** The engine's own message for a failed API call ("port is already allocated", "No such image: ..."). */
export function engineMessage(err: unknown): string {
  const raw = rawError(err)
  return engineBodyMessage(raw.json) ?? (raw.message ?? String(err)).trim()
}

/** Any engine call that failed for a reason we have no better words for; `action` is a `docker.action.*` message. */
export function engineCallFailed(action: Message, err: unknown): AppError {
  if (isAppError(err)) return err
  return new AppError({ code: 'ENGINE_ERROR', params: { action, detail: engineMessage(err) }, cause: err })
}
