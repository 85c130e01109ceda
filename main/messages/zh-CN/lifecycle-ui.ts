import type { Texts } from '../types'
import type {
  caRenewalGui as enCaRenewal,
  homeMirrorGui as enHomeMirror,
  lifecycleUiErrors as enErrors,
  lifecycleUiGuiHints as enGuiHints,
} from '../en/lifecycle-ui'

export const lifecycleUiErrors = {
  PREVIOUS_CA_NONE: {
    message:
      '{{field}}：{{dir}} 中没有上一个 CA（续期 CA 时归档的、仍然有效的 ca.crt.bak-…），因此无法用它制作包含两个 CA 的信任包。',
    hint: '请先续期 CA，或只用当前这一个 CA 导出信任包。',
  },
} as const satisfies Texts<typeof enErrors>

export const lifecycleUiGuiHints = {
  PREVIOUS_CA_NONE: '请先在首页续期 CA（“续期 CA”），或在“客户端信任”步骤中导出信任包。',
} as const satisfies Texts<typeof enGuiHints>

export const caRenewalGui = {
  overlapTitle: 'CA 续期之后',
  renew: '续期 CA',
  renewLabel: '续期 CA {{name}}',
  confirmTitle: '续期 CA {{name}}？',
  confirmText:
    '这会生成同名的新 CA 密钥和证书，旧的密钥和证书保留在旁边。在镜像仓库改用新 CA 签发的证书之前，它的客户端必须同时信任两个 CA：接下来会提供包含两个 CA 的信任包。',
  confirm: '续期 CA',
  renewing: '正在续期 CA',
  passphrase: 'CA 私钥的密码',
  renewed: 'CA {{name}} 已续期：新 CA 到 {{notAfter}} 为止有效（指纹 {{fingerprint}}）。',
  oldCa: '旧 CA（指纹 {{fingerprint}}）保留为 {{path}}，到 {{until}} 为止仍然有效。',
  needTitle: '以下各项须在 {{until}} 之前拿到新的信任包（两个 CA）：',
  needClients: '每台信任旧 CA 的机器：如果在本机信任过该 CA，则包括本机；以及每台安装过它的信任包的机器。',
  needRegistry:
    '镜像仓库 {{address}}：它提供的证书仍由旧 CA 签发。待它的客户端都拿到信任包后，再把它迁移到新 CA。',
  servedByOld: '它的证书来自已被替换的 CA，有效期到 {{until}}：在此之前，只信任旧 CA 的客户端仍可正常使用。',
  exportTitle: '包含两个 CA 的信任包',
  exportHelp: '请在镜像仓库迁移到新 CA 之前把它安装到每台客户端上：这样迁移前后客户端都信任该镜像仓库。',
  folder: '信任包文件夹',
  export: '导出包含两个 CA 的信任包',
  exporting: '正在写入信任包',
  exported:
    '包含两个 CA 的信任包已写入 {{dir}}：新 CA {{fingerprint}}，以及到 {{until}} 为止有效的旧 CA {{previous}}。',
  move: '把镜像仓库迁移到新 CA',
  moving: '正在把镜像仓库迁移到新 CA',
  moved: '镜像仓库现在提供由新 CA 签发的证书，有效期到 {{date}}。',
  movedClients: '只信任旧 CA 的客户端：{{previousOnly}}。信任两个 CA 的客户端：{{both}}。',
  client: {
    accepted: '接受',
    refused: '拒绝',
  },
} as const satisfies Texts<typeof enCaRenewal>

export const homeMirrorGui = {
  kind: 'Docker Hub 镜像加速器',
  stopLabel: '停止镜像加速器 {{name}}',
  restartLabel: '重启镜像加速器 {{name}}',
  removeLabel: '删除镜像加速器 {{name}}',
  restarting: '正在重启镜像加速器',
} as const satisfies Texts<typeof enHomeMirror>
