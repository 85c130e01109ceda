import type { Texts } from '../types'
import type {
  mirrorCli as enCli,
  mirrorCliHints as enCliHints,
  mirrorErrors as enErrors,
  mirrorExplain as enExplain,
  mirrorGui as enGui,
  mirrorGuiHints as enGuiHints,
  mirrorProgress as enProgress,
  mirrorTexts as enTexts,
  mirrorVerify as enVerify,
} from '../en/mirror'

export const mirrorErrors = {
  MIRROR_UPSTREAM_INVALID: {
    message: '{{field}}：{{value}} 不能作为上游：{{reason}}。',
    hint: '请以 https://HOST[:PORT] 的形式给出上游（默认：Docker Hub，https://registry-1.docker.io）；上游的登录信息单独给出，从文件读取。没有启动任何东西。',
  },
  MIRROR_UPSTREAM_CA_INVALID: {
    message: '{{field}} 中没有 PEM 证书。',
    hint: '请给出上游证书所链接到的 CA 证书，PEM 格式（-----BEGIN CERTIFICATE-----）。没有启动任何东西。',
  },
  MIRROR_UPSTREAM_LOGIN: {
    message: '{{field}}：上游用户名和密码必须同时给出。',
    hint: '请同时给出上游用户名和存放其密码的文件，或都不给。没有启动任何东西。',
  },
  MIRROR_TTL_UNSUPPORTED: {
    message:
      '镜像 {{image}}（distribution {{version}}）没有代理 TTL 设置：它将代理的内容保留 7 天，并会忽略 TTL。',
    hint: '请去掉 TTL，或使用 registry:3 镜像（distribution 3 读取 proxy.ttl）。没有启动任何东西。',
  },
  MIRROR_UPSTREAM_FAILED: {
    message:
      '镜像加速器在启动时退出：registry:2 启动时会向上游 {{upstream}} 请求 /v2/，而该请求失败：{{detail}}{{cleanup}}',
    hint: '请检查引擎所在主机能否访问上游（DNS、防火墙、代理）；对于内部上游，请确认其 CA 文件正是其证书所链接到的 CA。然后重新启动镜像加速器。',
  },
  MIRROR_UPSTREAM_LOGIN_REFUSED: {
    message:
      '上游 {{upstream}} 拒绝了用户 {{user}} 的登录：{{realm}} 返回 HTTP {{status}}。镜像加速器将无法从它获取任何镜像（registry:2 随后会对每个镜像都返回 404“manifest unknown”）。',
    hint: '请检查用户名以及文件中的密码（对于 Docker Hub，可以用访问令牌代替密码），然后重新启动镜像加速器。没有启动任何东西。',
  },
  MIRROR_UPSTREAM_BASIC_AUTH: {
    message:
      '上游 {{upstream}} 要求 Basic（htpasswd）登录，而镜像 {{image}}（distribution {{version}}）只把上游登录信息发送给令牌服务：镜像加速器将拉取不到任何内容。',
    hint: '请使用 registry:3 镜像（distribution 3 也支持 Basic 登录），或使用令牌认证的上游（Docker Hub 和 Harbor 都是）。没有启动任何东西。',
  },
  MIRROR_NOT_A_MIRROR: {
    message: '容器 {{name}} 不是由 Registry Wizard 创建的拉取缓存镜像加速器。',
    hint: '请指定镜像加速器的容器；镜像仓库请按镜像仓库管理。',
  },
} as const satisfies Texts<typeof enErrors>

export const mirrorCliHints = {
  MIRROR_UPSTREAM_INVALID:
    '请给出 --upstream https://HOST[:PORT]（默认：Docker Hub）；登录信息请用 --upstream-user 和 --upstream-password-file 给出。没有启动任何东西。',
  MIRROR_UPSTREAM_CA_INVALID:
    '请给出 --upstream-ca FILE：上游证书所链接到的 PEM 格式 CA 证书。没有启动任何东西。',
  MIRROR_UPSTREAM_LOGIN:
    '请同时给出 --upstream-user NAME 和 --upstream-password-file FILE，或都不给。没有启动任何东西。',
  MIRROR_TTL_UNSUPPORTED: '请去掉 --ttl，或加上 --image registry:3。没有启动任何东西。',
  MIRROR_UPSTREAM_FAILED:
    '请检查引擎所在主机能否访问上游，内部上游请检查 --upstream-ca；然后重新运行 registry-wizard mirror start。',
  MIRROR_UPSTREAM_LOGIN_REFUSED:
    '请检查 --upstream-user 以及 --upstream-password-file 所指文件中的密码（对于 Docker Hub，可以用访问令牌代替密码）；然后重新运行 registry-wizard mirror start。没有启动任何东西。',
  MIRROR_UPSTREAM_BASIC_AUTH:
    '请加上 --image registry:3（distribution 3 也支持 Basic 登录），或改用令牌认证的上游。没有启动任何东西。',
  MIRROR_NOT_A_MIRROR:
    '请用 --name 指定镜像加速器（默认 registry-mirror）；镜像仓库请用 registry-wizard registry status|stop|restart|remove 管理。',
} as const satisfies Texts<typeof enCliHints>

export const mirrorGuiHints = {
  MIRROR_UPSTREAM_INVALID:
    '请以 https://HOST[:PORT] 的形式填写上游（留空：Docker Hub）；密码文件请单独选择。没有启动任何东西。',
  MIRROR_UPSTREAM_CA_INVALID: '请选择上游证书所链接到的 PEM 格式 CA 证书。没有启动任何东西。',
  MIRROR_UPSTREAM_LOGIN: '请填写上游用户名并选择其密码文件，或两者都留空。',
  MIRROR_UPSTREAM_LOGIN_REFUSED:
    '请检查上游用户名并选择正确的密码文件（对于 Docker Hub，可以用访问令牌代替密码）。没有启动任何东西。',
  MIRROR_NOT_A_MIRROR: '该名称的容器是镜像仓库：请在“镜像仓库”步骤中管理它。',
} as const satisfies Texts<typeof enGuiHints>

export const mirrorTexts = {
  upstream: {
    notUrl: '它不是 URL',
    notHttps: '只允许 https://（否则登录信息和镜像会以明文传输）',
    credentials: 'URL 中的登录信息会被写入镜像仓库日志；请单独给出',
    path: '只允许 https://HOST[:PORT]，不能带路径、查询或片段',
  },
  allowed: {
    ttl: '时长，例如 168h、90m 或 1h30m',
    user: '不含空格和“:”的用户名',
  },
  action: {
    version: '查询 {{image}} 的版本',
  },
  version: {
    unknown: '未知',
  },
  login: {
    unchecked:
      '未能从本机检查上游登录信息（{{error}}）；如果镜像加速器随后对每个镜像都返回 404“manifest unknown”，最可能的原因是登录信息有误',
    timeout: '上游在 {{seconds}} 秒内没有应答',
  },
} as const satisfies Texts<typeof enTexts>

export const mirrorProgress = {
  config: '正在将镜像加速器的配置（上游 {{upstream}}）写入其专用卷，权限 0600',
} as const satisfies Texts<typeof enProgress>

export const mirrorVerify = {
  title: '通过镜像加速器拉取 Docker 公共镜像名称',
  pull: {
    ok: '{{image}}：清单 {{digest}} 和 {{blobs}} 个数据块（{{bytes}} 字节）已通过镜像加速器获取',
    'ok-index':
      '{{image}}：索引 {{digest}}，平台 {{platform}}：清单和 {{blobs}} 个数据块（{{bytes}} 字节）已通过镜像加速器获取',
    missing: '{{image}}：镜像加速器返回 {{status}} {{registryCode}}：它无法从上游获取该镜像',
    failed: '{{image}}：拉取失败：{{error}}',
  },
  push: {
    refused:
      '该镜像仓库拒绝上传（{{status}} {{registryCode}}）：它是拉取缓存镜像加速器（或只读），无法接受推送',
  },
  fix: '请检查镜像加速器的状态和日志：其中有其上游的回应。',
} as const satisfies Texts<typeof enVerify>

export const mirrorExplain = {
  MIRROR_NO_PUSH: {
    title: '这是拉取缓存镜像加速器：它无法接受推送',
    explanation:
      '{{registry}} 对上传请求返回 405 UNSUPPORTED：代理模式的镜像仓库只提供从上游（Docker Hub）获取的内容，不接受推送。',
    fix: '请改为推送到您自己的镜像仓库（“镜像仓库”步骤），并用拉取来验证镜像加速器（镜像加速器模式的“验证”）。',
    cliFix:
      '请改为推送到您自己的镜像仓库（registry-wizard registry start），并用拉取检查镜像加速器：registry-wizard verify --mirror {{registry}} --ca FILE。',
  },
  MIRROR_PULL_FAILED: {
    title: '镜像加速器无法从上游获取该镜像',
    explanation:
      '{{registry}} 对拉取请求返回了错误：其上游无法访问、拒绝了登录，或没有该镜像。注意：registry:2 只把上游登录信息发送给令牌服务（Docker Hub 使用的方式），不会发送给使用 Basic（htpasswd）认证的上游。被拒绝的登录只会表现为 404 MANIFEST_UNKNOWN，无论是在应答中还是在镜像加速器的日志中。',
    fix: '如果镜像加速器设置了上游登录信息且上游有该镜像，最可能的原因是登录信息有误（启动后密码已更改）：请用当前密码重新启动镜像加速器。否则请检查上游地址及其 CA（“镜像加速器”面板显示其日志）。',
    cliFix:
      '如果镜像加速器设置了上游登录信息且上游有该镜像，最可能的原因是登录信息有误（启动后密码已更改）：请运行 registry-wizard mirror start --replace，并给出 --upstream-user 和当前的 --upstream-password-file。否则请检查 --upstream 和 --upstream-ca（registry-wizard mirror logs）。',
  },
} as const satisfies Texts<typeof enExplain>

export const mirrorCli = {
  description:
    'Docker Hub 拉取缓存镜像加速器：代理模式的第二个镜像仓库（启动、状态、日志、停止、重启、删除）',
  option: {
    name: '镜像加速器容器名称',
    json: '输出 JSON',
    healthTimeout: '等待镜像加速器应答的秒数',
  },
  start: {
    description: '启动拉取缓存镜像加速器（代理模式的 registry:2），使用我们的 CA 签发的 TLS 证书',
    certs: '存放 domain.crt、domain.key 和 ca.crt 的文件夹（cert issue --out）',
    upstream: '要加速的镜像仓库（默认：Docker Hub，https://registry-1.docker.io）',
    upstreamCa: '上游证书所链接到的 PEM 格式 CA 文件（内部上游）',
    upstreamUser: '上游的用户名',
    upstreamPasswordFile: '存放上游用户密码的文件（第一行；绝不放在命令行上）',
    ttl: '代理内容的保留时长，例如 168h（仅限 registry:3 镜像）',
    port: '镜像加速器使用的主机端口',
    data: '镜像加速器缓存放在引擎主机的此绝对路径',
    volume: '镜像加速器缓存放在此命名卷（默认 NAME-data）',
    image: '镜像仓库镜像',
    imageTar: '该镜像的 docker save tar 文件，引擎上没有该镜像时加载',
    noPull: '从不拉取该镜像',
    certStore: '证书存放位置：auto、bind、volume 或 host:/PATH',
    registryHost: '客户端访问镜像加速器所用的地址（证书必须包含它）',
    replace: '替换同名的现有容器',
    reuse: '复用同名的现有镜像加速器',
    healthy:
      '镜像加速器 {{name}} 已在 {{url}} 运行（/v2/ 在 {{ms}} 毫秒内返回 {{status}}），代理 {{upstream}}。镜像 {{image}}（{{source}}）。',
    noPush: '它是拉取缓存镜像加速器：只提供拉取，不接受推送。',
    clients:
      '让客户端使用它：registry-wizard trust install --ca ca.crt --mirror {{hostPort}}（或使用离线包，install.sh --mirror {{hostPort}}）。',
    step: {
      preflight: '预检',
      image: '镜像',
      pull: '拉取',
      load: '加载',
      replace: '替换',
      certs: '证书',
      config: '配置',
      create: '创建',
      start: '启动',
      health: '健康检查',
      cleanup: '清理',
      reuse: '复用',
    },
  },
  status: {
    description: '显示镜像加速器的状态、上游、端口、存储和证书',
    proxy: '{{upstream}} 的拉取缓存镜像加速器（不接受推送）',
    upstreamUser: '上游用户：{{user}}',
    upstreamCa: '上游 CA：使用其专用 CA 文件（SSL_CERT_FILE）',
    ttl: '代理 TTL：{{ttl}}',
  },
  logs: {
    description: '输出镜像加速器的日志（其中可看到从上游的获取）',
  },
  stop: { description: '停止镜像加速器' },
  restart: {
    description: '重启镜像加速器，并用我们的 CA 检查其健康状态',
    certs: '存放 ca.crt 的文件夹（镜像加速器证书所链接到的 CA）',
    registryHost: '客户端访问镜像加速器所用的地址（证书必须包含它）',
  },
  remove: {
    description: '删除镜像加速器及其证书卷和配置卷（除非使用 --delete-data，缓存会保留）',
    deleteData: '同时删除缓存卷',
  },
  verify: {
    mirror: '验证位于 HOST:PORT 的拉取缓存镜像加速器（通过它拉取，而不是推送）',
    image: '通过镜像加速器拉取的 Docker Hub 名称（默认 library/hello-world:latest）',
    oneTarget: '--registry HOST:PORT 或 --mirror HOST:PORT 之一',
    pushMirror: '--push 与 --mirror 同时使用（镜像加速器不接受推送）',
    imageAllowed: '带标签或摘要的仓库名，例如 library/alpine:3.20',
  },
} as const satisfies Texts<typeof enCli>

export const mirrorGui = {
  title: 'Docker Hub 镜像加速器',
  intro: '代理模式的第二个镜像仓库：客户端通过它拉取 Docker Hub 名称，它会保留已获取的内容。它不接受推送。',
  open: 'Docker Hub 镜像加速器',
  openHint: '在镜像仓库旁运行的 Docker Hub（或内部上游）拉取缓存镜像加速器。',
  form: {
    upstream: '上游',
    upstreamPlaceholder: 'https://registry-1.docker.io（Docker Hub）',
    upstreamCa: '上游 CA 文件（内部上游）',
    upstreamUser: '上游用户',
    passwordFile: '上游密码文件',
    pick: '选择…',
    clear: '清除',
    port: '端口',
    start: '启动镜像加速器',
    needsPlan: '请先规划引擎并签发服务器证书（“镜像仓库”和“证书”步骤）。',
  },
  status: {
    heading: '镜像加速器状态',
    none: '没有名为 {{name}} 的镜像加速器在运行。',
    refresh: '刷新',
    state: '状态',
    upstream: '上游',
    port: '端口',
    storage: '缓存',
    certificate: '证书',
    certValue: '{{subject}}，有效期至 {{notAfter}}（{{days}} 天）',
    proxy: '拉取缓存镜像加速器：不接受推送',
  },
  started: '镜像加速器已在 {{url}} 运行，代理 {{upstream}}。',
  actions: {
    stop: '停止',
    restart: '重启',
    remove: '删除',
    confirmStop: '停止镜像加速器 {{name}}？在它重新运行之前，客户端会回退到其上游。',
    confirmRemove: '删除镜像加速器 {{name}} 及其证书卷和配置卷？缓存卷会保留。',
    stopped: '镜像加速器已停止。',
    restarted: '重启后镜像加速器返回 {{status}}（{{ms}} 毫秒）。',
    removed: '镜像加速器已删除。',
  },
  noPush:
    '拉取缓存镜像加速器无法接受推送：推送/拉取往返测试用于您自己的镜像仓库。请用拉取检查镜像加速器（registry-wizard verify --mirror）。',
} as const satisfies Texts<typeof enGui>
