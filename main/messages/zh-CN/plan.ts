import type {
  planCli as enCli,
  planCliHints as enCliHints,
  planErrors as enErrors,
  planGuiHints as enGuiHints,
  planProgress as enProgress,
  planTexts as enTexts,
} from '../en/plan'
import type { Texts } from '../types'

export const planErrors = {
  PLAN_INVALID: {
    message: '{{file}}:{{line}}：{{key}}：{{problem}}{{more}}',
    hint: '请在计划文件中更正该键；没有做任何更改。计划文件格式列出了所有键。',
  },
  PLAN_SYNTAX: {
    message: '{{file}}:{{line}}：这不是有效的 YAML：{{detail}}',
    hint: '请修正该行的 YAML（缩进、缺少的冒号、未闭合的引号或括号）；没有做任何更改。',
  },
  PLAN_DATA_REMOTE: {
    message: 'registry.data：“{{data}}”是相对路径，但引擎在另一台机器上：在那里它没有意义。',
    hint: '请把 registry.data 写成引擎主机上的绝对路径，或改用 registry.volume。',
  },
  SETUP_CA_MISMATCH: {
    message: '{{dir}} 中的 CA 不是计划描述的那个：它是 {{found}}，计划要求 {{wanted}}。已保持原样。',
    hint: '请把 ca.dir 指向另一个文件夹，或修改计划以符合这个 CA；setup 从不替换 CA。',
  },
  SETUP_TRUST_NEEDS_ROOT: {
    message: '在 {{root}} 下为本机安装信任需要 root 权限，而本次运行不是 root。',
    hint: '请以 root 运行 setup，或把 trust.root 设为一个文件夹（正在构建的镜像、测试根目录），或从计划中去掉 trust。',
  },
  SETUP_VERIFY_FAILED: {
    message: '验证 {{registry}} 失败：{{failed}}',
    hint: '每个失败的检查都说明了如何修复；修复后再次运行 setup（已就绪的部分会保留）。',
  },
  PLAN_FILE_UNKNOWN: {
    message: '此窗口中没有打开或保存过 id 为 {{id}} 的计划文件。',
    hint: '请重新打开计划文件，或另存为一个文件。',
  },
} as const satisfies Texts<typeof enErrors>

export const planCliHints = {
  PLAN_INVALID:
    '请在计划文件中更正该键，然后再次运行 registry-wizard setup --plan FILE；README 的 “Plan file” 一节列出了所有键。',
  SETUP_CA_MISMATCH:
    '请把 ca.dir 指向另一个文件夹，或修改计划以符合这个 CA（registry-wizard cert inspect DIR/ca.crt 可查看它）。',
  SETUP_TRUST_NEEDS_ROOT:
    '请以 root 运行（sudo registry-wizard setup --plan FILE），或设置 trust.root，或从计划中去掉 trust；registry-wizard setup --plan FILE --dry-run 会显示将安装的内容。',
} as const satisfies Texts<typeof enCliHints>

export const planGuiHints = {
  PLAN_INVALID: '请在编辑器中更正计划文件中的该键，然后通过“文件 > 打开计划”重新打开。',
  PLAN_SYNTAX: '请在编辑器中修正该行的 YAML，然后通过“文件 > 打开计划”重新打开。',
  PLAN_FILE_UNKNOWN: '请使用“文件 > 打开计划”，或“文件 > 保存计划”选择一个文件。',
} as const satisfies Texts<typeof enGuiHints>

export const planTexts = {
  problemLine: '{{file}}:{{line}}：{{key}}：{{problem}}',
  more: '（另外：{{problems}}）',
  problem: {
    unknownKey: '未知的键（计划文件格式列出了所有键）',
    required: '缺少必需的键',
    type: '必须是{{expected}}',
    oneOf: '必须是 {{values}} 之一',
    tooSmall: '至少需要 {{limit}}',
    tooBig: '最多允许 {{limit}}',
    invalid: '不是有效的值',
    allowed: '必须是{{allowed}}',
    path: '必须是文件或文件夹路径（相对路径从计划文件所在的文件夹算起）',
    number: '必须是范围内的整数',
    keyType: '必须是 ecdsa-p256、rsa-2048、rsa-3072、rsa-4096 之一',
    name: '必须是由字母、数字、_ . - 组成并以字母或数字开头的名称',
    engineHost: '必须是 local、ssh://user@host 或 tcp://host:port',
    fingerprint: '必须是 ssh-keygen -lf 输出的 SHA256:... 形式',
    boolean: '必须是 true 或 false',
    addresses: '必须是至少包含一个 IP 地址或 DNS 名称的列表',
    users: '必须是包含 name 和 passwordFile 的条目列表',
    text: '必须是非空文本',
    country: '必须是两个字母的国家代码',
    version: '必须是 1（此版本读取的计划格式）',
    caSource: 'create 和 import 必须且只能给出一个',
    storage: '请给出 data（主机文件夹）或 volume（命名卷），不能同时给出',
    tlsTcp: 'tls 只能与 tcp:// 引擎一起使用',
    sshSsh: 'ssh 只能与 ssh:// 引擎一起使用',
    verifyUser: '必须是 registry.users 中的一个用户',
    target: '必须是 docker、podman、containerd、os 之一',
    notMapping: '文件必须是 YAML 映射（键: 值 的行），以 version: 1 开头',
  },
  type: {
    string: '文本',
    number: '数字',
    boolean: 'true 或 false',
    array: '列表',
    object: '映射（键: 值）',
  },
  push: {
    yes: '包括推送/拉取往返测试',
    no: '不做往返测试',
  },
  pending: '；需在该系统内运行：{{commands}}',
  verifyLine: '{{n}}. {{status}} {{title}}：{{reason}}',
  roundTripHolds: '；{{at}} 的推送/拉取往返测试仍然有效（容器、证书和 CA 均未变；删除 {{file}} 可重新测试）',
  reason: {
    missing: '那里还没有证书对',
    newCa: 'CA 是新建的',
    unreadable: '那里的证书对无法读取',
    otherCa: '它来自另一个 CA',
    keyMismatch: '它的私钥与证书不匹配',
    expiresSoon: '它将在 {{days}} 天后过期',
    addressMissing: '它不包含 {{address}}',
    keyType: '它的密钥是 {{found}}，计划要求 {{wanted}}',
    port: '它发布的端口是 {{found}}，计划要求 {{wanted}}',
    image: '它运行的是 {{found}}，计划要求 {{wanted}}',
    storage: '它使用了其他存储',
    auth: '它的登录设置与计划不同',
    users: '计划中的某个用户无法登录',
    delete: '它的删除设置与计划不同',
    cert: '它提供的是另一个证书',
    stopped: '它已停止',
  },
  outcome: {
    ca: {
      kept: '{{dir}} 中的 CA 就是计划中的那个（{{ca}}）',
      created: '已在 {{dir}} 中生成 CA（{{ca}}）',
      wouldCreate: '将在 {{dir}} 中生成 CA（{{ca}}）',
    },
    certificate: {
      kept: '{{dir}} 中的证书对来自此 CA，并包含 {{addresses}}',
      created: '已在 {{dir}} 中为 {{addresses}} 签发证书对',
      changed: '已在 {{dir}} 中为 {{addresses}} 签发新的证书对（{{reason}}；旧的已保留为备份）',
      wouldCreate: '将在 {{dir}} 中为 {{addresses}} 签发证书对',
      wouldChange: '将在 {{dir}} 中为 {{addresses}} 签发新的证书对（{{reason}}）',
    },
    registry: {
      kept: '{{name}} 按计划运行于 {{url}}',
      created: '已启动 {{name}}，地址 {{url}}（引擎 {{engine}}），健康',
      changed: '已替换 {{name}}，地址 {{url}}（{{reasons}}），健康',
      wouldCreate: '将在引擎 {{engine}} 上启动 {{name}}（{{image}}），地址 {{url}}',
      wouldChange: '将替换或启动 {{name}}，地址 {{url}}（{{reasons}}）',
    },
    trust: {
      kept: '本机已信任此镜像仓库的 CA（在 {{root}} 下）',
      changed: '已在 {{root}} 下安装信任：{{steps}}{{pending}}',
      wouldChange: '将在 {{root}} 下安装信任：{{steps}}',
      skipped: '计划中没有此项',
    },
    bundle: {
      kept: '信任包 {{dir}} 完全相同',
      created: '已写入信任包 {{dir}}',
      changed: '已重新写入信任包 {{dir}}（内容有差异）',
      wouldCreate: '将写入信任包 {{dir}}',
      wouldChange: '将重新写入信任包 {{dir}}（内容有差异）',
      skipped: '计划中没有此项',
    },
    verify: {
      checked: '{{registry}}：{{pass}} 项通过，{{warn}} 项警告，{{skipped}} 项跳过{{roundTrip}}',
      wouldCheck: '将验证 {{registry}}（{{push}}）',
    },
  },
} as const satisfies Texts<typeof enTexts>

export const planProgress = {
  setup: {
    ca: '证书颁发机构',
    certificate: '服务器证书',
    registry: '镜像仓库',
    trust: '本机信任',
    bundle: '信任包',
    verify: '验证',
  },
} as const satisfies Texts<typeof enProgress>

export const planCli = {
  description:
    '按顺序完成计划文件描述的一切：CA、服务器证书、镜像仓库、信任、信任包、验证（再次运行会保留已就绪的部分）',
  option: {
    plan: '计划文件（YAML；见 README 的 “Plan file”）',
    dryRun: '显示将创建、启动和写入的内容；不做任何更改',
    json: '以 JSON 输出结果',
  },
  header: '根据 {{file}} 进行设置（引擎 {{engine}}）',
  headerDry: '试运行 {{file}}（引擎 {{engine}}）：不做任何更改',
  step: '[{{n}}/{{total}}] {{step}}',
  outcome: '  {{status}}：{{detail}}',
  detail: '    {{text}}',
  status: {
    kept: '保留',
    created: '已创建',
    changed: '已更改',
    skipped: '跳过',
    checked: '已检查',
    wouldCreate: '将创建',
    wouldChange: '将更改',
    wouldCheck: '将检查',
  },
  stopped: 'setup 在第 {{n}}/{{total}} 步（{{step}}）停止；之前的步骤已就绪，下次运行会保留它们。',
  summary: {
    unchanged: '没有任何更改：每一步都已符合计划。',
    done: '完成：{{total}} 步中有 {{changed}} 步创建或更改了内容，其余保持不变。',
    dry: '试运行：没有做任何更改。',
  },
  url: '镜像仓库：{{url}}',
} as const satisfies Texts<typeof enCli>
