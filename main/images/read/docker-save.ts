// The legacy docker save format (Docker before 25: manifest.json + <id>.json configs + <id>/layer.tar). It has
// no registry manifest, so one is made here: Docker v2 schema 2, the config as `container.image.v1+json`, each
// layer UNCOMPRESSED as `image.rootfs.diff.tar` with its digest = the config's rootfs.diff_ids entry (the sha256
// of layer.tar itself). Why these types: skopeo reads a docker-archive the same way (schema 2, diff.tar layers
// with diff_id digests) and only gzips the layers while pushing (new digests, CPU time, and an export of the
// image back out would not match the archive); keeping the content's own digests makes import -> export ->
// import give identical digests and costs no compression. Docker (1.10+), containerd, Podman/CRI-O and k3s all
// pull schema 2 with uncompressed layers (containerd: MediaTypeDockerSchema2Layer; containers/image:
// DockerV2Schema2LayerMediaType). The manifest bytes are written the same way every time (fixed key order), so
// a second import of the same file finds the same digest.
import { sha256Digest } from '../../registry-api/digest'
import type { SourceImage, SourceManifest } from '../types'
import {
  asArray,
  blobMissing,
  jsonInvalid,
  MT,
  normaliseName,
  parseJsonObject,
  platformOf,
  readJsonFile,
  str,
  whatEntry,
  type ReadCtx,
} from './common'

const DIFF_ID = /^sha256:[0-9a-f]{64}$/

interface SaveEntry {
  config: string
  repoTags: string[]
  layers: string[]
}

function entries(ctx: ReadCtx, list: unknown[]): SaveEntry[] {
  return list.map((e) => {
    if (typeof e !== 'object' || e === null) throw jsonInvalid(ctx.path, 'manifest.json', 'entry')
    const o = e as Record<string, unknown>
    const config = str(o, 'Config')
    const layers = asArray(o.Layers ?? [], ctx.path, 'manifest.json')
    if (config === undefined || !layers.every((l) => typeof l === 'string'))
      throw jsonInvalid(ctx.path, 'manifest.json', 'Config/Layers')
    const repoTags: unknown[] = Array.isArray(o.RepoTags) ? o.RepoTags : []
    return {
      config,
      repoTags: repoTags.filter((t): t is string => typeof t === 'string'),
      layers: layers.filter((l): l is string => typeof l === 'string'),
    }
  })
}

/** The schema 2 manifest for a config and its layers, serialised the same way every time. */
export function schema2Manifest(
  config: { digest: string; size: number },
  layers: { digest: string; size: number }[],
): Buffer {
  const manifest = {
    schemaVersion: 2,
    mediaType: MT.dockerManifest,
    config: { mediaType: MT.dockerConfig, size: config.size, digest: config.digest },
    layers: layers.map((l) => ({ mediaType: MT.dockerLayer, size: l.size, digest: l.digest })),
  }
  return Buffer.from(JSON.stringify(manifest))
}

async function readEntry(ctx: ReadCtx, e: SaveEntry): Promise<SourceManifest> {
  const configSize = ctx.store.size(e.config)
  if (configSize === undefined) throw blobMissing(ctx.path, e.config, whatEntry('manifest.json'))
  const configBytes = await ctx.store.read(e.config)
  const configDigest = sha256Digest(configBytes)
  const config = parseJsonObject(configBytes, ctx.path, e.config)
  const rootfs = (config.rootfs ?? {}) as Record<string, unknown>
  const diffIds = asArray(rootfs.diff_ids ?? [], ctx.path, e.config)
  if (diffIds.length !== e.layers.length || !diffIds.every((d) => typeof d === 'string' && DIFF_ID.test(d)))
    throw jsonInvalid(ctx.path, e.config, 'rootfs.diff_ids')
  ctx.blobs.set(configDigest, { name: e.config, size: configSize })
  const layers = e.layers.map((name, i) => {
    const digest = diffIds[i] as string
    const size = ctx.store.size(name)
    if (size === undefined) throw blobMissing(ctx.path, digest, whatEntry(name))
    ctx.blobs.set(digest, { name, size })
    return { digest, size, mediaType: MT.dockerLayer }
  })
  const bytes = schema2Manifest({ digest: configDigest, size: configSize }, layers)
  return {
    mediaType: MT.dockerManifest,
    digest: sha256Digest(bytes),
    bytes,
    platform: platformOf(config),
    config: { digest: configDigest, size: configSize, mediaType: MT.dockerConfig },
    layers,
  }
}

/** Every image of a legacy docker save (one per manifest.json entry; the same image twice is merged). */
export async function readDockerSave(ctx: ReadCtx): Promise<SourceImage[]> {
  const list = asArray(await readJsonFile(ctx, 'manifest.json'), ctx.path, 'manifest.json')
  const byDigest = new Map<string, SourceImage>()
  for (const e of entries(ctx, list)) {
    const manifest = await readEntry(ctx, e)
    const image = byDigest.get(manifest.digest) ?? { names: [], manifests: [manifest] }
    for (const t of e.repoTags) {
      const n = normaliseName(t, ctx.path, false)
      if ('name' in n && !image.names.includes(n.name)) image.names.push(n.name)
    }
    byDigest.set(manifest.digest, image)
  }
  return [...byDigest.values()]
}
