import type { ContainerCreateOptions } from 'dockerode'
import { CERT_FILE, KEY_FILE } from './cert-material'
import {
  AUTH_DIR,
  CERTS_DIR,
  CONFIG_DIR,
  CONFIG_FILE,
  CONTAINER_PORT,
  DATA_DIR,
  LABEL_AUTH,
  LABEL_CERT_SOURCE,
  LABEL_CERT_STORE,
  LABEL_CONFIG,
  LABEL_MANAGED,
  LABEL_PORT,
  LABEL_STORAGE,
} from './labels'

export type StorageSpec = { kind: 'volume'; name: string } | { kind: 'hostPath'; path: string }
/** bind: the local cert directory mounted as in the runbook; volume/hostPath: files copied there with putArchive. */
export type CertStore =
  { kind: 'bind'; dir: string } | { kind: 'volume'; name: string } | { kind: 'hostPath'; path: string }

export interface RegistryContainerSpec {
  name: string
  image: string
  port: number
  storage: StorageSpec
  certStore: CertStore
  /** Volume holding /auth/htpasswd when htpasswd auth is on. */
  authVolume?: string | undefined
  deleteEnabled?: boolean | undefined
  /** A generated configuration (a pull-through mirror's): see RegistryConfigMount. */
  config?: RegistryConfigMount | undefined
}

/**
 * A configuration the registry runs instead of the image's own: CONFIG_DIR/config.yml from a volume (read-only),
 * given as the command (registry:2 and registry:3 images both take a config path as their only argument), with the
 * environment and labels that go with it. The REGISTRY_HTTP_TLS_* variables still apply (they override the file).
 */
export interface RegistryConfigMount {
  volume: string
  env?: string[] | undefined
  labels?: Record<string, string> | undefined
}

export const HTPASSWD_REALM = 'Registry Wizard'

function source(s: StorageSpec | CertStore): string {
  return s.kind === 'volume' ? s.name : s.kind === 'bind' ? s.dir : s.path
}

/**
 * The runbook's `docker run` as Engine API options: restart=always, host port -> 5000, storage at /var/lib/registry,
 * REGISTRY_HTTP_TLS_*, optional htpasswd auth and delete. No SETTINGS_FLAVOUR: it belonged to the v1 registry and
 * registry:2 ignores every variable not starting with REGISTRY_. No Cmd: the image's own config path is kept, so
 * registry:2 (/etc/docker/registry/config.yml) and registry:3 (/etc/distribution/config.yml) both work.
 */
export function registryContainerOptions(spec: RegistryContainerSpec): ContainerCreateOptions {
  const env = [
    `REGISTRY_HTTP_TLS_CERTIFICATE=${CERTS_DIR}/${CERT_FILE}`,
    `REGISTRY_HTTP_TLS_KEY=${CERTS_DIR}/${KEY_FILE}`,
  ]
  const binds = [`${source(spec.storage)}:${DATA_DIR}`, `${source(spec.certStore)}:${CERTS_DIR}:ro`]
  if (spec.authVolume !== undefined) {
    env.push(
      'REGISTRY_AUTH=htpasswd',
      `REGISTRY_AUTH_HTPASSWD_REALM=${HTPASSWD_REALM}`,
      `REGISTRY_AUTH_HTPASSWD_PATH=${AUTH_DIR}/htpasswd`,
    )
    binds.push(`${spec.authVolume}:${AUTH_DIR}:ro`)
  }
  if (spec.deleteEnabled) env.push('REGISTRY_STORAGE_DELETE_ENABLED=true')
  const config = spec.config
  if (config !== undefined) {
    env.push(...(config.env ?? []))
    binds.push(`${config.volume}:${CONFIG_DIR}:ro`)
  }
  const portKey = `${CONTAINER_PORT}/tcp`
  return {
    name: spec.name,
    Image: spec.image,
    ...(config === undefined ? {} : { Cmd: [`${CONFIG_DIR}/${CONFIG_FILE}`] }),
    User: '0:0',
    Env: env,
    ExposedPorts: { [portKey]: {} },
    Labels: {
      [LABEL_MANAGED]: 'true',
      [LABEL_PORT]: String(spec.port),
      [LABEL_CERT_STORE]: spec.certStore.kind,
      [LABEL_CERT_SOURCE]: source(spec.certStore),
      [LABEL_STORAGE]: `${spec.storage.kind}:${source(spec.storage)}`,
      [LABEL_AUTH]: spec.authVolume === undefined ? '' : spec.authVolume,
      ...(config === undefined ? {} : { ...config.labels, [LABEL_CONFIG]: config.volume }),
    },
    HostConfig: {
      RestartPolicy: { Name: 'always' },
      PortBindings: { [portKey]: [{ HostIp: '', HostPort: String(spec.port) }] },
      Binds: binds,
    },
  }
}
