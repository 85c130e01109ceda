import type { ErrorEntry } from './types'

const CERTS_D = '/etc/docker/certs.d/{registry}/ca.crt'

/**
 * Known failures, most specific first: Docker / Go / x509 message texts and Node error codes, each with a plain
 * explanation and a fix naming the step to redo, in English and Simplified Chinese. Messages were taken from real
 * runs (Docker 20.10, Go's crypto/x509, Node 20, the registry:2 API); tests/verify checks each against a real run.
 */
export const ERROR_TABLE: readonly ErrorEntry[] = [
  {
    code: 'ENGINE_UNREACHABLE',
    step: 'docker-engine',
    codes: ['ENGINE_UNREACHABLE'],
    patterns: [
      /Cannot connect to the Docker daemon/i,
      /(ENOENT|EACCES|ECONNREFUSED).*docker\.sock/i,
      /docker\.sock.*(no such file|permission denied|connection refused)/i,
    ],
    en: {
      title: 'The Docker engine cannot be reached',
      explanation:
        'No Docker engine answered at the address given (starting the registry and the push/pull round trip both need one).',
      fix: 'Start Docker (systemctl start docker), or give the right --docker-host (ssh://USER@HOST or tcp://HOST:2376 with TLS), then try again.',
    },
    zhCN: {
      title: '无法连接 Docker 引擎',
      explanation: '给定地址上没有 Docker 引擎应答（启动镜像仓库和推送/拉取往返测试都需要它）。',
      fix: '启动 Docker（systemctl start docker），或指定正确的 --docker-host（ssh://用户@主机 或带 TLS 的 tcp://主机:2376），然后重试。',
    },
  },
  {
    code: 'LEGACY_CN',
    step: 'certificates',
    codes: ['LEGACY_CN', 'CN_ONLY'],
    patterns: [/relies on legacy Common Name field/i, /certificate is not valid for any names/i],
    en: {
      title: 'The certificate names the server only in its Common Name',
      explanation:
        'Docker and every Go client ignore the Common Name (CN); the address must be in a Subject Alternative Name (SAN). curl and browsers may still accept it, Docker will not.',
      fix: 'Redo the Certificates step: issue the server certificate with the address as a SAN (IP or DNS), then replace the certificate in the Registry step.',
    },
    zhCN: {
      title: '证书只在通用名称 (CN) 中写了服务器地址',
      explanation:
        'Docker 以及所有 Go 客户端都忽略 CN，地址必须写在主题备用名称 (SAN) 中。curl 或浏览器可能仍然接受，Docker 不会接受。',
      fix: '重新执行“证书”步骤：把地址作为 SAN（IP 或 DNS）签发服务器证书，然后在“仓库”步骤中替换证书。',
    },
  },
  {
    code: 'NO_IP_SANS',
    step: 'certificates',
    codes: ['NO_IP_SANS', 'IP_WITHOUT_IP_SAN'],
    patterns: [/doesn't contain any IP SANs/i, /does not contain any IP SANs/i],
    en: {
      title: 'Clients connect by IP, but the certificate has no IP SAN',
      explanation:
        'When the registry is addressed by an IP address, Go clients match it only against IP entries of the Subject Alternative Name; a DNS entry or the CN holding the IP does not count.',
      fix: 'Redo the Certificates step with the IP address as an IP SAN (e.g. --ip {host}), then replace the certificate in the Registry step.',
    },
    zhCN: {
      title: '客户端通过 IP 访问，但证书中没有 IP SAN',
      explanation:
        '用 IP 地址访问仓库时，Go 客户端只与 SAN 中的 IP 条目比对；写在 DNS 条目或 CN 中的 IP 不算数。',
      fix: '重新执行“证书”步骤，把该 IP 作为 IP SAN（例如 --ip {host}），然后在“仓库”步骤中替换证书。',
    },
  },
  {
    code: 'HOST_MISMATCH',
    step: 'certificates',
    codes: ['ERR_TLS_CERT_ALTNAME_INVALID', 'HOST_MISMATCH', 'HOST_NOT_COVERED'],
    patterns: [
      /certificate is valid for .*, not /i,
      /Hostname\/IP does not match certificate's altnames/i,
      /is not in the cert's list/i,
    ],
    en: {
      title: 'The certificate does not cover the address clients use',
      explanation:
        'No Subject Alternative Name of the served certificate matches the host in the image reference.',
      fix: 'Redo the Certificates step with every IP and DNS name clients use as a SAN (including {host}), then replace the certificate in the Registry step; or use an address the certificate already covers.',
    },
    zhCN: {
      title: '证书不包含客户端使用的地址',
      explanation: '服务器证书的任何 SAN 都与镜像引用中的主机不匹配。',
      fix: '重新执行“证书”步骤，把客户端使用的每个 IP 和 DNS 名称（包括 {host}）都写入 SAN，然后在“仓库”步骤中替换证书；或者改用证书已包含的地址。',
    },
  },
  {
    code: 'CERT_EXPIRED',
    step: 'certificates',
    codes: [
      'CERT_HAS_EXPIRED',
      'CERT_NOT_YET_VALID',
      'CERT_EXPIRED',
      'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
    ],
    patterns: [
      /certificate has expired or is not yet valid/i,
      /certificate has expired/i,
      /certificate is not yet valid/i,
    ],
    en: {
      title: 'The certificate has expired (or is not valid yet)',
      explanation:
        "A certificate outside its validity period is refused by every client. If it is not valid yet, a machine's clock is wrong.",
      fix: 'Redo the Certificates step: issue a new server certificate from the same CA (clients keep trusting it), then replace it in the Registry step. Check the clocks of the server and the clients.',
    },
    zhCN: {
      title: '证书已过期（或尚未生效）',
      explanation: '不在有效期内的证书会被所有客户端拒绝。如果是尚未生效，说明某台机器的时钟不对。',
      fix: '重新执行“证书”步骤：用同一个 CA 签发新的服务器证书（客户端无需重新信任），然后在“仓库”步骤中替换。并检查服务器和客户端的时钟。',
    },
  },
  {
    code: 'CA_WRONG_EXTENSION',
    step: 'trust',
    codes: ['CA_WRONG_EXTENSION'],
    patterns: [/missing key .* for client certificate/i, /CA certificates should use the extension \.crt/i],
    en: {
      title: 'The CA file in certs.d has the wrong extension',
      explanation:
        'Docker reads *.crt files in certs.d as CA roots and *.cert files as client certificates that need a matching *.key.',
      fix: `Redo the Trust step: the CA must be named ${CERTS_D} (extension .crt, not .cert).`,
    },
    zhCN: {
      title: 'certs.d 中的 CA 文件扩展名不对',
      explanation:
        'Docker 把 certs.d 中的 *.crt 当作 CA 根证书，把 *.cert 当作客户端证书（需要配套的 *.key）。',
      fix: `重新执行“信任”步骤：CA 文件必须命名为 ${CERTS_D}（扩展名 .crt，而不是 .cert）。`,
    },
  },
  {
    code: 'SELF_SIGNED_SERVER',
    step: 'certificates',
    codes: ['DEPTH_ZERO_SELF_SIGNED_CERT'],
    patterns: [/self[- ]signed certificate$/i, /DEPTH_ZERO_SELF_SIGNED_CERT/],
    en: {
      title: 'The registry serves a self-signed certificate',
      explanation:
        'The server certificate signs itself instead of being issued by your CA, so trusting the CA does not help.',
      fix: 'Redo the Certificates step: issue the server certificate from your CA, then replace it in the Registry step.',
    },
    zhCN: {
      title: '仓库使用的是自签名证书',
      explanation: '服务器证书是自己签给自己的，而不是由你的 CA 签发，所以信任 CA 也没有用。',
      fix: '重新执行“证书”步骤：用你的 CA 签发服务器证书，然后在“仓库”步骤中替换。',
    },
  },
  {
    code: 'WRONG_PURPOSE',
    step: 'certificates',
    codes: ['INVALID_PURPOSE'],
    patterns: [/unsuitable certificate purpose/i, /certificate specifies an incompatible key usage/i],
    en: {
      title: 'The registry serves a certificate that is not a server certificate',
      explanation:
        'The served certificate lacks serverAuth (extendedKeyUsage) or digitalSignature: often the CA certificate or a client certificate was mounted as domain.crt.',
      fix: 'Redo the Certificates step to issue a server certificate (usage server), then replace it in the Registry step.',
    },
    zhCN: {
      title: '仓库提供的不是服务器证书',
      explanation:
        '所提供的证书缺少 serverAuth（扩展密钥用法）或 digitalSignature：常见原因是把 CA 证书或客户端证书挂载成了 domain.crt。',
      fix: '重新执行“证书”步骤签发服务器证书（用途 server），然后在“仓库”步骤中替换。',
    },
  },
  {
    code: 'UNKNOWN_AUTHORITY',
    step: 'trust',
    codes: [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'UNABLE_TO_GET_ISSUER_CERT',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'CERT_SIGNATURE_FAILURE',
      'UNKNOWN_AUTHORITY',
    ],
    patterns: [
      /certificate signed by unknown authority/i,
      /unable to verify the first certificate/i,
      /unable to get (local )?issuer certificate/i,
      /self[- ]signed certificate in certificate chain/i,
    ],
    en: {
      title: 'The client does not trust the CA that signed the registry certificate',
      explanation:
        "The registry's certificate was not issued by a CA this client trusts: either the CA is not installed for this registry address, or the registry serves a certificate from another CA.",
      fix: `Redo the Trust step on this client: install ca.crt as ${CERTS_D} (Docker reads it on every push and pull, no restart). If it is installed already, the registry serves a certificate from another CA: redo the Certificates step and replace the certificate in the Registry step.`,
    },
    zhCN: {
      title: '客户端不信任签发仓库证书的 CA',
      explanation:
        '仓库证书不是由该客户端信任的 CA 签发的：要么该仓库地址没有安装 CA，要么仓库使用的是另一个 CA 签发的证书。',
      fix: `在该客户端上重新执行“信任”步骤：把 ca.crt 安装为 ${CERTS_D}（Docker 每次推送和拉取都会重新读取，无需重启）。如果已经安装，说明仓库使用的是其他 CA 的证书：重新执行“证书”步骤，并在“仓库”步骤中替换证书。`,
    },
  },
  {
    code: 'PLAIN_HTTP',
    step: 'registry',
    codes: ['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'PLAIN_HTTP'],
    patterns: [
      /server gave HTTP response to HTTPS client/i,
      /wrong version number/i,
      /packet length too long/i,
      /first record does not look like a TLS handshake/i,
    ],
    en: {
      title: 'The registry speaks plain HTTP, not HTTPS',
      explanation:
        'The registry answered without TLS: it was started without REGISTRY_HTTP_TLS_CERTIFICATE / REGISTRY_HTTP_TLS_KEY, or something else listens on the port.',
      fix: 'Redo the Registry step so it starts with the certificate and key (TLS on); do not add the registry to insecure-registries instead.',
    },
    zhCN: {
      title: '仓库使用的是明文 HTTP 而不是 HTTPS',
      explanation:
        '仓库没有用 TLS 应答：启动时没有设置 REGISTRY_HTTP_TLS_CERTIFICATE / REGISTRY_HTTP_TLS_KEY，或者该端口上是别的程序。',
      fix: '重新执行“仓库”步骤，带上证书和私钥启动（开启 TLS）；不要改用 insecure-registries。',
    },
  },
  {
    code: 'HTTP_TO_HTTPS',
    step: 'trust',
    codes: [],
    patterns: [/client sent an HTTP request to an HTTPS server/i, /HTTP request to an HTTPS server/i],
    en: {
      title: 'The client used plain HTTP against the HTTPS registry',
      explanation:
        'The client is set to talk HTTP to this registry (an old insecure-registries entry or an http:// URL).',
      fix: 'Remove {registry} from insecure-registries in /etc/docker/daemon.json (restart Docker), then redo the Trust step so HTTPS is trusted.',
    },
    zhCN: {
      title: '客户端用明文 HTTP 访问 HTTPS 仓库',
      explanation: '客户端被配置为用 HTTP 访问该仓库（旧的 insecure-registries 配置或 http:// 地址）。',
      fix: '从 /etc/docker/daemon.json 的 insecure-registries 中删除 {registry}（并重启 Docker），然后重新执行“信任”步骤，使用受信任的 HTTPS。',
    },
  },
  {
    code: 'NO_BASIC_AUTH',
    step: 'login',
    codes: ['NO_BASIC_AUTH'],
    patterns: [/no basic auth credentials/i],
    en: {
      title: 'The registry needs a login',
      explanation: 'Authentication is on, and the client sent no credentials.',
      fix: 'Log in on the client: docker login {registry} with a user created in the Registry step (for verify: --user NAME --password-file FILE).',
    },
    zhCN: {
      title: '仓库需要登录',
      explanation: '仓库开启了认证，而客户端没有发送凭据。',
      fix: '在客户端登录：docker login {registry}，使用“仓库”步骤中创建的用户（verify 命令使用 --user NAME --password-file FILE）。',
    },
  },
  {
    code: 'BAD_CREDENTIALS',
    step: 'login',
    codes: ['BAD_CREDENTIALS'],
    patterns: [/incorrect username or password/i, /invalid username\/password/i],
    en: {
      title: 'The user name or password is wrong',
      explanation: 'The registry refused the credentials sent.',
      fix: 'Check the user and password; to set a new one, redo the Registry step with the user (htpasswd, bcrypt).',
    },
    zhCN: {
      title: '用户名或密码错误',
      explanation: '仓库拒绝了发送的凭据。',
      fix: '检查用户名和密码；如需重设，请带上该用户重新执行“仓库”步骤（htpasswd，bcrypt）。',
    },
  },
  {
    code: 'AUTH_REQUIRED',
    step: 'login',
    codes: ['AUTH_REQUIRED'],
    patterns: [/unauthorized: authentication required/i, /\bUNAUTHORIZED\b/, /401 Unauthorized/i],
    en: {
      title: 'Authentication required',
      explanation:
        'The registry answered 401: authentication is on and the request had no valid credentials.',
      fix: 'Log in with docker login {registry} (for verify: --user NAME --password-file FILE) using a user created in the Registry step.',
    },
    zhCN: {
      title: '需要认证',
      explanation: '仓库返回 401：已开启认证，而请求没有有效凭据。',
      fix: '使用 docker login {registry} 登录（verify 命令使用 --user NAME --password-file FILE），用户为“仓库”步骤中创建的用户。',
    },
  },
  {
    code: 'CONNECTION_REFUSED',
    step: 'registry',
    codes: ['ECONNREFUSED'],
    patterns: [/connection refused/i, /ECONNREFUSED/],
    en: {
      title: 'Nothing is listening on the registry port',
      explanation:
        'The host answered but refused the connection: the registry container is not running, or it publishes another port.',
      fix: 'Redo the Registry step (or `registry-wizard registry status` / `registry start`) and check that it publishes port {port}.',
    },
    zhCN: {
      title: '仓库端口上没有程序在监听',
      explanation: '主机有应答但拒绝了连接：仓库容器没有运行，或者发布的是其他端口。',
      fix: '重新执行“仓库”步骤（或运行 registry-wizard registry status / registry start），并确认它发布了端口 {port}。',
    },
  },
  {
    code: 'NAME_NOT_FOUND',
    step: 'network',
    codes: ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENODATA'],
    patterns: [
      /no such host/i,
      /server misbehaving/i,
      /Temporary failure in name resolution/i,
      /getaddrinfo/i,
    ],
    en: {
      title: 'The registry name does not resolve',
      explanation: 'DNS (or /etc/hosts) on this machine has no address for {host}.',
      fix: 'Add {host} to your DNS or to /etc/hosts on every client, or use the IP address (it must then be an IP SAN: Certificates step).',
    },
    zhCN: {
      title: '仓库域名无法解析',
      explanation: '本机的 DNS（或 /etc/hosts）中没有 {host} 的地址。',
      fix: '在 DNS 或每个客户端的 /etc/hosts 中添加 {host}，或者改用 IP 地址（此时它必须是 IP SAN：见“证书”步骤）。',
    },
  },
  {
    code: 'TIMEOUT',
    step: 'network',
    codes: ['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'TIMEOUT'],
    patterns: [
      /i\/o timeout/i,
      /context deadline exceeded/i,
      /Client\.Timeout exceeded/i,
      /no route to host/i,
      /timed out/i,
      /no answer within/i,
    ],
    en: {
      title: 'The registry does not answer',
      explanation:
        'Packets to {registry} go unanswered: a firewall drops them, the address is wrong, or the host is down.',
      fix: 'Open port {port}/tcp in the firewall of the registry host (firewalld, ufw, security group) and check the address; then run Verify again.',
    },
    zhCN: {
      title: '仓库没有应答',
      explanation: '发往 {registry} 的数据包没有回应：被防火墙丢弃、地址错误或主机宕机。',
      fix: '在仓库主机的防火墙（firewalld、ufw、安全组）中放行 {port}/tcp 并检查地址，然后重新验证。',
    },
  },
  {
    code: 'CONNECTION_RESET',
    step: 'registry',
    codes: ['ECONNRESET', 'EPIPE'],
    patterns: [/connection reset by peer/i, /socket hang up/i],
    en: {
      title: 'The connection was cut',
      explanation:
        'The registry (or something in between, a proxy or firewall) closed the connection mid-request; a registry that is stopping does this too.',
      fix: 'Check that the registry keeps running (Registry step: status and logs) and that no proxy intercepts {registry}; run Verify again.',
    },
    zhCN: {
      title: '连接被中断',
      explanation: '仓库（或中间的代理、防火墙）在请求中途关闭了连接；正在停止的仓库也会这样。',
      fix: '检查仓库是否一直在运行（“仓库”步骤：状态和日志），以及没有代理拦截 {registry}；然后重新验证。',
    },
  },
  {
    code: 'FINGERPRINT_MISMATCH',
    step: 'registry',
    codes: ['FINGERPRINT_MISMATCH'],
    patterns: [],
    en: {
      title: 'The registry serves an older certificate than the one issued',
      explanation:
        'The served certificate is not the one you issued: an old domain.crt is still mounted, or the container was not restarted after the change.',
      fix: 'Redo the Registry step with the new certificate (`registry-wizard registry replace-cert`), which copies it and restarts the container.',
    },
    zhCN: {
      title: '仓库使用的证书不是刚签发的那张',
      explanation: '服务器提供的证书与你签发的不同：仍挂载着旧的 domain.crt，或修改后容器没有重启。',
      fix: '用新证书重新执行“仓库”步骤（registry-wizard registry replace-cert），它会复制证书并重启容器。',
    },
  },
  {
    code: 'CERT_NOT_FROM_CA',
    step: 'certificates',
    codes: ['CERT_NOT_FROM_CA'],
    patterns: [],
    en: {
      title: 'The server certificate was not issued by this CA',
      explanation:
        'Clients trusting this CA will refuse the server certificate; a wrong CA file was given, or the certificate comes from another CA.',
      fix: 'Give the ca.crt that issued the certificate, or redo the Certificates step to issue the server certificate from this CA.',
    },
    zhCN: {
      title: '服务器证书不是由这个 CA 签发的',
      explanation: '信任这个 CA 的客户端会拒绝该服务器证书：可能给错了 CA 文件，或证书来自其他 CA。',
      fix: '提供签发该证书的 ca.crt，或重新执行“证书”步骤，用这个 CA 签发服务器证书。',
    },
  },
  {
    code: 'CA_INVALID',
    step: 'certificates',
    codes: ['CA_INVALID', 'NOT_A_CA', 'CA_NOT_A_CA'],
    patterns: [],
    en: {
      title: 'The CA file is not a usable CA certificate',
      explanation:
        'The file is not a CA certificate (basicConstraints CA:TRUE), or it cannot be read as one.',
      fix: 'Give the ca.crt written in the Certificates step (not domain.crt), or redo the Certificates step to create a CA.',
    },
    zhCN: {
      title: 'CA 文件不是可用的 CA 证书',
      explanation: '该文件不是 CA 证书（basicConstraints CA:TRUE），或无法读取。',
      fix: '提供“证书”步骤生成的 ca.crt（不是 domain.crt），或重新执行“证书”步骤创建 CA。',
    },
  },
  {
    code: 'CERT_EXPIRING',
    step: 'certificates',
    codes: ['CERT_EXPIRING', 'CA_EXPIRING'],
    patterns: [],
    en: {
      title: 'A certificate expires soon',
      explanation: 'Fewer than 30 days are left; after that every push and pull fails.',
      fix: 'Redo the Certificates step before it expires (a new server certificate from the same CA needs no client change; a new CA must be trusted again by every client).',
    },
    zhCN: {
      title: '证书即将过期',
      explanation: '剩余不到 30 天；过期后所有推送和拉取都会失败。',
      fix: '在过期前重新执行“证书”步骤（用同一 CA 签发新服务器证书无需改动客户端；新的 CA 需要所有客户端重新信任）。',
    },
  },
  {
    code: 'CERT_LINT',
    step: 'certificates',
    codes: ['CERT_LINT', 'LEAF_TOO_LONG', 'SHA1', 'WEAK_KEY'],
    patterns: [],
    en: {
      title: 'The certificate breaks a rule clients enforce',
      explanation:
        'The certificate core found a problem (signature algorithm, key size or lifetime) that some clients refuse.',
      fix: 'Redo the Certificates step with the defaults (SHA-256, RSA 2048+, at most 825 days), then replace the certificate in the Registry step.',
    },
    zhCN: {
      title: '证书违反了客户端强制的规则',
      explanation: '证书检查发现了部分客户端会拒绝的问题（签名算法、密钥长度或有效期）。',
      fix: '用默认设置（SHA-256、RSA 2048 位以上、最长 825 天）重新执行“证书”步骤，然后在“仓库”步骤中替换证书。',
    },
  },
  {
    code: 'DNS_MISMATCH',
    step: 'network',
    codes: ['DNS_MISMATCH'],
    patterns: [],
    en: {
      title: 'The name resolves to another host',
      explanation:
        '{host} resolves to addresses other than the registry host, so clients would reach a different machine.',
      fix: 'Correct the DNS record or /etc/hosts entry for {host} on the clients.',
    },
    zhCN: {
      title: '域名解析到了其他主机',
      explanation: '{host} 解析出的地址不是仓库主机，客户端会连到另一台机器。',
      fix: '在客户端上修正 {host} 的 DNS 记录或 /etc/hosts 条目。',
    },
  },
  {
    code: 'NOT_A_REGISTRY',
    step: 'registry',
    codes: ['NOT_A_REGISTRY'],
    patterns: [/Docker-Distribution-Api-Version/i],
    en: {
      title: 'Something else answers on the registry port',
      explanation:
        'The HTTPS server on {registry} did not answer /v2/ like a Docker registry (no Docker-Distribution-Api-Version header).',
      fix: 'Redo the Registry step on a free port, or stop what else listens on {port}.',
    },
    zhCN: {
      title: '仓库端口上是别的服务',
      explanation:
        '{registry} 上的 HTTPS 服务没有像 Docker 仓库那样应答 /v2/（缺少 Docker-Distribution-Api-Version 头）。',
      fix: '在空闲端口上重新执行“仓库”步骤，或停止占用 {port} 的程序。',
    },
  },
  {
    code: 'LOOPBACK_INSECURE',
    step: 'trust',
    codes: ['LOOPBACK_INSECURE'],
    patterns: [],
    en: {
      title: 'A loopback push does not prove client trust',
      explanation:
        'dockerd always treats 127.0.0.0/8 as an insecure registry and skips certificate checks there, so this round trip succeeded without testing the CA.',
      fix: "Run the push/pull round trip (the app's Verify step, or registry-wizard verify --push) on a client machine, with the address the clients use (an IP SAN or DNS name of the registry host).",
    },
    zhCN: {
      title: '回环地址上的推送不能证明客户端信任',
      explanation: 'dockerd 总是把 127.0.0.0/8当作不安全仓库，不检查证书，所以这次往返成功并没有检验 CA。',
      fix: '在客户端机器上，用客户端实际使用的地址（仓库主机的 IP SAN 或 DNS 名称）运行推送/拉取往返测试（应用的“验证”步骤，或 registry-wizard verify --push）。',
    },
  },
  {
    code: 'DIGEST_MISMATCH',
    step: 'registry',
    codes: ['DIGEST_MISMATCH'],
    patterns: [/digest did not match|manifest verification failed/i],
    en: {
      title: 'The image pulled back is not the one pushed',
      explanation:
        'The digest after the pull differs from the digest of the push: the storage or a proxy in between changed the data.',
      fix: 'Check the registry storage (disk, permissions) in the Registry step and any proxy in front of {registry}; run Verify again.',
    },
    zhCN: {
      title: '拉回的镜像与推送的不一致',
      explanation: '拉取后的摘要与推送时不同：仓库存储或中间的代理改变了数据。',
      fix: '在“仓库”步骤中检查仓库存储（磁盘、权限）以及 {registry} 前面的代理，然后重新验证。',
    },
  },
  {
    code: 'DELETE_DISABLED',
    step: 'registry',
    codes: ['DELETE_DISABLED'],
    patterns: [/The operation is unsupported/i],
    en: {
      title: 'Deleting images is switched off',
      explanation:
        'The registry refuses DELETE (405) unless REGISTRY_STORAGE_DELETE_ENABLED=true; the self-test image stays in the registry.',
      fix: 'To let the self-test clean up, redo the Registry step with delete enabled (--delete-enabled).',
    },
    zhCN: {
      title: '删除镜像功能未开启',
      explanation:
        '除非设置 REGISTRY_STORAGE_DELETE_ENABLED=true，仓库会拒绝 DELETE（405）；自检镜像会留在仓库中。',
      fix: '如需自检后自动清理，请开启删除功能（--delete-enabled）重新执行“仓库”步骤。',
    },
  },
  {
    code: 'TRUST_MISSING',
    step: 'trust',
    codes: ['TRUST_MISSING'],
    patterns: [],
    en: {
      title: "This machine's Docker does not trust the CA for this registry",
      explanation: `There is no ${CERTS_D} holding this CA, so docker push and pull from this machine fail with "certificate signed by unknown authority".`,
      fix: `Redo the Trust step on this machine: it writes ${CERTS_D}.`,
    },
    zhCN: {
      title: '本机的 Docker 没有为该仓库信任此 CA',
      explanation: `不存在包含此 CA 的 ${CERTS_D}，因此本机的 docker push 和 pull 会报错“certificate signed by unknown authority”。`,
      fix: `在本机重新执行“信任”步骤：它会写入 ${CERTS_D}。`,
    },
  },
  {
    code: 'CERTS_D_WRONG_NAME',
    step: 'trust',
    codes: ['CERTS_D_WRONG_NAME'],
    patterns: [],
    en: {
      title: 'The certs.d folder name does not match the image reference',
      explanation:
        'Docker looks only in the folder named exactly HOST:PORT as written in the image reference; a folder for another port or without the port is not used for {registry}.',
      fix: `Redo the Trust step for {registry}: it writes ${CERTS_D}.`,
    },
    zhCN: {
      title: 'certs.d 目录名与镜像引用不一致',
      explanation:
        'Docker 只读取与镜像引用中 HOST:PORT 完全相同的目录；其他端口或不带端口的目录不会用于 {registry}。',
      fix: `为 {registry} 重新执行“信任”步骤：它会写入 ${CERTS_D}。`,
    },
  },
  {
    code: 'TRUST_OTHER_CA',
    step: 'trust',
    codes: ['TRUST_OTHER_CA'],
    patterns: [],
    en: {
      title: 'certs.d holds a different CA for this registry',
      explanation:
        'The folder for {registry} exists but its CA is not the one given: an old CA from an earlier setup.',
      fix: 'Redo the Trust step with --force to replace it (the old file is kept as a backup).',
    },
    zhCN: {
      title: 'certs.d 中为该仓库放的是另一个 CA',
      explanation: '{registry} 的目录存在，但其中的 CA 不是给定的这个：是以前安装的旧 CA。',
      fix: '用 --force 重新执行“信任”步骤以替换（旧文件会保留备份）。',
    },
  },
  {
    code: 'OS_STORE_MISSING',
    step: 'trust',
    codes: ['OS_STORE_MISSING'],
    patterns: [],
    en: {
      title: "The CA is not in this machine's OS store",
      explanation:
        'Docker trusts the registry through certs.d, but curl, skopeo and other tools read the OS store, which does not hold this CA.',
      fix: 'Redo the Trust step on this machine with the OS store target (then restart Docker so it re-reads the system roots).',
    },
    zhCN: {
      title: '本机的系统证书库中没有此 CA',
      explanation: 'Docker 通过 certs.d 信任该仓库，但 curl、skopeo 等工具读取系统证书库，而其中没有此 CA。',
      fix: '在本机重新执行“信任”步骤并选择系统证书库（之后重启 Docker，使其重新读取系统根证书）。',
    },
  },
  {
    code: 'NO_SPACE',
    step: 'registry',
    codes: ['ENOSPC'],
    patterns: [/no space left on device/i],
    en: {
      title: 'The disk is full',
      explanation: 'The registry storage or the Docker data root has no space left.',
      fix: 'Free disk space on the registry host, or redo the Registry step with storage on a larger disk.',
    },
    zhCN: {
      title: '磁盘已满',
      explanation: '仓库存储或 Docker 数据目录没有剩余空间。',
      fix: '清理仓库主机的磁盘空间，或把存储放到更大的磁盘上重新执行“仓库”步骤。',
    },
  },
  {
    code: 'ENGINE_SSH_HOST_UNKNOWN',
    step: 'docker-engine',
    codes: ['ENGINE_SSH_HOST_UNKNOWN'],
    patterns: [],
    en: {
      title: "The SSH server's host key is not known",
      explanation:
        'The Docker host answered over SSH with a host key that is in no known_hosts file, so it cannot be told apart from an impostor.',
      fix: 'Compare the fingerprint shown with the one on the Docker host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then add it (ssh-keyscan -p PORT HOST >> ~/.ssh/known_hosts) or pass --ssh-host-key-fingerprint, and check the Docker engine connection again.',
    },
    zhCN: {
      title: 'SSH 服务器的主机密钥未知',
      explanation:
        'Docker 主机通过 SSH 应答，但其主机密钥不在任何 known_hosts 文件中，无法确认对方不是冒充者。',
      fix: '将显示的指纹与 Docker 主机上的指纹（ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub）核对一致后，把它加入 known_hosts（ssh-keyscan -p 端口 主机 >> ~/.ssh/known_hosts）或使用 --ssh-host-key-fingerprint，然后重新检查 Docker 引擎连接。',
    },
  },
  {
    code: 'ENGINE_SSH_HOST_CHANGED',
    step: 'docker-engine',
    codes: ['ENGINE_SSH_HOST_CHANGED', 'ENGINE_SSH_HOST_REVOKED'],
    patterns: [],
    en: {
      title: "The SSH server's host key has changed or is revoked",
      explanation:
        'The Docker host presented a host key other than the one recorded for it (or one marked @revoked). Someone may be intercepting the connection, or the host was reinstalled.',
      fix: 'Do not connect until you know why: ask the host owner. If the host was reinstalled, remove the old line from known_hosts (ssh-keygen -R HOST) and add the new key, then check the Docker engine connection again.',
    },
    zhCN: {
      title: 'SSH 服务器的主机密钥已变化或已吊销',
      explanation:
        'Docker 主机提供的主机密钥与记录的不同（或已标记为 @revoked）。可能有人在拦截连接，也可能主机被重装过。',
      fix: '查明原因之前不要连接：先向主机管理员确认。若主机确已重装，从 known_hosts 中删除旧记录（ssh-keygen -R 主机）并加入新密钥，然后重新检查 Docker 引擎连接。',
    },
  },
  {
    code: 'STORAGE_NOT_WRITABLE',
    step: 'registry',
    codes: ['STORAGE_NOT_WRITABLE'],
    patterns: [/read-only file system/i],
    en: {
      title: 'The registry cannot write to its storage',
      explanation:
        'The storage path or volume mounted at /var/lib/registry is read-only or not writable for the registry, so every push would fail.',
      fix: 'Redo the Registry step with a writable storage path (check the mount and its permissions on the registry host) or a named volume.',
    },
    zhCN: {
      title: '镜像仓库无法写入存储',
      explanation:
        '挂载到 /var/lib/registry 的存储路径或卷是只读的，或仓库没有写权限，因此每次推送都会失败。',
      fix: '使用可写的存储路径（检查仓库主机上的挂载和权限）或命名卷，重新执行“仓库”步骤。',
    },
  },
]
