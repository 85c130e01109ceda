import { request } from 'node:https'
import { registryTlsOptions, type HealthTarget } from './health'
import type { Credential } from './htpasswd'

/** The repository name the write check uses; it never shows in the catalog (no layer or manifest is written). */
export const WRITE_CHECK_REPO = 'registry-wizard-write-check'

export type StorageCheck =
  | { status: 'writable' }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; httpStatus: number; detail: string }

function call(
  t: HealthTarget,
  method: string,
  path: string,
  auth: Credential | undefined,
): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...registryTlsOptions(t),
        path,
        method,
        timeout: 10_000,
        headers: auth
          ? { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` }
          : {},
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, body })
        })
      },
    )
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')))
    req.on('error', reject)
    req.end()
  })
}

/** The registry's own words for a failed request: errors[0].detail (e.g. the driver's "mkdir ...: read-only file system"). */
function detailOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: { message?: string; detail?: unknown }[] }
    const e = parsed.errors?.[0]
    if (e === undefined) return body.trim()
    return e.detail === undefined ? (e.message ?? '') : JSON.stringify(e.detail)
  } catch {
    return body.trim()
  }
}

/**
 * Proves the registry can write its storage: starts a blob upload (the registry creates its upload directory under
 * /var/lib/registry and an empty data file in it) and leaves it there. /v2/ answers 200 even when the storage is
 * read-only or not permitted; this is the first request that needs to write. With auth on it needs a user's
 * credentials, else it is skipped.
 *
 * The upload is NOT cancelled: in registry:2 (distribution 2.8) a DELETE of an upload session on the filesystem driver
 * always logs `level=error msg="error closing blobwriter: ... file already closed"` (blobWriter.Cancel closes the file,
 * then Close syncs it), so an admin reading the log after a clean start would see an error. A completed upload would
 * put the repository in the catalog. The session left behind (a few bytes under `_uploads`, never in the catalog) is
 * removed by the registry's own upload purge (uploads older than a week).
 */
export async function checkStorageWritable(t: HealthTarget, auth?: Credential): Promise<StorageCheck> {
  const started = await call(t, 'POST', `/v2/${WRITE_CHECK_REPO}/blobs/uploads/`, auth)
  if (started.status === 401) return { status: 'skipped', reason: 'auth is on and no credentials were given' }
  if (started.status !== 202)
    return { status: 'failed', httpStatus: started.status, detail: detailOf(started.body) }
  return { status: 'writable' }
}
