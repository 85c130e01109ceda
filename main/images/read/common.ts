// What the archive readers share: coded errors naming the file, JSON reading, descriptors, reference names.
import { AppError } from '../../errors'
import { message, type Message } from '../../messages/index'
import { sha256Digest } from '../../registry-api/digest'
import { parseReference, repositoryReference } from '../names'
import type { BlobRef, Platform } from '../types'
import type { ArchiveStore } from './store'

export const MT = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
} as const

export const isIndexType = (t: string): boolean => t === MT.ociIndex || t === MT.dockerList
export const isManifestType = (t: string): boolean => t === MT.ociManifest || t === MT.dockerManifest

/** Where a blob is in the archive (a store name) and its size. */
export interface BlobLocation {
  name: string
  size: number
}

/** One archive being read: its store, and every config/layer blob found so far, by digest. */
export interface ReadCtx {
  store: ArchiveStore
  path: string
  blobs: Map<string, BlobLocation>
}

const DIGEST = /^sha256:[0-9a-f]{64}$/

type JsonObject = Record<string, unknown>

export function jsonInvalid(path: string, entry: string, detail: string): AppError {
  return new AppError({
    code: 'IMAGES_JSON_INVALID',
    kind: 'input',
    field: 'files',
    params: { path, entry, detail },
  })
}

export function blobMissing(path: string, digest: string, what: Message): AppError {
  return new AppError({
    code: 'IMAGES_BLOB_MISSING',
    kind: 'input',
    field: 'files',
    params: { path, digest, what },
  })
}

export function blobDigestError(path: string, digest: string, actual: string): AppError {
  return new AppError({
    code: 'IMAGES_BLOB_DIGEST',
    kind: 'input',
    field: 'files',
    params: { path, digest, actual },
  })
}

export function blobSizeError(path: string, digest: string, expected: number, actual: number): AppError {
  return new AppError({
    code: 'IMAGES_BLOB_SIZE',
    kind: 'input',
    field: 'files',
    params: { path, digest, expected, actual },
  })
}

export function parseJsonObject(bytes: Buffer, path: string, entry: string): JsonObject {
  let v: unknown
  try {
    v = JSON.parse(bytes.toString('utf8'))
  } catch (e) {
    throw jsonInvalid(path, entry, (e as Error).message)
  }
  if (typeof v !== 'object' || v === null) throw jsonInvalid(path, entry, 'not an object')
  return v as JsonObject
}

export async function readJsonFile(ctx: ReadCtx, name: string): Promise<unknown> {
  if (ctx.store.size(name) === undefined) throw jsonInvalid(ctx.path, name, 'missing')
  const bytes = await ctx.store.read(name)
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown
  } catch (e) {
    throw jsonInvalid(ctx.path, name, (e as Error).message)
  }
}

export function asArray(v: unknown, path: string, entry: string): unknown[] {
  if (!Array.isArray(v)) throw jsonInvalid(path, entry, 'not a list')
  return v as unknown[]
}

export function str(o: JsonObject, key: string): string | undefined {
  const v = o[key]
  return typeof v === 'string' ? v : undefined
}

/** An OCI descriptor `{mediaType, digest, size}` (mediaType may be absent: '' then). */
export function descriptor(v: unknown, path: string, entry: string): BlobRef & JsonObject {
  if (typeof v !== 'object' || v === null) throw jsonInvalid(path, entry, 'descriptor')
  const o = v as JsonObject
  const digest = str(o, 'digest') ?? ''
  const size = o.size
  if (!DIGEST.test(digest)) throw jsonInvalid(path, entry, `digest ${digest}`)
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
    throw jsonInvalid(path, entry, `size of ${digest}`)
  return { ...o, mediaType: str(o, 'mediaType') ?? '', digest, size }
}

export function platformOf(v: unknown): Platform | undefined {
  if (typeof v !== 'object' || v === null) return undefined
  const o = v as JsonObject
  const os = str(o, 'os')
  const architecture = str(o, 'architecture')
  if (os === undefined || architecture === undefined) return undefined
  const variant = str(o, 'variant')
  return { os, architecture, ...(variant === undefined ? {} : { variant }) }
}

/** The store name of a blob in an OCI layout. */
export function blobName(digest: string): string {
  return `blobs/${digest.replace(':', '/')}`
}

/**
 * Locates a blob the archive must hold (IMAGES_BLOB_MISSING / IMAGES_BLOB_SIZE otherwise) and records it.
 * `name` defaults to its place in an OCI layout.
 */
export function locate(ctx: ReadCtx, d: BlobRef, what: Message, name = blobName(d.digest)): void {
  const size = ctx.store.size(name)
  if (size === undefined) throw blobMissing(ctx.path, d.digest, what)
  if (size !== d.size) throw blobSizeError(ctx.path, d.digest, d.size, size)
  ctx.blobs.set(d.digest, { name, size })
}

/** A small blob's bytes, located and checked against its digest. */
export async function readBlob(ctx: ReadCtx, d: BlobRef, what: Message): Promise<Buffer> {
  locate(ctx, d, what)
  const bytes = await ctx.store.read(blobName(d.digest))
  const actual = sha256Digest(bytes)
  if (actual !== d.digest) throw blobDigestError(ctx.path, d.digest, actual)
  return bytes
}

export const whatIndex = (digest: string): Message => message('images.what.index', { digest })
export const whatManifest = (digest: string): Message => message('images.what.manifest', { digest })
export const whatEntry = (entry: string): Message => message('images.what.entry', { entry })

/**
 * A name an archive records, as `[host/]repository:tag` (docker.io dropped, `library/` added). A bare word with
 * no `/` and no `:` in an OCI `org.opencontainers.image.ref.name` is only a tag: returned as `{ tag }`.
 */
export function normaliseName(
  raw: string,
  path: string,
  bareIsTag: boolean,
): { name: string } | { tag: string } {
  if (bareIsTag && !raw.includes('/') && !raw.includes(':') && !raw.includes('@')) {
    if (/^\w[\w.-]{0,127}$/.test(raw)) return { tag: raw }
  }
  const ref = parseReference(raw)
  if (ref === undefined)
    throw new AppError({
      code: 'IMAGES_NAME_INVALID',
      kind: 'input',
      field: 'files',
      params: { path, name: raw },
    })
  const repo = repositoryReference(ref)
  return { name: ref.registry === undefined ? repo : `${ref.registry}/${repo}` }
}
