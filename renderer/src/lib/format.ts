/** Dates as the user's locale shows them (date only: certificates live for months). */
export function formatDate(iso: string, language: string): string {
  return new Date(iso).toLocaleDateString(language, { year: 'numeric', month: 'short', day: 'numeric' })
}

export type ExpiryLevel = 'ok' | 'soon' | 'expired'

export function expiryLevel(daysLeft: number, expired: boolean): ExpiryLevel {
  if (expired || daysLeft < 0) return 'expired'
  return daysLeft <= 30 ? 'soon' : 'ok'
}

export function daysUntil(iso: string, now: Date = new Date()): number {
  return Math.floor((new Date(iso).getTime() - now.getTime()) / 86_400_000)
}
