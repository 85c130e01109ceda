// The Kubernetes objects, built with the typed models of `kubernetes-models` and checked against the Kubernetes
// OpenAPI schemas (validate()) before anything is written: never text templates.
import { X509Certificate } from 'node:crypto'
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet'
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap'
import type { IContainer } from 'kubernetes-models/v1/Container'
import type { IKeyToPath } from 'kubernetes-models/v1/KeyToPath'
import { Namespace } from 'kubernetes-models/v1/Namespace'
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec'
import { Secret } from 'kubernetes-models/v1/Secret'
import type { IVolume } from 'kubernetes-models/v1/Volume'
import { pemFromDer } from '../../pki/pem'
import type { RegistryAddress } from '../../trust/types'
import {
  CONFIG_MOUNT,
  labels,
  NODE_CONTAINERD,
  NODE_MOUNT,
  PULL_SECRET_NAME,
  TRUST_NAME,
  UNINSTALL_NAME,
} from './constants'
import { dockerHubHostsToml, registryHostsToml } from './hosts-toml'
import type { K8sSpec, PullLogin } from './input'
import { nodeCommand, type NodeScriptMode } from './node-script'

/** Any of the models: each has validate() and toJSON(). */
export type K8sObject = Namespace | ConfigMap | DaemonSet | Secret

const CA_KEY = 'ca.crt'
const CONFIG_VOLUME = 'trust-files'
const NODE_VOLUME = 'node-containerd'

/** ca.crt as the nodes get it: every certificate re-encoded from its DER bytes (nothing else of the input passes). */
export function caBundle(spec: Pick<K8sSpec, 'ca' | 'previousCa'>): string {
  const cas = spec.previousCa === undefined ? [spec.ca] : [spec.ca, spec.previousCa]
  return cas.map((c) => pemFromDer(new X509Certificate(c.pem).raw)).join('')
}

/** The addresses whose certs.d folder holds ca.crt and hosts.toml: the registries, then the mirror (once each). */
function trustedAddresses(spec: K8sSpec): RegistryAddress[] {
  const all = spec.mirror === undefined ? spec.registries : [...spec.registries, spec.mirror]
  return all.filter((a, i) => all.findIndex((b) => b.hostPort === a.hostPort) === i)
}

/** ConfigMap keys cannot hold ':' (HOST:PORT): `hosts-HOST_PORT.toml`; the volume's items give the real paths. */
const hostsKey = (folder: string): string => `hosts-${folder.replace(/[^A-Za-z0-9.-]+/g, '_')}.toml`

interface ConfigFiles {
  data: Record<string, string>
  items: IKeyToPath[]
}

function configFiles(spec: K8sSpec): ConfigFiles {
  const data: Record<string, string> = { [CA_KEY]: caBundle(spec) }
  const items: IKeyToPath[] = []
  for (const a of trustedAddresses(spec)) {
    const key = hostsKey(a.hostPort)
    data[key] = registryHostsToml(spec.namespace, a)
    items.push({ key, path: `${a.hostPort}/hosts.toml` }, { key: CA_KEY, path: `${a.hostPort}/${CA_KEY}` })
  }
  if (spec.mirror !== undefined) {
    const key = hostsKey('docker.io')
    data[key] = dockerHubHostsToml(spec.namespace, spec.mirror)
    items.push({ key, path: 'docker.io/hosts.toml' })
  }
  return { data, items }
}

/** Our namespace; hostPath volumes need the privileged Pod Security level there (only there). */
export function namespaceObject(spec: K8sSpec): Namespace {
  return new Namespace({
    metadata: {
      name: spec.namespace,
      labels: { ...labels(TRUST_NAME), 'pod-security.kubernetes.io/enforce': 'privileged' },
    },
  })
}

export function configMapObject(spec: K8sSpec): ConfigMap {
  return new ConfigMap({
    metadata: { name: TRUST_NAME, namespace: spec.namespace, labels: labels(TRUST_NAME) },
    data: configFiles(spec).data,
  })
}

/** The container: root (the node's /etc/containerd is root's) with every capability dropped, read-only root. */
function container(spec: K8sSpec, mode: NodeScriptMode): IContainer {
  const mounts = [{ name: NODE_VOLUME, mountPath: NODE_MOUNT }]
  return {
    name: mode === 'install' ? 'write-trust' : 'remove-trust',
    image: spec.image,
    imagePullPolicy: 'IfNotPresent',
    command: nodeCommand(spec.namespace, mode),
    securityContext: {
      runAsUser: 0,
      runAsNonRoot: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    resources: { requests: { cpu: '5m', memory: '8Mi' }, limits: { memory: '32Mi' } },
    volumeMounts:
      mode === 'install'
        ? [{ name: CONFIG_VOLUME, mountPath: CONFIG_MOUNT, readOnly: true }, ...mounts]
        : mounts,
  }
}

/** On every node, tainted or not; the node's /etc/containerd must exist (it is not created: nothing else is). */
function podSpec(spec: K8sSpec, mode: NodeScriptMode): IPodSpec {
  const node: IVolume = { name: NODE_VOLUME, hostPath: { path: NODE_CONTAINERD, type: 'Directory' } }
  const config: IVolume = {
    name: CONFIG_VOLUME,
    configMap: { name: TRUST_NAME, items: configFiles(spec).items, defaultMode: 0o444 },
  }
  return {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    tolerations: [{ operator: 'Exists' }],
    terminationGracePeriodSeconds: 30,
    containers: [container(spec, mode)],
    volumes: mode === 'install' ? [config, node] : [node],
  }
}

export function daemonSetObject(spec: K8sSpec, mode: NodeScriptMode = 'install'): DaemonSet {
  const name = mode === 'install' ? TRUST_NAME : UNINSTALL_NAME
  return new DaemonSet({
    metadata: { name, namespace: spec.namespace, labels: labels(name) },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: { metadata: { labels: labels(name) }, spec: podSpec(spec, mode) },
    },
  })
}

/** `{"auths": {HOST:PORT: {username, password, auth}}}` for every registry (and the mirror). */
function dockerConfigJson(addresses: RegistryAddress[], login: PullLogin): string {
  const auth = Buffer.from(`${login.user}:${login.password}`).toString('base64')
  const entry = { username: login.user, password: login.password, auth }
  return JSON.stringify({ auths: Object.fromEntries(addresses.map((a) => [a.hostPort, entry])) })
}

/**
 * The pull secret for `imagePullSecrets`. No namespace in it: pull secrets work only in their own namespace, so it is
 * applied into each namespace whose pods pull from the registry (`kubectl -n APP apply -f`).
 */
export function pullSecretObject(spec: K8sSpec, login: PullLogin): Secret {
  const json = dockerConfigJson(trustedAddresses(spec), login)
  return new Secret({
    metadata: { name: PULL_SECRET_NAME, labels: labels(PULL_SECRET_NAME) },
    type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': Buffer.from(json).toString('base64') },
  })
}

/** Every object, validated against the Kubernetes schemas (a failure here is a bug: it throws). */
export function validated<T extends K8sObject>(obj: T): T {
  obj.validate()
  return obj
}
