// Byte counts as people read them (CLI lines and the Images screen alike): 1 decimal, powers of 1024.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB']

/** `0 B`, `512 B`, `4.0 KiB`, `12.3 MiB`: the units are the same words in every language. */
export function formatBytes(n: number): string {
  let value = Math.max(0, n)
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${UNITS[unit] ?? ''}`
}
