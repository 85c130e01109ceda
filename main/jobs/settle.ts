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
