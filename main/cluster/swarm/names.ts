import { LABEL_MANAGED } from '../../docker/index'

/** What marks a Swarm object (service, secret, config, network) as ours, and which registry service it belongs to. */
export const LABEL_KIND = 'io.registry-wizard.kind'
export const KIND_SERVICE = 'swarm-registry'
export const KIND_REDIS = 'swarm-redis'
export const LABEL_OWNER = 'io.registry-wizard.service'
/** Which part a secret is: cert, key, htpasswd, config. */
export const LABEL_ROLE = 'io.registry-wizard.role'
export const LABEL_REPLICAS = 'io.registry-wizard.replicas'
export const LABEL_FINGERPRINT = 'io.registry-wizard.fingerprint'

export type SecretRole = 'cert' | 'key' | 'htpasswd' | 'config'

export const ownedLabels = (name: string, extra: Record<string, string> = {}): Record<string, string> => ({
  [LABEL_MANAGED]: 'true',
  [LABEL_OWNER]: name,
  ...extra,
})

/** A name suffix unique per run (secrets are immutable: a new certificate is a new secret under a new name). */
export const stamp = (now: Date = new Date()): string =>
  `${now.toISOString().replace(/[-:T]/g, '').slice(0, 14)}${Math.floor(Math.random() * 46656)
    .toString(36)
    .padStart(3, '0')}`

export const secretName = (name: string, role: SecretRole, suffix: string): string =>
  `${name}-${role}-${suffix}`
export const probeConfigName = (name: string, suffix: string): string => `${name}-probe-${suffix}`
export const networkName = (name: string): string => `${name}-net`
export const redisName = (name: string): string => `${name}-redis`
export const dataVolume = (name: string): string => `${name}-data`
