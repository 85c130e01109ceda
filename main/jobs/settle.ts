/**
 * The values of promises all started already, once every one has settled; the first failure IN THEIR ORDER (not in
 * time) is the one thrown. Waiting for all of them means nothing they do is still running when the caller cleans up
 * after a failure (e.g. removes the folder they write into).
 */
export async function allInOrder<T extends readonly unknown[]>(promises: {
  [K in keyof T]: Promise<T[K]>
}): Promise<T> {
  const settled = await Promise.allSettled(promises)
  const failed = settled.find((r) => r.status === 'rejected')
  if (failed !== undefined) throw failed.reason
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T
}

/**
 * `work` over `items`, at most `n` at a time, begun in their order. After the first failure no item is begun any more
 * and `stop` (handed to each) is aborted with it; once every begun item has settled, that first failure (in time) is
 * thrown.
 */
export async function eachLimited<T>(
  items: readonly T[],
  n: number,
  work: (item: T, index: number, stop: AbortSignal) => Promise<void>,
): Promise<void> {
  const stop = new AbortController()
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop.signal.aborted) {
      const i = next++
      await work(items[i] as T, i, stop.signal).catch((e: unknown) => {
        stop.abort(e)
        throw e
      })
    }
  }
  const results = await Promise.allSettled(Array.from({ length: Math.min(n, items.length) }, worker))
  const failed = results.find((r) => r.status === 'rejected')
  if (failed !== undefined) throw (stop.signal.reason as unknown) ?? failed.reason
}

/** The promise, with its rejection marked handled: it fails only where it is awaited (no stray unhandled rejection). */
export function quietly<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined)
  return p
}
