// Verification (main/verify) and the explanations of known failures (main/diagnostics), in Simplified Chinese: the
// same keys and {{parameters}} as ../en/verify.ts. Technical tokens (HOST:PORT, paths, HTTP status, Docker's and
// Node's error texts) arrive as parameters and stay as they are.
import type { Texts } from '../types'
import type {
  explainTexts as enExplain,
  requestTexts as enRequest,
  verifyCli as enCli,
  verifyTexts as enVerify,
} from '../en/verify'

export const verifyTexts = {
  title: {
    ca: 'CA 证书',
    'server-cert': '服务器证书由该 CA 签发',
    san: '地址包含在 SAN 中（Go 规则）',
    dns: '域名解析',
    tcp: 'TCP 连接',
    tls: '仅信任本 CA 的 TLS 握手',
    api: '仓库 API /v2/',
    'round-trip': '推送与拉取往返测试',
    catalog: '镜像与标签目录',
    trust: '本机的信任配置',
  },
  run: {
    'cancelled-before': '运行前已取消',
    'cancelled-while': '运行中被取消',
    blocked: '第 {{n}} 项“{{title}}”未通过',
    timeout: '{{seconds}} 秒内没有结果',
    unexpected: '意外错误：{{error}}',
  },
  check: {
    'ca-unreadable': '无法读取 CA 证书（见第 1 项）',
  },
  ca: {
    unreadable: 'CA 文件不是可读取的 PEM 证书',
    'not-ca': '“{{subject}}”不是 CA 证书（缺少 basicConstraints CA:TRUE）',
    expired: 'CA 证书已于 {{date}} 过期',
    'not-yet-valid': 'CA 证书要到 {{date}} 才生效',
    expiring: 'CA 证书将在 {{days}} 天后过期（{{date}}）',
    ok: '{{subject}}，剩余有效期 {{days}} 天',
  },
  served: {
    none: '服务器没有发送证书',
    timeout: '{{seconds}} 秒内没有应答',
  },
  source: {
    given: '指定的',
    served: '仓库提供的',
  },
  cert: {
    none: '未指定服务器证书，也无法读取仓库提供的证书（{{error}}）',
    unreadable: '服务器证书不是可读取的 PEM 证书',
    'not-from-ca': '{{source}}证书由“{{issuer}}”签发，不是由此 CA 签发',
    expired: '{{source}}证书已于 {{date}} 过期',
    'not-yet-valid': '{{source}}证书要到 {{date}} 才生效',
    expiring: '证书将在 {{days}} 天后过期（{{date}}）',
    ok: '由该 CA 签发，剩余有效期 {{days}} 天，证书检查未发现问题',
    'ok-chain':
      '经由 {{intermediates}} 由该 CA 签发，链上每张证书至少还有 {{days}} 天有效期，证书检查未发现问题',
    'chain-expired': '{{source}}证书链中的中间 CA“{{subject}}”已于 {{date}} 过期',
    'chain-not-yet-valid': '{{source}}证书链中的中间 CA“{{subject}}”要到 {{date}} 才生效',
    'chain-not-ca': '{{source}}证书链中的“{{subject}}”签发了该证书，但它不是 CA（缺少 CA:TRUE）',
    'chain-expiring': '中间 CA“{{subject}}”将在 {{days}} 天后过期（{{date}}）',
    'served-alone':
      '仓库只提供了它自己的证书，签发者为“{{issuer}}”，不是此 CA：如果“{{issuer}}”是此 CA 下的中间 CA，说明缺少中间证书：domain.crt 必须依次包含服务器证书和中间证书',
  },
  lint: {
    LEAF_TOO_LONG: '证书检查：有效期 {{days}} 天，超过 {{max}} 天会被 Apple 平台拒绝，其他平台也不建议',
    SHA1: '证书检查：签名算法为 {{algorithm}}，Go 和新版客户端拒绝 SHA-1 签名，请用 SHA-256 重新签发',
    WEAK_KEY: '证书检查：RSA 密钥只有 {{bits}} 位，至少需要 {{min}} 位',
    other: '证书检查（{{code}}）：{{message}}',
  },
  san: {
    covered: '{{host}} 包含在证书的 {{san}} 中',
    'covered-any': '{{host}} 包含在证书的 SAN 中',
    refused: 'Docker 会拒绝 {{host}}：{{error}}',
  },
  dns: {
    ip: '{{host}} 是 IP 地址，无需域名解析',
    failed: '{{host}} 无法解析（{{error}}）',
    empty: '{{host}} 没有解析到任何地址',
    mismatch: '{{host}} 解析为 {{addresses}}，预期为 {{expected}}',
    'mismatch-san': '{{host}} 解析为 {{addresses}}，预期为证书中的 IP SAN：{{expected}}',
    ok: '{{host}} 解析为 {{addresses}}',
  },
  tcp: {
    timeout: '{{target}} 没有应答',
    failed: '无法连接 {{target}}（{{error}}）',
    ok: '已连接 {{target}}，耗时 {{ms}} ms',
  },
  tls: {
    timeout: '超时前未完成 TLS 握手',
    mismatch: '仓库提供的证书指纹为 {{served}}，不是签发的证书（{{issued}}）',
    'mismatch-none': '仓库没有提供证书，应为签发的证书（{{issued}}）',
    ok: '{{protocol}} {{cipher}}，提供的证书 {{fingerprint}} 正是签发的证书',
    'ok-unchecked': '{{protocol}} {{cipher}}，提供的证书指纹为 {{fingerprint}}（未指定签发的证书，无法比对）',
    failed: '仅信任本 CA 的 TLS 握手失败：{{error}}',
    'intermediate-missing':
      '仓库只提供了它自己的证书，缺少中间证书 {{missing}}：domain.crt 必须依次包含服务器证书和中间证书（{{error}}）',
    'intermediate-missing-some':
      '仓库提供了 {{served}} 张证书，缺少中间证书 {{missing}}：domain.crt 必须依次包含服务器证书和中间证书（{{error}}）',
    'served-alone':
      '仅信任本 CA 的 TLS 握手失败：{{error}}；仓库只提供了它自己的证书，签发者为“{{issuer}}”：如果它是此 CA 下的中间 CA，domain.crt 必须依次包含服务器证书和中间证书',
  },
  api: {
    failed: 'GET /v2/ 失败：{{error}}',
    status: 'GET /v2/ 返回 HTTP {{status}}',
    'no-header': 'GET /v2/ 返回 HTTP {{status}}，且没有 Docker-Distribution-Api-Version 响应头',
    ok: 'HTTP 200，{{version}}，未开启认证',
    'auth-on': '已开启认证',
    'auth-needed': 'HTTP 401（{{challenge}}）：仓库已开启认证但未提供凭据，无法检查登录、推送和目录',
    'auth-failed': '带凭据请求 GET /v2/ 失败：{{error}}',
    'bad-credentials': '使用用户“{{user}}”的凭据后仍返回 HTTP 401',
    'auth-status': '带凭据请求 GET /v2/ 返回 HTTP {{status}}',
    'ok-auth': '先返回 HTTP 401，使用用户“{{user}}”的凭据后返回 200，{{version}}',
  },
  rt: {
    'not-requested': '未要求执行：推送/拉取往返测试只在要求时运行',
    'no-engine': '没有为往返测试指定 Docker 引擎',
    'push-failed': 'docker push {{ref}} 失败：{{error}}',
    'pull-failed': 'docker pull {{ref}} 失败：{{error}}',
    'no-digest': '无摘要',
    'digest-mismatch': '拉回的镜像摘要为 {{pulled}}，而推送时报告的是 {{pushed}}',
    deleted: '，已从仓库删除（{{tag}}）',
    'delete-off': '（仓库未开启删除功能：自测标签 {{tag}} 会保留；每次运行都覆盖这同一个标签）',
    'delete-status': '（删除请求返回 HTTP {{status}}：自测标签 {{tag}} 会保留）',
    'delete-failed': '（删除失败：{{error}}；自测标签 {{tag}} 会保留）',
    loopback:
      '推送、拉取成功，摘要 {{digest}} 一致{{note}}；但 {{host}} 是回环地址，dockerd 把它当作非安全仓库（insecure registry），所以这次测试不能证明客户端信任本 CA',
    ok: '已推送并拉回，摘要 {{digest}} 一致{{note}}',
    'api-ok':
      '已用本程序自带的客户端经 TLS（只信任此 CA，{{host}}）推送并按摘要 {{digest}} 拉回，内容一致{{note}}',
    stopped: '往返测试在 [{{steps}}] 之后中断：{{error}}',
    'timed-out': '超时',
    'no-stream': '导入镜像时 Docker 没有返回数据流',
    step: {
      made: '生成镜像',
      pushed: '推送',
      removed: '删除本地镜像',
      pulled: '拉取',
      compared: '比对摘要',
    },
  },
  catalog: {
    failed: 'GET /v2/_catalog 失败：{{error}}',
    unauthorized: 'GET /v2/_catalog 返回 HTTP 401：仓库已开启认证，但没有提供有效凭据',
    status: 'GET /v2/_catalog 返回 HTTP {{status}}',
    'tags-failed': 'GET /v2/{{name}}/tags/list 失败：{{error}}',
    ok: '{{repositories}} 个镜像，{{tags}} 个标签',
    'ok-capped': '{{repositories}} 个镜像，{{tags}} 个标签（只列出前 {{max}} 个镜像的标签）',
  },
  trust: {
    'platform-unknown': '不知道 {{platform}} 上的信任配置位置',
    'no-certs-d': '此平台没有 Docker 的 certs.d 目录',
    os: {
      present: '；系统证书库：{{where}}',
      missing: '；系统证书库中没有（{{where}}）',
      unread: '；{{platform}} 的系统证书库（验证时不读取）',
    },
    ok: 'Docker 已通过 {{path}} 信任该 CA{{os}}',
    'ok-no-os': 'Docker 已通过 {{path}} 信任该 CA{{os}}（curl 等其他工具不会信任它）',
    'other-ca': '{{dir}} 中是另一个 CA（{{files}}），不是本 CA',
    'folder-with-ca': '{{name}}（含本 CA）',
    'wrong-folder':
      '{{certsD}} 中没有 {{folder}} 目录，只有 {{which}}：Docker 只使用名称与 {{folder}} 完全一致的目录',
    missing: '{{path}} 不存在：本机 Docker 不信任 {{registry}} 的 CA{{os}}',
    loopback:
      '{{registry}} 是回环地址：dockerd 把 127.0.0.0/8 当作非安全仓库（insecure registry），所以本机 Docker 访问它无需信任配置{{os}}；其他机器上的客户端需要为其使用的地址安装 ca.crt',
  },
  fix: {
    ca: '重新执行“证书”步骤并使用其生成的 ca.crt。',
    'server-cert': '重新执行“证书”步骤签发服务器证书。',
    san: '重新执行“证书”步骤，把地址写入 SAN。',
    dns: '修正仓库域名的 DNS 记录或 /etc/hosts 条目。',
    tcp: '检查地址、防火墙以及仓库是否在运行（“仓库”步骤）。',
    tls: '检查仓库提供的证书（“仓库”步骤：替换证书）。',
    api: '检查仓库容器及其日志（“仓库”步骤）。',
    'round-trip': '阅读上面的 Docker 信息，并检查仓库日志（“仓库”步骤）。',
    catalog: '检查仓库容器及其日志（“仓库”步骤）。',
    trust: '在本机重新执行“信任”步骤。',
  },
  step: {
    certificates: '证书',
    registry: '仓库',
    trust: '信任',
    login: '登录',
    network: '网络',
    'docker-engine': 'Docker 引擎',
  },
  placeholder: { registry: '主机:端口', host: '主机', port: '端口' },
} as const satisfies Texts<typeof enVerify>

export const explainTexts = {
  INTERMEDIATE_MISSING: {
    title: '仓库没有提供中间 CA 证书',
    explanation:
      '服务器证书由客户端所信任根 CA 之下的中间 CA 签发。客户端只有根证书，所以仓库必须把中间证书和自己的证书一起发送；而它只发送了自己的证书。',
    fix: '让 domain.crt 依次包含服务器证书和中间 CA 证书（cat server.crt intermediate.crt > domain.crt），然后在“仓库”步骤中替换证书。客户端仍然只信任根证书 ca.crt。',
    cliFix:
      '让 domain.crt 依次包含服务器证书和中间 CA 证书（cat server.crt intermediate.crt > domain.crt），然后在“仓库”步骤中替换证书（registry-wizard registry replace-cert --certs 目录）。客户端仍然只信任根证书 ca.crt。',
  },
  SERVED_LEAF_ONLY: {
    title: '仓库提供的证书无法链接到此 CA',
    explanation:
      '仓库只发送了它自己的证书，而此 CA 并未签发它：要么它来自仓库没有发送的中间 CA，要么来自其他 CA。',
    fix: '如果证书由此根 CA 下的中间 CA 签发，请让 domain.crt 依次包含服务器证书和中间证书，并在“仓库”步骤中替换；给验证指定签发的 domain.crt 即可指出缺少的中间证书。否则请提供签发它的 ca.crt，或重新执行“证书”步骤。',
    cliFix:
      '如果证书由此根 CA 下的中间 CA 签发，请让 domain.crt 依次包含服务器证书和中间证书，并在“仓库”步骤中替换（registry-wizard registry replace-cert --certs 目录）；给 verify 指定签发的 domain.crt（--cert）即可指出缺少的中间证书。否则请提供签发它的 ca.crt，或重新执行“证书”步骤。',
  },
  INTERMEDIATE_INVALID: {
    title: '证书链中的中间 CA 无法使用',
    explanation:
      '服务器证书与根证书之间的某张证书已过期、尚未生效，或不是 CA（缺少 CA:TRUE）：所有客户端都会拒绝这条证书链。',
    fix: '向管理公司 CA 的人员获取有效的中间 CA 证书，在“证书”步骤中用它重新签发服务器证书（domain.crt：服务器证书在前，中间证书在后），然后在“仓库”步骤中替换。',
  },
  INTERMEDIATE_EXPIRING: {
    title: '中间 CA 即将过期',
    explanation: '证书链中某个中间 CA 剩余不到 30 天；过期后所有推送和拉取都会失败。',
    fix: '向管理公司 CA 的人员获取续期后的中间 CA 证书，把它放在 domain.crt 中服务器证书之后，然后在“仓库”步骤中替换。',
  },
  ENGINE_UNREACHABLE: {
    title: '无法连接 Docker 引擎',
    explanation: '给定地址上没有 Docker 引擎应答（启动镜像仓库和推送/拉取往返测试都需要它）。',
    fix: '启动 Docker（systemctl start docker），或指定正确的 Docker 引擎地址（ssh://用户@主机 或带 TLS 的 tcp://主机:2376），然后重试。',
    cliFix:
      '启动 Docker（systemctl start docker），或指定正确的 --docker-host（ssh://用户@主机 或带 TLS 的 tcp://主机:2376），然后重试。',
  },
  LEGACY_CN: {
    title: '证书只在通用名称 (CN) 中写了服务器地址',
    explanation:
      'Docker 以及所有 Go 客户端都忽略 CN，地址必须写在主题备用名称 (SAN) 中。curl 或浏览器可能仍然接受，Docker 不会接受。',
    fix: '重新执行“证书”步骤：把地址作为 SAN（IP 或 DNS）签发服务器证书，然后在“仓库”步骤中替换证书。',
  },
  NO_IP_SANS: {
    title: '客户端通过 IP 访问，但证书中没有 IP SAN',
    explanation:
      '用 IP 地址访问仓库时，Go 客户端只与 SAN 中的 IP 条目比对；写在 DNS 条目或 CN 中的 IP 不算数。',
    fix: '重新执行“证书”步骤，把 IP 地址 {{host}} 作为 IP SAN，然后在“仓库”步骤中替换证书。',
    cliFix: '重新执行“证书”步骤，把该 IP 作为 IP SAN（例如 --ip {{host}}），然后在“仓库”步骤中替换证书。',
  },
  HOST_MISMATCH: {
    title: '证书不包含客户端使用的地址',
    explanation: '服务器证书的任何 SAN 都与镜像引用中的主机不匹配。',
    fix: '重新执行“证书”步骤，把客户端使用的每个 IP 和 DNS 名称（包括 {{host}}）都写入 SAN，然后在“仓库”步骤中替换证书；或者改用证书已包含的地址。',
  },
  CERT_EXPIRED: {
    title: '证书已过期（或尚未生效）',
    explanation: '不在有效期内的证书会被所有客户端拒绝。如果是尚未生效，说明某台机器的时钟不对。',
    fix: '重新执行“证书”步骤：用同一个 CA 签发新的服务器证书（客户端无需重新信任），然后在“仓库”步骤中替换。并检查服务器和客户端的时钟。',
  },
  CA_WRONG_EXTENSION: {
    title: 'certs.d 中的 CA 文件扩展名不对',
    explanation:
      'Docker 把 certs.d 中的 *.crt 当作 CA 根证书，把 *.cert 当作客户端证书（需要配套的 *.key）。',
    fix: '重新执行“信任”步骤：CA 文件必须命名为 /etc/docker/certs.d/{{registry}}/ca.crt（扩展名 .crt，而不是 .cert）。',
  },
  SELF_SIGNED_SERVER: {
    title: '仓库使用的是自签名证书',
    explanation: '服务器证书是自己签给自己的，而不是由你的 CA 签发，所以信任 CA 也没有用。',
    fix: '重新执行“证书”步骤：用你的 CA 签发服务器证书，然后在“仓库”步骤中替换。',
  },
  WRONG_PURPOSE: {
    title: '仓库提供的不是服务器证书',
    explanation:
      '所提供的证书缺少 serverAuth（扩展密钥用法）或 digitalSignature：常见原因是把 CA 证书或客户端证书挂载成了 domain.crt。',
    fix: '重新执行“证书”步骤签发服务器证书（用途 server），然后在“仓库”步骤中替换。',
  },
  UNKNOWN_AUTHORITY: {
    title: '客户端不信任签发仓库证书的 CA',
    explanation:
      '仓库证书不是由该客户端信任的 CA 签发的：要么该仓库地址没有安装 CA，要么仓库使用的是另一个 CA 签发的证书。',
    fix: '在该客户端上重新执行“信任”步骤：把 ca.crt 安装为 /etc/docker/certs.d/{{registry}}/ca.crt（Docker 每次推送和拉取都会重新读取，无需重启）。如果已经安装，说明仓库使用的是其他 CA 的证书：重新执行“证书”步骤，并在“仓库”步骤中替换证书。',
  },
  PLAIN_HTTP: {
    title: '仓库使用的是明文 HTTP 而不是 HTTPS',
    explanation:
      '仓库没有用 TLS 应答：启动时没有设置 REGISTRY_HTTP_TLS_CERTIFICATE / REGISTRY_HTTP_TLS_KEY，或者该端口上是别的程序。',
    fix: '重新执行“仓库”步骤，带上证书和私钥启动（开启 TLS）；不要改用 insecure-registries。',
  },
  HTTP_TO_HTTPS: {
    title: '客户端用明文 HTTP 访问 HTTPS 仓库',
    explanation: '客户端被配置为用 HTTP 访问该仓库（旧的 insecure-registries 配置或 http:// 地址）。',
    fix: '从 /etc/docker/daemon.json 的 insecure-registries 中删除 {{registry}}（并重启 Docker），然后重新执行“信任”步骤，使用受信任的 HTTPS。',
  },
  NO_BASIC_AUTH: {
    title: '仓库需要登录',
    explanation: '仓库开启了认证，而客户端没有发送凭据。',
    fix: '在客户端登录：docker login {{registry}}，使用“仓库”步骤中创建的用户（验证时使用同一用户和密码）。',
    cliFix:
      '在客户端登录：docker login {{registry}}，使用“仓库”步骤中创建的用户（verify 命令使用 --user NAME --password-file FILE）。',
  },
  BAD_CREDENTIALS: {
    title: '用户名或密码错误',
    explanation: '仓库拒绝了发送的凭据。',
    fix: '检查用户名和密码；如需重设，请带上该用户重新执行“仓库”步骤（htpasswd，bcrypt）。',
  },
  AUTH_REQUIRED: {
    title: '需要认证',
    explanation: '仓库返回 401：已开启认证，而请求没有有效凭据。',
    fix: '使用 docker login {{registry}} 登录，用户为“仓库”步骤中创建的用户（验证时使用同一用户和密码）。',
    cliFix:
      '使用 docker login {{registry}} 登录（verify 命令使用 --user NAME --password-file FILE），用户为“仓库”步骤中创建的用户。',
  },
  CONNECTION_REFUSED: {
    title: '仓库端口上没有程序在监听',
    explanation: '主机有应答但拒绝了连接：仓库容器没有运行，或者发布的是其他端口。',
    fix: '重新执行“仓库”步骤（或在该步骤中查看其状态），并确认它发布了端口 {{port}}。',
    cliFix:
      '重新执行“仓库”步骤（或运行 registry-wizard registry status / registry start），并确认它发布了端口 {{port}}。',
  },
  NAME_NOT_FOUND: {
    title: '仓库域名无法解析',
    explanation: '本机的 DNS（或 /etc/hosts）中没有 {{host}} 的地址。',
    fix: '在 DNS 或每个客户端的 /etc/hosts 中添加 {{host}}，或者改用 IP 地址（此时它必须是 IP SAN：见“证书”步骤）。',
  },
  TIMEOUT: {
    title: '仓库没有应答',
    explanation: '发往 {{registry}} 的数据包没有回应：被防火墙丢弃、地址错误或主机宕机。',
    fix: '在仓库主机的防火墙（firewalld、ufw、安全组）中放行 {{port}}/tcp 并检查地址，然后重新验证。',
  },
  CONNECTION_RESET: {
    title: '连接被中断',
    explanation: '仓库（或中间的代理、防火墙）在请求中途关闭了连接；正在停止的仓库也会这样。',
    fix: '检查仓库是否一直在运行（“仓库”步骤：状态和日志），以及没有代理拦截 {{registry}}；然后重新验证。',
  },
  FINGERPRINT_MISMATCH: {
    title: '仓库使用的证书不是刚签发的那张',
    explanation: '服务器提供的证书与你签发的不同：仍挂载着旧的 domain.crt，或修改后容器没有重启。',
    fix: '用新证书重新执行“仓库”步骤（替换证书），它会复制证书并重启容器。',
    cliFix: '用新证书重新执行“仓库”步骤（registry-wizard registry replace-cert），它会复制证书并重启容器。',
  },
  CERT_NOT_FROM_CA: {
    title: '服务器证书不是由这个 CA 签发的',
    explanation: '信任这个 CA 的客户端会拒绝该服务器证书：可能给错了 CA 文件，或证书来自其他 CA。',
    fix: '提供签发该证书的 ca.crt，或重新执行“证书”步骤，用这个 CA 签发服务器证书。',
  },
  CA_INVALID: {
    title: 'CA 文件不是可用的 CA 证书',
    explanation: '该文件不是 CA 证书（basicConstraints CA:TRUE），或无法读取。',
    fix: '提供“证书”步骤生成的 ca.crt（不是 domain.crt），或重新执行“证书”步骤创建 CA。',
  },
  CERT_EXPIRING: {
    title: '证书即将过期',
    explanation: '剩余不到 30 天；过期后所有推送和拉取都会失败。',
    fix: '在过期前重新执行“证书”步骤（用同一 CA 签发新服务器证书无需改动客户端；新的 CA 需要所有客户端重新信任）。',
  },
  CERT_LINT: {
    title: '证书违反了客户端强制的规则',
    explanation: '证书检查发现了部分客户端会拒绝的问题（签名算法、密钥长度或有效期）。',
    fix: '用默认设置（SHA-256、RSA 2048 位以上、最长 825 天）重新执行“证书”步骤，然后在“仓库”步骤中替换证书。',
  },
  DNS_MISMATCH: {
    title: '域名解析到了其他主机',
    explanation: '{{host}} 解析出的地址不是仓库主机，客户端会连到另一台机器。',
    fix: '在客户端上修正 {{host}} 的 DNS 记录或 /etc/hosts 条目。',
  },
  NOT_A_REGISTRY: {
    title: '仓库端口上是别的服务',
    explanation:
      '{{registry}} 上的 HTTPS 服务没有像 Docker 仓库那样应答 /v2/（缺少 Docker-Distribution-Api-Version 头）。',
    fix: '在空闲端口上重新执行“仓库”步骤，或停止占用 {{port}} 的程序。',
  },
  LOOPBACK_INSECURE: {
    title: '回环地址上的推送不能证明客户端信任',
    explanation: 'dockerd 总是把 127.0.0.0/8当作不安全仓库，不检查证书，所以这次往返成功并没有检验 CA。',
    fix: '在客户端机器上，用客户端实际使用的地址（仓库主机的 IP SAN 或 DNS 名称）运行推送/拉取往返测试（“验证”）。',
    cliFix:
      '在客户端机器上，用客户端实际使用的地址（仓库主机的 IP SAN 或 DNS 名称）运行推送/拉取往返测试（应用的“验证”步骤，或 registry-wizard verify --push）。',
  },
  DIGEST_MISMATCH: {
    title: '拉回的镜像与推送的不一致',
    explanation: '拉取后的摘要与推送时不同：仓库存储或中间的代理改变了数据。',
    fix: '在“仓库”步骤中检查仓库存储（磁盘、权限）以及 {{registry}} 前面的代理，然后重新验证。',
  },
  DELETE_DISABLED: {
    title: '删除镜像功能未开启',
    explanation:
      '除非设置 REGISTRY_STORAGE_DELETE_ENABLED=true，仓库会拒绝 DELETE（405）；自检镜像会留在仓库中。',
    fix: '如需自检后自动清理，请开启删除镜像功能重新执行“仓库”步骤。',
    cliFix: '如需自检后自动清理，请开启删除功能（--delete-enabled）重新执行“仓库”步骤。',
  },
  TRUST_MISSING: {
    title: '本机的 Docker 没有为该仓库信任此 CA',
    explanation:
      '不存在包含此 CA 的 /etc/docker/certs.d/{{registry}}/ca.crt，因此本机的 docker push 和 pull 会报错“certificate signed by unknown authority”。',
    fix: '在本机重新执行“信任”步骤：它会写入 /etc/docker/certs.d/{{registry}}/ca.crt。',
  },
  CERTS_D_WRONG_NAME: {
    title: 'certs.d 目录名与镜像引用不一致',
    explanation:
      'Docker 只读取与镜像引用中 HOST:PORT 完全相同的目录；其他端口或不带端口的目录不会用于 {{registry}}。',
    fix: '为 {{registry}} 重新执行“信任”步骤：它会写入 /etc/docker/certs.d/{{registry}}/ca.crt。',
  },
  TRUST_OTHER_CA: {
    title: 'certs.d 中为该仓库放的是另一个 CA',
    explanation: '{{registry}} 的目录存在，但其中的 CA 不是给定的这个：是以前安装的旧 CA。',
    fix: '重新执行“信任”步骤并替换该文件（旧文件会保留备份）。',
    cliFix: '用 --force 重新执行“信任”步骤以替换（旧文件会保留备份）。',
  },
  OS_STORE_MISSING: {
    title: '本机的系统证书库中没有此 CA',
    explanation: 'Docker 通过 certs.d 信任该仓库，但 curl、skopeo 等工具读取系统证书库，而其中没有此 CA。',
    fix: '在本机重新执行“信任”步骤并选择系统证书库（之后重启 Docker，使其重新读取系统根证书）。',
  },
  NO_SPACE: {
    title: '磁盘已满',
    explanation: '仓库存储或 Docker 数据目录没有剩余空间。',
    fix: '清理仓库主机的磁盘空间，或把存储放到更大的磁盘上重新执行“仓库”步骤。',
  },
  ENGINE_SSH_HOST_UNKNOWN: {
    title: 'SSH 服务器的主机密钥未知',
    explanation:
      'Docker 主机通过 SSH 应答，但其主机密钥不在任何 known_hosts 文件中，无法确认对方不是冒充者。',
    fix: '将显示的指纹与 Docker 主机上的指纹（ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub）核对一致后，把它加入 known_hosts（ssh-keyscan -p 端口 主机 >> ~/.ssh/known_hosts）或为该引擎接受这个指纹，然后重新检查 Docker 引擎连接。',
    cliFix:
      '将显示的指纹与 Docker 主机上的指纹（ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub）核对一致后，把它加入 known_hosts（ssh-keyscan -p 端口 主机 >> ~/.ssh/known_hosts）或使用 --ssh-host-key-fingerprint，然后重新检查 Docker 引擎连接。',
  },
  ENGINE_SSH_HOST_CHANGED: {
    title: 'SSH 服务器的主机密钥已变化或已吊销',
    explanation:
      'Docker 主机提供的主机密钥与记录的不同（或已标记为 @revoked）。可能有人在拦截连接，也可能主机被重装过。',
    fix: '查明原因之前不要连接：先向主机管理员确认。若主机确已重装，从 known_hosts 中删除旧记录（ssh-keygen -R 主机）并加入新密钥，然后重新检查 Docker 引擎连接。',
  },
  STORAGE_NOT_WRITABLE: {
    title: '镜像仓库无法写入存储',
    explanation: '挂载到 /var/lib/registry 的存储路径或卷是只读的，或仓库没有写权限，因此每次推送都会失败。',
    fix: '使用可写的存储路径（检查仓库主机上的挂载和权限）或命名卷，重新执行“仓库”步骤。',
  },
} as const satisfies Texts<typeof enExplain>

export const verifyCli = {
  description: '逐项证明客户端可以使用该仓库；说明如何修复未通过的项',
  option: {
    registry: '客户端使用的地址，与镜像引用中写法相同（192.168.20.10:5000）',
    ca: '客户端信任的 CA 证书（ca.crt）',
    cert: '签发的服务器证书（domain.crt）：与仓库提供的证书比对',
    push: '通过 Docker 引擎运行推送/拉取往返测试',
    user: '仓库用户（htpasswd 认证），与 --password-file 一起使用',
    passwordFile: '--user 的密码，写在文件 FILE 的第一行',
    expectIp: '仓库域名必须解析到的地址（可重复）',
    timeout: '每项检查的超时时间（往返测试为其 12 倍）',
    trustRoot: '第 10 项读取本机信任配置的位置（默认 /；例如挂载的客户端根目录）',
    lang: '输出语言：en 或 zh-CN（与全局 --lang 相同）',
    json: '以 JSON 输出结构化结果',
  },
  status: { pass: '通过', warn: '警告', fail: '失败', skipped: '跳过' },
  line: '{{title}}：{{reason}}',
  howToFix: '如何修复：',
  summary: '{{pass}} 项通过，{{warn}} 项警告，{{fail}} 项失败，{{skipped}} 项跳过',
  summaryCancelled: '{{pass}} 项通过，{{warn}} 项警告，{{fail}} 项失败，{{skipped}} 项跳过（已取消）',
  noPort: '提示：--registry {{registry}} 没有写端口，客户端会访问 443 端口',
  allowed: {
    values: '允许的值：{{values}}',
    both: '--user 和 --password-file 要么都指定，要么都不指定',
    pem: '需要 PEM 证书文件（{{file}}）',
  },
} as const satisfies Texts<typeof enCli>

export const requestTexts = {
  given: '给定的值',
  invalid_type: '需要 {{expected}} 类型的值',
  too_small: {
    string: '至少需要 {{minimum}} 个字符',
    array: '至少需要 {{minimum}} 项',
    number: '最小允许值为 {{minimum}}',
  },
  too_big: {
    string: '最多允许 {{maximum}} 个字符',
    array: '最多允许 {{maximum}} 项',
    number: '最大允许值为 {{maximum}}',
  },
  invalid_format: '需要 {{format}} 格式',
  invalid_value: '允许的值：{{values}}',
  unrecognized_keys: '未知字段：{{keys}}',
  other: '该值不被允许',
} as const satisfies Texts<typeof enRequest>
