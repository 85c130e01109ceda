// Deleting from a registry: a tag (resolved to its manifest's digest) or a manifest by digest. The API deletes
// manifests, not tags: every tag pointing at the digest goes with it, and the result says which. An index goes with
// the platform manifests it lists that no remaining tag needs (else garbage collection could free nothing).
import pLimit from 'p-limit'
import { AppError, isAppError } from '../errors'
import { throwIfAborted } from '../jobs/abort'
import {
  checkDigestForm,
  deleteManifest,
  getManifest,
  headManifest,
  listTags,
  type RegistryClient,
} from '../registry-api/index'
import type { RepositoryEntry } from './catalog'

/** What a repository's tags point at: tag -> digest, and each index's platform manifests. */
export interface RepoRefs {
  tags: Map<string, string>
  children: Map<string, string[]>
}

export interface DeleteRequest {
  client: RegistryClient
  repository: string
  /** One of tag and digest. */
  tag?: string | undefined
  digest?: string | undefined
  signal?: AbortSignal | undefined
}

export interface DeletedManifest {
  repository: string
  digest: string
  /** Every tag that pointed at the digest, gone with it (the one asked for among them). */
  tags: string[]
  /** Platform manifests of an index deleted with it: no remaining tag needed them. */
  children: string[]
}

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
])

/** The digests an index lists (none for an image manifest). */
function childDigests(bytes: Buffer): string[] {
  const json = JSON.parse(bytes.toString('utf8')) as { manifests?: { digest?: unknown }[] }
  return (json.manifests ?? []).map((m) => m.digest).filter((d): d is string => typeof d === 'string')
}

/** Reads what every tag of a repository points at (HEAD per tag; GET for indexes), a few at a time. */
export async function readRefs(
  client: RegistryClient,
  repository: string,
  signal?: AbortSignal,
  concurrency = 8,
): Promise<RepoRefs> {
  const limit = pLimit(concurrency)
  const refs: RepoRefs = { tags: new Map(), children: new Map() }
  const tags = await listTags(client, repository, signal).catch((err: unknown) => {
    if (isAppError(err) && err.params?.['status'] === 404) return [] as string[]
    throw err
  })
  await Promise.all(
    tags.map((tag) =>
      limit(async () => {
        throwIfAborted(signal)
        const head = await headManifest(client, repository, tag, signal)
        if (head === undefined) return
        refs.tags.set(tag, head.digest)
        if (INDEX_TYPES.has(head.mediaType.split(';')[0] ?? '') && !refs.children.has(head.digest)) {
          refs.children.set(head.digest, [])
          const m = await getManifest(client, repository, head.digest, signal)
          refs.children.set(head.digest, childDigests(m.bytes))
        }
      }),
    ),
  )
  return refs
}

/** The same from a catalog walk (no more requests). */
export function refsFromCatalog(repo: RepositoryEntry): RepoRefs {
  const refs: RepoRefs = { tags: new Map(), children: new Map() }
  for (const t of repo.tags) {
    refs.tags.set(t.tag, t.digest)
    if (t.kind === 'index')
      refs.children.set(
        t.digest,
        t.platforms.map((p) => p.digest),
      )
  }
  return refs
}

/**
 * What deleting the manifests `digests` together takes with them: per digest its tags, and the platform manifests
 * of an index that no remaining tag (directly or through its own index) refers to. Pure: the dry run and the real
 * run both use it.
 */
export function planDeletes(
  refs: RepoRefs,
  repository: string,
  digests: readonly string[],
): DeletedManifest[] {
  const going = new Set(digests)
  const kept = new Set<string>()
  for (const d of refs.tags.values())
    if (!going.has(d)) {
      kept.add(d)
      for (const c of refs.children.get(d) ?? []) kept.add(c)
    }
  const taken = new Set<string>()
  return [...going].map((digest) => {
    const tags = [...refs.tags]
      .filter(([, d]) => d === digest)
      .map(([t]) => t)
      .sort()
    const children = (refs.children.get(digest) ?? []).filter(
      (c) => !kept.has(c) && !going.has(c) && !taken.has(c),
    )
    for (const c of children) taken.add(c)
    return { repository, digest, tags, children }
  })
}

/** Carries out one planned delete: the manifest first (an index never points at missing platforms), then its children. */
export async function applyDelete(
  client: RegistryClient,
  planned: DeletedManifest,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await deleteManifest(client, planned.repository, planned.digest, signal)
    for (const c of planned.children) await deleteManifest(client, planned.repository, c, signal)
  } catch (err) {
    throw deleteDisabled(err, client, planned.repository)
  }
}

/** The registry's 405 as our own code, which says how to switch deleting on. */
function deleteDisabled(err: unknown, client: RegistryClient, repository: string): unknown {
  if (!isAppError(err) || err.code !== 'REGISTRY_API_DELETE_DISABLED') return err
  const registry = new URL(client.t.base).host
  return new AppError({ code: 'MANAGE_DELETE_DISABLED', params: { registry, repository }, cause: err })
}

/** Deletes a tag (its manifest, with every tag pointing at it) or a manifest by digest. */
export async function deleteImage(req: DeleteRequest): Promise<DeletedManifest> {
  const { client, repository, signal } = req
  let digest = req.digest
  if (digest !== undefined) checkDigestForm(digest)
  else {
    const head = await headManifest(client, repository, req.tag ?? '', signal)
    if (head === undefined)
      throw new AppError({
        code: 'MANAGE_NOT_FOUND',
        params: { reference: `${repository}:${req.tag ?? ''}` },
      })
    digest = head.digest
  }
  const refs = await readRefs(client, repository, signal)
  if (req.digest !== undefined && !refs.children.has(digest)) {
    const head = await headManifest(client, repository, digest, signal)
    if (head === undefined)
      throw new AppError({ code: 'MANAGE_NOT_FOUND', params: { reference: `${repository}@${digest}` } })
    if (INDEX_TYPES.has(head.mediaType.split(';')[0] ?? ''))
      refs.children.set(digest, childDigests((await getManifest(client, repository, digest, signal)).bytes))
  }
  const [planned] = planDeletes(refs, repository, [digest])
  if (planned === undefined) throw new Error('planDeletes returned nothing for one digest')
  await applyDelete(client, planned, signal)
  return planned
}
