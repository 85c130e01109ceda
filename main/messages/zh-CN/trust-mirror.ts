import type {
  trustMirrorCli as enCli,
  trustMirrorCliHints as enCliHints,
  trustMirrorErrors as enErrors,
  trustMirrorGui as enGui,
  trustMirrorGuiHints as enGuiHints,
  trustMirrorTexts as enTexts,
} from '../en/trust-mirror'
import type { Texts } from '../types'

export const trustMirrorErrors = {
  MIRROR_CONFIG_INVALID: {
    message: '{{path}} 不是有效的 {{format}}（{{detail}}）；该文件未被改动，也没有写入任何内容',
    hint: '请修复该文件（或将其移走）后重试；镜像加速地址会合并进去，其余设置全部保留。',
  },
  MIRROR_CONFIG_SHAPE: {
    message: '{{path}}：{{detail}}；该文件未被改动，也没有写入任何内容',
    hint: '请修复该文件（或将其移走）后重试。',
  },
  MIRROR_OR_REGISTRY_REQUIRED: {
    message: '{{field}}：至少需要一个 {{field}}，或一个 Docker Hub 镜像加速器（或两者）；{{allowed}}',
    hint: '请给出镜像仓库地址、镜像加速器地址，或两者。未做任何更改。',
  },
} as const satisfies Texts<typeof enErrors>

export const trustMirrorCliHints = {
  MIRROR_OR_REGISTRY_REQUIRED: '请给出 --registry HOST:PORT、--mirror HOST:PORT，或两者。未做任何更改。',
} as const satisfies Texts<typeof enCliHints>

export const trustMirrorGuiHints = {
  MIRROR_CONFIG_INVALID: '请修复上面提到的文件（或将其移走）后再次应用；其中的其余设置全部保留。',
} as const satisfies Texts<typeof enGuiHints>

export const trustMirrorTexts = {
  target: {
    docker: 'Docker Hub 镜像加速器：Docker（daemon.json 的 `registry-mirrors`）',
    containerd: 'Docker Hub 镜像加速器：containerd（certs.d/docker.io/hosts.toml）',
    podman: 'Docker Hub 镜像加速器：Podman / CRI-O（registries.conf.d）',
    k3s: 'Docker Hub 镜像加速器：k3s / RKE2（registries.yaml）',
  },
  note: {
    reloadDocker:
      'dockerd 收到 SIGHUP 时会重新读取 `registry-mirrors`：请运行 `systemctl reload docker`（或 `kill -HUP $(pidof dockerd)`），无需重启。之后 `docker info` 会在 Registry Mirrors 下列出 {{mirror}}。',
    reloadDockerRemoved:
      '请重启 dockerd（`systemctl restart docker`），让它停止使用该镜像加速器：daemon.json 中不再有 `registry-mirrors` 时，重新加载会保留原有的镜像加速器。',
    containerd:
      '只要 config_path 设为 /etc/containerd/certs.d，containerd 每次拉取都会读取 hosts.toml（无需重启）；`ctr image pull --hosts-dir /etc/containerd/certs.d docker.io/...` 同样使用它。',
    podman: 'Podman 每条命令都会读取 registries.conf.d：无需重启。',
    restartK3s:
      '{{service}} 只在启动时读取 registries.yaml：请重启它（`systemctl restart {{service}}`，或该节点上的 `{{service}}-agent` / `{{service}}-server`）。',
    restartK3sRemoved: '请重启 {{service}}，让它停止使用该镜像加速器。',
  },
  warning: {
    desktop:
      'Docker Desktop 在其自身设置中保存镜像加速器：请在 设置 > Docker Engine 的 `registry-mirrors` 中加入 {{mirror}} 并应用',
    changedSince:
      '{{path}} 在安装之后被修改过：只从中移除了镜像加速地址（文件其余部分按现在的内容保留，并重新排版）',
  },
  shape: {
    jsonObject: '顶层不是 JSON 对象',
    mirrorList: '“{{key}}”不是 URL 列表',
    hostTable: '“host”不是主机表',
    yamlMap: '顶层不是映射',
    yamlKey: '“{{key}}”不是映射',
  },
  allowed: '允许 HOST:PORT，即客户端访问镜像加速器所用的地址（192.168.20.10:5001、mirror.lan:5001）',
} as const satisfies Texts<typeof enTexts>

export const trustMirrorCli = {
  help: {
    mirror:
      'Docker Hub 拉取镜像加速器 HOST:PORT（见 `mirror start`）：让 docker、containerd、podman 和 k3s 通过它拉取',
    targets: '逗号分隔：docker,podman,containerd,os,k3s（k3s 仅用于镜像加速器；默认：本机已有的）',
    bundleMirror: 'install.sh 默认配置的 Docker Hub 镜像加速器 HOST:PORT（install.sh --mirror 可覆盖）',
  },
  header: {
    install: '配置 Docker Hub 镜像加速器 {{mirror}}（CA {{subject}}，SHA-256 {{fingerprint}}）',
    uninstall: '移除 Docker Hub 镜像加速器 {{mirror}}（CA {{subject}}，SHA-256 {{fingerprint}}）',
  },
  bundleMirror: 'install.sh 默认配置 Docker Hub 镜像加速器 {{mirror}}（mirror.txt）。',
} as const satisfies Texts<typeof enCli>

export const trustMirrorGui = {
  label: 'Docker Hub 镜像加速器（可选）',
  placeholder: 'HOST:PORT，例如 192.168.20.10:5001',
  help: '同时让本机（以及信任包）的 Docker、containerd、Podman 和 k3s 通过拉取镜像加速器获取 Docker Hub 镜像。',
  invalid: '请以 HOST:PORT 的形式给出镜像加速器。',
} as const satisfies Texts<typeof enGui>
