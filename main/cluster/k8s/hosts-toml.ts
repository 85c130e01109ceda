import { stringify } from 'smol-toml'
import { DOCKER_HUB_SERVER } from '../../trust/targets/mirror-containerd'
import { mirrorUrl } from '../../trust/targets/mirror-types'
import type { RegistryAddress } from '../../trust/types'
import { NODE_CERTS_D, ownerMarker } from './constants'

/** The CA file a node's hosts.toml names for an address: `/etc/containerd/certs.d/HOST:PORT/ca.crt`. */
export function nodeCaPath(address: RegistryAddress): string {
  return `${NODE_CERTS_D}/${address.hostPort}/ca.crt`
}

function withMarker(namespace: string, table: Parameters<typeof stringify>[0]): string {
  return `${ownerMarker(namespace)}\n${stringify(table).trimEnd()}\n`
}

/** certs.d/HOST:PORT/hosts.toml: the registry itself, verified with the ca.crt beside it (pull, resolve, push). */
export function registryHostsToml(namespace: string, registry: RegistryAddress): string {
  const url = mirrorUrl(registry)
  return withMarker(namespace, {
    server: url,
    host: { [url]: { capabilities: ['pull', 'resolve', 'push'], ca: nodeCaPath(registry) } },
  })
}

/** certs.d/docker.io/hosts.toml: Docker Hub images through the mirror first (pull, resolve), then Docker Hub. */
export function dockerHubHostsToml(namespace: string, mirror: RegistryAddress): string {
  return withMarker(namespace, {
    server: DOCKER_HUB_SERVER,
    host: { [mirrorUrl(mirror)]: { capabilities: ['pull', 'resolve'], ca: nodeCaPath(mirror) } },
  })
}
