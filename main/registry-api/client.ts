import type { Agent } from 'node:https'
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
  /**
   * An HTTPS agent to send through instead of a new one (trusting only the same CA): its open connections and TLS
   * sessions are reused. Its owner ends it; `close` then leaves it open. Default: the client's own agent.
   */
  agent?: Agent | undefined
}

/** A bearer token and the actions it grants on one repository. */
export interface ScopedToken {
  token: string
  actions: string[]
}

/**
 * One registry: its transport (only the given CA trusted), credentials, and bearer tokens: per repository
 * (`tokens`, from the scopes of the challenges answered), and the last one for requests naming none (`/v2/`).
 */
export interface RegistryClient {
  t: Transport
  credentials?: { user: string; password: string } | undefined
  bearer?: string | undefined
  tokens?: Map<string, ScopedToken> | undefined
  /** How many tokens were fetched (tests: token auth does not refetch per request). */
  tokenFetches?: number | undefined
  close: () => void
}

export function registryClient(o: RegistryClientOptions): RegistryClient {
  const t = transport(o, o.agent)
  const credentials = o.user === undefined ? undefined : { user: o.user, password: o.password ?? '' }
  const close = (): void => {
    if (o.agent === undefined) t.agent.destroy()
  }
  return { t, credentials, tokens: new Map(), tokenFetches: 0, close }
}

/** The repository a request is about (`/v2/<name>/blobs|manifests|tags/...`), or undefined. */
export function repositoryOf(url: string): string | undefined {
  const path = url.startsWith('/') ? url.split('?')[0] : new URL(url).pathname
  return /^\/v2\/(.+?)\/(?:blobs|manifests|tags)\//.exec(path ?? '')?.[1]
}

/** Keeps a token under every repository its scopes name, unless one granting more is already kept there. */
function keepToken(c: RegistryClient, token: string, scope: string | undefined): void {
  c.bearer = token
  c.tokens ??= new Map()
  for (const s of (scope ?? '').split(' ')) {
    const m = /^repository:(.+):([^:]*)$/.exec(s)
    if (m === null) continue
    const [, repo = '', list = ''] = m
    const actions = list.split(',').filter((a) => a !== '')
    const held = c.tokens.get(repo)
    if (held === undefined || actions.length >= held.actions.length) c.tokens.set(repo, { token, actions })
  }
}

/**
 * A request with auth (basic when given; on a Bearer challenge a token for its scope, kept per repository so
 * later requests send it at once; retried once); `ok` statuses pass. A streaming body is opened again for the
 * retry.
 */
export async function call(c: RegistryClient, req: HttpRequest, ok: number[]): Promise<HttpResponse> {
  let res = await send(c.t, withAuth(c, req))
  if (res.status === 401) {
    const challenge = parseChallenge(header(res, 'www-authenticate'))
    if (challenge.scheme === 'bearer') {
      keepToken(c, await fetchToken(c, challenge.params, req.signal), challenge.params.scope)
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

export function withAuth(c: RegistryClient, req: HttpRequest): HttpRequest {
  const repo = repositoryOf(req.url)
  const bearer = (repo === undefined ? undefined : c.tokens?.get(repo)?.token) ?? c.bearer
  const auth =
    bearer !== undefined
      ? `Bearer ${bearer}`
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
  if (params.service !== undefined) url.searchParams.set('service', params.service)
  // Several scopes (a cross-repository mount) are several `scope` parameters, as the token spec has it.
  for (const s of (params.scope ?? '').split(' ')) if (s !== '') url.searchParams.append('scope', s)
  c.tokenFetches = (c.tokenFetches ?? 0) + 1
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
  const refused = refusedWrite(method, res, registryCode)
  if (refused !== undefined) return refused
  return new AppError({
    code: 'REGISTRY_API_HTTP',
    params: { method, url: res.url, status: res.status, registryCode, registryMessage },
  })
}

/**
 * A write answered 405: registry:2 in read-only maintenance mode says so with a plain-text body (no registry code);
 * a registry in proxy mode (a pull-through mirror) refuses uploads with UNSUPPORTED. A disabled delete is the
 * caller's to name (see deleteManifest).
 */
function refusedWrite(method: string, res: HttpResponse, registryCode: string): AppError | undefined {
  if (res.status !== 405 || !['POST', 'PUT', 'PATCH'].includes(method)) return undefined
  if (registryCode === '')
    return new AppError({ code: 'REGISTRY_API_READ_ONLY', params: { method, url: res.url } })
  if (registryCode === 'UNSUPPORTED' && res.url.includes('/blobs/uploads/'))
    return new AppError({ code: 'REGISTRY_API_NO_PUSH', params: { url: res.url } })
  return undefined
}

export function protocolError(method: string, url: string, detail: string): AppError {
  return new AppError({ code: 'REGISTRY_API_PROTOCOL', params: { method, url, detail } })
}

/** `GET /v2/`: the registry speaks the API, and the credentials (if any) are good. */
export async function ping(c: RegistryClient, signal?: AbortSignal): Promise<void> {
  await call(c, { method: 'GET', url: '/v2/', signal }, [200])
}
