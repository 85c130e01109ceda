// The manifests folder: every file in memory first (objects validated, YAML by the `yaml` library), then written.
import { Document } from 'yaml'
import { checkK8sInput, type K8sManifestInput, type K8sSpec, type PullLogin } from './input'
import {
  caBundle,
  configMapObject,
  daemonSetObject,
  namespaceObject,
  pullSecretObject,
  validated,
  type K8sObject,
} from './manifests'
import {
  RANCHER_DISTROS,
  rancherCaAddresses,
  rancherCaFileName,
  registriesYaml,
  type RancherDistro,
} from './registries-yaml'

/** One file of the folder, path relative to it ('/'-separated). */
export interface K8sFile {
  path: string
  content: string
  mode: number
}

export const K8S_FILES = {
  namespace: '00-namespace.yaml',
  configMap: '10-configmap.yaml',
  daemonSet: '20-daemonset.yaml',
  uninstall: 'uninstall/uninstall.yaml',
  pullSecret: 'pull-secret/registry-wizard-pull.yaml',
} as const

/** YAML documents of validated objects, one after another, each with a comment line on top. */
export function yamlOf(comment: string, objects: K8sObject[]): string {
  return objects
    .map((o, i) => {
      const doc = new Document(validated(o).toJSON())
      if (i === 0) doc.commentBefore = ` ${comment}`
      return doc.toString({ lineWidth: 0 })
    })
    .join('---\n')
}

function clusterFiles(spec: K8sSpec): K8sFile[] {
  const ns = spec.namespace
  return [
    {
      path: K8S_FILES.namespace,
      content: yamlOf(`Registry Wizard: kubectl apply -f on this folder (not its sub-folders).`, [
        namespaceObject(spec),
      ]),
      mode: 0o644,
    },
    {
      path: K8S_FILES.configMap,
      content: yamlOf(`ca.crt and hosts.toml per registry, copied to every node by ${ns}/registry-trust.`, [
        configMapObject(spec),
      ]),
      mode: 0o644,
    },
    {
      path: K8S_FILES.daemonSet,
      content: yamlOf('Writes /etc/containerd/certs.d/HOST:PORT/ on every node; removes it when deleted.', [
        daemonSetObject(spec),
      ]),
      mode: 0o644,
    },
    {
      path: K8S_FILES.uninstall,
      content: yamlOf('Only after the DaemonSet could not clean up (node down): apply, wait, then delete.', [
        namespaceObject(spec),
        daemonSetObject(spec, 'uninstall'),
      ]),
      mode: 0o644,
    },
  ]
}

function secretFile(spec: K8sSpec, login: PullLogin): K8sFile {
  return {
    path: K8S_FILES.pullSecret,
    content: yamlOf('imagePullSecrets: kubectl -n NAMESPACE apply -f into each namespace that pulls.', [
      pullSecretObject(spec, login),
    ]),
    mode: 0o600,
  }
}

/** k3s/ and rke2/: registries.yaml and the CA file of each address, to copy into /etc/rancher/DISTRO/. */
function rancherFiles(spec: K8sSpec, distro: RancherDistro): K8sFile[] {
  const ca = caBundle(spec)
  return [
    {
      path: `${distro}/registries.yaml`,
      content: registriesYaml(spec, distro),
      mode: spec.login ? 0o600 : 0o644,
    },
    ...rancherCaAddresses(spec).map((a) => ({
      path: `${distro}/${rancherCaFileName(distro, a)}`,
      content: ca,
      mode: 0o644,
    })),
  ]
}

/** Every file, input checked first (bad input throws before anything is built). */
export function buildK8sFiles(input: K8sManifestInput): K8sFile[] {
  const spec = checkK8sInput(input)
  return [
    ...clusterFiles(spec),
    ...(spec.login ? [secretFile(spec, spec.login)] : []),
    ...RANCHER_DISTROS.flatMap((d) => rancherFiles(spec, d)),
  ]
}
