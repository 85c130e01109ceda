// Opens a docker save tar (legacy, or Docker 25+ with its OCI layout), an OCI archive or an OCI layout folder.
// A plain tar is read IN PLACE: one pass over its headers finds where each member's bytes are (read/tar-index.ts),
// and blobs stream straight from those offsets while they are sent, checked against their digests on the way.
// Nothing is copied or extracted, so no temporary space is needed and a 1 GB archive costs one read of 1 GB. A
// gzip-compressed tar (.tar.gz, .tgz) is the one exception: it is decompressed once into a private staging file
// (read/staging.ts), read in place from there, and the staging file goes with close().
import { throwIfAborted } from '../jobs/abort'
import type { ArchiveKind, ImageSource, SourceImage } from './types'
import { blobMissing, whatEntry, type ReadCtx } from './read/common'
import { readDockerSave } from './read/docker-save'
import { readOciLayout } from './read/oci'
import { formatUnknown, openStore, type ArchiveStore } from './read/store'
import { verifiedStream } from './read/verify'
import { AppError } from '../errors'

export interface OpenSourceOptions {
  signal?: AbortSignal | undefined
  /** Where a .tar.gz is decompressed (a private staging folder under it; default os.tmpdir()). */
  tmpRoot?: string | undefined
  /** A .tar.gz being decompressed: compressed bytes read of its size. */
  onDecompress?: ((read: number, total: number) => void) | undefined
}

function kindOf(store: ArchiveStore): ArchiveKind | undefined {
  const oci = store.size('oci-layout') !== undefined && store.size('index.json') !== undefined
  if (oci) {
    if (store.kind === 'dir') return 'oci-layout'
    return store.size('manifest.json') !== undefined ? 'docker-archive' : 'oci-archive'
  }
  return store.size('manifest.json') !== undefined ? 'docker-archive' : undefined
}

async function readImages(ctx: ReadCtx): Promise<{ kind: ArchiveKind; images: SourceImage[] }> {
  const kind = kindOf(ctx.store)
  if (kind === undefined) throw formatUnknown(ctx.path, 'no oci-layout + index.json, no manifest.json')
  const oci = ctx.store.size('oci-layout') !== undefined
  const images = oci ? await readOciLayout(ctx) : await readDockerSave(ctx)
  if (images.length === 0)
    throw new AppError({
      code: 'IMAGES_NO_IMAGES',
      kind: 'input',
      field: 'files',
      params: { path: ctx.path },
    })
  return { kind, images }
}

export async function openImageSource(path: string, o: OpenSourceOptions = {}): Promise<ImageSource> {
  throwIfAborted(o.signal)
  const store = await openStore(path, { signal: o.signal, tmpRoot: o.tmpRoot, onDecompress: o.onDecompress })
  const ctx: ReadCtx = { store, path, blobs: new Map() }
  let closed = false
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    await store.close()
  }
  try {
    const { kind, images } = await readImages(ctx)
    throwIfAborted(o.signal)
    const used = new Set(images.flatMap((i) => i.manifests.flatMap((m) => [m.config, ...m.layers])))
    const sizes = new Map([...used].map((b) => [b.digest, b.size]))
    const totalBytes = [...sizes.values()].reduce((a, b) => a + b, 0)
    const openBlob = (digest: string): NodeJS.ReadableStream => {
      const at = ctx.blobs.get(digest)
      if (at === undefined) throw blobMissing(path, digest, whatEntry(digest))
      return verifiedStream(store.stream(at.name), path, digest, sizes.get(digest) ?? at.size)
    }
    return { kind, path, images, totalBytes, openBlob, close }
  } catch (e) {
    await close()
    throw e
  }
}
