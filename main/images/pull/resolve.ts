// What one reference of an export is in our registry: its manifest (an index kept whole, or the one platform the
// docker format needs), every manifest under it, and the blobs they use. Manifests are small: held as bytes.
import { AppError, isAppError } from '../../errors'
import { getManifest, type Manifest, type RegistryClient } from '../../registry-api'
import { parseReference, withPrefix, type ImageReference } from '../names'
import type { BlobRef, Platform } from '../types'

export const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
])
export const IMAGE_TYPES = new Set([
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
])

export interface ResolvedManifest extends Manifest {
  platform?: Platform | undefined
  config: BlobRef
  layers: BlobRef[]
}

/** One reference, resolved: `top` is what index.json names (the index, or the one manifest). */
export interface ResolvedImage {
  ref: string
  parsed: ImageReference
  /** The repository read in our registry (the prefix applied). */
  repository: string
  top: Manifest
  /** Every manifest under `top` (an index's children, nested ones included), `top` too when it is a manifest. */
  manifests: ResolvedManifest[]
  /** Indexes under `top` (nested indexes), whose bytes go into the archive. */
  indexes: Manifest[]
}

interface Descriptor {
  mediaType?: string
  digest: string
  size: number
  platform?: Platform
  urls?: unknown
}

export interface ResolveOptions {
  prefix?: string | undefined
  /** Docker format: the one platform to keep (an index is replaced by that platform's manifest). */
  platform?: Platform | undefined
  registry: string
  signal?: AbortSignal | undefined
}

export function platformText(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter((x) => x !== undefined && x !== '').join('/')
}

function samePlatform(a: Platform, b: Platform): boolean {
  return (
    a.os === b.os &&
    a.architecture === b.architecture &&
    (a.variant === undefined || b.variant === undefined || a.variant === b.variant)
  )
}

function json(m: Manifest): Record<string, unknown> {
  return JSON.parse(m.bytes.toString('utf8')) as Record<string, unknown>
}

function unsupported(ref: string, mediaType: string): AppError {
  return new AppError({ code: 'EXPORT_MANIFEST_UNSUPPORTED', params: { reference: ref, mediaType } })
}

/** A blob the registry holds (foreign / non-distributable layers, fetched from their `urls`, are not). */
function distributable(d: Descriptor): boolean {
  return !(Array.isArray(d.urls) && /foreign|nondistributable/.test(d.mediaType ?? ''))
}

function imageManifest(ref: string, m: Manifest, platform?: Platform): ResolvedManifest {
  if (!IMAGE_TYPES.has(m.mediaType)) throw unsupported(ref, m.mediaType)
  const body = json(m) as { config?: Descriptor; layers?: Descriptor[] }
  if (body.config === undefined || !Array.isArray(body.layers)) throw unsupported(ref, m.mediaType)
  const blob = (d: Descriptor): BlobRef => ({ digest: d.digest, size: d.size, mediaType: d.mediaType ?? '' })
  return { ...m, platform, config: blob(body.config), layers: body.layers.filter(distributable).map(blob) }
}

function children(m: Manifest): Descriptor[] {
  const body = json(m) as { manifests?: Descriptor[] }
  return Array.isArray(body.manifests) ? body.manifests : []
}

/** The manifest a reference names in our registry; a 404 is EXPORT_IMAGE_MISSING naming the reference. */
async function fetchTop(
  c: RegistryClient,
  ref: string,
  parsed: ImageReference,
  o: ResolveOptions,
): Promise<{ repository: string; top: Manifest }> {
  const repository = withPrefix(parsed.repository, o.prefix)
  const reference = parsed.digest ?? parsed.tag ?? 'latest'
  try {
    return { repository, top: await getManifest(c, repository, reference, o.signal) }
  } catch (err) {
    if (isAppError(err) && err.code === 'REGISTRY_API_HTTP' && err.params?.status === 404)
      throw new AppError({
        code: 'EXPORT_IMAGE_MISSING',
        kind: 'input',
        field: 'refs',
        params: { reference: ref, registry: o.registry, repository, tag: reference },
        cause: err,
      })
    throw err
  }
}

/** Every manifest under an index (nested indexes followed), fetched by digest. */
async function walkIndex(
  c: RegistryClient,
  img: Pick<ResolvedImage, 'ref' | 'repository' | 'manifests' | 'indexes'>,
  index: Manifest,
  signal?: AbortSignal,
): Promise<void> {
  for (const d of children(index)) {
    const m = await getManifest(c, img.repository, d.digest, signal)
    if (INDEX_TYPES.has(m.mediaType)) {
      img.indexes.push(m)
      await walkIndex(c, img, m, signal)
    } else img.manifests.push(imageManifest(img.ref, m, d.platform))
  }
}

/** Docker format: the platform's manifest of an index, or EXPORT_PLATFORM_MISSING listing what there is. */
async function pickPlatform(
  c: RegistryClient,
  ref: string,
  repository: string,
  index: Manifest,
  o: ResolveOptions,
): Promise<ResolvedManifest> {
  const want = o.platform ?? { os: 'linux', architecture: 'amd64' }
  const list = children(index).filter((d) => d.platform !== undefined && d.platform.os !== 'unknown')
  const hit = list.find((d) => samePlatform(d.platform as Platform, want))
  if (hit === undefined)
    throw new AppError({
      code: 'EXPORT_PLATFORM_MISSING',
      kind: 'input',
      field: 'platform',
      params: {
        reference: ref,
        platform: platformText(want),
        available: list.map((d) => platformText(d.platform as Platform)),
      },
    })
  const m = await getManifest(c, repository, hit.digest, o.signal)
  return imageManifest(ref, m, hit.platform)
}

/** Resolves one reference against our registry (nothing is written). */
export async function resolveImage(
  c: RegistryClient,
  ref: string,
  o: ResolveOptions,
): Promise<ResolvedImage> {
  const parsed = parseReference(ref)
  if (parsed === undefined)
    throw new AppError({ code: 'EXPORT_REF_INVALID', kind: 'input', field: 'refs', params: { value: ref } })
  const { repository, top } = await fetchTop(c, ref, parsed, o)
  const img: ResolvedImage = { ref, parsed, repository, top, manifests: [], indexes: [] }
  if (INDEX_TYPES.has(top.mediaType)) {
    if (o.platform === undefined) await walkIndex(c, img, top, o.signal)
    else {
      const one = await pickPlatform(c, ref, repository, top, o)
      return { ...img, top: one, manifests: [one] }
    }
  } else img.manifests.push(imageManifest(ref, top))
  return img
}

/** The distinct blobs (configs and layers) of the images, in first-use order, with the repository to read each from. */
export function blobsOf(images: ResolvedImage[]): { blob: BlobRef; repository: string }[] {
  const seen = new Map<string, { blob: BlobRef; repository: string }>()
  for (const img of images)
    for (const m of img.manifests)
      for (const b of [m.config, ...m.layers])
        if (!seen.has(b.digest)) seen.set(b.digest, { blob: b, repository: img.repository })
  return [...seen.values()]
}
