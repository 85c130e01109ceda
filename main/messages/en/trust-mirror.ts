// Client configs for a Docker Hub pull-through mirror (main/trust/targets/mirror-*.ts): their error codes, the plan's
// words (`trust.mirror`), what `trust install --mirror` and `bundle export --mirror` print (`cli.trustMirror`) and the
// Trust step's mirror field (`gui.trustMirror`).

export const trustMirrorErrors = {
  MIRROR_CONFIG_INVALID: {
    message: '{{path}} is not valid {{format}} ({{detail}}); it was left unchanged and nothing was written',
    hint: 'Repair the file (or move it away) and run again; the mirror is merged into it, keeping every other setting.',
  },
  MIRROR_CONFIG_SHAPE: {
    message: '{{path}}: {{detail}}; it was left unchanged and nothing was written',
    hint: 'Repair the file (or move it away) and run again.',
  },
  MIRROR_OR_REGISTRY_REQUIRED: {
    message: '{{field}}: at least one {{field}} is required, or a Docker Hub mirror (or both); {{allowed}}',
    hint: 'Give the registry address, the mirror address, or both. Nothing was changed.',
  },
} as const

/** The CLI's own hints: its flags. */
export const trustMirrorCliHints = {
  MIRROR_OR_REGISTRY_REQUIRED: 'Give --registry HOST:PORT, --mirror HOST:PORT, or both. Nothing was changed.',
} as const

/** The GUI's own hints: its controls. */
export const trustMirrorGuiHints = {
  MIRROR_CONFIG_INVALID:
    'Repair the file named above (or move it away) and apply again; every other setting in it is kept.',
} as const

/** The plan's words for the mirror, shown by both front ends (`trust.mirror.*`). */
export const trustMirrorTexts = {
  target: {
    docker: 'Docker Hub mirror: Docker (daemon.json registry-mirrors)',
    containerd: 'Docker Hub mirror: containerd (certs.d/docker.io/hosts.toml)',
    podman: 'Docker Hub mirror: Podman / CRI-O (registries.conf.d)',
    k3s: 'Docker Hub mirror: k3s / RKE2 (registries.yaml)',
  },
  note: {
    reloadDocker:
      'dockerd reads `registry-mirrors` again on SIGHUP: run `systemctl reload docker` (or `kill -HUP $(pidof dockerd)`); no restart needed. `docker info` then lists {{mirror}} under Registry Mirrors.',
    reloadDockerRemoved:
      'Restart dockerd (`systemctl restart docker`) so it stops using the mirror: a reload keeps the mirrors it has when daemon.json no longer lists `registry-mirrors`.',
    containerd:
      'containerd reads hosts.toml on every pull (no restart), with config_path set to /etc/containerd/certs.d; `ctr image pull --hosts-dir /etc/containerd/certs.d docker.io/...` uses it too.',
    podman: 'Podman reads registries.conf.d on every command: no restart needed.',
    restartK3s:
      '{{service}} reads registries.yaml only when it starts: restart it (`systemctl restart {{service}}`, or `{{service}}-agent` / `{{service}}-server` on that node).',
    restartK3sRemoved: 'Restart {{service}} so it stops using the mirror.',
  },
  warning: {
    desktop:
      'Docker Desktop keeps its mirrors in its own settings: add {{mirror}} to "registry-mirrors" under Settings > Docker Engine and apply',
    changedSince:
      '{{path}} was changed after install: only the mirror was taken out of it (the rest of the file is kept as it is now, re-formatted)',
  },
  shape: {
    jsonObject: 'the top level is not a JSON object',
    mirrorList: '"{{key}}" is not a list of URLs',
    hostTable: '"host" is not a table of hosts',
    yamlMap: 'the top level is not a map',
    yamlKey: '"{{key}}" is not a map',
  },
  allowed: 'HOST:PORT as the clients reach the mirror (192.168.20.10:5001, mirror.lan:5001)',
} as const

/** What the CLI prints for the mirror, and its help (`cli.trustMirror.*`). */
export const trustMirrorCli = {
  help: {
    mirror:
      'a Docker Hub pull-through mirror HOST:PORT (see `mirror start`): point docker, containerd, podman and k3s at it',
    targets: 'comma-separated: docker,podman,containerd,os,k3s (k3s: mirror only; default: those present)',
    bundleMirror:
      'the Docker Hub mirror HOST:PORT install.sh sets up by default (install.sh --mirror overrides it)',
  },
  header: {
    install: 'Set up the Docker Hub mirror {{mirror}} (CA {{subject}}, SHA-256 {{fingerprint}})',
    uninstall: 'Remove the Docker Hub mirror {{mirror}} (CA {{subject}}, SHA-256 {{fingerprint}})',
  },
  bundleMirror: 'install.sh sets up the Docker Hub mirror {{mirror}} by default (mirror.txt).',
} as const

/** The Trust step's mirror field (`gui.trustMirror.*`). */
export const trustMirrorGui = {
  label: 'Docker Hub mirror (optional)',
  placeholder: 'HOST:PORT, e.g. 192.168.20.10:5001',
  help: 'Also point Docker, containerd, Podman and k3s on this machine (and the bundle) at a pull-through mirror for Docker Hub images.',
  invalid: 'Give the mirror as HOST:PORT.',
} as const
