/** Days, as certificates count them. One home for the day length and "days left". */
export const DAY_MS = 24 * 60 * 60 * 1000

/** Whole days from `now` until `notAfter` (negative once it has passed; 0 on its last day). */
export function daysLeft(notAfter: Date | string, now: Date = new Date()): number {
  const end = typeof notAfter === 'string' ? Date.parse(notAfter) : notAfter.getTime()
  return Math.floor((end - now.getTime()) / DAY_MS)
}

/** `date` plus `days` days. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS)
}
