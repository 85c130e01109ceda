import type {
  trustCli as enCli,
  trustCliHints as enCliHints,
  trustErrors as enErrors,
  trustGuiHints as enGuiHints,
  trustTexts as enTexts,
} from '../en/trust'
import type { Texts } from '../types'

const notValid = '{{field}}：{{value}} 无效；'
const correctIt = '请更正 {{field}} 后重试。没有做任何更改。'
const giveRoot =
  '请给出客户端必须信任的根 CA 证书：CA 文件夹中的 ca.crt，或贵公司的根 CA 文件（包含到根为止的证书链的文件也可以）'

export const trustErrors = {
  CA_UNPARSABLE: {
    message: `${notValid}{{allowed}}`,
    hint: correctIt,
  },
  CA_HOLDS_PRIVATE_KEY: {
    message: `${notValid}只能给出 CA 证书（ca.crt）：此文件包含私钥，而私钥绝不能交给客户端`,
    hint: '请只给出 CA 证书文件（ca.crt）。没有做任何更改。',
  },
  CA_NOT_ONE_CERTIFICATE: {
    message: `${notValid}只允许一个 PEM 证书（-----BEGIN CERTIFICATE-----）；找到 0 个`,
    hint: correctIt,
  },
  CA_NOT_A_CA: {
    message: `${notValid}需要 CA 证书（basicConstraints CA:TRUE）；这是叶（服务器）证书：请给出签发它的 CA`,
    hint: correctIt,
  },
  CA_IS_INTERMEDIATE: {
    message: `${notValid}这是中间 CA（{{subject}}），由 {{issuer}} 签发：客户端必须信任根 CA；${giveRoot}`,
    hint: correctIt,
  },
  CA_CHAIN_WITHOUT_ROOT: {
    message: `${notValid}该文件包含 {{count}} 个证书，但没有根（自签名）CA{{top}}：${giveRoot}`,
    hint: correctIt,
  },
  CA_SEVERAL_ROOTS: {
    message: `${notValid}该文件包含 {{count}} 个根 CA（{{subjects}}）；请给出仓库证书所链接到的那一个根 CA`,
    hint: correctIt,
  },
  CA_CHAIN_UNRELATED: {
    message: `${notValid}该文件包含不同证书链的证书：{{stray}} 没有链接到根 CA {{root}}；请只给出根 CA 证书`,
    hint: correctIt,
  },
  TRUST_CA_EXPIRED: {
    message: `${notValid}该 CA 已于 {{notAfter}} 过期；需要有效的 CA`,
    hint: '请给出当前的 CA 证书；过期的 CA 无法让任何东西被信任。没有做任何更改。',
  },
  REGISTRY_REQUIRED: {
    message: '{{field}}：至少需要一个 {{field}}；{{allowed}}',
    hint: '请按镜像引用中的写法给出仓库地址。没有做任何更改。',
  },
  REGISTRY_NO_PORT: {
    message:
      '{{field}}：{{hostPort}} 没有端口：Docker 会使用 443（certs.d/{{hostPort}}/）。如果确实如此，请写 {{hostPort}}:443，否则请加上仓库的端口，例如 {{hostPort}}:5000',
    hint: '请按镜像引用中的写法给出 {{field}} {{hostPort}}:端口（{{hostPort}}:443 也涵盖不写端口的引用）。没有做任何更改。',
  },
  TRUST_TARGET_UNKNOWN: {
    message: `${notValid}"{{target}}" 不是信任目标；允许用逗号分隔的 {{allowed}}`,
    hint: correctIt,
  },
  TRUST_CONFLICT: {
    message: '{{path}} 已存在且内容不同（另一个 CA 或配置）；未做改动',
    hint: '请先查明它是什么。若要替换（会保留备份 NAME.bak-日期），请在允许替换的情况下重新安装。',
  },
  TRUST_UNKNOWN_OS: {
    message: '不认识 "{{name}}" 的系统证书库（读取自 {{root}} 下的 /etc/os-release）',
    hint: '请不要选择系统证书库这一目标，并手动把 ca.crt 加入系统证书库；见 docs/trust.md。',
  },
  TRUST_COMMAND_FAILED: {
    message: '{{command}} 以退出码 {{exitCode}} 结束：{{output}}',
    hint: '请排除上面显示的原因后重试；安装和卸载都可以安全地重复执行。{{undone}}',
  },
  TRUST_COMMAND_NOT_FOUND: {
    message: '{{command}} 以退出码 {{exitCode}} 结束：{{output}}',
    hint: '找不到 {{program}}：请安装提供它的软件包（例如 ca-certificates）后重试。{{undone}}',
  },
  TRUST_ELEVATION_FAILED: {
    message: '以管理员身份进行的更改没有完成：{{detail}}',
    hint: '请允许管理员授权提示，或以 root 身份运行显示的命令。脚本在第一个失败处停止，不会留下做了一半的更改。',
  },
  BUNDLE_EXISTS: {
    message: '{{path}} 已存在；未做改动',
    hint: '请选择其他位置、删除它，或允许替换它。',
  },
  BUNDLE_OUT_SPECIAL: {
    message: '{{field}}：{{path}} 位于系统文件系统上（{{real}}：/proc、/sys 或 /dev），无法存放信任包',
    hint: '请为 {{field}} 给出普通文件夹（例如 ./bundle）或已挂载的驱动器。没有做任何更改。',
  },
  BUNDLE_VERIFY_FAILED: {
    message: '信任包写入后校验未通过（{{detail}}）',
    hint: '没有留下任何文件。请重新导出；如果再次发生，磁盘可能有故障。',
  },
  BUNDLE_NO_CHECKSUMS: {
    message: '缺少 {{path}}：这不是信任包文件夹',
    hint: '请重新导出信任包。',
  },
  BUNDLE_INVALID: {
    message: '{{path}} 与其 SHA256SUMS 不符：{{detail}}',
    hint: '请重新导出信任包；没有向驱动器写入任何内容。',
  },
  BUNDLE_UNKNOWN: {
    message: '该信任包不是本次应用会话导出的；没有写入任何内容',
    hint: '请重新导出信任包，然后再写入驱动器。',
  },
  BUNDLE_PATH_INVALID: { message: `${notValid}{{allowed}}`, hint: correctIt },
  DRIVE_PATH_INVALID: { message: `${notValid}{{allowed}}`, hint: correctIt },
  DRIVE_NOT_LISTED: { message: `${notValid}{{allowed}}`, hint: correctIt },
  DRIVE_UNKNOWN: {
    message: '该驱动器现在不是已挂载的可移动驱动器（列出了 {{count}} 个）；没有写入任何内容',
    hint: '请重新插入并挂载驱动器，然后重新列出驱动器并选择它。',
  },
  DRIVE_READ_ONLY: {
    message: '{{mount}} 是只读的（{{errno}}）：无法在那里写入信任包',
    hint: '请解除驱动器的写保护（写保护开关）、以读写方式重新挂载，或选择其他驱动器。',
  },
  DRIVE_FULL: {
    message: '{{mount}} 只有 {{free}} 可用空间；信任包需要 {{needed}}。没有写入任何内容',
    hint: '请释放驱动器上的空间，或选择其他驱动器。',
  },
  DRIVE_FILLED_UP: {
    message: '写入信任包时 {{mount}} 空间用完了',
    hint: '请释放一些空间或选择其他驱动器；写了一半的副本已删除。',
  },
  DRIVE_WRITE_FAILED: {
    message: '写入 {{mount}} 失败：{{detail}}',
    hint: '请检查驱动器后重新写入信任包；写了一半的副本已删除。',
  },
  DRIVE_VERIFY_FAILED: {
    message: '从驱动器重新读取时，{{dest}} 中的副本与信任包不符（{{files}}）；请不要使用该副本',
    hint: '驱动器可能有故障或已被拔出：请重新写入信任包，或使用其他驱动器。',
  },
} as const satisfies Texts<typeof enErrors>

export const trustCliHints = {
  TRUST_CONFLICT: '请先查明它是什么。若要替换（会保留备份 NAME.bak-日期），请加上 --force 重新运行。',
  TRUST_UNKNOWN_OS:
    '请去掉 os 目标（--targets docker,podman,containerd），并手动把 ca.crt 加入系统证书库；见 docs/trust.md。',
  BUNDLE_EXISTS: '请选择其他 --out 文件夹、删除它，或加上 --force 重新运行以替换它。',
  DRIVE_UNKNOWN: '请重新插入并挂载驱动器，然后重新列出驱动器（registry-wizard drives）。',
} as const satisfies Texts<typeof enCliHints>

export const trustGuiHints = {
  TRUST_CONFLICT:
    '请先查明它是什么。若要替换（会保留备份），请在终端中运行 `registry-wizard trust install --force`。',
  TRUST_UNKNOWN_OS:
    '请手动把 ca.crt 加入系统证书库（见 docs/trust.md），或使用下面的信任包：其 README 涵盖了各个系统。',
  BUNDLE_EXISTS: '请选择其他导出文件夹或删除旧的信任包；若是驱动器，请勾选“替换驱动器上已有的副本”。',
  DRIVE_UNKNOWN: '请重新插入并挂载驱动器，然后重新打开此步骤并选择它。',
  BUNDLE_UNKNOWN: '请重新导出信任包（导出信任包），然后再写入驱动器。',
} as const satisfies Texts<typeof enGuiHints>

export const trustTexts = {
  target: {
    docker: 'Docker',
    podman: 'Podman / CRI-O',
    containerd: 'containerd',
    os: '系统证书库',
    osLinux: '系统证书库（{{distros}}）',
    osMacos: '系统证书库（macOS 系统钥匙串）',
    osWindows: '系统证书库（Windows LocalMachine\\Root）',
  },
  step: {
    write: '写入 {{path}}（权限 {{mode}}，{{bytes}} 字节）',
    writeBackup: '写入 {{path}}（权限 {{mode}}，{{bytes}} 字节，先备份旧文件）',
    remove: '删除 {{path}}',
    removeDir: '如果文件夹 {{path}} 为空则删除它',
    run: '运行 {{command}}  # {{why}}',
  },
  why: {
    rebuild: '重建系统 CA 证书包',
    rebuildWithout: '重建不含此 CA 的系统 CA 证书包',
    keychainAdd: '在系统钥匙串中信任该 CA（Docker Desktop 读取它）',
    keychainRemove: '从系统钥匙串中删除该 CA',
    windowsAdd: '在整台计算机上信任该 CA（需要提升权限的提示）',
    windowsRemove: '从 LocalMachine\\Root 中删除该 CA',
  },
  note: {
    certsDir: '{{label}} 每次连接都会读取 certs.d：无需重启。',
    restartDockerd:
      'dockerd 会缓存系统 CA 根证书（Go 只读取一次）：请重启它以使此更改生效，例如 `systemctl restart docker`。',
    restartDockerDesktop:
      'dockerd 会缓存系统 CA 根证书（Go 只读取一次）：请重启它以使此更改生效，例如 `systemctl restart docker`。若使用 Docker Desktop：请退出后重新启动。',
    restartDockerDesktopRemoved: '请重启 Docker Desktop，使其不再信任该 CA。',
    restartWindows: '请重启 Docker（Restart-Service docker，或重启 Docker Desktop），使其识别新的根证书。',
    restartWindowsRemoved: '请重启 Docker，使其不再信任该 CA。',
  },
  warning: {
    foreignFile: '{{path}} 中的内容与安装写入的不同；已保留原样',
    containerdNoConfig:
      'containerd：找不到 {{configFile}}；只有设置了 config_path 才会读取 hosts.toml：{{fix}}',
    containerdNoConfigPath:
      'containerd：{{configFile}} 中的 config_path 没有设为 /etc/containerd/certs.d，因此 hosts.toml 会被忽略：{{fix}}',
    containerdFix:
      '请在 /etc/containerd/config.toml 的 [plugins."io.containerd.grpc.v1.cri".registry]（containerd 2：[plugins."io.containerd.cri.v1.images".registry]）下设置 config_path = "/etc/containerd/certs.d"，然后重启 containerd',
    keychainUnknown: '无法查询 macOS 钥匙串',
    windowsUnknown: '无法查询 Windows 证书存储',
  },
  done: {
    backedUp: '已将 {{path}} 备份为 {{backup}}',
    wrote: '已写入 {{path}}',
    removed: '已删除 {{path}}',
    removedDir: '已删除空文件夹 {{path}}',
    ran: '已运行 {{command}}',
  },
  ca: {
    pemText: '（PEM 文本）',
    chainTaken:
      '{{source}} 包含 {{count}} 个证书组成的证书链：已从中取出根 CA {{subject}}（客户端信任根 CA）',
    reencoded: '{{source}}：证书块中含有非 base64 的文本；已忽略，并按其 DER 字节重新编码证书',
    unparsable: '无法将证书块解析为 X.509',
    mustBeReadable: 'CA 证书文件必须存在且可读',
    topIssuedBy: '；最上面的证书（{{subject}}）由 {{issuer}} 签发',
  },
  command: { noOutput: '（没有输出）' },
  registry: {
    allowed:
      '允许 主机:端口，与镜像引用中的写法相同（192.168.20.10:5000、registry.lan:5000、[fd00::10]:5000）',
    portRange: '端口必须是 1-65535；{{allowed}}',
    wildcard: '通配符不是仓库地址；{{allowed}}',
    ipv6: 'IPv6 地址需要加方括号；{{allowed}}',
  },
  targets: { allowed: '允许用逗号分隔的 {{targets}}' },
  bundle: { archiveAllowed: '允许 zip 或 tar.gz' },
  drives: {
    mountAllowed: '允许已列出的驱动器的绝对挂载点，且不含 ".."',
    bundleDirAllowed: '允许不含 ".." 的信任包文件夹绝对路径',
    topOfDrive: '信任包必须复制到驱动器的顶层',
    readBack: {
      'direct-io': '已用 O_DIRECT 从驱动器重新读取（不是从内存读取）',
      'dropped-cache': '已在丢弃缓存页后从驱动器重新读取',
      'page-cache': '通过系统缓存重新读取（此系统无法绕过缓存）：这只检查了副本，没有检查驱动器',
    },
  },
  progress: {
    writeFiles: '正在写入文件…',
    verify: '正在检查信任包…',
    archive: '正在打包…',
    place: '正在放置信任包…',
    writeDrive: '正在写入驱动器…',
    verifyDrive: '正在从驱动器重新读取…',
  },
  view: {
    notes: '使用前请注意',
    warning: '警告',
    runAsRoot: '此应用没有以管理员身份运行，也无法在这里请求管理员权限。请以 root 身份运行以下内容完成操作：',
  },
} as const satisfies Texts<typeof enTexts>

export const trustCli = {
  help: {
    trust: '让本机的 Docker、Podman、containerd 和系统证书库信任仓库的 CA',
    install: '安装 CA（可重复执行）',
    uninstall: '只删除安装时添加的内容，并重新运行证书库更新',
    status: '各目标中是否已安装该 CA？（并非处处都已安装时退出码为 1）',
    ca: 'CA 证书（ca.crt）；包含私钥的文件会被拒绝',
    registry: '仓库地址，与镜像引用中的写法相同，带端口（IP 和域名可各给一次）',
    root: '在 DIR 下而不是 / 下操作（证书库更新命令只列出，不运行）',
    json: '以 JSON 输出结果',
    dryRun: '列出文件和命令，不做任何更改',
    force: '替换已存在的不同的 ca.crt / hosts.toml（会保留备份）',
    bundle: '用于其他机器的信任包（U 盘、批量部署）',
    export:
      '写出 registry-trust-HOST_PORT/：ca.crt、指纹、install.sh / .ps1 / -macos.sh、Ansible、README、SHA256SUMS',
    out: '在其中创建信任包文件夹的文件夹',
    drive: '可移动驱动器（见 `drives`）：写入、同步并校验',
    archive: '同时打包：zip 或 tar.gz',
    forceBundle: '替换已存在的同名信任包',
    drives: '列出可写入信任包的已挂载可移动驱动器（绝不列出系统盘）',
    drivesJson: '以 JSON 输出列表',
  },
  header: {
    install: '为 {{registries}} 安装对 CA {{subject}}（SHA-256 {{fingerprint}}）的信任',
    uninstall: '为 {{registries}} 卸载对 CA {{subject}}（SHA-256 {{fingerprint}}）的信任',
    under: '{{header}}，位于 {{root}} 下',
    dryRun: '试运行：{{header}}',
  },
  target: '{{label}}：',
  nothingToDo: '无需操作（已处于期望状态）',
  would: '将会{{step}}',
  needsRoot: '未执行：这需要 root 权限。请以 root 身份运行以下命令（例如粘贴到 `sudo sh` 中）：',
  notRun: '未运行（根前缀 {{root}}：它们会更改本机）；请在那个系统中运行：',
  pending: '{{command}}  # {{why}}',
  done: { install: '安装完成。', uninstall: '卸载完成。' },
  unchanged: {
    install: '无需更改：已经安装。',
    uninstall: '无需更改：已经删除。',
  },
  status: { installed: '已安装', notInstalled: '未安装', unknown: '未知', line: '{{label}}：{{state}}' },
  bundle: {
    written: '信任包已写入 {{dir}}',
    archive: '压缩包：{{path}}',
    fingerprint: 'CA 的 SHA-256 指纹（请让接收方核对）：{{fingerprint}}',
    onDrive: '信任包已写入 {{dest}}，并逐字节校验通过（{{count}} 个文件，{{readBack}}）。',
    outOrDrive: '请在 --out DIR（文件夹）和 --drive MOUNT（`drives` 列出的可移动驱动器）中只给出一个',
    driveDotDot: '请给出挂载点本身，不要含 ".."（见 `drives`）',
    notADrive: '它不是已挂载的可移动驱动器；允许：{{drives}}（文件夹请用 --out）',
    noneMounted: '没有已挂载的驱动器',
  },
  drives: {
    none: '没有已挂载的可移动驱动器。请插入 U 盘（并挂载），或使用 `bundle export --out DIR`。',
    noLabel: '（无卷标）',
    free: '{{free}} 可用，共 {{size}}',
    readOnly: '只读',
  },
} as const satisfies Texts<typeof enCli>
