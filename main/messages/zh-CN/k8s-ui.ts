import type { k8sUiErrors as enErrors, k8sUiGui as enGui, k8sUiGuiHints as enGuiHints } from '../en/k8s-ui'
import type { Texts } from '../types'

export const k8sUiErrors = {
  K8S_FOLDER_UNKNOWN: {
    message: '本次会话中尚未选择存放清单的文件夹',
    hint: '请重新选择文件夹，然后写出清单。',
  },
} as const satisfies Texts<typeof enErrors>

export const k8sUiGuiHints = {
  K8S_FOLDER_UNKNOWN: '请再次点击“选择文件夹…”，然后点击“写出清单”。',
} as const satisfies Texts<typeof enGuiHints>

export const k8sUiGui = {
  title: 'Kubernetes 集群',
  intro:
    '让每个节点都信任镜像仓库的清单：DaemonSet 在每个节点的 /etc/containerd/certs.d/{{hostPort}}/ 中写入 ca.crt 和 hosts.toml（删除 DaemonSet 时一并删除），另附 k3s / RKE2 的 registries.yaml。',
  open: '为 Kubernetes 集群写出清单…',
  namespace: '命名空间',
  image: 'DaemonSet 使用的镜像',
  imageHint:
    '带 busybox sh 的小镜像。节点上必须已有该镜像或能够拉取它：离线时在每个节点上用 `ctr -n k8s.io images import busybox.tar` 导入。',
  pullSecret: '同时写出拉取密钥（镜像仓库启用了 htpasswd）',
  user: '用户名',
  password: '密码',
  passwordHint: '只发送给主进程，写入拉取密钥和 k3s 的 registries.yaml；不会显示或保存。',
  folder: '存放清单的文件夹',
  chooseFolder: '选择文件夹…',
  noFolder: '尚未选择文件夹',
  force: '替换上一次生成的文件',
  write: '写出清单',
  written_other: '已将 {{count}} 个文件写入 {{dir}}',
  next: '接下来',
  apply: '应用（所有节点；子文件夹不会被应用）：',
  rollout: '查看进度，并阅读每个节点关于 containerd config_path 的输出：',
  configPath:
    '只要 /etc/containerd/config.toml 中设置了 config_path = "/etc/containerd/certs.d"（containerd 2.x 默认已设置），containerd 每次拉取都会读取 hosts.toml，无需重启；设置它需要重启 containerd 一次。',
  rancher:
    'k3s / RKE2：在每个节点上把 k3s/* 复制到 /etc/rancher/k3s/（rke2/* 复制到 /etc/rancher/rke2/），然后重启服务：registries.yaml 只在启动时读取。',
  pullSecretNext:
    '拉取密钥：在每个要拉取镜像的命名空间中执行 `kubectl -n 应用命名空间 apply -f {{dir}}/pull-secret/`。',
  remove: '删除：`kubectl delete -f {{dir}}/`；对于期间宕机的节点，先应用再删除 {{dir}}/uninstall/。',
  allowed: {
    folderId: '本次会话中用“选择文件夹…”选择的文件夹',
  },
  field: {
    namespace: '命名空间',
    image: '镜像',
    pullSecretUser: '用户名',
    password: '密码',
    folderId: '存放清单的文件夹',
    outDir: '存放清单的文件夹',
  },
} as const satisfies Texts<typeof enGui>
