import { checkCertMaterial, type CertMaterial } from './cert-material'
import { checkContainerName } from './container-name'
import type { Engine } from './engine-check'
import { assertSecretsSafe } from './engine-security'
import type { Credential } from './htpasswd'

/** What a registry start (a container or a Swarm service) is given that is checked before the engine is asked. */
export interface StartInputFields {
  name: string
  certs: CertMaterial
  users?: Credential[] | undefined
  registryHost?: string | undefined
}

export interface CheckedStartInput {
  /** The address the certificate covers and clients use (see identityHost). */
  identity: string
  /** Logins given: htpasswd goes to the engine with the key. */
  auth: boolean
}

/**
 * The start input's checks, shared by `startRegistry` and `startSwarmRegistry`: a valid name, an engine that may get
 * the key (and htpasswd when there are logins), and a pair that is valid for the address clients use. Nothing is
 * sent before they pass.
 */
export function checkStartInput(engine: Engine, input: StartInputFields): CheckedStartInput {
  checkContainerName(input.name)
  const auth = (input.users ?? []).length > 0
  assertSecretsSafe(engine.resolved, auth ? 'keyAndHtpasswd' : 'key')
  const { identity } = checkCertMaterial(input.certs, {
    host: input.registryHost,
    engineHost: engine.resolved.hostname,
  })
  return { identity, auth }
}
