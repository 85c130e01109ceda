import type { Texts } from '../types'
import type { appErrors as enErrors, appInput as enInput, appMenu as enMenu } from '../en/app'

export const appErrors = {
  UNTRUSTED_SENDER: {
    message: '该请求不是来自应用窗口。',
    hint: '没有执行任何操作。如果反复出现，请重新启动应用。',
  },
  IPC_FAILED: {
    message: '窗口无法连接到应用：{{detail}}',
    hint: '请重新启动应用；如果仍然失败，请查看日志文件。',
  },
} as const satisfies Texts<typeof enErrors>

export const appMenu = {
  app: {
    label: '{{appName}}',
    about: '关于{{appName}}',
    services: '服务',
    hide: '隐藏{{appName}}',
    hideOthers: '隐藏其他',
    unhide: '全部显示',
    quit: '退出{{appName}}',
  },
  file: {
    label: '文件',
    home: '首页',
    close: '关闭窗口',
    quit: '退出',
  },
  edit: {
    label: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
  },
  view: {
    label: '视图',
    english: 'English',
    chinese: '简体中文',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    devTools: '切换开发者工具',
  },
  help: {
    label: '帮助',
    openLogs: '打开日志文件夹',
    about: '关于{{appName}}',
  },
  about: {
    title: '关于{{appName}}',
    heading: '{{appName}} {{version}}',
    description: '引导式、经过验证地搭建带 TLS 的私有 Docker 镜像仓库，让每个 Docker 客户端都信任它。',
    versions: 'Electron {{electron}} · Chromium {{chrome}} · Node.js {{node}}',
    license: '作者：{{author}}。依据 {{license}} 许可证发布。',
    ok: '确定',
    openLogs: '打开日志文件夹',
  },
} as const satisfies Texts<typeof enMenu>

export const appInput = {
  allowed: {
    wholeNumber: '1 到 {{max}} 之间的整数',
    jobId: '由 1-64 个字母、数字、- 或 _ 组成的任务 ID',
    user: '由 1-64 个字母、数字、.、_ 或 - 组成的用户名',
    bundleId: '本应用导出的信任包的 ID',
    driveId: '列表中某个驱动器的 ID',
    pushNeedsDocker: '推送/拉取往返测试需要计划中的 Docker 引擎',
    port: '1 到 65535 之间的端口',
    sshUrl: 'ssh://user@host[:port] 形式的 URL',
    tcpUrl: 'tcp://host:port 形式的 URL',
    dockerKind: '本机的引擎，或通过 ssh:// 或 tcp:// 连接的引擎',
  },
} as const satisfies Texts<typeof enInput>
