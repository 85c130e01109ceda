// OCI image layouts (oci-layout + index.json + blobs/), as a folder, an OCI archive (skopeo's oci-archive:) or
// the docker save of Docker 25+ (which adds manifest.json: its RepoTags name the images too). Indexes are kept
// whole: the index bytes and every manifest under it, as stored (their digests are the archive's).
import { AppError } from '../../errors'
import type { SourceImage, SourceManifest } from '../types'
import {
  asArray,
  blobMissing,
  blobName,
  descriptor,
  isIndexType,
  isManifestType,
  jsonInvalid,
  locate,
  normaliseName,
  parseJsonObject,
  platformOf,
  readBlob,
  readJsonFile,
  str,
  whatIndex,
  whatManifest,
  type ReadCtx,
} from './common'

type Descriptor = ReturnType<typeof descriptor>

function unsupported(ctx: ReadCtx, digest: string, mediaType: string): AppError {
  return new AppError({
    code: 'IMAGES_MEDIA_TYPE_UNSUPPORTED',
    kind: 'input',
    field: 'files',
    params: { path: ctx.path, digest, mediaType: mediaType === '' ? '?' : mediaType },
  })
}

/** The media type of a manifest or index: its descriptor's, else its own field, else what its keys say. */
function typeOf(d: Descriptor, json: Record<string, unknown>): string {
  if (d.mediaType !== '') return d.mediaType
  const own = str(json, 'mediaType')
  if (own !== undefined) return own
  if (Array.isArray(json.manifests)) return 'application/vnd.oci.image.index.v1+json'
  return json.config !== undefined ? 'application/vnd.oci.image.manifest.v1+json' : ''
}

/** One image manifest: its config and layers must be in the archive (located, sizes checked). */
async function readManifest(ctx: ReadCtx, d: Descriptor, bytes?: Buffer): Promise<SourceManifest> {
  const raw = bytes ?? (await readBlob(ctx, d, whatManifest(d.digest)))
  const json = parseJsonObject(raw, ctx.path, d.digest)
  const mediaType = typeOf(d, json)
  if (!isManifestType(mediaType)) throw unsupported(ctx, d.digest, mediaType)
  const config = descriptor(json.config, ctx.path, d.digest)
  const layers = asArray(json.layers ?? [], ctx.path, d.digest).map((l) => descriptor(l, ctx.path, d.digest))
  const what = whatManifest(d.digest)
  let platform = platformOf(d.platform)
  if (platform === undefined) {
    const cfg = await readBlob(ctx, config, what)
    platform = platformOf(parseJsonObject(cfg, ctx.path, config.digest))
  } else locate(ctx, config, what)
  for (const l of layers) locate(ctx, l, what)
  const ref = (x: Descriptor): { digest: string; size: number; mediaType: string } => ({
    digest: x.digest,
    size: x.size,
    mediaType: x.mediaType,
  })
  return { mediaType, digest: d.digest, bytes: raw, platform, config: ref(config), layers: layers.map(ref) }
}

/** One entry of index.json: a single manifest, or an index with every manifest under it. */
async function readEntry(ctx: ReadCtx, d: Descriptor): Promise<SourceImage> {
  const first = await readBlob(ctx, d, whatManifest(d.digest))
  const json = parseJsonObject(first, ctx.path, d.digest)
  const mediaType = typeOf(d, json)
  if (isManifestType(mediaType))
    return { names: [], manifests: [await readManifest(ctx, { ...d, mediaType }, first)] }
  if (!isIndexType(mediaType)) throw unsupported(ctx, d.digest, mediaType)
  const children = asArray(json.manifests, ctx.path, d.digest).map((m) => descriptor(m, ctx.path, d.digest))
  const manifests: SourceManifest[] = []
  for (const c of children) {
    if (isIndexType(c.mediaType)) throw unsupported(ctx, c.digest, c.mediaType)
    if (ctx.store.size(blobName(c.digest)) === undefined)
      throw blobMissing(ctx.path, c.digest, whatIndex(d.digest))
    manifests.push(await readManifest(ctx, c))
  }
  return { names: [], index: { mediaType, digest: d.digest, bytes: first }, manifests }
}

/** The names an index.json entry records: containerd's full name first, else the OCI ref.name. */
function entryNames(ctx: ReadCtx, d: Descriptor): { names: string[]; tags: string[] } {
  const a = (typeof d.annotations === 'object' && d.annotations !== null ? d.annotations : {}) as Record<
    string,
    unknown
  >
  const full = a['io.containerd.image.name']
  const refName = a['org.opencontainers.image.ref.name']
  const picked =
    typeof full === 'string' && full !== ''
      ? normaliseName(full, ctx.path, false)
      : typeof refName === 'string' && refName !== ''
        ? normaliseName(refName, ctx.path, true)
        : undefined
  if (picked === undefined) return { names: [], tags: [] }
  return 'name' in picked ? { names: [picked.name], tags: [] } : { names: [], tags: [picked.tag] }
}

/** Docker 25+ docker save: manifest.json's RepoTags by config digest (Config is `blobs/sha256/<hex>`). */
async function repoTagsByConfig(ctx: ReadCtx): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (ctx.store.size('manifest.json') === undefined) return out
  const list = asArray(await readJsonFile(ctx, 'manifest.json'), ctx.path, 'manifest.json')
  for (const e of list) {
    const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>
    const m = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(str(o, 'Config') ?? '')
    const tags: unknown[] = Array.isArray(o.RepoTags) ? o.RepoTags : []
    if (m !== null)
      out.set(
        `sha256:${m[1]}`,
        tags.filter((t): t is string => typeof t === 'string'),
      )
  }
  return out
}

function addUnique(list: string[], values: string[]): void {
  for (const v of values) if (!list.includes(v)) list.push(v)
}

/** Every image of an OCI layout (entries of index.json with the same digest merged, their names joined). */
export async function readOciLayout(ctx: ReadCtx): Promise<SourceImage[]> {
  const index = await readJsonFile(ctx, 'index.json')
  if (typeof index !== 'object' || index === null) throw jsonInvalid(ctx.path, 'index.json', 'not an object')
  const entries = asArray((index as Record<string, unknown>).manifests ?? [], ctx.path, 'index.json').map(
    (m) => descriptor(m, ctx.path, 'index.json'),
  )
  const repoTags = await repoTagsByConfig(ctx)
  const byDigest = new Map<string, SourceImage>()
  for (const d of entries) {
    const image = byDigest.get(d.digest) ?? (await readEntry(ctx, d))
    const { names, tags } = entryNames(ctx, d)
    addUnique(image.names, names)
    for (const m of image.manifests) {
      const fromDocker = repoTags.get(m.config.digest) ?? []
      addUnique(
        image.names,
        fromDocker.map((t) => {
          const n = normaliseName(t, ctx.path, false)
          return 'name' in n ? n.name : t
        }),
      )
    }
    if (tags.length > 0) image.tags = [...(image.tags ?? []), ...tags.filter((t) => !image.tags?.includes(t))]
    byDigest.set(d.digest, image)
  }
  return [...byDigest.values()]
}
