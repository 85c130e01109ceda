// The Simplified Chinese catalogue: the same keys as the English one (the compiler checks it: Texts<typeof en>).
import type { en } from '../en/index'
import type { Texts } from '../types'
import { commonCli, commonCliHints, commonErrors, commonGuiHints } from './common'
import { gui } from './gui'

export const zhCN = {
  error: { ...commonErrors },
  cliHint: { ...commonCliHints },
  guiHint: { ...commonGuiHints },
  cli: { common: commonCli },
  gui,
} as const satisfies Texts<typeof en>
