import type { Message } from '../messages/index'
import type { RedoStep } from '../diagnostics'
import { msg } from './message'
import { CHECK_IDS, type CheckId } from './types'

/** A check's title as a message (`verify.title.<check id>` in main/messages). */
export function titleMessage(id: CheckId): Message {
  return id === 'mirror-pull' ? { key: 'verify.mirror.title' } : msg(`title.${id}`)
}

type CheckEntry = { id: CheckId; title: Message }

/** The ten checks in run order, with their titles. */
export const CHECKS: readonly CheckEntry[] = CHECK_IDS.filter((id) => id !== 'mirror-pull').map((id) => ({
  id,
  title: titleMessage(id),
}))

/** Mirror mode: the same checks with a pull through the mirror in place of the push/pull round trip. */
export const MIRROR_CHECKS: readonly CheckEntry[] = CHECKS.map((c) =>
  c.id === 'round-trip' ? { id: 'mirror-pull', title: titleMessage('mirror-pull') } : c,
)

/** Which checks must not have failed for a check to run. */
export const DEPENDS_ON: Record<CheckId, CheckId[]> = {
  ca: [],
  'server-cert': ['ca'],
  san: [],
  dns: [],
  tcp: ['dns'],
  tls: ['ca', 'tcp'],
  api: ['tls'],
  'round-trip': ['api'],
  catalog: ['api'],
  trust: ['ca'],
  'mirror-pull': ['api'],
}

/** The step a failure without a known explanation sends the user back to (its words: `verify.fix.<check id>`). */
export const DEFAULT_FIX_STEP: Record<CheckId, RedoStep> = {
  ca: 'certificates',
  'server-cert': 'certificates',
  san: 'certificates',
  dns: 'network',
  tcp: 'network',
  tls: 'registry',
  api: 'registry',
  'round-trip': 'registry',
  catalog: 'registry',
  trust: 'trust',
  'mirror-pull': 'registry',
}

/** The default fix of a check, as a message. */
export function defaultFixMessage(id: CheckId): Message {
  return id === 'mirror-pull' ? { key: 'verify.mirror.fix' } : msg(`fix.${id}`)
}
