// What a registry holds: repositories (all catalog pages), their tags (all pages), each tag resolved to its manifest,
// an index to every platform's manifest; per platform the size (config + layers) and the created time from its
// config. Requests run concurrently up to a limit and stop at the signal.
import pLimit from 'p-limit'
import picomatch from 'picomatch'
import { throwIfAborted } from '../jobs/abort'
import {
  getBlob,
  getManifest,
  listCatalog,
  listTags,
  type Manifest,
  type RegistryClient,
} from '../registry-api/index'

export interface PlatformEntry {
  /** os/architecture[/variant], or unknown/unknown (attestations). */
  platform: string
  digest: string
  mediaType: string
  /** Config + layers, as the manifest gives them. */
  size: number
  created: string | undefined
}

export interface TagEntry {
  tag: string
  digest: string
  mediaType: string
  kind: 'image' | 'index'
  platforms: PlatformEntry[]
  /** The sum of the platforms' sizes. */
  size: number
  /** Bytes of the distinct blobs of all platforms (layers shared between platforms counted once). */
  distinctSize: number
  /** The newest platform's created time (ISO 8601), undefined when no config says. */
  created: string | undefined
}

export interface RepositoryEntry {
  name: string
  tags: TagEntry[]
  /** Distinct blob bytes of all its tags. */
  distinctSize: number
}

export interface CatalogInput {
  client: RegistryClient
  /** A repository name or glob (picomatch: `library/*`, `team/**`); absent: every repository. */
  repo?: string | undefined
  /** Requests in flight at once (default 8). */
  concurrency?: number | undefined
  pageSize?: number | undefined
  signal?: AbortSignal | undefined
  onProgress?: ((done: number, total: number) => void) | undefined
}

export interface CatalogResult {
  repositories: RepositoryEntry[]
}

interface Descriptor {
  digest: string
  size: number
  mediaType?: string
  platform?: { os?: string; architecture?: string; variant?: string }
}
interface ManifestJson {
  mediaType?: string
  config?: Descriptor
  layers?: Descriptor[]
  manifests?: Descriptor[]
}

/** One image manifest resolved: its size, blobs, created time and platform (from its config). */
interface ResolvedImage {
  size: number
  blobs: Map<string, number>
  created: string | undefined
  platform: string | undefined
}

/** A tag resolved, with the blobs of all its platforms (for the repository's distinct total). */
interface ResolvedTag {
  entry: TagEntry
  blobs: Map<string, number>
}

class Walk {
  private readonly limit: ReturnType<typeof pLimit>
  private readonly manifests = new Map<string, Promise<Manifest>>()
  private readonly images = new Map<string, Promise<ResolvedImage>>()

  constructor(private readonly input: CatalogInput) {
    this.limit = pLimit(input.concurrency ?? 8)
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.limit(() => {
      throwIfAborted(this.input.signal)
      return work()
    })
  }

  manifest(repo: string, reference: string): Promise<Manifest> {
    const key = `${repo}@${reference}`
    let p = this.manifests.get(key)
    if (p === undefined) {
      p = this.run(() => getManifest(this.input.client, repo, reference, this.input.signal))
      this.manifests.set(key, p)
      if (!reference.includes(':'))
        p.then(
          (m) => this.manifests.set(`${repo}@${m.digest}`, p as Promise<Manifest>),
          () => undefined,
        )
    }
    return p
  }

  image(repo: string, digest: string, parsed?: ManifestJson): Promise<ResolvedImage> {
    const key = `${repo}@${digest}`
    let p = this.images.get(key)
    if (p === undefined) {
      p = this.resolveImage(repo, digest, parsed)
      this.images.set(key, p)
    }
    return p
  }

  private async resolveImage(repo: string, digest: string, parsed?: ManifestJson): Promise<ResolvedImage> {
    const json = parsed ?? parse((await this.manifest(repo, digest)).bytes)
    const blobs = new Map<string, number>()
    for (const d of [json.config, ...(json.layers ?? [])]) if (d !== undefined) blobs.set(d.digest, d.size)
    let size = 0
    for (const s of blobs.values()) size += s
    const config = json.config === undefined ? {} : await this.config(repo, json.config.digest)
    return { size, blobs, created: config.created, platform: config.platform }
  }

  private async config(repo: string, digest: string): Promise<{ created?: string; platform?: string }> {
    const bytes = await this.run(() => getBlob(this.input.client, repo, digest, this.input.signal))
    let c: { created?: unknown; os?: unknown; architecture?: unknown; variant?: unknown }
    try {
      c = JSON.parse(bytes.toString('utf8')) as typeof c
    } catch {
      return {}
    }
    const created =
      typeof c.created === 'string' && !Number.isNaN(Date.parse(c.created))
        ? new Date(c.created).toISOString()
        : undefined
    const platform =
      typeof c.os === 'string' && typeof c.architecture === 'string'
        ? [
            c.os,
            c.architecture,
            ...(typeof c.variant === 'string' && c.variant !== '' ? [c.variant] : []),
          ].join('/')
        : undefined
    return { ...(created === undefined ? {} : { created }), ...(platform === undefined ? {} : { platform }) }
  }
}

function parse(bytes: Buffer): ManifestJson {
  return JSON.parse(bytes.toString('utf8')) as ManifestJson
}

function platformOf(d: Descriptor): string {
  const p = d.platform
  if (p === undefined) return 'unknown/unknown'
  return [p.os ?? 'unknown', p.architecture ?? 'unknown', ...(p.variant ? [p.variant] : [])].join('/')
}

/** A tag: its manifest, an index's every platform. */
async function resolveTag(walk: Walk, repo: string, tag: string): Promise<ResolvedTag> {
  const m = await walk.manifest(repo, tag)
  const json = parse(m.bytes)
  const children = json.manifests
  const single: Descriptor = { digest: m.digest, size: m.bytes.length, mediaType: m.mediaType }
  const entries =
    children === undefined
      ? [{ d: single, img: await walk.image(repo, m.digest, json) }]
      : await Promise.all(children.map(async (d) => ({ d, img: await walk.image(repo, d.digest) })))
  const blobs = new Map<string, number>()
  for (const e of entries) for (const [d, s] of e.img.blobs) blobs.set(d, s)
  const platforms: PlatformEntry[] = entries.map(({ d, img }) => ({
    platform: children === undefined ? (img.platform ?? 'unknown/unknown') : platformOf(d),
    digest: d.digest,
    mediaType: d.mediaType ?? '',
    size: img.size,
    created: img.created,
  }))
  const entry: TagEntry = {
    tag,
    digest: m.digest,
    mediaType: m.mediaType,
    kind: children === undefined ? 'image' : 'index',
    platforms,
    size: platforms.reduce((n, p) => n + p.size, 0),
    distinctSize: sum(blobs),
    created: newest(platforms.map((p) => p.created)),
  }
  return { entry, blobs }
}

const sum = (m: Map<string, number>): number => [...m.values()].reduce((n, s) => n + s, 0)

function newest(times: (string | undefined)[]): string | undefined {
  const known = times.filter((t): t is string => t !== undefined).sort()
  return known[known.length - 1]
}

/** The repositories a filter picks: a name matches itself; globs as picomatch reads them. */
export function repoMatcher(filter: string | undefined): (name: string) => boolean {
  if (filter === undefined || filter === '') return () => true
  const glob = picomatch(filter)
  return (name) => name === filter || glob(name)
}

/** The whole catalog (or the repositories `repo` picks), each tag resolved. */
export async function readCatalog(input: CatalogInput): Promise<CatalogResult> {
  const { client, signal, pageSize } = input
  const walk = new Walk(input)
  const names = (await listCatalog(client, signal, { pageSize })).filter(repoMatcher(input.repo)).sort()
  const tagLists = await Promise.all(
    names.map((n) => walk.run(() => listTags(client, n, signal, { pageSize }).catch(notFoundEmpty))),
  )
  const total = tagLists.reduce((n, t) => n + t.length, 0)
  let done = 0
  const repositories = await Promise.all(
    names.map(async (name, i) => {
      const tags = await Promise.all(
        [...(tagLists[i] ?? [])].sort().map(async (tag) => {
          const entry = await resolveTag(walk, name, tag)
          input.onProgress?.(++done, total)
          return entry
        }),
      )
      const distinct = new Map<string, number>()
      for (const t of tags) for (const [d, s] of t.blobs) distinct.set(d, s)
      return { name, tags: tags.map((t) => t.entry), distinctSize: sum(distinct) }
    }),
  )
  return { repositories }
}

/** A repository listed in the catalog whose tags are all gone answers NAME_UNKNOWN (404) on some registries. */
function notFoundEmpty(err: unknown): string[] {
  const e = err as { code?: string; params?: { status?: unknown } }
  if (e.code === 'REGISTRY_API_HTTP' && e.params?.status === 404) return []
  throw err
}
