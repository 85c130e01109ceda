import { daysLeft } from '../../../main/dates'

/** Dates as the user's locale shows them (date only: certificates live for months). */
export function formatDate(iso: string, language: string): string {
  return new Date(iso).toLocaleDateString(language, { year: 'numeric', month: 'short', day: 'numeric' })
}

export type ExpiryLevel = 'ok' | 'soon' | 'expired'

export function expiryLevel(daysLeft: number, expired: boolean): ExpiryLevel {
  if (expired || daysLeft < 0) return 'expired'
  return daysLeft <= 30 ? 'soon' : 'ok'
}

/** Whole days until `iso` (main/dates: one rule for the CLI, the domain and the screens). */
export function daysUntil(iso: string, now: Date = new Date()): number {
  return daysLeft(iso, now)
}
