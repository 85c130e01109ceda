// The shared model of the images area: what an archive holds (read by source.ts), and what import/export report.
import type { Message } from '../messages/index'

export type ArchiveKind = 'docker-archive' | 'oci-archive' | 'oci-layout'

export interface Platform {
  os: string
  architecture: string
  variant?: string | undefined
}

export interface BlobRef {
  digest: string
  size: number
  mediaType: string
}

/** One image manifest (one platform): its bytes as they will be pushed (their sha256 is `digest`). */
export interface SourceManifest {
  mediaType: string
  digest: string
  bytes: Buffer
  platform?: Platform | undefined
  config: BlobRef
  layers: BlobRef[]
}

/**
 * One image of an archive: a single manifest, or an index kept whole (`index` set, `manifests` its platforms in
 * the index's order). `names` are the references recorded for it (docker-save RepoTags, OCI
 * `org.opencontainers.image.ref.name` / `io.containerd.image.name`), normalised to `repository:tag` with the
 * registry host dropped when it is docker.io (`library/nginx:1.25`); empty when the archive gives none.
 */
export interface SourceImage {
  names: string[]
  /**
   * Tags the archive gives without a repository (an OCI `org.opencontainers.image.ref.name` that is a bare word,
   * as `skopeo copy ... oci-archive:FILE:1.0` writes): the importer needs a repository for them.
   */
  tags?: string[] | undefined
  index?: { mediaType: string; digest: string; bytes: Buffer } | undefined
  manifests: SourceManifest[]
}

/** An opened archive: its images, and its blobs by digest (read from the private staging copy). */
export interface ImageSource {
  kind: ArchiveKind
  path: string
  images: SourceImage[]
  /** Total bytes of the distinct blobs (configs + layers) the images use. */
  totalBytes: number
  /** A stream of one blob's bytes (as stored: the caller checks the digest while it sends them). */
  openBlob: (digest: string) => NodeJS.ReadableStream
  /** Removes the staging copy; safe to call twice. */
  close: () => Promise<void>
}

/** Progress of an import or export: a message to show, plus the byte counts behind bars and bytes/s. */
export interface TransferProgress {
  message: Message
  /** The blob being sent or fetched (absent for manifest steps). */
  blob?: {
    digest: string
    done: number
    size: number
    outcome?: 'present' | 'mounted' | 'uploaded' | 'fetched'
  }
  done: number
  total: number
  bytesPerSecond: number
}
