import type { Texts } from '../types'
import type {
  lintTexts as enLint,
  pkiCli as enCli,
  pkiCliHints as enCliHints,
  pkiErrors as enErrors,
  pkiGui as enGui,
  pkiGuiHints as enGuiHints,
  pkiTexts as enTexts,
} from '../en/pki'

const NOTHING = '没有做任何更改。'
const CORRECT = `请更正 {{field}} 后重试。${NOTHING}`
const BROWSE = `请用“浏览”选择文件。${NOTHING}`

export const pkiErrors = {
  FILE_UNREADABLE: {
    message: '{{field}}：{{value}} 无效；文件必须存在且可读（{{errno}}）',
    hint: CORRECT,
  },
  FILE_NOT_REGULAR: {
    message: '{{field}}：{{value}} 无效；它不是普通文件（是文件夹、设备还是管道？）',
    hint: CORRECT,
  },
  FILE_PATH_RELATIVE: {
    message: '{{field}}：{{value}} 无效；请给出文件的完整路径（不接受相对路径）',
    hint: CORRECT,
  },
  INPUT_TOO_LARGE: {
    message: '{{field}}：{{value}} 无效；文件大于 {{max}}；请给出 PEM 文件本身（一个证书只有几 KB）',
    hint: CORRECT,
  },
  SECRET_FILE_EMPTY: {
    message: '{{field}}：{{value}} 无效；它的第一行是空的；请把密钥口令写在第一行',
    hint: CORRECT,
  },
  CERT_NOT_PEM: {
    message: '{{field}}：文件内容无效；需要 PEM 证书（“-----BEGIN CERTIFICATE-----”）',
    hint: `请给出 PEM 证书文件（“-----BEGIN CERTIFICATE-----”块），例如 openssl x509 导出的文件。${NOTHING}`,
  },
  CERT_UNREADABLE: {
    message: '{{field}}：PEM 块（第 {{position}} 个证书）不是可读的 X.509 证书（{{detail}}）',
    hint: `请以 PEM 证书（“-----BEGIN CERTIFICATE-----”块）给出 {{field}}，例如 openssl x509 导出的文件。${NOTHING}`,
  },
  PEM_UNTERMINATED: {
    message: '{{field}}：文件内容无效；有一个证书块缺少“-----END CERTIFICATE-----”行',
    hint: CORRECT,
  },
  BUNDLE_TOO_MANY: {
    message: '{{field}}：文件内容无效；一个文件中最多允许 {{max}} 个证书',
    hint: `只给出从签发 CA 到根 CA 的证书。${NOTHING}`,
  },
  KEY_NOT_PEM: {
    message: '{{field}}：文件内容无效；需要 PEM 私钥（“-----BEGIN ... PRIVATE KEY-----”）',
    hint: CORRECT,
  },
  KEY_UNREADABLE: {
    message: '{{field}}：它不是可读的 PEM 私钥（{{detail}}）',
    hint: CORRECT,
  },
  PASSPHRASE_REQUIRED: {
    message: '{{field}}：私钥已加密，但没有给出口令',
    hint: '请给出私钥的口令。',
  },
  WRONG_PASSPHRASE: {
    message: '{{field}}：该口令无法打开私钥',
    hint: '请检查口令后重试。',
  },
  PASSPHRASE_TOO_SHORT: {
    message: '{{field}}：口令只有 {{length}} 个字符；请至少使用 {{min}} 个字符（OpenSSL 不接受更短的口令）',
    hint: CORRECT,
  },
  NOT_A_CA: {
    message: '{{field}}：“{{subject}}”不是 CA（缺少 basicConstraints CA:TRUE）',
    hint: '请导入签发服务器证书的 CA 证书，而不是服务器证书；或者新建一个 CA。',
  },
  KEY_MISMATCH: {
    message: '{{field}}：该私钥不属于这个 CA 证书（两者的公钥不同）',
    hint: '请给出与这个 CA 证书一起生成的私钥文件。',
  },
  CA_KEY_UNSUPPORTED: {
    message:
      '{{field}}：CA 私钥是 {{keyType}} 密钥；只有 RSA 和 ECDSA（P-256、P-384、P-521）CA 私钥可以签发证书',
    hint: '请导入 RSA 或 ECDSA CA，或新建一个 CA。',
  },
  KEY_TYPE_CONFLICT: {
    message: '{{field}}：{{keySize}} 位与密钥类型 {{keyType}} 矛盾（密钥长度表示该长度的 RSA 密钥）',
    hint: `只给出密钥类型。${NOTHING}`,
  },
  CA_EXPIRED: {
    message: '{{field}}：CA 证书已于 {{notAfter}} 过期',
    hint: '请新建一个 CA；每个客户端都需要信任新的 ca.crt。',
  },
  CA_NOT_YET_VALID: {
    message: '{{field}}：CA 证书在 {{notBefore}} 之前无效',
    hint: '请检查本机的时钟。',
  },
  CA_CERT_MALFORMED: {
    message: '{{field}}：CA 证书中没有可读的主题（{{detail}}）',
    hint: '请重新导入 CA 证书，或新建一个 CA。',
  },
  CA_CHAIN_UNNEEDED: {
    message:
      '{{field}}：CA 证书“{{subject}}”是自签名的根 CA，它之上没有证书链；却另外给出了 {{count}} 个证书',
    hint: `只有中间 CA 才需要证书链；根 CA 只需给出它自己的证书。${NOTHING}`,
  },
  CA_CHAIN_MISSING: {
    message:
      '{{field}}：CA 证书“{{subject}}”是中间 CA（由“{{issuer}}”签发），但没有给出到根 CA 的证书：由它签发的证书在任何客户端上都无法验证',
    hint: `请给出证书链文件（此 CA 之上的中间 CA（如有），最后是根 CA），或给出在 CA 证书之后包含这些证书的证书文件。${NOTHING}`,
  },
  CA_DIR_CHAIN_MISSING: {
    message:
      '{{field}}：{{caDir}}：其中的 ca.crt 是中间 CA（“{{subject}}”），而该文件夹中没有到根 CA 的 chain.crt：由它签发的证书在任何客户端上都无法验证；没有做任何更改',
    hint: '请连同证书链文件重新导入该 CA，替换此文件夹中的 CA。',
  },
  CA_CHAIN_TOO_LONG: {
    message: '{{field}}：从签发 CA 到根 CA 的证书链共有 {{count}} 个证书；最多允许 {{max}} 个',
    hint: `只给出从签发 CA 到根 CA 的证书。${NOTHING}`,
  },
  CA_CHAIN_DUPLICATE: {
    message: '{{field}}：“{{subject}}”在证书链中出现了两次',
    hint: `每个证书只给一次，从签发 CA 一直到根 CA。${NOTHING}`,
  },
  CA_CHAIN_ORDER: {
    message:
      '{{field}}：证书链顺序不对：“{{child}}”后面是“{{parent}}”，但后者并未签发前者（它的签发者“{{issuer}}”在别处）',
    hint: `请从签发 CA 向上排列证书链：每个证书后面跟着签发它的证书，根 CA 放在最后。${NOTHING}`,
  },
  CA_CHAIN_INCOMPLETE: {
    message:
      '{{field}}：证书链不完整：“{{child}}”由“{{issuer}}”签发，但它既不是下一个证书（“{{parent}}”），也不在证书链中',
    hint: `请补上缺少的签发者证书：证书链必须从签发 CA 一直到自签名的根 CA，每个证书后面跟着它的签发者。${NOTHING}`,
  },
  CA_CHAIN_NOT_CA: {
    message: '{{field}}：证书链中的“{{subject}}”不是 CA（缺少 basicConstraints CA:TRUE）',
    hint: `证书链中只能有 CA 证书。${NOTHING}`,
  },
  CA_CHAIN_NO_ROOT: {
    message: '{{field}}：证书链止于“{{subject}}”，它不是自签名的根 CA（由“{{issuer}}”签发）',
    hint: `请补上直到根 CA（客户端必须信任的那个）为止的证书，根 CA 放在最后。${NOTHING}`,
  },
  CA_CHAIN_EXPIRED: {
    message: '{{field}}：证书链中的“{{subject}}”{{state}}',
    hint: `请向管理根 CA 的人索取证书链的当前证书。${NOTHING}`,
  },
  ALREADY_EXISTS: {
    message: '{{what}}已存在：{{paths}}；没有做任何更改',
    hint: '请选择其他文件夹，或替换它（旧文件会保留为带时间戳的备份）。',
  },
  CA_INCOMPLETE: {
    message: '{{field}}：{{dir}} 中有 ca.crt 但没有完整的 ca.key（CA 的创建或导入曾被中断）；没有做任何更改',
    hint: '请替换它（旧文件会保留为带时间戳的备份），或选择其他文件夹。',
  },
  CA_DIR_NO_CA: {
    message: '{{field}}：“{{dir}}”无效；其中没有 {{file}}：请先在那里创建或导入一个 CA',
    hint: `请在该文件夹中创建或导入 CA，或给出存放 CA 的文件夹。${NOTHING}`,
  },
  CA_FILE_UNREADABLE: {
    message: '{{field}}：“{{dir}}”无效；无法读取 {{file}}（{{errno}}）',
    hint: CORRECT,
  },
  OUT_OTHER_CA: {
    message:
      '{{field}}：{{path}} 中是另一个 CA 的证书（SHA-256 {{fingerprint}}）；把本 CA 的根证书写到那里会破坏该文件夹原有的用途；没有做任何更改',
    hint: '请选择其他文件夹，或替换它（旧的 ca.crt 会保留为带时间戳的备份）。',
  },
  OUT_CA_UNREADABLE: {
    message:
      '{{field}}：{{path}} 中的文件不是可读的证书；把本 CA 的根证书写到那里会破坏该文件夹原有的用途；没有做任何更改',
    hint: '请选择其他文件夹，或替换它（旧的 ca.crt 会保留为带时间戳的备份）。',
  },
  OUT_IS_CA_DIR: {
    message:
      '{{field}}：{{outDir}} 就是 CA 文件夹 {{caDir}}{{link}}；证书文件夹必须与 CA 私钥分开；没有做任何更改',
    hint: '请为证书另选一个文件夹，例如 CA 文件夹旁边的文件夹。',
  },
  OUT_HOLDS_CA_KEY: {
    message:
      '{{field}}：{{outDir}} 中有 ca.key：它是 CA 文件夹，其中的 ca.crt 必须保持与该私钥配对；没有做任何更改',
    hint: '请为证书另选一个文件夹（其中没有 CA 私钥）。',
  },
  SANS_REQUIRED: {
    message: '{{field}}：至少需要一个 IP 地址或 DNS 名称',
    hint: `请给出客户端会使用的每个 IP 地址和 DNS 名称。${NOTHING}`,
  },
} as const satisfies Texts<typeof enErrors>

export const pkiCliHints = {
  PASSPHRASE_REQUIRED: '请给出口令（--passphrase-file FILE）。',
  WRONG_PASSPHRASE: '请检查口令文件（只有一行，只写口令）后重试。',
  CA_CHAIN_MISSING: `请用 --chain FILE 给出证书链（此 CA 之上的中间 CA（如有），最后是根 CA），或把它们放在 --cert 文件中 CA 证书之后。${NOTHING}`,
  CA_DIR_CHAIN_MISSING:
    '请连同证书链重新导入该 CA：registry-wizard ca import --dir {{caDir}} --cert CA.crt --key CA.key --chain CHAIN.pem --force',
  ALREADY_EXISTS: '请选择其他目录，或加上 --force 替换它（旧文件会保留为带时间戳的备份）。',
  CA_INCOMPLETE: '请加上 --force 替换它（旧文件会保留为带时间戳的备份），或选择其他目录。',
  CA_DIR_NO_CA: `请先在那里创建 CA（registry-wizard ca create --dir {{dir}}）或导入一个（registry-wizard ca import）。${NOTHING}`,
  OUT_OTHER_CA: '请另选一个 --out 文件夹，或加上 --force 替换它（旧的 ca.crt 会保留为带时间戳的备份）。',
  OUT_CA_UNREADABLE: '请另选一个 --out 文件夹，或加上 --force 替换它（旧的 ca.crt 会保留为带时间戳的备份）。',
  OUT_IS_CA_DIR: '请另选一个 --out 文件夹，例如 CA 文件夹旁边的 ./certs。',
  OUT_HOLDS_CA_KEY: '请另选一个 --out 文件夹（其中没有 CA 私钥）。',
  KEY_TYPE_CONFLICT: `只给出 --key-type（--key-size N 等同于 --key-type rsa-N）。${NOTHING}`,
  SANS_REQUIRED: `请至少给出一个 --ip 或 --dns：客户端使用的每个地址都必须写进证书。${NOTHING}`,
} as const satisfies Texts<typeof enCliHints>

export const pkiGuiHints = {
  FILE_UNREADABLE: BROWSE,
  FILE_NOT_REGULAR: BROWSE,
  FILE_PATH_RELATIVE: BROWSE,
  INPUT_TOO_LARGE: BROWSE,
  PASSPHRASE_REQUIRED: '请输入 CA 私钥的口令。',
  WRONG_PASSPHRASE: '请检查 CA 私钥的口令后重试。',
  CA_CHAIN_MISSING:
    '此 CA 是中间 CA：请在“证书链文件（中间 CA，最后是根 CA）”中选择它的证书链（它之上的证书，最后是根 CA），或选择在 CA 证书之后包含证书链的证书文件。',
  CA_DIR_CHAIN_MISSING:
    '此文件夹中是缺少证书链的中间 CA。请在“导入 CA”中连同证书链文件重新导入该 CA，导入到新的文件夹。',
  ALREADY_EXISTS: '请选择其他文件夹，或确认替换现有内容（旧文件会保留为带时间戳的备份）。',
  CA_INCOMPLETE: '请选择其他文件夹，或确认替换现有内容（旧文件会保留为带时间戳的备份）。',
  CA_DIR_NO_CA: '此文件夹中没有 CA：请在“创建 CA”中新建，在“导入 CA”中导入，或打开其他文件夹。',
  SANS_REQUIRED: '请在“规划”步骤中添加仓库的地址：客户端使用的每个地址都必须写进证书。',
} as const satisfies Texts<typeof enGuiHints>

export const pkiTexts = {
  file: {
    throughLink: '（通过符号链接）',
  },
  what: {
    ca: 'CA ',
    certOrKey: '证书或私钥',
  },
  chain: {
    expiredSince: '已过期（自 {{date}} 起）',
    notValidBefore: '在 {{date}} 之前无效',
  },
  allowed: {
    keySize: '允许的长度为 {{sizes}} 位',
    keyType: '允许的密钥类型为 {{types}}',
    days: '允许 1 到 {{max}} 之间的整数天数',
    leafDaysCa: '允许 1 到 {{max}} 之间的整数天数（证书的有效期不能超过其 CA，该 CA 于 {{caExpires}} 过期）',
    leafDaysMax: '允许 1 到 {{max}} 之间的整数天数（更长的服务器证书会被 Apple 平台拒绝，其他平台也不建议）',
    commonName: '需要 1 到 64 个字符的通用名称',
    max64: '最多允许 64 个字符',
    country: '允许两个大写字母的国家代码（ISO 3166，例如 CN、US）',
  },
  san: {
    ipRules: 'IPv4 地址是四个 0-255 的数字（例如 192.168.20.10）；也可以用 IPv6（例如 fd00::10）',
    dnsRules:
      'DNS 名称由字母、数字和连字符组成的标签构成（每个标签 1-63 个字符，不能以连字符开头或结尾，不能有空格或下划线），总长最多 253 个字符；通配符只能作为最左边的整个标签（*.example.com）',
    empty: '需要 IP 地址或 DNS 名称；{{rules}}',
    ipv6: '它不是有效的 IPv6 地址（不能带区域 ID 或端口）；{{rules}}',
    ipv4: '它不是有效的 IPv4 地址；{{rules}}',
    tooLong: '它有 {{length}} 个字符；{{rules}}',
    wildcard: '通配符必须是最左边的整个标签；{{rules}}',
    labelTooLong: '标签“{{label}}...”有 {{length}} 个字符；{{rules}}',
    emptyLabel: '其中有空标签；{{rules}}',
    badLabel: '标签“{{label}}”中有不允许的字符或连字符；{{rules}}',
    numericLast: 'DNS 名称不能以全数字的标签结尾；{{rules}}',
  },
  hostPort: {
    ipv6Port: '带端口的 IPv6 地址写作 [地址]:端口，例如 [fd00::10]:5000',
    port: '“:”后面的端口必须是 1 到 65535 之间的整数（例如 192.168.20.10:5000）',
  },
} as const satisfies Texts<typeof enTexts>

export const lintTexts = {
  CN_ONLY:
    '只有通用名称（CN）“{{commonName}}”标明了服务器；Docker 会拒绝它（“certificate relies on legacy Common Name field”）：每个 IP 和 DNS 名称都需要一个 SAN',
  NO_SAN: '证书没有主题备用名称（SAN）：任何客户端都无法把它与地址对应',
  IP_WITHOUT_IP_SAN: '客户端通过 IP {{ip}} 连接，但{{detail}}',
  HOST_NOT_COVERED: '没有 SAN 覆盖 {{host}}',
  LEAF_TOO_LONG: '证书有效期为 {{days}} 天；超过 {{max}} 天会被 Apple 平台拒绝，其他平台也不建议',
  SHA1: '使用 {{algorithm}} 签名；Go 和现代客户端拒绝 SHA-1 签名：请用 SHA-256 重新签发',
  WEAK_KEY: 'RSA 密钥只有 {{bits}} 位；至少需要 {{min}} 位',
  CA_NOT_SERVER:
    '这是 CA 证书：客户端从不把它与地址对应，所以主机检查不适用于它；请改为针对该主机检查服务器证书（domain.crt）',
  LOOPBACK_ADDRESS:
    '{{address}} 是回环地址：Docker 把 127.0.0.0/8 视为不安全地址，因此通过它推送无法证明信任配置正确；其他机器也无法使用它',
  detail: {
    noIpSan: "证书中没有 IP SAN（Docker：“doesn't contain any IP SANs”）",
    notAmong: '它不在证书的 IP SAN 中（{{sans}}）',
  },
} as const satisfies Texts<typeof enLint>

export const pkiCli = {
  ca: {
    description: '创建或导入为仓库证书签名的证书颁发机构（CA）',
    create: {
      description: '新建 CA：在 DIR 中生成 ca.crt 和 ca.key（0600）',
      dir: 'CA 目录',
      cn: '通用名称（CN）',
      org: '组织（O）',
      ou: '组织单位（OU）',
      country: '两个字母的国家代码（C）',
      state: '省或州（ST）',
      locality: '城市（L）',
      days: '有效天数（默认 3650）',
      keyType: '密钥类型：ecdsa-p256（默认）、rsa-2048、rsa-3072 或 rsa-4096',
      keySize: 'RSA 密钥长度：2048、3072 或 4096（等同于 --key-type rsa-N）',
      passphraseFile: '用 FILE 第一行的口令加密 ca.key（AES-256）',
      force: '替换已有的 CA，旧文件保留为带时间戳的备份',
    },
    import: {
      description: '检查后导入已有的 CA（PEM 证书 + 私钥）；中间 CA 需连同到根 CA 的证书链',
      dir: '要写入的 CA 目录',
      cert: 'CA 证书（PEM）；中间 CA 的证书之后可以跟着证书链（中间 CA，最后是根 CA）',
      chain: '用于中间 CA：它之上直到根 CA 的证书（PEM，最近的在前，根 CA 在最后）',
      key: 'CA 私钥（PEM：RSA 或 ECDSA；PKCS#1、SEC1 或 PKCS#8，加密或未加密）',
      passphraseFile: '加密私钥的口令，写在 FILE 的第一行',
    },
    created: '已在 {{dir}} 中创建 CA',
    imported: '已在 {{dir}} 中导入 CA',
    line: {
      certificate: '  证书         {{path}}',
      privateKey: '  私钥         {{path}}（0600，永不离开本机）',
      subject: '  主题         {{subject}}',
      expires: '  到期         {{date}}',
      sha256: '  SHA-256      {{fingerprint}}',
      chain: '  证书链       {{path}}（ca.crt 之上的 {{count}} 个证书，根 CA 在最后）',
      root: '  根 CA        {{subject}}（SHA-256 {{fingerprint}}）：客户端信任的证书',
    },
  },
  cert: {
    description: '签发和检查证书',
    issue: {
      description: '由 CA 签发服务器证书（domain.crt、domain.key）或客户端证书',
      caDir: 'CA 目录（ca.crt、ca.key）',
      out: '输出目录',
      ip: '客户端使用的 IP 地址（可重复）',
      dns: '客户端使用的 DNS 名称（可重复；允许 *.example.com）',
      days: '有效天数（默认 825，不超过 CA 的有效期）',
      client: '签发客户端证书（clientAuth），例如用于通过 TCP+TLS 连接的 Docker 引擎',
      keyType: '证书的密钥类型：ecdsa-p256（默认）、rsa-2048、rsa-3072 或 rsa-4096',
      keySize: 'RSA 密钥长度：2048、3072 或 4096（等同于 --key-type rsa-N）',
      passphraseFile: 'CA 私钥的口令，写在 FILE 的第一行',
      force: '替换已有文件，保留带时间戳的备份',
      ipNotDns: '这里需要 IPv4 或 IPv6 地址；DNS 名称请用 --dns 给出',
      dnsNotIp: '这里需要 DNS 名称；IP 地址请用 --ip 给出',
      usage: {
        server: '服务器',
        client: '客户端',
      },
      issued: '已为 {{sans}} 签发{{usage}}证书',
      line: {
        certificate: '  证书         {{path}}',
        certificateChain: '  证书         {{path}}（含仓库必须发送的 {{count}} 个中间 CA 证书）',
        privateKey: '  私钥         {{path}}（0600）',
        caCopy: '  CA 副本      {{path}}（只把这个文件交给客户端）',
        caCopyRoot: '  CA 副本      {{path}}（根 CA {{subject}}：只把这个文件交给客户端）',
        expires: '  到期         {{date}}',
        sha256: '  SHA-256      {{fingerprint}}',
      },
    },
    inspect: {
      description: '显示证书、检查其问题，并检查它是否覆盖某个主机（不覆盖时退出码为 1）',
      file: 'PEM 证书',
      host: '客户端将使用的 IP 或 DNS 名称，可带 :端口（[IPv6]:端口）',
      json: '以 JSON 输出 {certificate, lint}',
      line: {
        subject: '主题         {{subject}}',
        issuer: '签发者       {{issuer}}',
        issuerSelfSigned: '签发者       {{issuer}}（自签名）',
        serial: '序列号       {{serial}}',
        sans: 'SAN          {{sans}}',
        sansNone: 'SAN          （无）',
        valid: '有效期       {{from}} .. {{to}}（{{state}}）',
        sha256: 'SHA-256      {{fingerprint}}',
        signature: '签名算法     {{algorithm}}',
        key: '密钥         {{type}} {{bits}} 位',
        keyEc: '密钥         ECDSA {{curve}}',
        ca: 'CA           {{answer}}',
        usage: '用途         {{usage}}',
        usageAny: '用途         （任意）',
        coversYes: '覆盖 {{host}}：是（{{san}}）',
        coversNo: '覆盖 {{host}}：否（没有匹配的 SAN；Docker 从不使用 CN）',
        error: '错误：{{message}}',
        warning: '警告：{{message}}',
      },
      expired: '已过期',
      daysLeft: '还剩 {{days}} 天',
      yes: '是',
      no: '否',
    },
  },
  common: {
    json: '以 JSON 输出结果',
    backup: '  备份         {{path}}',
    removed: '  已删除       {{path}}（上次运行中断时留下）',
  },
} as const satisfies Texts<typeof enCli>

export const pkiGui = {
  keyType: '密钥类型',
  serverKeyType: '服务器证书的密钥类型',
  option: {
    'ecdsa-p256': 'ECDSA P-256（推荐：即时生成，Docker、containerd、Podman、curl 和操作系统都接受）',
    'rsa-2048': 'RSA 2048',
    'rsa-3072': 'RSA 3072',
    'rsa-4096': 'RSA 4096',
  },
  rsaHint: '在你填写表单其余部分时，RSA 密钥会在后台生成。',
  name: {
    ec: 'ECDSA {{curve}}',
    rsa: 'RSA {{bits}}',
    other: '{{type}}',
  },
} as const satisfies Texts<typeof enGui>
