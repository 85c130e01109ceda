import { AppError } from '../errors'
import { message, type Message } from '../messages/index'
import type { ResolvedEngine } from './engine-spec'

/** True for an engine reached over plain TCP: every API call, file copies included, crosses the network unencrypted. */
export function isPlainTcp(resolved: ResolvedEngine): boolean {
  return resolved.kind === 'tcp'
}

/** The warning shown for a plain tcp:// engine (engine check, and work the user allowed with --insecure-engine). */
export function plainTcpWarning(resolved: ResolvedEngine): Message {
  return message('docker.plainTcp', { engine: resolved.display })
}

/** What is about to be sent to the engine, for ENGINE_INSECURE: a `docker.secrets.*` message. */
export type SecretsSent = 'key' | 'keyAndHtpasswd' | 'newKey' | 'password'

/**
 * Refuses to send secrets (`what`) to a plain tcp:// engine unless the user allowed it explicitly. Called before any
 * connection is made, so nothing is sent and nothing changes.
 */
export function assertSecretsSafe(resolved: ResolvedEngine, what: SecretsSent): void {
  if (!isPlainTcp(resolved) || resolved.insecureAllowed === true) return
  throw new AppError({
    code: 'ENGINE_INSECURE',
    kind: 'input',
    field: 'dockerHost',
    params: { engine: resolved.display, what: message(`docker.secrets.${what}`) },
  })
}
