import type { verifyTexts as enVerify } from '../messages/en/verify'
import type { Holes, Leaves, Message, Param } from '../messages/types'
import type { verifyTexts as zhVerify } from '../messages/zh-CN/verify'

/** A key of the catalogue's `verify` namespace, without the namespace: `tcp.ok`, `rt.step.made`. */
export type VerifyKey = Leaves<typeof enVerify>

/** The text at a dotted key of a nested catalogue object. */
type At<T, K extends string> = K extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? At<T[Head], Rest>
    : never
  : K extends keyof T
    ? T[K]
    : never

/** The parameters a verify text takes: the {{holes}} of its English and its Chinese template. */
type HolesOf<K extends VerifyKey> = Holes<At<typeof enVerify, K>> | Holes<At<typeof zhVerify, K>>
type ParamsArg<K extends VerifyKey> = [HolesOf<K>] extends [never]
  ? []
  : [Readonly<Record<HolesOf<K>, Param>>]

/**
 * A verify message (`verify.<key>` in main/messages) with its parameters checked against both languages at compile
 * time: `msg('tcp.ok', { target, ms })`. Plain data: it crosses JSON and IPC, and the front ends render it.
 */
export function msg<K extends VerifyKey>(key: K, ...params: ParamsArg<K>): Message {
  const [p] = params
  return p === undefined ? { key: `verify.${key}` } : { key: `verify.${key}`, params: p }
}
