import { AppError } from '../errors'
import type { ResolvedEngine } from './engine-spec'

/** True for an engine reached over plain TCP: every API call, file copies included, crosses the network unencrypted. */
export function isPlainTcp(resolved: ResolvedEngine): boolean {
  return resolved.kind === 'tcp'
}

/** The warning shown for a plain tcp:// engine (engine check, and work the user allowed with --insecure-engine). */
export function plainTcpWarning(resolved: ResolvedEngine): string {
  return `${resolved.display} is a Docker engine without TLS: anything sent to it (the registry's domain.key, the htpasswd file) crosses the network in clear text, and anyone who can reach that port controls the engine.`
}

/**
 * Refuses to send secrets (`what`) to a plain tcp:// engine unless the user allowed it explicitly. Called before any
 * connection is made, so nothing is sent and nothing changes.
 */
export function assertSecretsSafe(resolved: ResolvedEngine, what: string): void {
  if (!isPlainTcp(resolved) || resolved.insecureAllowed === true) return
  throw new AppError({
    code: 'ENGINE_INSECURE',
    kind: 'input',
    field: 'docker-host',
    message: `docker-host: ${resolved.display} has no TLS, so ${what} would cross the network in clear text; refused (nothing was sent)`,
    hint: 'Use the engine over TLS (tcp://HOST:2376 with --tls-ca, --tls-cert and --tls-key; `cert issue --client` makes the client pair) or over SSH (ssh://USER@HOST). To send them in clear text anyway, pass --insecure-engine (in the app: the "engine without TLS" box in the Plan step).',
  })
}
