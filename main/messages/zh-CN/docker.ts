import type { Texts } from '../types'
import type {
  docker as enDocker,
  dockerCli as enCli,
  dockerCliHints as enCliHints,
  dockerErrors as enErrors,
  dockerGuiHints as enGuiHints,
  dockerPreflight as enPreflight,
  dockerProgress as enProgress,
} from '../en/docker'

export const dockerErrors = {
  INVALID_DOCKER_HOST: {
    message: '{{field}}：{{value}} 无效；{{allowed}}',
    hint: '请更正 {{field}} 后重试。没有做任何更改。',
  },
  INVALID_CONTAINER_NAME: {
    message: '{{field}}：{{value}} 无效；{{allowed}}',
    hint: '请更正 {{field}} 后重试。没有做任何更改。',
  },
  CERT_STORE_INVALID: {
    message: '{{field}}：{{detail}}',
    hint: '绑定挂载指向本机上的文件夹：对远程引擎，请把证书放在卷中或其主机上的文件夹中。',
  },
  CERT_FILES_MISSING: {
    message: '{{field}}：无法读取 {{path}}（{{reason}}）；该目录必须包含 domain.crt、domain.key 和 ca.crt',
    hint: '请先签发服务器证书，并给出它所写入的文件夹。',
  },
  CERT_INVALID: {
    message: '{{field}}：{{what}}',
    hint: '请给出签发服务器证书时写入的文件夹。',
  },
  CERT_KEY_MISMATCH: {
    message: '{{field}}：domain.key 与 domain.crt 不匹配（私钥与证书的公钥不对应）',
    hint: '请使用与该 domain.crt 一起生成的 domain.key，或重新签发一对。',
  },
  CERT_EXPIRED: {
    message: '{{field}}：domain.crt 已于 {{notAfter}} 过期',
    hint: '请用同一个 CA 签发新的服务器证书（客户端无需重新信任）后重试。',
  },
  CERT_NOT_FROM_CA: {
    message: '{{field}}：domain.crt 不是由 ca.crt（{{caSubject}}）签发的{{through}}',
    hint: '请把签发 domain.crt 的 CA 证书以 ca.crt 为名放在旁边；若为中间 CA，domain.crt 依次包含叶证书和中间证书，ca.crt 为根证书。',
  },
  CERT_HOST_NOT_COVERED: {
    message: '{{field}}：{{detail}}',
    hint: '请签发包含客户端所用全部地址的服务器证书，或使用证书已覆盖的地址。',
  },
  CERT_NOT_SAME_CA: {
    message: '{{field}}：仓库当前的证书不是由这个 ca.crt 签发的，客户端将不得不信任一个新的 CA',
    hint: '请用签发当前证书的 CA 签发新的服务器证书。',
  },
  NOT_LOCAL: {
    message: '“{{name}}”的证书是另一台机器上 {{source}} 的绑定挂载',
    hint: '请在运行该引擎的机器上替换它们。',
  },
  REGISTRY_NOT_FOUND: {
    message: '引擎 {{engine}} 上没有名为“{{name}}”的容器',
    hint: '请检查容器名称和引擎，或先启动仓库。',
  },
  NOT_MANAGED: {
    message: '容器“{{name}}”不是由 Registry Wizard 创建的，不会改动它',
    hint: '如果确实要删除，请自行执行 docker rm -f {{name}}。',
  },
  NAME_IN_USE: {
    message: '名为“{{name}}”的容器已存在（{{state}}，镜像 {{image}}{{made}}）',
    hint: '请复用它、替换它，或换一个名称。',
  },
  PORT_IN_USE: {
    message: '引擎主机上的端口 {{port}} 已被占用（{{by}}）',
    hint: '请换一个端口，或停止占用端口 {{port}} 的程序。',
  },
  ENGINE_ERROR: {
    message: '{{action}}失败：{{detail}}',
    hint: '请检查 Docker 引擎（docker info）后重试。',
  },
  ENGINE_INSECURE: {
    message: '{{field}}：{{engine}} 未启用 TLS，{{what}}会以明文经过网络；已拒绝（没有发送任何内容）',
    hint: '请通过 TLS 或 SSH 使用该引擎；只有在可信的网络上、并且明确允许时，才以明文发送。',
  },
  ENGINE_UNREACHABLE: {
    message: '无法连接 {{engine}} 上的 Docker 引擎：{{reason}}',
    hint: '{{fix}}',
  },
  ENGINE_PERMISSION: {
    message: '无法连接 {{engine}} 上的 Docker 引擎：{{reason}}',
    hint: '请把你的用户加入 docker 组（sudo usermod -aG docker $USER），然后注销并重新登录。',
  },
  ENGINE_TLS: {
    message: '无法连接 {{engine}} 上的 Docker 引擎：{{reason}}',
    hint: '{{fix}}',
  },
  ENGINE_SSH_AUTH: {
    message: '无法连接 {{engine}} 上的 Docker 引擎：{{reason}}',
    hint: '请提供正确的 SSH 私钥、将其加载到 ssh-agent，或把其公钥加入该用户的 authorized_keys。',
  },
  ENGINE_SSH: {
    message: '无法连接 {{engine}} 上的 Docker 引擎：{{reason}}',
    hint: '{{fix}}',
  },
  ENGINE_SSH_HOST_UNKNOWN: {
    message:
      '无法连接 {{engine}} 上的 Docker 引擎：{{hostName}} 的 SSH 主机密钥未知（服务器提供的是 {{family}} 密钥 {{fingerprint}}{{others}}）',
    hint: '请通过其他渠道把 {{fingerprint}} 与服务器自己的密钥核对（在服务器上：ssh-keygen -lf /etc/ssh/ssh_host_{{familyLower}}_key.pub）。一致时，用 `{{keyscan}}` 接受它，或固定该指纹。',
  },
  ENGINE_SSH_HOST_CHANGED: {
    message:
      '无法连接 {{engine}} 上的 Docker 引擎：警告，{{hostName}} 的 SSH 主机密钥已改变：服务器提供的是 {{family}} 密钥 {{fingerprint}}，但{{was}}。可能有人在拦截连接（中间人攻击），或服务器的主机密钥已被更换。没有向服务器发送任何内容。',
    hint: "在服务器管理员确认 {{fingerprint}} 之前不要连接。如果密钥是有意更换的，请删除旧条目（ssh-keygen -R '{{hostName}}' -f {{file}}）并加入新条目（{{keyscan}}）。",
  },
  ENGINE_SSH_HOST_PIN_MISMATCH: {
    message:
      '无法连接 {{engine}} 上的 Docker 引擎：{{hostName}} 的 SSH 主机密钥与固定的指纹不符：服务器提供的是 {{fingerprint}}，{{field}} 为 {{pinned}}。可能有人在拦截连接（中间人攻击），或固定的指纹已过时。没有向服务器发送任何内容。',
    hint: '修改固定的指纹之前，请与服务器管理员核对其主机密钥（在服务器上执行 ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub）。',
  },
  ENGINE_SSH_HOST_REVOKED: {
    message:
      '无法连接 {{engine}} 上的 Docker 引擎：服务器提供的 SSH 主机密钥（{{fingerprint}}）在 {{where}} 中被标记为 @revoked',
    hint: '被吊销的密钥不可信任。请向服务器管理员索取其当前的主机密钥。',
  },
  IMAGE_PULL_FAILED: {
    message: '拉取 {{image}} 失败：{{detail}}',
    hint: '没有互联网时，请从 `docker save` 生成的 tar 文件加载镜像。',
  },
  IMAGE_PULL_INCOMPLETE: {
    message: '{{image}} 已拉取完毕，但引擎上没有该镜像',
    hint: '请检查引擎（docker images）后重试。',
  },
  IMAGE_TAR_INVALID: {
    message: '{{field}}：{{detail}}',
    hint: '{{fix}}',
  },
  IMAGE_TAR_NO_TAG: {
    message: '{{field}}：{{path}} 中没有 {{image}}；它包含 {{tags}}',
    hint: '请保存所需的镜像（docker save {{image}} -o FILE），或选择 tar 文件中已有的镜像。',
  },
  IMAGE_LOAD_FAILED: {
    message: '把 {{path}} 加载到引擎失败：{{detail}}',
    hint: '请检查 tar 文件是否完整（docker save 已完成）以及引擎的磁盘空间。',
  },
  IMAGE_LOAD_INCOMPLETE: {
    message: '{{path}} 已加载完毕，但引擎上没有 {{image}}',
    hint: '请确认该 tar 文件包含 {{image}} 后重试。',
  },
  IMAGE_MISSING: {
    message: '引擎上没有镜像 {{image}}，也没有提供镜像 tar 文件（{{reason}}）',
    hint: '离线加载：在能上网的机器上执行 `docker save {{image}} -o registry.tar`，把文件复制到这里，并把它作为镜像 tar 文件提供。',
  },
  CERT_COPY_FAILED: {
    message: '把 {{files}} 复制到 {{target}} 失败：{{detail}}',
    hint: '{{fix}}',
  },
  HEALTH_FAILED: {
    message: '{{target}} 上的仓库不健康：{{reason}}（最后一次探测：{{lastProbe}}）{{log}}{{cleanup}}',
    hint: '请阅读下方的容器日志；常见原因是私钥与证书不匹配、端口被占用，或没有存储路径的权限。',
  },
  HEALTH_TIMEOUT: {
    message: '{{target}} 上的仓库不健康：{{reason}}（最后一次探测：{{lastProbe}}）{{log}}{{cleanup}}',
    hint: '请阅读下方的容器日志；常见原因是私钥与证书不匹配、端口被占用，或没有存储路径的权限。',
  },
  STORAGE_NOT_WRITABLE: {
    message:
      '{{target}} 上的仓库无法写入其存储（{{storage}}）：测试上传得到 HTTP {{httpStatus}}（{{detail}}）{{log}}{{cleanup}}',
    hint: '{{fix}}',
  },
} as const satisfies Texts<typeof enErrors>

export const dockerCliHints = {
  CERT_STORE_INVALID: '绑定挂载会指向远程主机上的路径，而不是本机。',
  CERT_FILES_MISSING: '请先签发服务器证书（registry-wizard cert issue --out DIR），再传入该目录。',
  CERT_INVALID: '请传入 `registry-wizard cert issue` 写入的目录。',
  CERT_HOST_NOT_COVERED:
    '请签发包含客户端所用全部地址的服务器证书（registry-wizard cert issue --ip IP 或 --dns NAME），或用 --registry-host 指定证书已覆盖的地址。',
  REGISTRY_NOT_FOUND: '请检查 --name 和 --docker-host，或用 `registry start` 启动一个。',
  NAME_IN_USE:
    '请加 --reuse 复用它、加 --replace 替换它，或用 --name 换一个名称（查看：registry status --name {{name}}；停止：registry stop --name {{name}}）。',
  PORT_IN_USE: '请用 --port 换一个端口，或停止占用端口 {{port}} 的程序。',
  ENGINE_INSECURE:
    '请通过 TLS 使用引擎（tcp://HOST:2376 加 --tls-ca、--tls-cert 和 --tls-key；`cert issue --client` 可生成客户端证书对）或通过 SSH（ssh://USER@HOST）。若仍要以明文发送，请加 --insecure-engine（在应用中：“规划”步骤里的“不带 TLS 的引擎”复选框）。',
  ENGINE_UNREACHABLE: '{{cliFix}}',
  ENGINE_TLS: '{{cliFix}}',
  ENGINE_SSH_AUTH:
    '请用 --ssh-key 提供正确的私钥、将其加载到 ssh-agent，或把其公钥加入该用户的 authorized_keys。',
  ENGINE_SSH_HOST_UNKNOWN:
    '请通过其他渠道把 {{fingerprint}} 与服务器自己的密钥核对（在服务器上：ssh-keygen -lf /etc/ssh/ssh_host_{{familyLower}}_key.pub）。一致时，用 `{{keyscan}}` 接受它，或加 --ssh-host-key-fingerprint {{fingerprint}}。',
  IMAGE_PULL_FAILED: '没有互联网时，请从 `docker save` 生成的 tar 文件加载镜像（--image-tar FILE）。',
  IMAGE_TAR_NO_TAG:
    '请保存所需的镜像（docker save {{image}} -o FILE），或用 --image 选择 tar 文件中已有的镜像。',
  IMAGE_MISSING:
    '离线加载：在能上网的机器上执行 `docker save {{image}} -o registry.tar`，把文件复制到这里，并加 --image-tar registry.tar。',
  STORAGE_NOT_WRITABLE: '{{cliFix}}',
} as const satisfies Texts<typeof enCliHints>

export const dockerGuiHints = {
  CERT_STORE_INVALID: '绑定挂载会指向远程主机上的文件夹，而不是本机。',
  CERT_FILES_MISSING: '请先在“证书”步骤签发服务器证书。',
  CERT_INVALID: '请在“证书”步骤重新签发服务器证书。',
  CERT_HOST_NOT_COVERED: '请在“证书”步骤重新签发包含客户端所用全部地址的服务器证书。',
  REGISTRY_NOT_FOUND: '请先在“仓库”步骤启动仓库。',
  NAME_IN_USE: '请用“删除”按钮删除已有的容器，或先将其改名。',
  PORT_IN_USE: '请在“规划”步骤换一个端口，或停止占用端口 {{port}} 的程序。',
  ENGINE_INSECURE:
    '请在“规划”步骤提供引擎的 TLS 文件夹或改用 SSH；仅在网络可信时才勾选“允许不带 TLS 的引擎”。',
  ENGINE_UNREACHABLE: '{{guiFix}}',
  ENGINE_TLS: '{{guiFix}}',
  ENGINE_SSH_HOST_UNKNOWN:
    '请通过其他渠道把 {{fingerprint}} 与服务器自己的密钥核对（在服务器上：ssh-keygen -lf /etc/ssh/ssh_host_{{familyLower}}_key.pub）。一致时，用 `{{keyscan}}` 把它加入 known_hosts，然后重新检查连接。',
  IMAGE_PULL_FAILED: '没有互联网时，请在“仓库”步骤选择用 `docker save` 生成的镜像 tar 文件。',
  IMAGE_MISSING:
    '离线加载：在能上网的机器上执行 `docker save {{image}} -o registry.tar`，把文件复制到这里，并在“仓库”步骤把它选为镜像 tar 文件。',
  STORAGE_NOT_WRITABLE: '{{guiFix}}',
} as const satisfies Texts<typeof enGuiHints>

export const docker = {
  allowed: {
    oneUser: 'htpasswd 认证至少需要一个用户',
    userName: '允许：1-64 个字母、数字和 . _ @ -（不能有冒号和空格）',
    userOnce: '每个用户名只能出现一次',
    passwordEmpty: '密码不能为空',
    passwordLong: 'bcrypt 最多使用 72 个字节；请选择更短的密码',
    dockerHost: '允许：unix:///path、npipe:////./pipe/name、tcp://host:port、ssh://user@host[:port]',
    containerName: '允许：字母、数字和 _ . -（以字母或数字开头，最多 63 个字符）',
    fingerprint:
      '允许：SHA256:<43 个 base64 字符>，即 `ssh-keygen -lf KEY.pub` 或 `ssh-keyscan HOST | ssh-keygen -lf -` 输出的格式',
    tlsDir: '其中必须有 {{file}}（以及 ca.pem、cert.pem 和 key.pem）',
  },
  certStore: {
    bindNeedsDir: '“bind”需要一个证书目录',
    bindRemote: '“bind”不适用于远程引擎 {{engine}}；那里允许：volume 或主机路径',
  },
  cert: {
    notPem: '{{file}} 不是 PEM 证书',
    keyUnusable: 'domain.key 不是未加密的 PEM 私钥（仓库无法使用加密的私钥）',
    throughIntermediates: '，无论是直接签发还是经由其后的 {{count}} 个中间证书',
    noAddress:
      'domain.crt 中没有客户端可用的地址（它包含 {{sans}}）；Docker 客户端只读取 IP 和 DNS 类型的 SAN',
    noSanFor: 'domain.crt 的 SAN 中没有 {{host}}（它包含 {{sans}}）；Docker 客户端会拒绝它',
    noSans: '没有任何 SAN',
  },
  secrets: {
    key: '仓库的私钥（domain.key）',
    keyAndHtpasswd: '仓库的私钥（domain.key）和 htpasswd 文件',
    newKey: '仓库的新私钥（domain.key）',
    password: '仓库密码（往返测试中的 docker login）',
  },
  plainTcp:
    '{{engine}} 是未启用 TLS 的 Docker 引擎：发给它的一切（仓库的 domain.key、htpasswd 文件）都以明文经过网络，任何能访问该端口的人都能控制该引擎。',
  reach: {
    noSocket: '套接字不存在',
    permission: '没有访问套接字的权限',
    refused: '连接被拒绝',
    notFound: '找不到主机名',
    sshAuth: 'SSH 身份验证失败',
    dialStdio: 'SSH 用户无法运行“docker system dial-stdio”（{{detail}}）',
    tls: 'TLS 被拒绝（{{detail}}）',
    timeout: '{{seconds}} 秒内没有应答',
    other: '{{detail}}',
    hostKeyCheck: '检查 SSH 主机密钥失败：{{detail}}',
  },
  fix: {
    noSocket: {
      neutral: '请启动 Docker（systemctl start docker）或给出引擎地址。',
      cli: '请启动 Docker（systemctl start docker）或加 --docker-host。',
      gui: '请启动 Docker（systemctl start docker）或在“规划”步骤选择 Docker 的运行位置。',
    },
    refused: {
      neutral: '请检查 dockerd 是否在运行并在该地址上监听。',
      cli: '请检查 dockerd 是否在运行并在该地址上监听。',
      gui: '请检查 dockerd 是否在运行并在该地址上监听。',
    },
    notFound: {
      neutral: '请检查引擎地址中的主机名。',
      cli: '请检查 --docker-host 中的主机名。',
      gui: '请在“规划”步骤检查引擎的主机名。',
    },
    timeout: {
      neutral: '请检查地址、防火墙以及引擎是否在运行。',
      cli: '请检查地址、防火墙以及引擎是否在运行。',
      gui: '请检查地址、防火墙以及引擎是否在运行。',
    },
    other: {
      neutral: '请检查引擎地址以及引擎是否在运行。',
      cli: '请检查 --docker-host 以及引擎是否在运行。',
      gui: '请在“规划”步骤检查 Docker 的运行位置以及引擎是否在运行。',
    },
    tlsRefused: {
      neutral:
        '引擎拒绝了 TLS 连接：请检查其 CA 是否签发了它的服务器证书、服务器证书是否覆盖该主机名，以及客户端证书对是否受它信任。',
      cli: '引擎拒绝了 TLS 连接：请检查 --tls-ca 是否签发了它的服务器证书、服务器证书是否覆盖该主机名，以及 --tls-cert/--tls-key 是否为它信任的客户端证书对。',
      gui: '引擎拒绝了 TLS 连接：请检查 TLS 文件夹中的 ca.pem 是否签发了它的服务器证书、是否覆盖该主机名，以及 cert.pem/key.pem 是否为它信任的客户端证书对。',
    },
    tlsNeeded: {
      neutral: '该引擎要求 TLS：请提供它的 CA 以及客户端证书和私钥。',
      cli: '该引擎要求 TLS：请加 --tls-ca、--tls-cert 和 --tls-key。',
      gui: '该引擎要求 TLS：请在“规划”步骤提供它的 TLS 文件夹（ca.pem、cert.pem、key.pem）。',
    },
    dialStdio: {
      neutral: '请在服务器上安装 docker 命令行工具，并允许该 SSH 用户运行它。',
    },
    hostKeyCheck: {
      neutral: '请检查 known_hosts 文件和固定的指纹后重试。',
    },
    tarUnreadable: { neutral: '请给出用 `docker save IMAGE -o FILE` 生成的 tar 文件的路径。' },
    tarNotImage: {
      neutral:
        '请在能上网的机器上生成该文件：docker pull registry:2 && docker save registry:2 -o registry-2.tar',
    },
    copyHostPath: { neutral: '该目录必须是引擎可以创建和写入的绝对路径。' },
    copyVolume: { neutral: '请检查引擎的磁盘空间。' },
    storageHostPath: {
      neutral:
        '请给仓库一个可写的目录：{{path}} 必须位于可写的文件系统上（不是只读挂载），并且容器中的 root 可以写入（启用 SELinux 时请设置标签：chcon -Rt container_file_t {{path}}）。然后替换容器重新启动。',
      cli: '请给仓库一个可写的目录：{{path}} 必须位于可写的文件系统上（不是只读挂载），并且容器中的 root 可以写入（启用 SELinux 时请设置标签：chcon -Rt container_file_t {{path}}）。然后加 --replace 重新运行 start。',
      gui: '请给仓库一个可写的目录：{{path}} 必须位于可写的文件系统上（不是只读挂载），并且容器中的 root 可以写入（启用 SELinux 时请设置标签：chcon -Rt container_file_t {{path}}）。然后删除仓库并重新启动。',
    },
    storageVolume: {
      neutral: '请检查引擎的磁盘（docker system df）和该卷，然后替换容器重新启动。',
      cli: '请检查引擎的磁盘（docker system df）和该卷，然后加 --replace 重新运行 start。',
      gui: '请检查引擎的磁盘（docker system df）和该卷，然后删除仓库并重新启动。',
    },
  },
  hostKey: {
    otherTypes: '；known_hosts 中只有它的 {{types}} 密钥',
    holds: ' {{where}} 中记录的是 {{fingerprint}}',
    holdsOther: ' known_hosts 中记录的是另一个密钥',
  },
  tar: {
    unreadable: '无法读取 {{path}}',
    notImage: '{{path}} 不是 Docker 镜像归档（其中没有 manifest.json）',
    noTags: '没有带标签的镜像',
  },
  image: {
    pullOff: '已关闭拉取',
  },
  action: {
    listContainers: '列出容器',
    startContainer: '启动 {{name}} ',
    createContainer: '创建容器 {{name}} ',
    removeContainer: '删除 {{name}} ',
    inspectContainer: '查看 {{name}} ',
    stopContainer: '停止 {{name}} ',
    restartContainer: '重启 {{name}} ',
    removeVolume: '删除卷 {{name}} ',
    lookUpVolume: '查找卷 {{name}} ',
    createVolume: '创建卷 {{name}} ',
    lookUpImage: '查找镜像 {{image}} ',
  },
  container: {
    madeByUs: '，由 Registry Wizard 创建',
    publishedBy: '已被容器“{{name}}”发布',
    listening: '有其他程序在监听该端口',
    restarting: '容器在不断重启（退出码 {{exitCode}}）',
    stopped: '容器处于 {{status}} 状态（退出码 {{exitCode}}）',
    gone: '容器已不存在（{{detail}}）',
  },
  target: {
    url: '{{url}}',
    via: '{{url}}（经由 {{connectHost}} 访问）',
    volume: '卷 {{name}}',
    hostPath: '引擎主机上的 {{path}}',
  },
  storage: {
    volume: '卷 {{name}}',
    hostPath: '引擎主机上的主机路径 {{path}}',
    keptHostPath: '主机路径 {{path}}',
  },
  health: {
    noAnswer: '{{seconds}} 秒内没有健康的应答',
    http: '/v2/ 返回 HTTP {{status}}',
  },
  log: {
    lines: '\n容器日志（最后几行）：\n{{lines}}',
    empty: '（空）',
  },
  cleanup: {
    line: '\n清理：{{done}}',
    removed: '已删除本次启动创建的容器 {{name}}{{volumes}}，没有留下任何运行中的容器（数据卷保留）。',
    andVolumes: '以及卷 {{volumes}}',
    removeFailed: '删除容器 {{name}} 失败（{{detail}}）；请用 `registry remove --name {{name}}` 删除它。',
    stopped: '已停止已有的容器 {{name}}（它被复用但不健康）；没有删除它。',
    alreadyStopped: '已有的容器 {{name}} 已经停止；没有删除它。',
    stopFailed: '停止容器 {{name}} 失败（{{detail}}）；请用 `registry stop --name {{name}}` 停止它。',
  },
  notice: {
    tarNotUsed:
      '引擎上已有 {{image}}，因此没有使用 {{tar}}（若要从 tar 文件加载，请先删除该镜像：docker rmi {{image}}）',
  },
} as const satisfies Texts<typeof enDocker>

export const dockerProgress = {
  preflight: '正在检查引擎连接、证书、名称、端口和镜像',
  image: '正在确认引擎上有 {{image}}',
  pull: '{{layer}}：{{status}}',
  pullStatus: '{{status}}',
  loadSending: '正在发送 {{path}}：{{percent}}%',
  loadEngine: '{{text}}',
  replaceOld: '正在删除旧容器 {{name}}',
  replaceVolume: '已删除旧容器使用而新容器不用的卷 {{volume}}',
  certs: '正在把 domain.crt 和 domain.key 复制到引擎',
  auth: '正在写入 htpasswd 文件（bcrypt）',
  create: '正在创建容器 {{name}}',
  start: '正在启动 {{name}}',
  health: '正在等待 {{target}}',
  storage: '正在检查仓库能否写入其存储',
  cleanup: '{{done}}',
  reuse: '正在复用已有的容器 {{name}}',
} as const satisfies Texts<typeof enProgress>

export const dockerPreflight = {
  title: {
    certs: '服务器证书和私钥',
    engine: 'Docker 引擎',
    port: '端口 {{port}}',
    name: '容器“{{name}}”',
  },
  certs: {
    ok: '{{subject}}，还剩 {{days}} 天',
    CERT_FILES_MISSING: '证书目录不完整：无法读取 {{path}}（{{reason}}）',
    CERT_KEY_MISMATCH: 'domain.key 与 domain.crt 不匹配',
    CERT_EXPIRED: '服务器证书已过期：{{notAfter}}',
    CERT_NOT_FROM_CA: '服务器证书不是由 ca.crt 签发的：{{caSubject}}',
    CERT_HOST_NOT_COVERED: '服务器证书的 SAN 中没有 {{host}}，Docker 客户端会拒绝它',
    noAddress: '服务器证书中没有客户端可用的地址：{{sans}}',
    CERT_INVALID: '证书文件无法使用：{{what}}',
    fix: '请在“证书”步骤重新签发服务器证书。',
  },
  engine: {
    ok: 'Docker {{version}}（{{os}}/{{arch}}）',
    fail: '无法使用该引擎：{{detail}}',
    fix: '请在“规划”步骤检查 Docker 的运行位置并测试连接。',
    insecure: '{{engine}} 未启用 TLS：仓库私钥和密码文件会以明文发送给它',
    insecureAllowed: 'Docker {{version}}（{{os}}/{{arch}}），未启用 TLS：仓库私钥和密码文件以明文发送',
    insecureFix: '请在“规划”步骤提供引擎的 TLS 文件夹或改用 SSH；仅在网络可信时才勾选“允许不带 TLS 的引擎”。',
  },
  port: {
    free: '空闲',
    published: '已被容器“{{by}}”占用',
    bound: '本机已有其他程序在监听该端口',
    fix: '请在“规划”步骤换一个端口，或停止占用端口 {{port}} 的程序。',
  },
  name: {
    free: '名称可用',
    exists: '已存在（{{state}}，镜像 {{image}}）',
    existsFix: '启动会被拒绝：请先用下方的“删除”按钮删除它，或将其改名。',
  },
  other: { fail: '{{detail}}' },
} as const satisfies Texts<typeof enPreflight>

export const dockerCli = {
  engine: {
    description: '运行仓库的 Docker 引擎（本机、ssh:// 或带 TLS 的 tcp://）',
    check: {
      description: '在 5 秒内连接引擎并报告其版本、API 版本和操作系统/架构，或说明无法连接的原因',
      refusesPlainTcp:
        '除非加 --insecure-engine，registry start 和 replace-cert 会拒绝它；建议使用 TLS（--tls-ca、--tls-cert、--tls-key）或 ssh://。',
      engine: '引擎         {{engine}}',
      version: '版本         {{version}}（API {{apiVersion}}）',
      platform: '平台         {{os}}/{{arch}}',
      kernel: '内核         {{kernel}}',
    },
    option: {
      dockerHost:
        '引擎：unix:///var/run/docker.sock、tcp://HOST:2376、ssh://USER@HOST[:PORT]（默认：DOCKER_HOST，其次是本机套接字）',
      tlsCa: '签发引擎 TLS 服务器证书的 CA 证书（tcp://）',
      tlsCert: '连接引擎用的客户端证书（tcp://）',
      tlsKey: '连接引擎用的客户端私钥（tcp://）',
      sshKey: 'ssh:// 使用的私钥（默认：SSH_AUTH_SOCK 指向的 ssh-agent）',
      sshPassphraseFile: '--ssh-key 的口令，位于 FILE 的第一行',
      sshHostKeyFingerprint: '只接受此 SSH 主机密钥（即 `ssh-keygen -lf` 输出的格式），不检查 known_hosts',
      sshKnownHosts: '用来检查 SSH 主机密钥的 known_hosts 文件（默认 ~/.ssh/known_hosts）',
      insecureEngine: '允许未启用 TLS 的 tcp:// 引擎以明文接收仓库私钥和 htpasswd 文件（否则拒绝）',
    },
    allowedInsecure: '（由 --insecure-engine 允许）',
    tlsTriple: '给出了 3 个中的 {{given}} 个',
    tlsTripleAllowed: 'TLS 引擎需要全部三个文件，或一个也不给',
  },
  registry: {
    description: '在 Docker 引擎上运行和管理仓库容器',
    option: {
      name: '容器名称',
      json: '以 JSON 输出结果',
      healthTimeout: '等待健康应答的时长',
    },
    start: {
      description: '预检、镜像（已有、--image-tar 或拉取）、把证书放到引擎、容器、健康检查',
      certs: '包含 domain.crt、domain.key 和 ca.crt 的目录（由 `cert issue` 生成）',
      port: '主机端口',
      data: '以引擎主机上的路径作为存储',
      volume: '以命名卷作为存储（默认 NAME-data）',
      image: '仓库镜像（registry:2 或 registry:3）',
      imageTar: '从 `docker save` 生成的 tar 文件加载镜像（离线）',
      user: 'htpasswd 用户（可重复，每个都要跟一个 --password-file）',
      passwordFile: '前一个 --user 的密码，位于 FILE 的第一行',
      deleteEnabled: '允许通过 API 删除镜像（REGISTRY_STORAGE_DELETE_ENABLED）',
      certStore: 'auto | bind | volume | host:/PATH（auto：本机用绑定挂载，远程用卷）',
      registryHost:
        '客户端使用的地址，用来检查所提供的证书并在结果中报告（默认：证书中的某个地址；检查时连接引擎的主机，本机为 127.0.0.1）',
      replace: '替换同名的已有容器',
      reuse: '复用同名的已有容器',
      noPull: '从不拉取；镜像不存在且没有给出 tar 文件时失败',
      healthy:
        '仓库“{{name}}”在 {{url}}/v2/ 上健康（{{ms}} 毫秒后得到 HTTP {{status}}，镜像 {{image}} {{source}}）',
      step: {
        preflight: '预检',
        image: '镜像',
        pull: '拉取',
        load: '加载',
        reuse: '复用',
        replace: '替换',
        certs: '证书',
        auth: '认证',
        create: '创建',
        start: '启动',
        health: '健康检查',
        storage: '存储',
        cleanup: '清理',
      },
      source: { present: '已在引擎上', loaded: '已从 tar 加载', pulled: '已拉取' },
      allowed: {
        certStore: '允许：auto、bind、volume、host:/绝对路径（引擎主机上的目录）',
        oneStorage: '请只给出 --data PATH 或 --volume NAME 中的一个',
        dataPath: '允许引擎主机上的绝对路径（例如 /var/lib/registry）',
        volumeName: '允许：由字母、数字和 _ . - 组成的卷名',
        usersFiles: '每个 --user 之后请跟一个 --password-file',
        oneOf: '请只给出其中一个',
      },
      both: '两者都给了',
      dataAndVolume: '{{data}} 和 {{volume}}',
      usersAndFiles: '{{users}} 个用户，{{files}} 个密码文件',
    },
    status: {
      description: '状态、运行时长、镜像、端口、存储以及所提供证书的到期时间',
      name: '名称         {{name}}{{managed}}',
      notManaged: '（不是由 Registry Wizard 创建的）',
      state: '状态         {{state}}{{uptime}}{{restarts}}',
      uptime: '，已运行 {{seconds}} 秒',
      restarts: '，重启 {{count}} 次',
      image: '镜像         {{image}}',
      port: '端口         {{port}}',
      notPublished: '（未发布）',
      storage: '存储         {{kind}} {{source}}',
      noStorage: '存储         （无）',
      certificate: '证书         {{subject}}，{{notAfter}} 到期（还剩 {{days}} 天）',
      noCertificate: '证书         （无法读取）',
    },
    logs: {
      description: '容器的日志',
      tail: '显示多少行',
      follow: '持续输出新日志，直到按 Ctrl+C',
    },
    stop: { description: '停止仓库容器', done: '已停止 {{name}}' },
    restart: {
      description: '重启仓库容器，并用 CA 检查其健康状况',
      certs: '包含 ca.crt 的目录，用于在重启后验证仓库',
      registryHost: '用来检查所提供证书的地址（默认：证书中的某个地址；检查时连接引擎的主机）',
      done: '已重启 {{name}}：健康（{{ms}} 毫秒后得到 HTTP {{status}}）',
    },
    remove: {
      description: '删除容器（及其证书/认证卷）；除非加 --delete-data，镜像数据会保留',
      deleteData: '同时删除数据卷（主机路径永远不会删除）',
      done: '已删除 {{name}}',
      doneVolumes: '已删除 {{name}} 以及卷 {{volumes}}',
      keptData: '保留了数据：{{data}}',
    },
    replaceCert: {
      description: '提供由同一 CA 签发的新服务器证书并重启（客户端无需重新信任）',
      certs: '包含新的 domain.crt、domain.key 以及同一个 ca.crt 的目录',
      registryHost: '客户端使用的地址，用来检查新证书（默认：证书中的某个地址）',
      done: '{{name}} 现在提供有效期至 {{notAfter}} 的证书；健康（HTTP {{status}}）',
    },
  },
} as const satisfies Texts<typeof enCli>
