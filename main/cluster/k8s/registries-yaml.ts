// k3s / RKE2: registries.yaml (read only when the service starts) with each registry's CA file beside it. The
// docker.io mirror entry is the trust target's own (main/trust/targets/mirror-k3s.ts), merged into this file.
import { Document } from 'yaml'
import { systemPath } from '../../trust/paths'
import {
  caSegments,
  RANCHER_DISTROS,
  registriesYamlFile,
  type RancherDistro,
} from '../../trust/targets/mirror-k3s'
import { mirrorUrl } from '../../trust/targets/mirror-types'
import type { RegistryAddress, TrustEnv } from '../../trust/types'
import type { K8sSpec } from './input'

export { RANCHER_DISTROS, type RancherDistro }

/** A k3s / RKE2 node as registries.yaml names its paths. */
const NODE: TrustEnv = { root: '/', platform: 'linux', home: '/root' }

/** `registry-wizard-HOST_PORT-ca.crt`: the CA file beside registries.yaml for one address (as the mirror target's). */
export function rancherCaFileName(distro: RancherDistro, address: RegistryAddress): string {
  return caSegments(distro, address).at(-1) ?? ''
}

/** Where registries.yaml and the CA files go on a node: /etc/rancher/k3s or /etc/rancher/rke2. */
export function rancherDir(distro: RancherDistro): string {
  return systemPath(NODE, 'etc', 'rancher', distro)
}

/** The addresses that get a CA file: the registries and the mirror, once each. */
export function rancherCaAddresses(spec: K8sSpec): RegistryAddress[] {
  const all = spec.mirror === undefined ? spec.registries : [...spec.registries, spec.mirror]
  return all.filter((a, i) => all.findIndex((b) => b.hostPort === a.hostPort) === i)
}

function registryConfig(spec: K8sSpec, distro: RancherDistro, r: RegistryAddress): Record<string, unknown> {
  const tls = { ca_file: systemPath(NODE, ...caSegments(distro, r)) }
  const login = spec.login
  return login === undefined ? { tls } : { auth: { username: login.user, password: login.password }, tls }
}

/**
 * registries.yaml for one distribution: each registry under `mirrors` (its own endpoint) and `configs` (`tls.ca_file`,
 * `auth` with a login), then the Docker Hub mirror entry merged in by the mirror target (docker.io's first endpoint and
 * the mirror's `tls.ca_file`). Only keys k3s documents: mirrors.*.endpoint, configs.*.{auth.{username,password},tls.ca_file}.
 */
export function registriesYaml(spec: K8sSpec, distro: RancherDistro): string {
  const mirrorFile = spec.mirror && registriesYamlFile(NODE, distro, spec.mirror)
  // Only the mirror: the very file the mirror target (and install.sh) writes.
  if (spec.registries.length === 0 && mirrorFile) return mirrorFile.fresh
  const doc = new Document({
    mirrors: Object.fromEntries(spec.registries.map((r) => [r.hostPort, { endpoint: [mirrorUrl(r)] }])),
    configs: Object.fromEntries(spec.registries.map((r) => [r.hostPort, registryConfig(spec, distro, r)])),
  })
  doc.commentBefore = ` Written by Registry Wizard for ${distro}: copy to ${rancherDir(distro)}/registries.yaml with the CA files beside it, then restart ${distro}.`
  const text = doc.toString({ lineWidth: 0 })
  return mirrorFile?.merge(text) ?? text
}
