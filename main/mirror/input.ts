import type { X509Certificate } from 'node:crypto'
import { AppError, invalidInput } from '../errors'
import { message } from '../messages/index'
import { pemCertificates } from '../pki/pem'
import type { ProxySettings } from './config'

/** A Go duration the registry's `proxy.ttl` takes: `168h`, `90m`, `1h30m` (positive, whole numbers). */
const TTL_RULE = /^(?:\d+(?:h|m|s))+$/

const upstreamInvalid = (value: string, reason: ReturnType<typeof message>): AppError =>
  new AppError({
    code: 'MIRROR_UPSTREAM_INVALID',
    kind: 'input',
    field: 'upstream',
    params: { value: JSON.stringify(value), reason },
  })

/**
 * The upstream as the registry's `proxy.remoteurl`: `https://host[:port]`. Refused: another scheme (credentials
 * would cross in clear), credentials in the URL (the registry logs the URL), a path, query or fragment.
 */
export function normaliseUpstream(value: string): string {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    throw upstreamInvalid(value, message('mirror.upstream.notUrl'))
  }
  if (url.protocol !== 'https:') throw upstreamInvalid(value, message('mirror.upstream.notHttps'))
  if (url.username !== '' || url.password !== '')
    throw upstreamInvalid(value, message('mirror.upstream.credentials'))
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '')
    throw upstreamInvalid(value, message('mirror.upstream.path'))
  return `https://${url.host}`
}

/** The upstream CA file: PEM certificates (Go takes every one as a root); else invalid input. */
export function checkUpstreamCa(pem: string): string {
  let certs: X509Certificate[]
  try {
    certs = pemCertificates(pem)
  } catch {
    certs = []
  }
  if (certs.length === 0)
    throw new AppError({ code: 'MIRROR_UPSTREAM_CA_INVALID', kind: 'input', field: 'upstreamCaPem' })
  return pem
}

/** A TTL the registry can read, or invalid input. */
export function checkTtl(value: string): string {
  const ttl = value.trim()
  if (!TTL_RULE.test(ttl) || !/[1-9]/.test(ttl))
    throw invalidInput('ttl', value, message('mirror.allowed.ttl'))
  return ttl
}

/** The proxy settings from a start's input: checked, normalised; both login parts or neither. */
export function proxySettings(input: {
  upstream?: string | undefined
  upstreamCaPem?: string | undefined
  upstreamUser?: string | undefined
  upstreamPassword?: string | undefined
  ttl?: string | undefined
}): ProxySettings & { upstream: string } {
  const upstream = normaliseUpstream(input.upstream ?? DOCKER_HUB)
  const user = input.upstreamUser
  const password = input.upstreamPassword
  if ((user === undefined || user === '') !== (password === undefined || password === ''))
    throw new AppError({ code: 'MIRROR_UPSTREAM_LOGIN', kind: 'input', field: 'upstreamUser' })
  if (user !== undefined && !/^[^\s:]{1,256}$/.test(user))
    throw invalidInput('upstreamUser', user, message('mirror.allowed.user'))
  return {
    upstream,
    upstreamCaPem: input.upstreamCaPem === undefined ? undefined : checkUpstreamCa(input.upstreamCaPem),
    upstreamUser: user === '' ? undefined : user,
    upstreamPassword: password === '' ? undefined : password,
    ttl: input.ttl === undefined ? undefined : checkTtl(input.ttl),
  }
}

export const DOCKER_HUB = 'https://registry-1.docker.io'
