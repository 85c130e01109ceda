import { request } from 'node:https'
import { isIP } from 'node:net'
import type { HealthTarget } from './health'
import type { Credential } from './htpasswd'

/** The repository name the write check uses; it never shows in the catalog (no layer or manifest is written). */
export const WRITE_CHECK_REPO = 'registry-wizard-write-check'

export type StorageCheck = { status: 'writable' } | { status: 'skipped'; reason: string } | { status: 'failed'; httpStatus: number; detail: string }

function call(t: HealthTarget, method: string, path: string, auth: Credential | undefined): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: t.host,
        port: t.port,
        path,
        method,
        ca: t.caPem,
        agent: false,
        timeout: 10_000,
        headers: auth ? { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` } : {},
        ...(isIP(t.host) ? {} : { servername: t.host }),
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
 * /var/lib/registry) and cancels it at once. /v2/ answers 200 even when the storage is read-only or not permitted;
 * this is the first request that needs to write. With auth on it needs a user's credentials, else it is skipped.
 */
export async function checkStorageWritable(t: HealthTarget, auth?: Credential): Promise<StorageCheck> {
  const started = await call(t, 'POST', `/v2/${WRITE_CHECK_REPO}/blobs/uploads/`, auth)
  if (started.status === 401) return { status: 'skipped', reason: 'auth is on and no credentials were given' }
  if (started.status !== 202) return { status: 'failed', httpStatus: started.status, detail: detailOf(started.body) }
  if (started.location !== undefined) {
    const url = new URL(started.location, `https://${t.host}:${t.port}`)
    await call(t, 'DELETE', `${url.pathname}${url.search}`, auth).catch(() => undefined)
  }
  return { status: 'writable' }
}
