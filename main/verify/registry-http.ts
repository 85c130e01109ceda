import type { IncomingHttpHeaders } from 'node:http'
import { request } from 'node:https'
import { connectHost, serverName, type VerifyContext } from './context'
import { goCheckServerIdentity } from './go-identity'

export interface HttpAnswer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

const MAX_BODY = 4 * 1024 * 1024

export function basicAuth(ctx: VerifyContext): string | undefined {
  const c = ctx.input.credentials
  return c === undefined ? undefined : `Basic ${Buffer.from(`${c.user}:${c.password}`).toString('base64')}`
}

/**
 * One HTTPS request to the registry trusting only our CA, host checked by Go's rules. `auth` sends the Basic
 * credentials. Rejects with the Node error (its code and message go through the diagnostics table).
 */
export function registryRequest(
  ctx: VerifyContext,
  path: string,
  opts: { method?: string; auth?: boolean; accept?: string; signal?: AbortSignal | undefined } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      Host: ctx.address.hostPort,
      'User-Agent': 'registry-wizard-verify',
    }
    if (opts.accept !== undefined) headers.Accept = opts.accept
    const auth = opts.auth === true ? basicAuth(ctx) : undefined
    if (auth !== undefined) headers.Authorization = auth
    const req = request(
      {
        host: connectHost(ctx),
        port: ctx.port,
        path,
        method: opts.method ?? 'GET',
        servername: serverName(ctx),
        ca: ctx.input.caPem,
        checkServerIdentity: goCheckServerIdentity(ctx.host),
        // Shared and kept alive (context.ts): the api check's connection carries the catalog's requests too.
        agent: ctx.agent(),
        headers,
        signal: opts.signal,
      },
      (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          size += c.length
          if (size <= MAX_BODY) chunks.push(c)
        })
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** The next page from a `Link: </v2/_catalog?last=x&n=100>; rel="next"` header. */
export function nextLink(headers: IncomingHttpHeaders): string | undefined {
  const link = headers.link
  const text = Array.isArray(link) ? link.join(', ') : link
  if (text === undefined) return undefined
  const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(text)
  if (!m?.[1]) return undefined
  const url = m[1]
  return url.startsWith('/') ? url : new URL(url).pathname + new URL(url).search
}
