/** Uptime as the largest two units: "3 d 4 h", "5 h 2 min", "42 s" (units from the locale file). */
export function uptimeParts(seconds: number): { value: number; unit: 'd' | 'h' | 'min' | 's' }[] {
  const d = Math.floor(seconds / 86_400)
  const h = Math.floor((seconds % 86_400) / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  if (d > 0)
    return [
      { value: d, unit: 'd' },
      { value: h, unit: 'h' },
    ]
  if (h > 0)
    return [
      { value: h, unit: 'h' },
      { value: m, unit: 'min' },
    ]
  if (m > 0) return [{ value: m, unit: 'min' }]
  return [{ value: seconds, unit: 's' }]
}
