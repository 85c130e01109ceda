import type { Explanation, RedoStep } from '../diagnostics'
import { explainParams } from '../diagnostics'
import type { ExplainContext } from '../diagnostics'

/**
 * Verify's own findings about certificate chains (enterprise intermediate CAs), explained like the diagnostics table
 * does (their words: `explain.CODE` in main/messages), with the step each fix names. Consulted before the shared table.
 * Every CLI option or command their texts name exists (tests/verify/hint-options.test.ts).
 */
export const VERIFY_FIXES = {
  INTERMEDIATE_MISSING: 'registry',
  SERVED_LEAF_ONLY: 'certificates',
  INTERMEDIATE_INVALID: 'certificates',
  INTERMEDIATE_EXPIRING: 'certificates',
  // A pull-through mirror (verify's mirror mode, and a push tried against one).
  MIRROR_NO_PUSH: 'registry',
  MIRROR_PULL_FAILED: 'registry',
} as const satisfies Readonly<Record<string, RedoStep>>

type VerifyFixCode = keyof typeof VERIFY_FIXES

/** The explanation of one of verify's own codes, its texts filled with the registry checked. */
export function verifyFix(code: string | undefined, where: ExplainContext): Explanation | undefined {
  if (code === undefined || !Object.hasOwn(VERIFY_FIXES, code)) return undefined
  const c = code as VerifyFixCode
  return { code: c, step: VERIFY_FIXES[c], params: explainParams(where) }
}
