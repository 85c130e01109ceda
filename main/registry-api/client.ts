import { AppError } from '../errors'
import {
  header,
  send,
  transport,
  type HttpRequest,
  type HttpResponse,
  type RegistryEndpoint,
  type Transport,
} from './http'

export interface RegistryClientOptions extends RegistryEndpoint {
  user?: string | undefined
  password?: string | undefined
}

/** One registry: its transport (only the given CA trusted), credentials, and the last bearer token it gave. */
export interface RegistryClient {
  t: Transport
  credentials?: { user: string; password: string } | undefined
  bearer?: string | undefined
  close: () => void
}

export function registryClient(o: RegistryClientOptions): RegistryClient {
  const t = transport(o)
  const credentials = o.user === undefined ? undefined : { user: o.user, password: o.password ?? '' }
  return { t, credentials, close: () => t.agent.destroy() }
}

/** A request with auth (basic when given; a bearer token on a Bearer challenge, retried once); `ok` statuses pass. */
export async function call(c: RegistryClient, req: HttpRequest, ok: number[]): Promise<HttpResponse> {
  let res = await send(c.t, withAuth(c, req))
  if (res.status === 401) {
    const challenge = parseChallenge(header(res, 'www-authenticate'))
    if (challenge.scheme === 'bearer') {
      c.bearer = await fetchToken(c, challenge.params, req.signal)
      res = await send(c.t, withAuth(c, req))
    }
    if (res.status === 401)
      throw new AppError({
        code: 'REGISTRY_API_UNAUTHORIZED',
        params: { method: req.method, url: res.url, status: res.status },
      })
  }
  if (ok.includes(res.status)) return res
  throw httpError(req.method, res)
}

function withAuth(c: RegistryClient, req: HttpRequest): HttpRequest {
  const auth =
    c.bearer !== undefined
      ? `Bearer ${c.bearer}`
      : c.credentials !== undefined
        ? basic(c.credentials.user, c.credentials.password)
        : undefined
  return auth === undefined ? req : { ...req, headers: { ...req.headers, authorization: auth } }
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
}

/** `Bearer realm="https://...",service="...",scope="..."` -> scheme + params. */
export function parseChallenge(value: string): { scheme: string; params: Record<string, string> } {
  const m = /^\s*(\w+)\s*(.*)$/.exec(value)
  if (m === null) return { scheme: '', params: {} }
  const params: Record<string, string> = {}
  for (const p of (m[2] ?? '').matchAll(/(\w+)="([^"]*)"|(\w+)=([^\s,]+)/g)) {
    const key = p[1] ?? p[3] ?? ''
    params[key.toLowerCase()] = p[2] ?? p[4] ?? ''
  }
  return { scheme: (m[1] ?? '').toLowerCase(), params }
}

async function fetchToken(
  c: RegistryClient,
  params: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<string> {
  const realm = params.realm ?? ''
  let url: URL
  try {
    url = new URL(realm)
  } catch {
    throw protocolError('GET', realm, `WWW-Authenticate: ${JSON.stringify(params)}`)
  }
  if (url.protocol !== 'https:') throw protocolError('GET', realm, url.protocol)
  for (const k of ['service', 'scope']) if (params[k] !== undefined) url.searchParams.set(k, params[k])
  const headers = c.credentials
    ? { authorization: basic(c.credentials.user, c.credentials.password) }
    : undefined
  const res = await send(c.t, { method: 'GET', url: url.href, headers, signal })
  if (res.status === 401 || res.status === 403)
    throw new AppError({
      code: 'REGISTRY_API_UNAUTHORIZED',
      params: { method: 'GET', url: realm, status: res.status },
    })
  const body = parseJson(res.body) as { token?: unknown; access_token?: unknown } | undefined
  const token = body?.token ?? body?.access_token
  if (res.status !== 200 || typeof token !== 'string' || token === '')
    throw new AppError({ code: 'REGISTRY_API_TOKEN', params: { realm, reason: String(res.status) } })
  return token
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

/** An answer we did not want: status and the registry's own error code/message (`errors[0]`). */
export function httpError(method: string, res: HttpResponse): AppError {
  const body = parseJson(res.body) as { errors?: { code?: unknown; message?: unknown }[] } | undefined
  const first = Array.isArray(body?.errors) ? body.errors[0] : undefined
  const registryCode = typeof first?.code === 'string' ? first.code : ''
  const registryMessage = typeof first?.message === 'string' ? first.message : ''
  return new AppError({
    code: 'REGISTRY_API_HTTP',
    params: { method, url: res.url, status: res.status, registryCode, registryMessage },
  })
}

export function protocolError(method: string, url: string, detail: string): AppError {
  return new AppError({ code: 'REGISTRY_API_PROTOCOL', params: { method, url, detail } })
}

/** `GET /v2/`: the registry speaks the API, and the credentials (if any) are good. */
export async function ping(c: RegistryClient, signal?: AbortSignal): Promise<void> {
  await call(c, { method: 'GET', url: '/v2/', signal }, [200])
}
