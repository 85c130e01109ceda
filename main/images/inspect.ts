// What an archive holds, for `images inspect` and the Images screen: images, names, digests, platforms, sizes.
// Reads only the archive's headers and JSON (no layer is hashed: that happens while importing).
import { openImageSource, type OpenSourceOptions } from './source'
import type { ArchiveKind, Platform, SourceImage } from './types'

export interface InspectedPlatform extends Platform {
  digest: string
  /** Config + layers, bytes. */
  size: number
}

export interface InspectedImage {
  names: string[]
  /** Tags given without a repository (see SourceImage.tags). */
  tags: string[]
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

function inspected(image: SourceImage): InspectedImage {
  const platforms = image.manifests.map((m) => ({
    os: m.platform?.os ?? '',
    architecture: m.platform?.architecture ?? '',
    ...(m.platform?.variant === undefined ? {} : { variant: m.platform.variant }),
    digest: m.digest,
    size: m.config.size + m.layers.reduce((a, l) => a + l.size, 0),
  }))
  const distinct = new Map(
    image.manifests.flatMap((m) => [m.config, ...m.layers]).map((b) => [b.digest, b.size]),
  )
  const head = image.index ?? image.manifests[0]
  return {
    names: image.names,
    tags: image.tags ?? [],
    digest: head?.digest ?? '',
    mediaType: head?.mediaType ?? '',
    platforms,
    size: [...distinct.values()].reduce((a, b) => a + b, 0),
  }
}

export async function inspectArchive(path: string, o: OpenSourceOptions = {}): Promise<ArchiveInspection> {
  const source = await openImageSource(path, o)
  try {
    return { kind: source.kind, path, images: source.images.map(inspected), totalBytes: source.totalBytes }
  } finally {
    await source.close()
  }
}
