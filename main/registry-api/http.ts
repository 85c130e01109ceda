import { Agent, request as httpsRequest } from 'node:https'
import type { IncomingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'
import { checkServerIdentity } from 'node:tls'
import { AppError } from '../errors'
import { cancelled } from '../jobs/abort'
import { hostPort, ipVersion } from '../net/address'

/**
 * HTTPS to one registry, trusting only the CA it is given (no system roots): the Agent's `ca` is that PEM alone.
 * `connectHost` is where to connect (default `host`); `host` is the name the certificate must carry (SNI, check).
 */
export interface RegistryEndpoint {
  host: string
  port: number
  caPem: string
  connectHost?: string | undefined
}

export interface HttpRequest {
  method: string
  /** A path with its query (`/v2/...`), or an absolute https URL (a Location, a token realm). */
  url: string
  headers?: Record<string, string> | undefined
  body?: Buffer | undefined
  /**
   * A streaming body instead of `body`: opened for each attempt (a retry after a 401 gets fresh bytes), sent
   * with Content-Length `bodyLength` when given (else chunked). If the stream fails, the request is torn down
   * (the server never sees a complete body) and the exchange fails with the stream's error.
   */
  stream?: (() => Readable) | undefined
  bodyLength?: number | undefined
  signal?: AbortSignal | undefined
}

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  /** The absolute URL asked for. */
  url: string
}

export interface Transport {
  endpoint: RegistryEndpoint
  agent: Agent
  base: string
}

/** A keep-alive HTTPS agent that trusts only `caPem` (no system roots), up to 8 connections to a registry. */
export function registryAgent(caPem: string): Agent {
  return new Agent({ ca: caPem, keepAlive: true, maxSockets: 8 })
}

/** The endpoint's transport: a new registryAgent for its CA, or `agent` when given (the caller's). */
export function transport(endpoint: RegistryEndpoint, agent?: Agent): Transport {
  const a = agent ?? registryAgent(endpoint.caPem)
  return { endpoint, agent: a, base: `https://${hostPort(endpoint.host, endpoint.port)}` }
}

/** One HTTPS exchange; the whole answer is read. TLS and connection failures become coded errors. */
export function send(t: Transport, req: HttpRequest): Promise<HttpResponse> {
  const url = new URL(req.url, t.base)
  const sameHost = url.host === new URL(t.base).host
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const connect = sameHost ? (t.endpoint.connectHost ?? host) : host
  return new Promise((resolve, reject) => {
    if (req.signal?.aborted === true) {
      reject(cancelled(req.signal.reason))
      return
    }
    const length = req.body ? req.body.length : req.bodyLength
    const body: Readable | undefined = req.stream?.()
    let bodyError: Error | undefined
    const r = httpsRequest(
      {
        method: req.method,
        host: connect,
        port: url.port === '' ? 443 : Number(url.port),
        path: `${url.pathname}${url.search}`,
        // SNI names a host name only (RFC 6066); an IP literal is checked against the certificate's IP SANs.
        ...identity(sameHost ? t.endpoint.host.replace(/^\[(.*)\]$/, '$1') : host),
        agent: t.agent,
        headers: { ...req.headers, ...(length !== undefined ? { 'content-length': String(length) } : {}) },
        signal: req.signal,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', (e) => {
          reject(bodyError ?? netError(url.host, e, req.signal))
        })
        res.on('end', () => {
          if (body !== undefined && !body.readableEnded) body.destroy()
          if (bodyError !== undefined) reject(bodyError)
          else
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
              url: url.href,
            })
        })
      },
    )
    r.on('error', (e) => {
      body?.destroy()
      reject(bodyError ?? netError(url.host, e, req.signal))
    })
    if (body === undefined) {
      r.end(req.body)
      return
    }
    body.on('error', (e) => {
      bodyError = e
      r.destroy(e)
    })
    body.pipe(r)
  })
}

/** The certificate must name `name` (not the address connected to); SNI carries it when it is a host name. */
export function identity(name: string): {
  servername?: string
  checkServerIdentity: typeof checkServerIdentity
} {
  const check = (_host: string, cert: Parameters<typeof checkServerIdentity>[1]): Error | undefined =>
    checkServerIdentity(name, cert)
  return { ...(ipVersion(name) === 0 ? { servername: name } : {}), checkServerIdentity: check }
}

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|UNABLE_TO_VERIFY|ERR_OSSL|HOSTNAME_MISMATCH)/

/** A socket-level failure as a coded error: cancelled, TLS (certificate, handshake) or unreachable. */
export function netError(host: string, err: unknown, signal?: AbortSignal): AppError {
  if (signal?.aborted === true) return cancelled(signal.reason)
  const e = err as NodeJS.ErrnoException & { reason?: string }
  const code = typeof e.code === 'string' ? e.code : ''
  const reason = code === '' ? e.message : `${code}: ${e.message}`
  if (TLS_CODES.test(code) || /ssl|tls|certificate/i.test(e.message))
    return new AppError({ code: 'REGISTRY_API_TLS', params: { host, reason }, cause: err })
  return new AppError({ code: 'REGISTRY_API_UNREACHABLE', params: { host, reason }, cause: err })
}

/** A header as one string ('' when absent). */
export function header(res: HttpResponse, name: string): string {
  const v = res.headers[name.toLowerCase()]
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '')
}
