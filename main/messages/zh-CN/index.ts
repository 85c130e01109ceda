// The Simplified Chinese catalogue: the same keys as the English one (the compiler checks it: Texts<typeof en>).
import { assemble } from '../assemble'
import type { en } from '../en/index'
import type { Texts } from '../types'
import * as sections from './sections'

export const zhCN = assemble(sections) satisfies Texts<typeof en>
