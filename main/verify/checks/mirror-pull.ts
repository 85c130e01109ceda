import { AppError } from '../../errors'
import type { Message, Param, Params } from '../../messages/index'
import { getBlob, getManifest, registryClient, type Manifest, type RegistryClient } from '../../registry-api'
import { connectHost, type VerifyContext } from '../context'
import { registryRequest } from '../registry-http'
import { errorParam, fail, failWith, pass, type Outcome } from '../outcome'

/** The name pulled through a mirror when none is given: Docker Hub's smallest official image. */
export const DEFAULT_MIRROR_IMAGE = 'library/hello-world:latest'

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
])

/** A `verify.mirror.*` message. */
const mirrorMsg = (key: string, params: Params): Message => ({ key: `verify.mirror.${key}`, params })

interface Descriptor {
  digest: string
  size?: number
  platform?: { os?: string; architecture?: string; variant?: string }
}

function parse(m: Manifest): { manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] } {
  return JSON.parse(m.bytes.toString('utf8')) as ReturnType<typeof parse>
}

/** linux/amd64 when the index has it (this machine's usual clients), else its first platform. */
function pickPlatform(list: Descriptor[]): Descriptor | undefined {
  const linux = list.filter((d) => d.platform?.os === 'linux')
  return linux.find((d) => d.platform?.architecture === 'amd64') ?? linux[0] ?? list[0]
}

const platformName = (d: Descriptor): string =>
  [d.platform?.os, d.platform?.architecture, d.platform?.variant].filter(Boolean).join('/')

interface Pulled {
  digest: string
  platform?: string | undefined
  blobs: number
  bytes: number
}

/** The manifest (through an index to one platform), then its config and every layer, each digest checked. */
async function pullThrough(
  c: RegistryClient,
  repo: string,
  ref: string,
  signal: AbortSignal,
): Promise<Pulled> {
  const top = await getManifest(c, repo, ref, signal)
  let image = top
  let platform: string | undefined
  if (INDEX_TYPES.has(top.mediaType)) {
    const chosen = pickPlatform(parse(top).manifests ?? [])
    if (chosen === undefined) return { digest: top.digest, blobs: 0, bytes: 0 }
    platform = platformName(chosen)
    image = await getManifest(c, repo, chosen.digest, signal)
  }
  const body = parse(image)
  const blobs = [...(body.config ? [body.config] : []), ...(body.layers ?? [])]
  let bytes = 0
  for (const b of blobs) bytes += (await getBlob(c, repo, b.digest, signal)).length
  return { digest: top.digest, platform, blobs: blobs.length, bytes }
}

/** A registry's answer to the pull (404 MANIFEST_UNKNOWN when the mirror got nothing from upstream...). */
function answered(err: unknown): { status: number | string; registryCode: string } | undefined {
  if (!(err instanceof AppError)) return undefined
  if (err.code !== 'REGISTRY_API_HTTP' && err.code !== 'REGISTRY_API_UNAUTHORIZED') return undefined
  const p = err.params as { status?: number | string; registryCode?: string } | undefined
  return { status: p?.status ?? '', registryCode: p?.registryCode ?? '' }
}

/**
 * Mirror mode's pull: a Docker Hub name (default library/hello-world:latest) fetched through the mirror with our
 * registry-api client, trusting only our CA: the manifest (one platform of an index), its config and its layers,
 * every digest checked. The mirror fetches them from its upstream on the way, and keeps them.
 */
export async function checkMirrorPull(ctx: VerifyContext, signal: AbortSignal): Promise<Outcome> {
  const image = ctx.input.mirror?.image ?? DEFAULT_MIRROR_IMAGE
  const at = image.includes('@') ? image.indexOf('@') : image.lastIndexOf(':')
  const repo = at > image.lastIndexOf('/') ? image.slice(0, at) : image
  const ref = at > image.lastIndexOf('/') ? image.slice(at + 1) : 'latest'
  const cred = ctx.input.credentials
  const c = registryClient({
    host: ctx.host,
    port: ctx.port,
    caPem: ctx.input.caPem,
    connectHost: connectHost(ctx),
    ...(cred === undefined ? {} : { user: cred.user, password: cred.password }),
  })
  try {
    const p = await pullThrough(c, repo, ref, signal)
    const params = { image, digest: p.digest, blobs: p.blobs, bytes: p.bytes }
    const reason =
      p.platform === undefined
        ? mirrorMsg('pull.ok', params)
        : mirrorMsg('pull.ok-index', { ...params, platform: p.platform })
    return pass(reason, { image, ...p })
  } catch (err) {
    const a = answered(err)
    if (a !== undefined)
      return fail(mirrorMsg('pull.missing', { image, ...a }), 'MIRROR_PULL_FAILED', { image, ...a })
    const error: Param =
      err instanceof AppError ? { key: `error.${err.code}.message`, params: err.params } : errorParam(err)
    return failWith(mirrorMsg('pull.failed', { image, error }), err, { image })
  } finally {
    c.close()
  }
}

/**
 * Asked before a push: does the registry refuse uploads altogether (POST .../blobs/uploads/ answers 405
 * UNSUPPORTED, as a registry in proxy mode does)? Then the push is not tried and the failure is a mirror's. On an
 * ordinary registry the session this opens is left to the registry's upload purge (see docker/storage-check).
 */
export async function pushRefused(
  ctx: VerifyContext,
  repo: string,
  signal: AbortSignal,
): Promise<Outcome | undefined> {
  try {
    const auth = ctx.authOn || ctx.input.credentials !== undefined
    const r = await registryRequest(ctx, `/v2/${repo}/blobs/uploads/`, { method: 'POST', auth, signal })
    if (r.status !== 405 || !r.body.includes('UNSUPPORTED')) return undefined
    const params = { status: r.status, registryCode: 'UNSUPPORTED' }
    return fail(mirrorMsg('push.refused', params), 'MIRROR_NO_PUSH', params)
  } catch {
    return undefined
  }
}
