import { performance } from 'node:perf_hooks'

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

export async function timeRuns(runs: number, fn: (i: number) => Promise<void> | void): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn(i)
    times.push(performance.now() - t0)
  }
  return times
}

/** One line of the bench report: name, our median, the reference median, the ratio and the target. */
export function report(
  name: string,
  ours: number[],
  reference: number[],
  target: number,
): { ratio: number; ok: boolean } {
  const a = median(ours)
  const b = median(reference)
  const ratio = a / b
  const ok = ratio <= target
  process.stdout.write(
    `${name.padEnd(54)} ours ${a.toFixed(0).padStart(6)} ms   reference ${b.toFixed(0).padStart(6)} ms   ratio ${ratio.toFixed(2)} (target <= ${target}) ${ok ? 'OK' : 'OVER TARGET'}   n=${ours.length}\n`,
  )
  return { ratio, ok }
}
