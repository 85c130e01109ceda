// Kubernetes and k3s/RKE2 node trust: manifests (typed, validated models) that make every node trust the registry.
export {
  DEFAULT_IMAGE,
  DEFAULT_NAMESPACE,
  NODE_CERTS_D,
  PULL_SECRET_NAME,
  TRUST_NAME,
  UNINSTALL_NAME,
} from './constants'
export { buildK8sFiles, K8S_FILES, type K8sFile } from './files'
export { checkImage, checkNamespace, checkPullUser, type K8sManifestInput, type PullLogin } from './input'
export { nodeCommand, nodeScript, type NodeScriptMode } from './node-script'
export { rancherDir, RANCHER_DISTROS, type RancherDistro } from './registries-yaml'
export { writeK8sFolder, type WriteK8sFolderOptions, type WrittenK8sFolder } from './write-folder'
