// Pushes the images of archives into a registry, in an order that never leaves a half-made tag: every blob first
// (HEAD skip, cross-repository mount, streamed upload checked against its digest), then each platform manifest
// by digest, then each index by digest, and the tags LAST, once everything under all of them is in. A failure or
// a cancel before that point leaves untagged content only (garbage collection removes it; a rerun reuses it).
import { throwIfAborted } from '../jobs/abort'
import { message } from '../messages/index'
import {
  ping,
  putManifest,
  registryClient,
  type RegistryClient,
  type RegistryEndpoint,
} from '../registry-api'
import { openImageSource, type OpenSourceOptions } from './source'
import type { ImageSource, Platform, TransferProgress } from './types'
import { pushBlobs, type BlobCounts, type BlobJob } from './push/blobs'
import { checkNaming, planImport, type PlannedImage } from './push/plan'
import { meter, type Meter } from './push/progress'

export interface ImportInput {
  files: string[]
  registry: RegistryEndpoint
  user?: string | undefined
  password?: string | undefined
  /** `--prefix`: repositories go under it (`mirror/library/nginx`). */
  prefix?: string | undefined
  /**
   * The repository for images an archive names only by a tag (an OCI ref.name like `1.0`) or not at all
   * (those are pushed by digest only). Without it such images fail the import with IMAGES_UNNAMED before
   * anything is sent.
   */
  repository?: string | undefined
  /** Blobs sent at once (default 3). */
  concurrency?: number | undefined
  /** How a blob's bytes go (see PushBlobOptions.streamMode; default 'put'). */
  streamMode?: 'put' | 'patch' | undefined
  /** Where a .tar.gz is decompressed before it is read (default os.tmpdir()). */
  tmpRoot?: string | undefined
}

export interface ImportedImage {
  /** `repository:tag` as pushed (prefix applied); `repository@digest` for an image pushed by digest only. */
  reference: string
  digest: string
  mediaType: string
  platforms: number
}

export interface ImportResult {
  images: ImportedImage[]
  blobs: { uploaded: number; present: number; mounted: number; bytesUploaded: number }
  seconds: number
}

export interface TransferOptions {
  signal?: AbortSignal | undefined
  onProgress?: ((p: TransferProgress) => void) | undefined
}

function platformText(p: Platform | undefined): string | ReturnType<typeof message> {
  if (p === undefined) return message('images.unknownPlatform')
  return [p.os, p.architecture, p.variant].filter((x) => x !== undefined && x !== '').join('/')
}

/** Every (repository, blob) the plan needs, once. */
function blobJobs(plan: PlannedImage[]): BlobJob[] {
  const jobs = new Map<string, BlobJob>()
  for (const p of plan)
    for (const repository of new Set(p.targets.map((t) => t.repository)))
      for (const m of p.image.manifests)
        for (const b of [...m.layers, m.config])
          jobs.set(`${repository}@${b.digest}`, {
            repository,
            digest: b.digest,
            size: b.size,
            source: p.source,
          })
  return [...jobs.values()]
}

/** Platform manifests, then the index, by digest, into every repository of each image. */
async function pushManifests(
  c: RegistryClient,
  plan: PlannedImage[],
  m: Meter,
  signal?: AbortSignal,
): Promise<void> {
  const done = new Set<string>()
  for (const p of plan)
    for (const repository of new Set(p.targets.map((t) => t.repository))) {
      for (const man of p.image.manifests) {
        throwIfAborted(signal)
        if (done.has(`${repository}@${man.digest}`)) continue
        await putManifest(c, repository, man.digest, man, signal)
        done.add(`${repository}@${man.digest}`)
        const platform = platformText(man.platform)
        m.step(message('progress.images.manifest', { digest: man.digest, platform, repository }))
      }
      const index = p.image.index
      if (index === undefined || done.has(`${repository}@${index.digest}`)) continue
      throwIfAborted(signal)
      await putManifest(c, repository, index.digest, index, signal)
      done.add(`${repository}@${index.digest}`)
      m.step(message('progress.images.index', { digest: index.digest, repository }))
    }
}

/**
 * The tags, last and without the job's signal: once everything under them is in, a cancel no longer stops this
 * short phase (a few small PUTs), so an import ends with all of its tags or (cancelled before) none of them.
 */
async function pushTags(c: RegistryClient, plan: PlannedImage[], m: Meter): Promise<ImportedImage[]> {
  const out: ImportedImage[] = []
  for (const p of plan)
    for (const t of p.targets) {
      const base = { digest: p.digest, mediaType: p.mediaType, platforms: p.image.manifests.length }
      if (t.tag === undefined) {
        out.push({ reference: `${t.repository}@${p.digest}`, ...base })
        continue
      }
      await putManifest(c, t.repository, t.tag, p)
      const reference = `${t.repository}:${t.tag}`
      m.step(message('progress.images.tag', { reference }))
      out.push({ reference, ...base })
    }
  return out
}

async function openAll(
  files: string[],
  o: OpenSourceOptions,
  onProgress: TransferOptions['onProgress'],
): Promise<ImageSource[]> {
  const sources: ImageSource[] = []
  try {
    for (const path of files) {
      const started = Date.now()
      const onDecompress = (done: number, total: number): void =>
        onProgress?.({
          message: message('progress.images.decompress', { path }),
          done,
          total,
          bytesPerSecond: Math.round((done * 1000) / Math.max(1, Date.now() - started)),
        })
      sources.push(await openImageSource(path, { ...o, onDecompress }))
    }
    return sources
  } catch (e) {
    await Promise.all(sources.map((s) => s.close()))
    throw e
  }
}

export async function importImages(input: ImportInput, o: TransferOptions = {}): Promise<ImportResult> {
  const started = Date.now()
  checkNaming(input.prefix, input.repository)
  const sources = await openAll(input.files, { signal: o.signal, tmpRoot: input.tmpRoot }, o.onProgress)
  const c = registryClient({ ...input.registry, user: input.user, password: input.password })
  try {
    const plan = planImport(sources, input.prefix, input.repository)
    const jobs = blobJobs(plan)
    const m = meter(
      jobs.reduce((a, j) => a + j.size, 0),
      o.onProgress,
    )
    await ping(c, o.signal)
    const phase = { client: c, meter: m, signal: o.signal, streamMode: input.streamMode }
    const counts: BlobCounts = await pushBlobs(jobs, { ...phase, concurrency: input.concurrency ?? 3 })
    await pushManifests(c, plan, m, o.signal)
    throwIfAborted(o.signal)
    const images = await pushTags(c, plan, m)
    const blobs = { ...counts, bytesUploaded: m.uploadedBytes() }
    m.step(message('progress.images.done', { images: images.length, ...counts }))
    return { images, blobs, seconds: (Date.now() - started) / 1000 }
  } finally {
    c.close()
    await Promise.all(sources.map((s) => s.close()))
  }
}
