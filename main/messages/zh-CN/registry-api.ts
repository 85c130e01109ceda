import type { registryApiErrors as enErrors } from '../en/registry-api'
import type { Texts } from '../types'

export const registryApiErrors = {
  REGISTRY_API_READ_ONLY: {
    message: '{{method}} {{url}}：镜像仓库处于只读维护模式（正在进行垃圾回收）；期间拒绝推送和删除。',
    hint: '请在垃圾回收结束后再推送。',
  },
  REGISTRY_API_NO_PUSH: {
    message:
      '{{url}}：镜像仓库拒绝上传（405 UNSUPPORTED）：它是拉取缓存镜像（pull-through mirror），只提供从上游获取的内容。',
    hint: '请推送到你自己的镜像仓库（它的地址和端口），而不是镜像加速器。',
  },
  REGISTRY_API_HTTP: {
    message: '{{method}} {{url}}：镜像仓库返回 {{status}} {{registryCode}} {{registryMessage}}',
    hint: '请检查仓库名称、引用和该用户的权限；镜像仓库的日志中有更多信息。',
  },
  REGISTRY_API_DIGEST_MISMATCH: {
    message: '{{what}} 的摘要不符：应为 {{expected}}，实际内容为 {{actual}}。',
    hint: '内容在传输中被更改或截断。没有设置任何标签；请重新复制源文件。',
  },
  REGISTRY_API_DIGEST_INVALID: {
    message: '{{field}}：“{{value}}”不是 sha256 摘要（sha256: 加 64 位十六进制数字）。',
    hint: '请以 sha256:<64 位小写十六进制数字> 的形式给出摘要。',
  },
  REGISTRY_API_UNAUTHORIZED: {
    message: '{{method}} {{url}}：镜像仓库拒绝了凭据（{{status}}）。',
    hint: '请检查该镜像仓库的用户名和密码。',
  },
  REGISTRY_API_TOKEN: {
    message: '未能从 {{realm}} 获得令牌：{{reason}}',
    hint: '请检查令牌服务是否可达并接受这些凭据。',
  },
  REGISTRY_API_TLS: {
    message: '与 {{host}} 的 TLS 连接失败：{{reason}}',
    hint: '镜像仓库的证书必须由这里给出的 CA 签发，并包含所用的地址。',
  },
  REGISTRY_API_UNREACHABLE: {
    message: '无法连接到 {{host}} 上的镜像仓库：{{reason}}',
    hint: '请检查地址和端口，以及镜像仓库是否在运行。',
  },
  REGISTRY_API_PROTOCOL: {
    message: '{{method}} {{url}}：镜像仓库的回答不符合预期：{{detail}}',
    hint: '请检查该地址是否为 OCI distribution 镜像仓库（/v2/）。',
  },
} as const satisfies Texts<typeof enErrors>
