// STUB (lead): helper A replaces the body. What an archive holds, for `images inspect` and the Images screen.
import type { ArchiveKind, Platform } from './types'

export interface InspectedPlatform extends Platform {
  digest: string
  /** Config + layers, bytes. */
  size: number
}

export interface InspectedImage {
  names: string[]
  /** The index digest for a multi-platform image, else the manifest digest. */
  digest: string
  mediaType: string
  platforms: InspectedPlatform[]
  size: number
}

export interface ArchiveInspection {
  kind: ArchiveKind
  path: string
  images: InspectedImage[]
  totalBytes: number
}

export function inspectArchive(
  path: string,
  o: { signal?: AbortSignal | undefined } = {},
): Promise<ArchiveInspection> {
  void path
  void o
  return Promise.reject(new Error('inspectArchive: not built yet'))
}
