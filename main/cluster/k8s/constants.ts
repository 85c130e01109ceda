// Names and paths the generated manifests share: the node script, the objects and the tests all read them from here.

export const DEFAULT_NAMESPACE = 'registry-wizard'
/**
 * A busybox-class image: the node script needs only sh, cat, cmp, grep, head, ls, mkdir, mv, rm, rmdir and sleep.
 * Pinned, so a node that has it loaded (ctr images import) never needs to reach Docker Hub.
 */
export const DEFAULT_IMAGE = 'docker.io/library/busybox:1.36.1'

/** The DaemonSet that writes the trust files on every node, and the one that only removes them. */
export const TRUST_NAME = 'registry-trust'
export const UNINSTALL_NAME = 'registry-trust-uninstall'
export const PULL_SECRET_NAME = 'registry-wizard-pull'

/** Where the container sees the ConfigMap (as certs.d/HOST:PORT/{ca.crt,hosts.toml}) and the node's /etc/containerd. */
export const CONFIG_MOUNT = '/registry-wizard/certs.d'
export const NODE_MOUNT = '/host/etc/containerd'
/** The node's containerd folder (hostPath) and the certs.d inside it that hosts.toml files name. */
export const NODE_CONTAINERD = '/etc/containerd'
export const NODE_CERTS_D = `${NODE_CONTAINERD}/certs.d`

/** The labels every object carries. */
export function labels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/managed-by': 'registry-wizard' }
}

/**
 * The first line of every hosts.toml the DaemonSet writes: a folder of certs.d whose hosts.toml starts with it is the
 * DaemonSet's (it wrote it and removes it); any other folder is left alone. Names the namespace, so two installs in
 * two namespaces never take each other's folders. Deliberately not the host trust target's marker.
 */
export function ownerMarker(namespace: string): string {
  return `# Registry Wizard DaemonSet ${namespace}/${TRUST_NAME} wrote this folder; deleting the DaemonSet removes it.`
}
