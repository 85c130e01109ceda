import { request, type RequestOptions } from 'node:https'
import { checkServerIdentity } from 'node:tls'
import { AppError } from '../errors'
import { cancelled } from '../jobs/abort'
import { message, type Message, type Param } from '../messages/index'
import { httpsUrl, ipVersion } from '../net/address'

export interface HealthTarget {
  /** The address the served certificate must cover, and the one reported (what clients use). */
  host: string
  /** Where to connect (the engine's host, 127.0.0.1 for a local engine); default `host`. */
  connectHost?: string | undefined
  port: number
  /** Our CA only: the registry's certificate must chain to it and cover `host` (never insecure). */
  caPem: string
}

/**
 * TLS options for a request to the registry: connect to `connectHost`, trust only our CA, and check the served
 * certificate against `host` (SNI only for a DNS name; an IP is never sent as SNI).
 */
export function registryTlsOptions(t: HealthTarget): RequestOptions {
  const identity = t.host.replace(/^\[|\]$/g, '')
  return {
    host: t.connectHost ?? t.host,
    port: t.port,
    ca: t.caPem,
    agent: false,
    ...(ipVersion(identity) ? {} : { servername: identity }),
    checkServerIdentity: (_name, cert) => checkServerIdentity(identity, cert),
  }
}

/** "https://HOST:PORT/v2/" (an IPv6 host bracketed), with the address connected to when it differs. */
export function targetLabel(t: HealthTarget): Message {
  const url = httpsUrl(t.host, t.port, '/v2/')
  return t.connectHost !== undefined && t.connectHost !== t.host
    ? message('docker.target.via', { url, connectHost: t.connectHost })
    : message('docker.target.url', { url })
}

export interface HealthResult {
  status: number
  elapsedMs: number
  attempts: number
}

/** One GET https://HOST:PORT/v2/ trusting only our CA. Resolves with the status code or rejects with the reason. */
export function probeRegistry(t: HealthTarget, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { ...registryTlsOptions(t), path: '/v2/', method: 'GET', timeout: timeoutMs },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end()
  })
}

/**
 * Asks `alive` at most once a second (a round trip to the engine, over SSH for ssh://), without holding up the
 * probes: `dead()` is the reason it last gave, if any.
 */
function aliveWatch(alive: (() => Promise<Param | undefined>) | undefined): {
  ask: () => void
  dead: () => Param | undefined
  /** The answer being awaited, if one is, for at most `ms` (a hung engine does not hold the caller). */
  settle: (ms: number) => Promise<void>
} {
  let askedAt = 0
  let asking: Promise<void> | undefined
  let reason: Param | undefined
  return {
    ask: () => {
      if (alive === undefined || asking !== undefined || Date.now() - askedAt < 1000) return
      askedAt = Date.now()
      asking = alive().then(
        (r) => {
          reason = r
          asking = undefined
        },
        () => {
          asking = undefined
        },
      )
    },
    dead: () => reason,
    settle: async (ms) => {
      if (asking === undefined) return
      let timer: NodeJS.Timeout | undefined
      await Promise.race([asking, new Promise<void>((r) => (timer = setTimeout(r, ms)))])
      clearTimeout(timer)
    },
  }
}

/**
 * Polls until the registry answers 200 (open) or 401 (auth on): both mean it serves TLS with our certificate.
 * `alive` is asked beside the attempts; once it returns a reason (container exited...) polling stops.
 */
export async function waitHealthy(
  t: HealthTarget,
  opts: {
    timeoutMs?: number
    intervalMs?: number
    signal?: AbortSignal
    alive?: () => Promise<Param | undefined>
  } = {},
): Promise<HealthResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000
  const start = Date.now()
  let attempts = 0
  let last: Param
  const watch = aliveWatch(opts.alive)
  for (;;) {
    if (opts.signal?.aborted) throw cancelled()
    attempts++
    try {
      const status = await probeRegistry(t)
      if (status === 200 || status === 401) return { status, elapsedMs: Date.now() - start, attempts }
      last = message('docker.health.http', { status })
    } catch (err) {
      const e = err as NodeJS.ErrnoException
      last = e.code ? `${e.code}: ${e.message}` : e.message
    }
    const dead = watch.dead()
    if (dead !== undefined) throw healthFailed(t, dead, last)
    watch.ask()
    if (Date.now() - start >= timeoutMs) {
      // Out of time: the engine's answer about the container, if it comes soon, says more than "no answer".
      await watch.settle(1000)
      const reason = watch.dead()
      if (reason !== undefined) throw healthFailed(t, reason, last)
      throw healthFailed(
        t,
        message('docker.health.noAnswer', { seconds: Math.round(timeoutMs / 1000) }),
        last,
        'HEALTH_TIMEOUT',
      )
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? pollDelay(Date.now() - start)))
  }
}

/**
 * The wait before the next probe: 10 ms for the first half second, 25 ms to 2 s, then 50 ms. The registry answers
 * ~0.1-0.3 s after its container starts, and a refused or reset probe costs only a connect attempt, so the first
 * polls are close together: what `setup` waits past the registry's first answer is at most ~10 ms (the runbook's
 * curl loop polls every 0.1 s). A registry that takes longer is polled less often.
 */
export function pollDelay(elapsedMs: number): number {
  return elapsedMs < 500 ? 10 : elapsedMs < 2000 ? 25 : 50
}

/** The registry did not answer healthy; `log` and `cleanup` are added by the caller (healthWithLogs, startRegistry). */
export function healthFailed(
  t: HealthTarget,
  reason: Param,
  lastProbe: Param,
  code: 'HEALTH_FAILED' | 'HEALTH_TIMEOUT' = 'HEALTH_FAILED',
): AppError {
  return new AppError({
    code,
    params: { target: targetLabel(t), reason, lastProbe, log: '', cleanup: '' },
  })
}
