// Kubernetes and k3s/RKE2 node trust (main/cluster/k8s): its error codes, the domain's words (`k8s.*`) and what
// `registry-wizard k8s manifests` prints (`cli.k8s.*`).

export const k8sErrors = {
  K8S_OUT_EXISTS: {
    message: '{{path}} already exists; nothing was written',
    hint: 'Write into an empty folder, or replace the files of an earlier run. Nothing was changed.',
  },
  K8S_OUT_NOT_FOLDER: {
    message: '{{field}}: {{path}} is a file, not a folder; nothing was written',
    hint: 'Name a folder (it is created when missing).',
  },
} as const

/** The CLI's own hints: its flags. */
export const k8sCliHints = {
  K8S_OUT_EXISTS:
    'Give --force to replace the files of an earlier run, or another --out folder. Nothing was written.',
} as const

/** The GUI's own hints: its controls. */
export const k8sGuiHints = {
  K8S_OUT_EXISTS:
    'Choose another folder, or tick "Replace the files of an earlier run" and write again. Nothing was written.',
} as const

/** The domain's words (`k8s.*`). */
export const k8sTexts = {
  allowed: {
    namespace:
      'a Kubernetes namespace name: lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
    image:
      'an image reference such as docker.io/library/busybox:1.36.1 or 192.168.20.10:5000/tools/busybox:1 (a tag or @sha256 digest)',
    user: 'a user name without spaces or ":" (the htpasswd user of the registry)',
    password: 'a password file whose first line is the password',
    login: 'give both the pull secret user and the password file, or neither',
  },
} as const

/** What `registry-wizard k8s manifests` prints, and its help (`cli.k8s.*`). */
export const k8sCli = {
  help: {
    k8s: 'Kubernetes and k3s/RKE2: manifests that make every node trust the registry',
    manifests:
      'write a Namespace, a ConfigMap and a DaemonSet that put ca.crt and hosts.toml into /etc/containerd/certs.d/HOST:PORT/ on every node, an uninstall manifest, registries.yaml for k3s/RKE2 and, with a login, a pull secret',
    ca: "the registry's CA certificate (PEM), e.g. ca/ca.crt",
    registry: 'registry address HOST:PORT as in image references (repeatable)',
    mirror:
      'a Docker Hub pull-through mirror HOST:PORT: certs.d/docker.io/hosts.toml and the k3s docker.io mirror',
    namespace: 'the namespace of the DaemonSet (default: {{default}})',
    image:
      'a small image with busybox sh for the DaemonSet (default: {{default}}); the nodes must have it or be able to pull it',
    pullSecretUser: 'htpasswd user: also write a kubernetes.io/dockerconfigjson pull secret and k3s `auth`',
    passwordFile: "a file whose first line is that user's password (never printed)",
    out: 'the folder to write into (created when missing)',
    force: 'replace the files of an earlier run in that folder',
    json: 'print the result as JSON',
  },
  written: 'Wrote the Kubernetes manifests for {{registries}} to {{dir}}:',
  next: {
    title: 'Next:',
    apply:
      '  kubectl apply -f {{dir}}/          every node gets /etc/containerd/certs.d/HOST:PORT/ (sub-folders are not applied)',
    rollout: '  kubectl -n {{namespace}} rollout status daemonset/registry-trust',
    logs: "  kubectl -n {{namespace}} logs -l app.kubernetes.io/name=registry-trust   (says whether containerd's config_path is set)",
    configPath:
      'containerd reads hosts.toml on every pull without a restart, but only with config_path = "/etc/containerd/certs.d" in /etc/containerd/config.toml (containerd 2.x has it by default); setting it needs one containerd restart.',
    image:
      'The nodes must have {{image}} (imagePullPolicy IfNotPresent): on a machine with Docker, `docker pull {{image}}` and `docker save {{image}} -o busybox.tar`; on each node `ctr -n k8s.io images import busybox.tar` (k3s: `k3s ctr images import`, or copy the tar into /var/lib/rancher/k3s/agent/images/; RKE2: /var/lib/rancher/rke2/agent/images/).',
    pullSecret:
      'Pull secret: `kubectl -n APP_NAMESPACE apply -f {{dir}}/pull-secret/` into each namespace that pulls, then `imagePullSecrets: [{name: {{secret}}}]` in its pods (or its service account). The password is in that file: keep it private.',
    rancher:
      'k3s / RKE2 (their containerd does not read /etc/containerd): on every node copy {{dir}}/k3s/* into /etc/rancher/k3s/ (RKE2: {{dir}}/rke2/* into /etc/rancher/rke2/) and restart the service (`systemctl restart k3s`, `k3s-agent`, `rke2-server` or `rke2-agent`): registries.yaml is read only at start.',
    remove:
      'Remove: `kubectl delete -f {{dir}}/` (each pod removes exactly the files it wrote). For a node that was down meanwhile: `kubectl apply -f {{dir}}/uninstall/`, wait for its rollout, then `kubectl delete -f {{dir}}/uninstall/`.',
  },
} as const
