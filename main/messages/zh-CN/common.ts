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
  // Kept with INVALID_INPUT's words until their areas give them their own.
  CA_UNPARSABLE: {
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
