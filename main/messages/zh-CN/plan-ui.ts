import type { planUiGui as enGui, planUiMenu as enMenu } from '../en/plan-ui'
import type { Texts } from '../types'

export const planUiMenu = {
  open: '打开计划…',
  save: '保存计划…',
} as const satisfies Texts<typeof enMenu>

export const planUiGui = {
  openTitle: '打开计划文件',
  saveTitle: '保存计划文件',
  filterName: 'Registry Wizard 计划（YAML）',
  opened: '已从 {{path}} 打开计划。',
  saved: '计划已保存到 {{path}}。',
  openFailed: '无法打开计划文件',
  saveFailed: '无法保存计划',
  dismiss: '关闭',
  kept: '计划文件中还包含 {{sections}}：保存时会原样保留。',
} as const satisfies Texts<typeof enGui>
