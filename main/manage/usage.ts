// Storage usage of a registry: total and per repository, from the storage layout (see layout.ts).
import { inspectRegistry, mountedStorage, type Engine, type StorageSpec } from '../docker/index'
import { readLayout, type StorageLayout } from './layout'

export interface RepositoryUsage {
  name: string
  /** Bytes of every blob the repository links (shared blobs counted in each repository that links them). */
  bytes: number
  /** Bytes of the blobs only this repository links (what deleting it all and collecting garbage would free). */
  uniqueBytes: number
  blobs: number
}

export interface StorageUsage {
  name: string
  /** Where the data lives: the volume or host path mounted at /var/lib/registry (undefined: none mounted). */
  storage: StorageSpec | undefined
  /** How it was measured: the registry's storage layout read through the Engine API (blob sizes from tar headers). */
  method: 'layout'
  /** Bytes of all blobs stored (referenced or not) plus unfinished uploads. */
  totalBytes: number
  blobBytes: number
  blobCount: number
  /** Bytes of blobs no repository links (left behind by uploads that never finished a manifest). */
  unlinkedBytes: number
  uploadBytes: number
  repositories: RepositoryUsage[]
}

/** Usage figures from a layout (pure: tests and gc use it on layouts read before and after). */
export function usageOf(layout: StorageLayout): Omit<StorageUsage, 'name' | 'storage' | 'method'> {
  const owners = new Map<string, number>()
  for (const set of layout.repositories.values()) for (const d of set) owners.set(d, (owners.get(d) ?? 0) + 1)
  const repositories: RepositoryUsage[] = []
  for (const [name, set] of [...layout.repositories].sort(([a], [b]) => a.localeCompare(b))) {
    let bytes = 0
    let uniqueBytes = 0
    let blobs = 0
    for (const d of set) {
      const size = layout.blobs.get(d)
      if (size === undefined) continue // a link left behind by garbage collection: the blob is gone
      bytes += size
      blobs++
      if (owners.get(d) === 1) uniqueBytes += size
    }
    repositories.push({ name, bytes, uniqueBytes, blobs })
  }
  let blobBytes = 0
  let unlinkedBytes = 0
  for (const [d, size] of layout.blobs) {
    blobBytes += size
    if (!owners.has(d)) unlinkedBytes += size
  }
  return {
    totalBytes: blobBytes + layout.uploadBytes,
    blobBytes,
    blobCount: layout.blobs.size,
    unlinkedBytes,
    uploadBytes: layout.uploadBytes,
    repositories,
  }
}

/** Storage usage of the registry container `name`. */
export async function storageUsage(engine: Engine, name: string): Promise<StorageUsage> {
  const info = await inspectRegistry(engine, name)
  const layout = await readLayout(engine, name)
  return { name, storage: mountedStorage(info), method: 'layout', ...usageOf(layout) }
}
