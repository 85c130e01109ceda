// A blob's bytes streamed (never held whole): GET with the client's auth, one redirect followed, hashed on the way,
// the digest checked before the output is ended. For layers of any size (export, mirror checks).
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream, promises as fs } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { basename, dirname, join } from 'node:path'
import { Transform, type TransformCallback, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../errors'
import { cancelled, isAbort } from '../jobs/abort'
import { call, httpError, protocolError, withAuth, type RegistryClient } from './client'
import { checkDigestForm } from './digest'
import { identity, netError, type Transport } from './http'

export interface StreamBlobOptions {
  /** The size the manifest gives: a longer answer fails as soon as it is longer. */
  size?: number | undefined
  signal?: AbortSignal | undefined
  /** Bytes received so far (after each chunk). */
  onProgress?: ((done: number) => void) | undefined
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** One GET whose answer is not read: the response stream. Same host rules as http.ts `send`. */
function open(
  t: Transport,
  url: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<IncomingMessage> {
  const u = new URL(url, t.base)
  const sameHost = u.host === new URL(t.base).host
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1')
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(cancelled(signal.reason))
      return
    }
    const r = httpsRequest(
      {
        method: 'GET',
        host: sameHost ? (t.endpoint.connectHost ?? host) : host,
        port: u.port === '' ? 443 : Number(u.port),
        path: `${u.pathname}${u.search}`,
        ...identity(sameHost ? t.endpoint.host.replace(/^\[(.*)\]$/, '$1') : host),
        agent: t.agent,
        headers,
        signal,
      },
      resolve,
    )
    r.on('error', (e) => {
      reject(netError(u.host, e, signal))
    })
    r.end()
  })
}

/** Reads a (small) error answer whole, for httpError. */
async function buffered(res: IncomingMessage, url: string): Promise<AppError> {
  const chunks: Buffer[] = []
  for await (const c of res) chunks.push(c as Buffer)
  return httpError('GET', {
    status: res.statusCode ?? 0,
    headers: res.headers,
    body: Buffer.concat(chunks),
    url,
  })
}

/** The answer to GET blob: auth settled first with a HEAD through `call` (a Bearer challenge answered there). */
async function openBlob(c: RegistryClient, path: string, signal?: AbortSignal): Promise<IncomingMessage> {
  const url = new URL(path, c.t.base).href
  for (let attempt = 0; ; attempt++) {
    await call(c, { method: 'HEAD', url: path, signal }, [200, ...REDIRECTS])
    const auth = withAuth(c, { method: 'GET', url: path }).headers ?? {}
    const res = await open(c.t, path, auth, signal)
    if (res.statusCode === 401 && attempt === 0) {
      res.resume() // the token expired between HEAD and GET: settle it again, once
      continue
    }
    if (!REDIRECTS.has(res.statusCode ?? 0)) {
      if (res.statusCode === 200) return res
      throw await buffered(res, url)
    }
    res.resume()
    const location = res.headers.location ?? ''
    if (location === '') throw protocolError('GET', url, 'Location')
    const target = new URL(location, url)
    // Credentials go to our registry only, never to the storage it redirects to.
    const next = await open(c.t, target.href, target.host === new URL(url).host ? auth : {}, signal)
    if (next.statusCode === 200) return next
    throw await buffered(next, target.href)
  }
}

/** Counts and hashes what passes; fails when longer than `size`, and at the end when the digest differs. */
function checker(what: string, digest: string, o: StreamBlobOptions): Transform & { bytes: () => number } {
  const hash = createHash('sha256')
  let done = 0
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      done += chunk.length
      if (o.size !== undefined && done > o.size) {
        cb(protocolError('GET', what, `more than ${o.size} bytes`))
        return
      }
      hash.update(chunk)
      o.onProgress?.(done)
      cb(null, chunk)
    },
    flush(cb: TransformCallback) {
      const actual = `sha256:${hash.digest('hex')}`
      if (actual === digest) cb()
      else
        cb(new AppError({ code: 'REGISTRY_API_DIGEST_MISMATCH', params: { what, expected: digest, actual } }))
    },
  })
  return Object.assign(t, { bytes: () => done })
}

/**
 * Streams a blob into `into`: ended when the bytes are complete and match `digest`, destroyed otherwise (so a wrong
 * blob is never finished; the caller removes what was written). Returns its size.
 */
export async function streamBlob(
  c: RegistryClient,
  name: string,
  digest: string,
  into: Writable,
  o: StreamBlobOptions = {},
): Promise<number> {
  checkDigestForm(digest)
  const path = `/v2/${name}/blobs/${digest}`
  let res: IncomingMessage
  try {
    res = await openBlob(c, path, o.signal)
  } catch (err) {
    into.destroy() // released without an error event: the caller has the error, and removes what it wrote
    throw err
  }
  const check = checker(`${name}@${digest}`, digest, o)
  try {
    await pipeline(res, check, into, { signal: o.signal })
  } catch (err) {
    if (isAbort(err, o.signal)) throw cancelled(o.signal?.reason)
    if (err instanceof AppError) throw err
    throw netError(c.t.endpoint.host, err, o.signal)
  }
  return check.bytes()
}

/**
 * A blob into a file, atomically: written to a temp file beside it, synced, renamed into place; on a mismatch,
 * a cancel or a failure the temp file is removed and `file` is left as it was.
 */
export async function downloadBlob(
  c: RegistryClient,
  name: string,
  digest: string,
  file: string,
  o: StreamBlobOptions = {},
): Promise<number> {
  const temp = join(dirname(file), `.${basename(file)}.partial-${randomBytes(4).toString('hex')}`)
  const handle = await fs.open(temp, 'wx')
  try {
    const size = await streamBlob(
      c,
      name,
      digest,
      createWriteStream('', { fd: handle.fd, autoClose: false }),
      o,
    )
    await handle.sync()
    await handle.close()
    await fs.rename(temp, file)
    return size
  } catch (err) {
    await handle.close().catch(() => undefined)
    await fs.rm(temp, { force: true })
    throw err
  }
}
