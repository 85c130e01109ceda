import type { CertStore, StorageSpec } from './container-spec'
import type { Engine } from './engine-check'
import { CERTS_DIR, CONTAINER_PORT, DATA_DIR, LABEL_CERT_SOURCE, LABEL_CERT_STORE } from './labels'

/** What the engine says about a container (`docker inspect`). */
export type ContainerInfo = Awaited<ReturnType<ReturnType<Engine['docker']['getContainer']>['inspect']>>

/** The host port the engine publishes the registry's port 5000 on, or undefined when it publishes none. */
export function publishedPort(info: ContainerInfo): number | undefined {
  const bindings = info.HostConfig.PortBindings as
    Record<string, { HostPort?: string }[] | undefined> | undefined
  const hostPort = bindings?.[`${CONTAINER_PORT}/tcp`]?.[0]?.HostPort
  return hostPort === undefined || hostPort === '' ? undefined : Number(hostPort)
}

/** The storage the container mounts at /var/lib/registry, or undefined when it mounts none. */
export function mountedStorage(info: ContainerInfo): StorageSpec | undefined {
  const m = info.Mounts.find((x) => x.Destination === DATA_DIR)
  if (m === undefined) return undefined
  return m.Type === 'volume' ? { kind: 'volume', name: m.Name ?? '' } : { kind: 'hostPath', path: m.Source }
}

/**
 * Where the container's certificates come from: as our labels record it, else what it mounts at /certs (a bind
 * mount there is reported as a path on the engine's host). Undefined when it mounts nothing there.
 */
export function certStoreOf(info: ContainerInfo): CertStore | undefined {
  const labels = info.Config.Labels
  const source = labels[LABEL_CERT_SOURCE]
  const kind = labels[LABEL_CERT_STORE]
  if (source !== undefined && source !== '') {
    if (kind === 'bind') return { kind: 'bind', dir: source }
    if (kind === 'volume') return { kind: 'volume', name: source }
    if (kind === 'hostPath') return { kind: 'hostPath', path: source }
  }
  const m = info.Mounts.find((x) => x.Destination === CERTS_DIR)
  if (m === undefined) return undefined
  return m.Type === 'volume' ? { kind: 'volume', name: m.Name ?? '' } : { kind: 'hostPath', path: m.Source }
}

/** True when the container's registry asks for htpasswd logins (REGISTRY_AUTH=htpasswd). */
export function authEnabled(info: ContainerInfo): boolean {
  return info.Config.Env.includes('REGISTRY_AUTH=htpasswd')
}
