import { AppError } from '../errors'
import { call, protocolError, type RegistryClient } from './client'
import { checkDigestForm, sha256Digest, verifyDigest } from './digest'
import { header, type HttpResponse } from './http'

/** The manifest kinds we read and write, most specific first (what `Accept` asks for). */
export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const

export interface Manifest {
  mediaType: string
  digest: string
  bytes: Buffer
}

export interface ManifestHead {
  mediaType: string
  digest: string
  size: number
}

const accept = { accept: MANIFEST_TYPES.join(', ') }

function manifestPath(name: string, reference: string): string {
  return `/v2/${name}/manifests/${reference}`
}

const isDigest = (reference: string): boolean => reference.includes(':')

/** HEAD a manifest: its digest, type and size, or undefined when the registry does not have it. */
export async function headManifest(
  c: RegistryClient,
  name: string,
  reference: string,
  signal?: AbortSignal,
): Promise<ManifestHead | undefined> {
  const res = await call(
    c,
    { method: 'HEAD', url: manifestPath(name, reference), headers: accept, signal },
    [200, 404],
  )
  if (res.status === 404) return undefined
  const digest = header(res, 'docker-content-digest')
  if (digest === '') throw protocolError('HEAD', res.url, 'Docker-Content-Digest')
  if (isDigest(reference) && digest !== reference) throw protocolError('HEAD', res.url, digest)
  return { mediaType: header(res, 'content-type'), digest, size: Number(header(res, 'content-length')) }
}

/** GET a manifest, its bytes as stored; the digest (asked for, or the registry's) is checked against them. */
export async function getManifest(
  c: RegistryClient,
  name: string,
  reference: string,
  signal?: AbortSignal,
): Promise<Manifest> {
  const res = await call(
    c,
    { method: 'GET', url: manifestPath(name, reference), headers: accept, signal },
    [200],
  )
  const digest = sha256Digest(res.body)
  const claimed = header(res, 'docker-content-digest')
  if (isDigest(reference)) verifyDigest(res.body, reference, `${name}@${reference}`)
  if (claimed !== '') verifyDigest(res.body, claimed, `${name}:${reference}`)
  return { mediaType: mediaTypeOf(res), digest, bytes: res.body }
}

function mediaTypeOf(res: HttpResponse): string {
  const type = header(res, 'content-type').split(';')[0]?.trim() ?? ''
  if (type !== '' && type !== 'application/json') return type
  const parsed = JSON.parse(res.body.toString('utf8')) as { mediaType?: unknown }
  return typeof parsed.mediaType === 'string' ? parsed.mediaType : type
}

/**
 * PUT a manifest under a tag or its digest, with its media type; the bytes are sent as they are (so the digest is
 * theirs). Returns the digest, checked against the reference (when a digest) and the registry's answer.
 */
export async function putManifest(
  c: RegistryClient,
  name: string,
  reference: string,
  manifest: { mediaType: string; bytes: Buffer },
  signal?: AbortSignal,
): Promise<string> {
  const digest = sha256Digest(manifest.bytes)
  if (isDigest(reference)) {
    checkDigestForm(reference, 'reference')
    verifyDigest(manifest.bytes, reference, `${name}@${reference}`)
  }
  const headers = { 'content-type': manifest.mediaType }
  const req = { method: 'PUT', url: manifestPath(name, reference), headers, body: manifest.bytes, signal }
  const res = await call(c, req, [201])
  const answered = header(res, 'docker-content-digest')
  if (answered !== '' && answered !== digest) verifyDigest(manifest.bytes, answered, `${name}:${reference}`)
  return digest
}

/**
 * DELETE a manifest by digest (what `registry garbage-collect` then frees). True when deleted (202), false when the
 * registry did not have it (404); a registry without `storage.delete.enabled` answers 405: REGISTRY_API_DELETE_DISABLED.
 */
export async function deleteManifest(
  c: RegistryClient,
  name: string,
  digest: string,
  signal?: AbortSignal,
): Promise<boolean> {
  checkDigestForm(digest)
  const url = manifestPath(name, digest)
  const res = await call(c, { method: 'DELETE', url, signal }, [202, 404, 405])
  if (res.status === 405)
    throw new AppError({ code: 'REGISTRY_API_DELETE_DISABLED', params: { url: res.url } })
  return res.status === 202
}
