import { statSync } from 'node:fs'
import { ASAR_BUDGET_BYTES, packAppAsar } from '../release/pack-app'

/** Size of the app.asar the real electron-builder packs (build output + production dependencies) against its budget. */
export function benchAsarSize(): { bytes: number; ok: boolean } {
  const bytes = statSync(packAppAsar()).size
  const ok = bytes <= ASAR_BUDGET_BYTES
  const mib = (n: number): string => (n / 1024 / 1024).toFixed(1)
  process.stdout.write(
    `${'app.asar size (packed by electron-builder)'.padEnd(54)} ${mib(bytes)} MiB (budget <= ${mib(ASAR_BUDGET_BYTES)} MiB) ${ok ? 'OK' : 'OVER BUDGET'}\n`,
  )
  return { bytes, ok }
}
