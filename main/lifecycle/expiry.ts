// How close a certificate is to its end, in one place: Home's colours, `check`'s states and the CA warning all read
// these rules (the screens only pick a colour per level).
import { daysLeft } from '../dates'
import { message, type Message } from '../messages/index'

/** Days left, from green to red: ok (over 90), watch (30 to 90), soon (under 30), expired (past its notAfter). */
export type ExpiryLevel = 'ok' | 'watch' | 'soon' | 'expired'

/** Level boundaries in days: more than `watch` is ok, from `soon` to `watch` is watch, under `soon` is soon. */
export const EXPIRY_DAYS = { watch: 90, soon: 30 } as const

/** A CA is warned about from this many days before its end (it takes months to reach every client with a new CA). */
export const CA_WARN_DAYS = 180

/** The level of `days` left; `watchDays` moves the amber boundary (a CA: CA_WARN_DAYS, as its warning). */
export function expiryLevel(
  days: number,
  expired = days < 0,
  watchDays: number = EXPIRY_DAYS.watch,
): ExpiryLevel {
  if (expired || days < 0) return 'expired'
  if (days < EXPIRY_DAYS.soon) return 'soon'
  if (days <= watchDays) return 'watch'
  return 'ok'
}

export type ExpiryKind = 'certificate' | 'ca'

/** Where amber starts: a CA from CA_WARN_DAYS out (when its warning starts), a certificate from EXPIRY_DAYS.watch. */
export const watchDaysOf = (kind: ExpiryKind): number => (kind === 'ca' ? CA_WARN_DAYS : EXPIRY_DAYS.watch)

/** The level of a notAfter date at `now`; a CA is amber from CA_WARN_DAYS out (when its warning starts). */
export function expiryLevelAt(
  notAfter: string | Date,
  now: Date = new Date(),
  kind: ExpiryKind = 'certificate',
): ExpiryLevel {
  const end = typeof notAfter === 'string' ? Date.parse(notAfter) : notAfter.getTime()
  return expiryLevel(daysLeft(notAfter, now), end <= now.getTime(), watchDaysOf(kind))
}

export type CaWarningCode = 'CA_EXPIRED' | 'CA_EXPIRES_SOON'

/** A warning the front ends show for a CA: its code and its text (`lifecycle.caWarning.CODE`). */
export interface CaWarning {
  code: CaWarningCode
  days: number
  notAfter: string
  message: Message
}

/**
 * The CA rule: expired, or ending within CA_WARN_DAYS (`warnDays` to change it): a warning saying to renew it and
 * hand the new trust bundle out while the old CA still works. Undefined when the CA has longer.
 */
export function caExpiryWarning(
  notAfter: string | Date,
  now: Date = new Date(),
  warnDays = CA_WARN_DAYS,
): CaWarning | undefined {
  const iso = typeof notAfter === 'string' ? new Date(notAfter).toISOString() : notAfter.toISOString()
  const days = daysLeft(iso, now)
  const expired = Date.parse(iso) <= now.getTime()
  if (!expired && days >= warnDays) return undefined
  const code: CaWarningCode = expired ? 'CA_EXPIRED' : 'CA_EXPIRES_SOON'
  return {
    code,
    days,
    notAfter: iso,
    message: message(`lifecycle.caWarning.${code}`, { days, notAfter: iso }),
  }
}
