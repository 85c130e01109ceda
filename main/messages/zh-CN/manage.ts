import type {
  manageCli as enCli,
  manageCliHints as enCliHints,
  manageErrors as enErrors,
  manageGuiHints as enGuiHints,
  manageProgress as enProgress,
  manageTexts as enTexts,
} from '../en/manage'
import type { Texts } from '../types'

export const manageErrors = {
  MANAGE_DELETE_DISABLED: {
    message: '{{registry}} 上的镜像仓库不允许删除（405）：{{repository}} 中没有删除任何内容。',
    hint: '请为该镜像仓库开启删除（以 REGISTRY_STORAGE_DELETE_ENABLED=true 重新创建其容器；存储、证书和登录保持不变），然后再删除。',
  },
  MANAGE_NOT_FOUND: {
    message: '镜像仓库中没有 {{reference}}：没有删除任何内容。',
    hint: '请检查仓库、标签或摘要；目录列出了镜像仓库中的内容。',
  },
  MANAGE_REFERENCE_INVALID: {
    message: '{{field}}：{{value}} 既不是 HOST:PORT/仓库:标签，也不是 HOST:PORT/仓库@sha256:<摘要>。',
    hint: '请写出带端口的镜像仓库地址、小写的仓库名，再加上 :标签 或 @sha256:<64 位十六进制数字>。',
  },
  MANAGE_NOT_ANSWERING: {
    message: '镜像仓库“{{name}}”重新创建后在 {{address}} 没有应答：{{reason}}',
    hint: '原来的容器已恢复。请查看镜像仓库的日志。',
  },
  MANAGE_RECREATE_DIFFERS: {
    message: '重新创建的镜像仓库“{{name}}”挂载的存储、证书或端口与之前不同。',
    hint: '原来的容器已恢复；存储的内容没有任何改动。',
  },
  MANAGE_NOT_RUNNING: {
    message: '镜像仓库“{{name}}”没有在运行。',
    hint: '请先启动它：垃圾回收在运行中的容器内进行。',
  },
  MANAGE_GC_FAILED: {
    message: '“{{name}}”中的垃圾回收失败（退出码 {{exitCode}}）：\n{{output}}',
    hint: '镜像仓库已回到正常模式。请查看上面的输出和镜像仓库的日志。',
  },
  MANAGE_RULES_MISSING: {
    message: '{{field}}：没有给出保留规则（{{value}}）；允许：{{allowed}}。',
    hint: '请说明每个仓库保留多少个镜像，或镜像要多旧才删除，或两者都给出。',
  },
  MANAGE_CONFIRM_REQUIRED: {
    message: '{{field}}：本次运行会从镜像仓库中删除内容，但没有可以询问的终端。',
    hint: '请明确确认本次运行，或先试运行一次。',
  },
  MANAGE_NOT_CONFIRMED: {
    message: '未确认：没有删除任何内容。',
    hint: '回答 y 以继续。',
  },
} as const satisfies Texts<typeof enErrors>

export const manageCliHints = {
  MANAGE_DELETE_DISABLED:
    '请在运行该镜像仓库的引擎上执行 registry-wizard registry enable-delete --name <容器>（存储、证书和登录保持不变），然后再删除。',
  MANAGE_REFERENCE_INVALID: '示例：registry-wizard delete 10.0.0.5:5000/team/app:1.2 --ca ca.crt',
  MANAGE_RULES_MISSING:
    '请给出 --keep-last N、--older-than 天数，或两者（可用 --protect GLOB 指定要保留的标签）。',
  MANAGE_CONFIRM_REQUIRED: '没有终端时请加上 --yes 以继续，或先用 --dry-run 运行。',
  MANAGE_NOT_RUNNING: '请用 registry-wizard registry start（或 docker start <容器>）启动它。',
} as const satisfies Texts<typeof enCliHints>

export const manageGuiHints = {
  MANAGE_DELETE_DISABLED: '请在“镜像仓库内容”中使用“开启删除”，然后再删除。',
} as const satisfies Texts<typeof enGuiHints>

export const manageTexts = {
  action: {
    exec: '在 {{name}} 中运行“{{command}}”',
    readStorage: '读取 {{name}} 中的 {{path}}',
    renameContainer: '重命名容器 {{name}}',
  },
  warning: {
    deleteUntagged:
      '删除未打标签的清单也会删除多平台镜像的各平台清单（它们自身没有标签）：此后这些镜像将无法再拉取。',
  },
  allowed: {
    rules: '保留最近 N 个、早于 D 天，或两者',
    glob: '标签模式，例如 latest 或 v*',
    count: '0 到 {{max}} 之间的整数',
  },
} as const satisfies Texts<typeof enTexts>

export const manageProgress = {
  enableDelete: {
    check: '读取镜像仓库容器',
    recreate: '以开启删除的方式重新创建镜像仓库',
    verify: '检查存储、证书和端口是否与之前相同',
  },
  gc: {
    prepare: '垃圾回收前测量存储',
    readOnly: '将镜像仓库切换到只读维护模式',
    dryRun: '查找垃圾回收可释放的内容（试运行）',
    collect: '正在回收垃圾',
    restart: '以正常模式重新启动镜像仓库（清空其数据块描述符缓存）',
    measure: '垃圾回收后测量存储',
  },
} as const satisfies Texts<typeof enProgress>

export const manageCli = {
  option: {
    ca: '镜像仓库的 CA 证书（只信任它）',
    user: '镜像仓库的用户名（与 --password-file 一起使用）',
    passwordFile: '保存密码的文件（第一行）',
    json: '以 JSON 输出结果',
    yes: '不再询问直接执行（没有终端时必须给出）',
  },
  allowed: {
    userAndPassword: '--user 与 --password-file 一起给出',
    dryRunOrYes: '--dry-run 与 --yes 二者之一',
  },
  confirm: { yesNo: 'y/N' },
  catalog: {
    description: '列出镜像仓库的仓库和标签，以及摘要、平台、大小和创建时间',
    option: {
      registry: '镜像仓库，HOST:PORT',
      repo: '只看这个仓库（名称或通配模式，例如 team/*）',
    },
    head: {
      repository: '仓库',
      tag: '标签',
      digest: '摘要',
      kind: '类型',
      platforms: '平台',
      size: '大小',
      created: '创建时间',
    },
    kind: { image: '镜像', index: '多平台' },
    empty: '该镜像仓库中没有任何仓库。',
    summary: '{{repositories}} 个仓库，{{tags}} 个标签，不重复的数据块共 {{size}}。',
  },
  delete: {
    description: '删除一个标签（其清单，以及指向它的所有标签）或按摘要删除清单',
    reference: 'HOST:PORT/仓库:标签 或 HOST:PORT/仓库@sha256:摘要',
    confirm: '删除 {{reference}}？',
    done: '已删除 {{repository}}@{{digest}}。',
    tagsGone: '随之删除的标签：{{tags}}',
    children: '另外删除了 {{count}} 个不再被其他标签需要的平台清单。',
    gcNote: '磁盘空间要由垃圾回收释放：registry-wizard registry gc。',
  },
  prune: {
    description: '按保留规则删除镜像（保留最近 N 个、早于 D 天、保护标签模式）',
    option: {
      keepLast: '每个仓库保留最新的 N 个镜像',
      olderThan: '只删除早于 DAYS 天的镜像',
      protect: '从不删除匹配此通配模式的标签（可重复，例如 latest、v*）',
      dryRun: '列出将被删除的内容，不删除任何东西',
    },
    head: { repository: '仓库', tags: '标签', digest: '摘要', created: '创建时间' },
    nothing: '按这些规则没有需要删除的内容。',
    wouldDelete: '将删除 {{count}} 个镜像：',
    willDelete: '正在删除 {{count}} 个镜像：',
    confirm: '删除这 {{count}} 个镜像？',
    done: '已删除 {{count}} 个镜像。',
  },
  gc: {
    description: '释放磁盘空间：在只读维护模式下进行垃圾回收，然后以正常模式重新启动',
    option: {
      dryRun: '只报告可释放的空间（镜像仓库保持正常模式）',
      deleteUntagged: '同时删除未打标签的清单（会毁掉多平台镜像：其各平台清单没有标签）',
    },
    confirmUntagged: '同时删除未打标签的清单（多平台镜像将丢失）？',
    wouldFree: '垃圾回收可释放 {{size}}（{{blobs}} 个数据块），当前共 {{before}}。',
    done: '{{name}}：已释放 {{freed}}（{{blobs}} 个数据块）：之前 {{before}}，之后 {{after}}。',
  },
  usage: {
    description: '镜像仓库数据（卷或主机路径）占用的存储，总量及各仓库',
    head: { repository: '仓库', blobs: '数据块数', size: '大小', unique: '仅此仓库' },
    noStorage: '未挂载存储',
    total: '{{name}}（{{storage}}）：{{blobs}} 个数据块共 {{total}}；未被任何仓库引用的 {{unlinked}}。',
  },
  enableDelete: {
    description: '开启删除：以 REGISTRY_STORAGE_DELETE_ENABLED=true 重新创建镜像仓库（数据保留）',
    done: '{{name}}：已开启删除；存储、证书、登录和端口与之前相同。',
    already: '{{name}}：删除本来就已开启；没有任何改动。',
  },
} as const satisfies Texts<typeof enCli>
