import type { Texts } from '../types'
import type {
  commonCli as enCli,
  commonCliHints as enCliHints,
  commonErrors as enErrors,
  commonGuiHints as enGuiHints,
} from '../en/common'

export const commonErrors = {
  INVALID_INPUT: {
    message: '{{field}}：{{value}} 无效；{{allowed}}',
    hint: '请更正 {{field}} 后重试。没有做任何更改。',
  },
  UNEXPECTED: {
    message: '{{detail}}',
    hint: '详情请查看日志文件。',
  },
  CANCELLED: {
    message: '操作已取消。',
    hint: '没有留下做了一半的工作；准备好后可以重新开始。',
  },
} as const satisfies Texts<typeof enErrors>

export const commonCli = {
  program: {
    description: '带 TLS 的私有 Docker 镜像仓库：证书、仓库、客户端信任、验证。',
    lang: '所有消息使用的语言：en 或 zh-CN（默认取自 LC_ALL、LC_MESSAGES、LANG）',
    version: '显示版本号',
    help: '显示命令的帮助',
    helpCommand: '显示命令的帮助',
    helpAfterError: '（使用 --help 查看用法）',
  },
  help: {
    usage: '用法：',
    options: '选项：',
    globalOptions: '全局选项：',
    commands: '命令：',
    arguments: '参数：',
  },
  parse: {
    unknownOption: '未知选项“{{option}}”',
    unknownCommand: '未知命令“{{command}}”',
    requiredOption: '缺少必需的选项“{{option}}”',
    missingArgument: '缺少必需的参数“{{argument}}”',
    optionArgumentMissing: '选项“{{option}}”缺少参数值',
    optionArgumentInvalid: '选项“{{option}}”的参数值“{{value}}”无效',
    tooManyArguments: '参数过多',
    didYouMean: '（您是不是想用 {{suggestion}}？）',
  },
  label: {
    error: '错误',
    hint: '提示',
    why: '原因',
    fix: '解决办法（{{step}}）',
    note: '说明',
    warning: '警告',
  },
} as const satisfies Texts<typeof enCli>

export const commonCliHints = {
  UNEXPECTED: '请重试；如果仍然失败，请报告上面的消息。',
} as const satisfies Texts<typeof enCliHints>

export const commonGuiHints = {
  UNEXPECTED: '详情请查看日志文件（帮助 > 打开日志文件夹）。',
} as const satisfies Texts<typeof enGuiHints>
