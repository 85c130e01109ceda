// What an export archive says about its images: the OCI layout's index.json (names as containerd and Docker 25
// write them) and, for the docker format, Docker's manifest.json (RepoTags) beside it.
import type { ImageReference } from '../names'
import type { ResolvedImage } from '../pull/resolve'

export const OCI_LAYOUT = Buffer.from(`${JSON.stringify({ imageLayoutVersion: '1.0.0' })}\n`)
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

/** `blobs/sha256/<hex>` of a digest. */
export function blobPath(digest: string): string {
  const [alg, hex] = digest.split(':')
  return `blobs/${alg ?? 'sha256'}/${hex ?? ''}`
}

/** The full name (`io.containerd.image.name`): `docker.io/library/nginx:1.25`, `quay.io/x/y@sha256:...`. */
export function fullName(r: ImageReference): string {
  const name = `${r.registry ?? 'docker.io'}/${r.repository}`
  if (r.tag !== undefined || r.digest === undefined) return `${name}:${r.tag ?? 'latest'}`
  return `${name}@${r.digest}`
}

/** Docker's familiar name (`nginx:1.25`, `rancher/mirrored-pause:3.6`) for RepoTags; none for a digest only. */
export function familiarTag(r: ImageReference): string | undefined {
  if (r.tag === undefined && r.digest !== undefined) return undefined
  const repo =
    r.registry === undefined
      ? r.repository.replace(/^library\/(?=[^/]+$)/, '')
      : `${r.registry}/${r.repository}`
  return `${repo}:${r.tag ?? 'latest'}`
}

function annotations(r: ImageReference): Record<string, string> {
  const tag = r.tag ?? (r.digest === undefined ? 'latest' : undefined)
  return {
    'io.containerd.image.name': fullName(r),
    ...(tag === undefined ? {} : { 'org.opencontainers.image.ref.name': tag }),
  }
}

/** index.json: one entry per reference (two tags of one image: two entries), its top manifest or index. */
export function indexJson(images: ResolvedImage[]): Buffer {
  const manifests = images.map((img) => ({
    mediaType: img.top.mediaType,
    digest: img.top.digest,
    size: img.top.bytes.length,
    annotations: annotations(img.parsed),
    ...(img.manifests.length === 1 && img.manifests[0]?.platform !== undefined && img.top === img.manifests[0]
      ? { platform: img.manifests[0].platform }
      : {}),
  }))
  return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }))
}

/** manifest.json (docker load): one entry per image manifest, the RepoTags of every reference naming it. */
export function dockerManifestJson(images: ResolvedImage[]): Buffer {
  const entries = new Map<string, { Config: string; RepoTags: string[]; Layers: string[] }>()
  for (const img of images) {
    const m = img.manifests[0]
    if (m === undefined) continue
    const entry = entries.get(m.digest) ?? {
      Config: blobPath(m.config.digest),
      RepoTags: [],
      Layers: m.layers.map((l) => blobPath(l.digest)),
    }
    const tag = familiarTag(img.parsed)
    if (tag !== undefined && !entry.RepoTags.includes(tag)) entry.RepoTags.push(tag)
    entries.set(m.digest, entry)
  }
  return Buffer.from(JSON.stringify([...entries.values()]))
}

/** Every manifest and index blob the archive holds (bytes as in the registry), by digest, without repeats. */
export function manifestBlobs(images: ResolvedImage[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  for (const img of images)
    for (const m of [img.top, ...img.indexes, ...img.manifests]) out.set(m.digest, m.bytes)
  return out
}
