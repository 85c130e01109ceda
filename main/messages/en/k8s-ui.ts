// The Client trust step's "Kubernetes cluster" card (renderer/src/steps/trust-k8s, main/ipc/handlers/cluster-handlers.ts):
// its words (`gui.k8s.*`) and its error codes.

export const k8sUiErrors = {
  K8S_FOLDER_UNKNOWN: {
    message: 'The folder for the manifests was not chosen in this session',
    hint: 'Choose the folder again, then write the manifests.',
  },
} as const

export const k8sUiGuiHints = {
  K8S_FOLDER_UNKNOWN: 'Click "Choose folder…" again, then "Write manifests".',
} as const

export const k8sUiGui = {
  title: 'Kubernetes cluster',
  intro:
    'Manifests that make every node trust the registry: a DaemonSet writes ca.crt and hosts.toml into /etc/containerd/certs.d/{{hostPort}}/ on each node (and removes them when deleted), plus registries.yaml for k3s / RKE2.',
  open: 'Write manifests for a Kubernetes cluster…',
  namespace: 'Namespace',
  image: 'Image for the DaemonSet',
  imageHint:
    'A small image with busybox sh. The nodes must have it or pull it: load it offline with `ctr -n k8s.io images import busybox.tar` on each node.',
  pullSecret: 'Also write a pull secret (the registry uses htpasswd)',
  user: 'User',
  password: 'Password',
  passwordHint: 'Goes to main only, into the pull secret and k3s registries.yaml; never shown or saved.',
  folder: 'Folder for the manifests',
  chooseFolder: 'Choose folder…',
  noFolder: 'No folder chosen',
  force: 'Replace the files of an earlier run',
  write: 'Write manifests',
  written_one: 'Wrote {{count}} file to {{dir}}',
  written_other: 'Wrote {{count}} files to {{dir}}',
  next: 'Next',
  apply: 'Apply (every node, sub-folders are not applied):',
  rollout: "Watch it and read what each node says about containerd's config_path:",
  configPath:
    'containerd reads hosts.toml on every pull without a restart, once config_path = "/etc/containerd/certs.d" is set in /etc/containerd/config.toml (containerd 2.x has it by default); setting it needs one containerd restart.',
  rancher:
    'k3s / RKE2: copy k3s/* into /etc/rancher/k3s/ (rke2/* into /etc/rancher/rke2/) on every node and restart the service: registries.yaml is read only at start.',
  pullSecretNext:
    'Pull secret: `kubectl -n APP_NAMESPACE apply -f {{dir}}/pull-secret/` in each namespace that pulls.',
  remove:
    'Remove: `kubectl delete -f {{dir}}/`; for a node that was down meanwhile, apply and then delete {{dir}}/uninstall/.',
  allowed: {
    folderId: 'a folder chosen with "Choose folder…" in this session',
  },
  field: {
    namespace: 'Namespace',
    image: 'Image',
    pullSecretUser: 'User',
    password: 'Password',
    folderId: 'Folder for the manifests',
    outDir: 'Folder for the manifests',
  },
} as const
