// The upstream login, checked before the mirror starts. registry:2 (distribution 2.8) only discovers the upstream's
// token realm when it starts and logs in at the first pull; a refused login then shows only as 404 "manifest
// unknown" for every image, in the answers and in its log. Asking the realm here names the cause at once.
import { rootCertificates } from 'node:tls'
import { AppError, isAppError } from '../errors'
import { message, type Message } from '../messages/index'
import { parseChallenge } from '../registry-api'
import { header, send, transport, type HttpResponse, type Transport } from '../registry-api/http'
import type { Engine } from '../docker'
import type { ProxySettings } from './config'
import { registryVersion } from './ttl'

/** How long the check waits for the upstream before it gives up (and says so in a notice). */
export const LOGIN_CHECK_TIMEOUT_MS = 15_000

/** What the check found: the upstream's challenge scheme, or that it could not ask (a notice says why). */
export type LoginCheck =
  { checked: true; scheme: 'bearer' | 'basic' | 'none' } | { checked: false; notice: Message }

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

function endpoint(p: ProxySettings): Transport {
  const url = new URL(p.upstream)
  return transport({
    host: url.hostname,
    port: url.port === '' ? 443 : Number(url.port),
    // Trusted as the mirror will: the upstream's CA file, else the usual public roots (Docker Hub).
    caPem: p.upstreamCaPem ?? rootCertificates.join('\n'),
  })
}

function refused(p: ProxySettings, realm: string, res: HttpResponse): AppError {
  return new AppError({
    code: 'MIRROR_UPSTREAM_LOGIN_REFUSED',
    kind: 'input',
    field: 'upstreamUser',
    params: { upstream: p.upstream, user: p.upstreamUser ?? '', realm, status: res.status },
  })
}

/** The token realm of a Bearer challenge, asked with the login (as the mirror will: GET with Basic). */
async function askRealm(
  t: Transport,
  p: ProxySettings,
  params: Record<string, string>,
  signal: AbortSignal,
): Promise<void> {
  const realm = new URL(params.realm ?? '')
  if (params.service !== undefined) realm.searchParams.set('service', params.service)
  realm.searchParams.set('account', p.upstreamUser ?? '')
  const authorization = basic(p.upstreamUser ?? '', p.upstreamPassword ?? '')
  const res = await send(t, { method: 'GET', url: realm.href, headers: { authorization }, signal })
  if (res.status === 401 || res.status === 403) throw refused(p, params.realm ?? '', res)
}

async function probe(t: Transport, p: ProxySettings, signal: AbortSignal): Promise<LoginCheck> {
  const first = await send(t, { method: 'GET', url: '/v2/', signal })
  if (first.status !== 401) return { checked: true, scheme: 'none' }
  const challenge = parseChallenge(header(first, 'www-authenticate'))
  if (challenge.scheme === 'bearer' && challenge.params.realm !== undefined) {
    await askRealm(t, p, challenge.params, signal)
    return { checked: true, scheme: 'bearer' }
  }
  if (challenge.scheme !== 'basic') return { checked: true, scheme: 'none' }
  const authorization = basic(p.upstreamUser ?? '', p.upstreamPassword ?? '')
  const again = await send(t, { method: 'GET', url: '/v2/', headers: { authorization }, signal })
  if (again.status === 401 || again.status === 403) throw refused(p, `${p.upstream}/v2/`, again)
  return { checked: true, scheme: 'basic' }
}

/** Why the login went unchecked: the upstream's silence, or what reaching it failed with. */
function unchecked(p: ProxySettings, err: unknown, timedOut: boolean): Message {
  const seconds = LOGIN_CHECK_TIMEOUT_MS / 1000
  const error: Message | string = timedOut
    ? message('mirror.login.timeout', { seconds })
    : isAppError(err)
      ? message(`error.${err.code}.message`, err.params)
      : String(err)
  return message('mirror.login.unchecked', { upstream: p.upstream, error })
}

/**
 * With a login given: asks the upstream's /v2/ for its challenge and logs in where the mirror will (the token realm
 * for Bearer, /v2/ itself for Basic). A refused login is MIRROR_UPSTREAM_LOGIN_REFUSED (nothing started). An
 * upstream this machine cannot reach (a remote engine's network, a proxy, a timeout) is not an error: the mirror's
 * own start check decides, and a notice says the login went unchecked. Cancelling the start still cancels.
 */
export async function checkUpstreamLogin(
  p: ProxySettings,
  signal?: AbortSignal,
): Promise<LoginCheck | undefined> {
  if (p.upstreamUser === undefined) return undefined
  const timeout = AbortSignal.timeout(LOGIN_CHECK_TIMEOUT_MS)
  const both = signal === undefined ? timeout : AbortSignal.any([signal, timeout])
  const t = endpoint(p)
  try {
    return await probe(t, p, both)
  } catch (err) {
    if (signal?.aborted === true) throw err
    if (isAppError(err) && err.code === 'MIRROR_UPSTREAM_LOGIN_REFUSED') throw err
    return { checked: false, notice: unchecked(p, err, timeout.aborted) }
  } finally {
    t.agent.destroy()
  }
}

/**
 * distribution 2.8 sends the upstream login only to a token realm (registry/proxy: the credentials are kept per
 * Bearer realm found at start, and the client answers no Basic challenge); distribution 3 answers Basic too.
 */
export async function checkBasicLoginSupported(
  engine: Engine,
  image: string,
  upstream: string,
): Promise<void> {
  const version = await registryVersion(engine, image)
  const major = Number(version?.split('.')[0] ?? 'NaN')
  if (Number.isFinite(major) && major >= 3) return
  throw new AppError({
    code: 'MIRROR_UPSTREAM_BASIC_AUTH',
    kind: 'input',
    field: 'upstreamUser',
    params: { upstream, image, version: version ?? message('mirror.version.unknown') },
  })
}
