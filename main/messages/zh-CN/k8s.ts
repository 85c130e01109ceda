import type {
  k8sCli as enCli,
  k8sCliHints as enCliHints,
  k8sErrors as enErrors,
  k8sGuiHints as enGuiHints,
  k8sTexts as enTexts,
} from '../en/k8s'
import type { Texts } from '../types'

export const k8sErrors = {
  K8S_OUT_EXISTS: {
    message: '{{path}} 已存在；没有写入任何文件',
    hint: '请写入一个空文件夹，或替换上一次生成的文件。没有做任何更改。',
  },
  K8S_OUT_NOT_FOLDER: {
    message: '{{field}}：{{path}} 是文件而不是文件夹；没有写入任何文件',
    hint: '请指定一个文件夹（不存在时会自动创建）。',
  },
} as const satisfies Texts<typeof enErrors>

export const k8sCliHints = {
  K8S_OUT_EXISTS: '加上 --force 替换上一次生成的文件，或换一个 --out 文件夹。没有写入任何文件。',
} as const satisfies Texts<typeof enCliHints>

export const k8sGuiHints = {
  K8S_OUT_EXISTS: '请选择另一个文件夹，或勾选“替换上一次生成的文件”后再写入。没有写入任何文件。',
} as const satisfies Texts<typeof enGuiHints>

export const k8sTexts = {
  allowed: {
    namespace: 'Kubernetes 命名空间名称：小写字母、数字和“-”，以字母或数字开头和结尾，最多 63 个字符',
    image:
      '镜像引用，例如 docker.io/library/busybox:1.36.1 或 192.168.20.10:5000/tools/busybox:1（带标签或 @sha256 摘要）',
    user: '不含空格和“:”的用户名（镜像仓库的 htpasswd 用户）',
    password: '密码文件，其第一行是密码',
    login: '拉取密钥的用户名和密码文件要么都给出，要么都不给',
  },
} as const satisfies Texts<typeof enTexts>

export const k8sCli = {
  help: {
    k8s: 'Kubernetes 与 k3s/RKE2：让每个节点都信任镜像仓库的清单',
    manifests:
      '写出 Namespace、ConfigMap 和 DaemonSet（在每个节点的 /etc/containerd/certs.d/HOST:PORT/ 放入 ca.crt 和 hosts.toml）、卸载清单、k3s/RKE2 的 registries.yaml，给出登录信息时还有拉取密钥',
    ca: '镜像仓库的 CA 证书（PEM），例如 ca/ca.crt',
    registry: '镜像仓库地址 HOST:PORT，与镜像引用中的写法相同（可重复）',
    mirror:
      'Docker Hub 拉取缓存镜像 HOST:PORT：写入 certs.d/docker.io/hosts.toml 和 k3s 的 docker.io 镜像配置',
    namespace: 'DaemonSet 所在的命名空间（默认：{{default}}）',
    image: 'DaemonSet 使用的带 busybox sh 的小镜像（默认：{{default}}）；节点上必须已有该镜像或能够拉取它',
    pullSecretUser: 'htpasswd 用户：同时写出 kubernetes.io/dockerconfigjson 拉取密钥和 k3s 的 `auth`',
    passwordFile: '第一行是该用户密码的文件（密码不会被打印）',
    out: '要写入的文件夹（不存在时自动创建）',
    force: '替换该文件夹中上一次生成的文件',
    json: '以 JSON 输出结果',
  },
  written: '已将 {{registries}} 的 Kubernetes 清单写入 {{dir}}：',
  next: {
    title: '接下来：',
    apply:
      '  kubectl apply -f {{dir}}/          每个节点都会得到 /etc/containerd/certs.d/HOST:PORT/（子文件夹不会被应用）',
    rollout: '  kubectl -n {{namespace}} rollout status daemonset/registry-trust',
    logs: '  kubectl -n {{namespace}} logs -l app.kubernetes.io/name=registry-trust   （日志会说明 containerd 的 config_path 是否已设置）',
    configPath:
      'containerd 每次拉取都会读取 hosts.toml，无需重启；但前提是 /etc/containerd/config.toml 中设置了 config_path = "/etc/containerd/certs.d"（containerd 2.x 默认已设置）；设置它需要重启 containerd 一次。',
    image:
      '节点上必须有 {{image}}（imagePullPolicy 为 IfNotPresent）：在有 Docker 的机器上执行 `docker pull {{image}}` 和 `docker save {{image}} -o busybox.tar`；在每个节点上执行 `ctr -n k8s.io images import busybox.tar`（k3s：`k3s ctr images import`，或把该 tar 复制到 /var/lib/rancher/k3s/agent/images/；RKE2：/var/lib/rancher/rke2/agent/images/）。',
    pullSecret:
      '拉取密钥：在每个要拉取镜像的命名空间中执行 `kubectl -n 应用命名空间 apply -f {{dir}}/pull-secret/`，然后在其 Pod（或服务账号）中设置 `imagePullSecrets: [{name: {{secret}}}]`。密码保存在该文件中：请妥善保管。',
    rancher:
      'k3s / RKE2（它们的 containerd 不读取 /etc/containerd）：在每个节点上把 {{dir}}/k3s/* 复制到 /etc/rancher/k3s/（RKE2：把 {{dir}}/rke2/* 复制到 /etc/rancher/rke2/），然后重启服务（`systemctl restart k3s`、`k3s-agent`、`rke2-server` 或 `rke2-agent`）：registries.yaml 只在启动时读取。',
    remove:
      '删除：`kubectl delete -f {{dir}}/`（每个 Pod 只删除它自己写入的文件）。对于期间宕机的节点：`kubectl apply -f {{dir}}/uninstall/`，等待其完成滚动，然后 `kubectl delete -f {{dir}}/uninstall/`。',
  },
} as const satisfies Texts<typeof enCli>
