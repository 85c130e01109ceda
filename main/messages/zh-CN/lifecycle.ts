import type { Texts } from '../types'
import type {
  lifecycleCli as enCli,
  lifecycleCliHints as enCliHints,
  lifecycleErrors as enErrors,
  lifecycleGuiHints as enGuiHints,
  lifecycleGui as enGui,
  lifecycleProgress as enProgress,
  lifecycleTexts as enTexts,
} from '../en/lifecycle'

export const lifecycleErrors = {
  CA_RENEW_INTERMEDIATE: {
    message: '{{field}}：{{dir}} 中是中间 CA（或不是自签名的 CA 证书）；这里只能续期根 CA。',
    hint: '请用上级 CA 续期中间 CA，然后重新导入。',
  },
  RENEW_CA_UNKNOWN: {
    message: '本应用已知的 CA 都没有签发“{{name}}”当前提供的证书，因此无法在这里续签。',
    hint: '请先打开签发它的 CA，然后再续签；来自其他 CA 的证书只能替换，不能续签。',
  },
  CERT_FROM_PREVIOUS_CA: {
    message:
      '{{field}}：“{{name}}”当前提供的证书由 {{dir}} 的上一个 CA 签发（续期 CA 时已归档为 {{previous}}），而不是由它当前的 CA 签发。',
    hint: '请先把包含两个 CA 的信任包分发到每台客户端，再把证书换到新 CA。',
  },
  RENEW_NO_PREVIOUS_CA: {
    message:
      '{{field}}：{{dir}} 中没有上一个 CA（续期 CA 时归档的 ca.crt.bak-…），因此没有可以从中迁移服务器证书的 CA。',
    hint: '请先续期 CA，或用签发该证书的 CA 续签证书。',
  },
  RENEW_NOT_PREVIOUS_CA: {
    message:
      '{{field}}：“{{name}}”当前提供的证书既不是 {{dir}} 中的 CA 签发的，也不是它归档的上一个 CA（{{previous}}）签发的，因此无法迁移到新 CA。',
    hint: '请指定签发当前证书、并且之后已续期的那个 CA 的文件夹。',
  },
} as const satisfies Texts<typeof enErrors>

export const lifecycleCliHints = {
  RENEW_CA_UNKNOWN: '请用 registry-wizard registry renew-cert --ca-dir DIR 指定 CA 文件夹。',
  CERT_FROM_PREVIOUS_CA:
    '请导出包含两个 CA 的信任包（registry-wizard bundle export --ca {{dir}}/ca.crt --previous-ca {{previous}} --registry HOST:PORT --out DIR），安装到每台客户端，然后迁移：registry-wizard registry renew-cert --to-new-ca --ca-dir {{dir}}。',
  RENEW_NO_PREVIOUS_CA:
    '请先运行 registry-wizard ca renew --ca-dir {{dir}}，或去掉 --to-new-ca，用同一个 CA 续签。',
  RENEW_NOT_PREVIOUS_CA:
    '请用 --ca-dir 指定签发当前证书的 CA 文件夹（registry-wizard cert inspect 可显示其签发者）。',
} as const satisfies Texts<typeof enCliHints>

export const lifecycleGuiHints = {
  RENEW_CA_UNKNOWN: '请在首页的 CA 列表中打开它的 CA（“使用”），或在“镜像仓库”步骤中使用“更换证书”。',
} as const satisfies Texts<typeof enGuiHints>

export const lifecycleCli = {
  renewCert: {
    description:
      '用同一个 CA 续签镜像仓库的服务器证书：地址不变（可用 --ip/--dns 增加），有效期重新计算；任何一步失败都会恢复旧的证书和密钥',
    caDir: '签发镜像仓库当前证书的 CA 文件夹',
    passphraseFile: '保存 CA 私钥口令的文件',
    days: '续签后证书的有效天数（默认 825，不会超过 CA 的有效期）',
    ip: '在当前证书的地址之外增加的 IP 地址（可重复）',
    dns: '在当前证书的地址之外增加的 DNS 名称（可重复）',
    done: '已续签“{{name}}”的证书：镜像仓库使用新证书应答 {{status}}。',
    sans: '地址：{{sans}}',
    validity: '有效期至：{{to}}（原为 {{from}}）',
    fingerprint: 'SHA-256：{{fingerprint}}',
    clients: '客户端无需任何改动：证书来自它们已经信任的 CA。',
    toNewCa:
      'ca renew 之后把证书迁移到该 CA 文件夹的新 CA（当前证书可以来自该文件夹归档的上一个 CA）；只信任上一个 CA 的客户端之后会失败，请先分发包含两个 CA 的信任包',
    moving:
      '正在把“{{name}}”的证书迁移到新 CA：客户端必须事先安装包含两个 CA 的信任包（registry-wizard bundle export --previous-ca）；只信任上一个 CA 的客户端在迁移后会失败。',
    alreadyNew: '证书本来就是该文件夹当前的 CA 签发的：已用它续签，没有迁移。',
    moved: '已迁移到新 CA：证书现在来自 {{ca}}（之前：上一个 CA，{{previous}}）。',
    previousOnlyRefused:
      '迁移后已检查：只信任上一个 CA 的客户端现在被拒绝；它需要包含两个 CA 的信任包（或新 CA）。',
    previousOnlyAccepted:
      '迁移后已检查：只信任上一个 CA 的客户端仍被接受（不符合预期：请检查证书由哪个 CA 签发）。',
    bothAccepted: '安装了包含两个 CA 的信任包的客户端被接受。',
    bothRefused: '安装了包含两个 CA 的信任包的客户端被拒绝：请检查信任包和当前提供的证书。',
  },
  check: {
    description:
      '供 cron、Nagios、Icinga 或 Zabbix 使用的监控检查：服务器证书和 CA 的到期时间、镜像仓库是否响应 /v2/、存储使用率；退出码 0 OK、1 WARNING、2 CRITICAL、3 UNKNOWN',
    registry: '客户端访问镜像仓库所用的地址（主机:端口）',
    ca: '客户端信任的 CA 证书（ca.crt）',
    warnDays: '服务器证书剩余天数少于此值时为 WARNING',
    critDays: '服务器证书或 CA 剩余天数少于此值时为 CRITICAL',
    caWarnDays: 'CA 剩余天数少于此值时为 WARNING',
    name: '用于存储检查的镜像仓库容器',
    maxUsagePercent:
      '存放镜像仓库数据的文件系统使用率达到此百分比或更高时为 CRITICAL（通过 Docker 引擎检查存储）',
    timeout: '等待镜像仓库应答的秒数',
    json: '以 JSON 输出结果（state、exitCode、items、perfdata）',
  },
  bundle: {
    previousCa: '续期前的旧 CA（ca renew 将其保留为 ca.crt.bak-…）：ca.crt 将同时包含两个 CA，用于过渡期',
    previousSame: '与 --ca 不同的 CA',
  },
  caRenew: {
    description:
      '续期 CA：使用相同主题的新私钥和新证书；旧的证书和私钥归档在旁边，包含新旧两个 CA 的信任包覆盖过渡期',
    caDir: 'CA 文件夹（ca.crt、ca.key）',
    passphraseFile: '保存 CA 私钥口令的文件（新私钥使用相同口令）',
    days: '新 CA 的有效天数（默认 3650）',
    keyType:
      '新 CA 私钥的密钥类型：ecdsa-p256、rsa-2048、rsa-3072 或 rsa-4096（默认：与当前 CA 私钥的类型相同）',
    keySize: '新 CA 私钥的 RSA 位数',
    done: '已续期 {{dir}} 中的 CA。',
    newCa: '新 CA：{{subject}}，有效期至 {{notAfter}}，SHA-256 {{fingerprint}}',
    oldCa: '旧 CA（已归档）：{{path}}，有效期至 {{notAfter}}',
    next: '下一步：把包含新旧两个 CA 的信任包分发到每台客户端（registry-wizard bundle export --ca {{path}} --previous-ca {{previous}} --registry HOST:PORT --out DIR）；镜像仓库继续提供旧 CA 签发的证书，它在 {{until}} 之前有效。所有客户端都安装后，把服务器证书迁移到新 CA：registry-wizard registry renew-cert --to-new-ca --ca-dir {{dir}}（地址不变；任何一步失败都会恢复旧证书）。',
  },
} as const satisfies Texts<typeof enCli>

export const lifecycleTexts = {
  caWarning: {
    CA_EXPIRES_SOON:
      'CA 将在 {{days}} 天后（{{notAfter}}）到期：请现在续期，让客户端在旧 CA 仍然有效时拿到新 CA。',
    CA_EXPIRED: 'CA 已于 {{notAfter}} 到期：客户端会拒绝它签发的所有证书。请续期 CA 并分发新的信任包。',
  },
  check: {
    allowed: {
      days: '整数天数（0 或更大）',
      critBelowWarn: '不超过警告阈值（{{warnDays}} 天）',
      percent: '1 到 100 的整数百分比',
      hostPort: '主机:端口，必须包含端口',
    },
    ca: {
      ok: 'CA 剩余 {{days}} 天',
      ending: 'CA 将在 {{days}} 天后到期（{{notAfter}}）',
      expired: 'CA 已于 {{notAfter}} 到期',
    },
    certificate: {
      ok: '证书剩余 {{days}} 天',
      ending: '证书将在 {{days}} 天后到期（{{notAfter}}）',
      expired: '证书已于 {{notAfter}} 到期',
      untrusted: '用此 CA 无法信任镜像仓库提供的证书：{{reason}}',
      unreachable: '{{host}}:{{port}} 没有 TLS 应答：{{reason}}',
    },
    registry: {
      ok: '/v2/ 应答 {{status}}',
      status: '/v2/ 应答 {{status}}（应为 200 或 401）',
      down: '镜像仓库在 {{host}}:{{port}} 没有应答：{{reason}}',
    },
    storage: {
      ok: '存储已使用 {{percent}}%（上限 {{max}}%）',
      full: '存储已使用 {{percent}}%，达到或超过上限 {{max}}%',
      unknown: '无法得知“{{name}}”的存储使用情况：{{reason}}',
    },
  },
} as const satisfies Texts<typeof enTexts>

export const lifecycleProgress = {
  renewCa: {
    open: '正在打开 CA',
    create: '正在创建新的 CA 私钥和证书',
    archive: '正在归档旧 CA',
    write: '正在写入新的 CA 私钥和证书',
  },
} as const satisfies Texts<typeof enProgress>

export const lifecycleGui = {
  registries: '镜像仓库',
  registry: '镜像仓库',
  address: '地址',
  served: '当前提供的证书',
  noRegistries: '还没有镜像仓库：请在“镜像仓库”步骤中启动一个。',
  notRunning: '在引擎上未找到',
  reading: '正在读取…',
  level: {
    ok: '正常',
    watch: '即将需要续签',
    soon: '请立即续签',
    expired: '已过期',
  },
  daysLeft_one: '剩余 {{count}} 天',
  daysLeft_other: '剩余 {{count}} 天',
  renew: '续签',
  renewLabel: '续签 {{name}} 的证书',
  renewing: '正在续签证书…',
  renewed: '已续签：有效期至 {{date}}。客户端无需任何改动。',
  noCa: '请先打开签发此证书的 CA（见上方的 CA 列表）。',
  passphrase: 'CA 口令',
} as const satisfies Texts<typeof enGui>
