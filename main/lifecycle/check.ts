// The monitoring check (`registry-wizard check`): served certificate and CA expiry against thresholds, the registry
// answering /v2/, storage use against a threshold. States and exit codes follow the monitoring-plugin convention
// (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN); the texts are messages, the front end renders them.
import { X509Certificate } from 'node:crypto'
import { ipVersion } from '../net/address'
import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls'
import { daysLeft } from '../dates'
import { probeRegistry, type Engine } from '../docker/index'
import { AppError, invalidInput } from '../errors'
import { message, type Message } from '../messages/index'
import { pemCertificates } from '../pki/index'
import { dnLine } from '../pki/pem'
import { reason } from '../jobs/runner'
import { storageItem } from './check-storage'
import { CA_WARN_DAYS } from './expiry'

export const CHECK_STATES = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const
export type CheckState = (typeof CHECK_STATES)[number]
/** The exit code of each state (the index in CHECK_STATES). */
export const checkExitCode = (state: CheckState): number => CHECK_STATES.indexOf(state)

/** Which state wins when several checks report: CRITICAL, then UNKNOWN, then WARNING, then OK. */
const SEVERITY: Record<CheckState, number> = { OK: 0, WARNING: 1, UNKNOWN: 2, CRITICAL: 3 }
export const worstState = (states: readonly CheckState[]): CheckState =>
  states.reduce<CheckState>((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), 'OK')

export interface CheckInput {
  host: string
  port: number
  /** The CA clients trust (PEM): the served certificate must chain to it; its own expiry is checked too. */
  caPem: string
  /** A certificate with fewer days left than this is WARNING (default 30), fewer than critDays CRITICAL (7). */
  warnDays?: number | undefined
  critDays?: number | undefined
  /** The CA is WARNING from this many days out (default CA_WARN_DAYS, 180). */
  caWarnDays?: number | undefined
  /** Storage use of the registry container's /var/lib/registry: CRITICAL at maxUsagePercent or more. */
  storage?: StorageCheckInput | undefined
  timeoutMs?: number | undefined
  now?: Date | undefined
}

export interface StorageCheckInput {
  engine: Engine
  name: string
  maxUsagePercent: number
}

/** One perfdata value: `label=value[uom];warn;crit;min;max`. */
export interface PerfValue {
  label: string
  value: number
  uom?: string | undefined
  warn?: number | undefined
  crit?: number | undefined
  min?: number | undefined
  max?: number | undefined
}

export type CheckId = 'ca' | 'certificate' | 'registry' | 'storage'

export interface CheckItem {
  id: CheckId
  state: CheckState
  message: Message
  /** The facts behind the state (days left, status, percent), for --json. */
  data: Record<string, string | number | boolean>
  perf: PerfValue[]
}

export interface CheckResult {
  state: CheckState
  exitCode: number
  registry: string
  items: CheckItem[]
  perfdata: string
}

const DEFAULTS = { warnDays: 30, critDays: 7, timeoutMs: 5000 } as const

/** Thresholds checked before anything is asked: whole days, critical below warning (field names as the input). */
export function checkThresholds(input: CheckInput): {
  warnDays: number
  critDays: number
  caWarnDays: number
} {
  const warnDays = input.warnDays ?? DEFAULTS.warnDays
  const critDays = input.critDays ?? DEFAULTS.critDays
  const caWarnDays = input.caWarnDays ?? CA_WARN_DAYS
  for (const [field, v] of [
    ['warnDays', warnDays],
    ['critDays', critDays],
    ['caWarnDays', caWarnDays],
  ] as const)
    if (!Number.isInteger(v) || v < 0 || v > 36500)
      throw invalidInput(field, v, message('lifecycle.check.allowed.days'))
  if (critDays > warnDays)
    throw invalidInput('critDays', critDays, message('lifecycle.check.allowed.critBelowWarn', { warnDays }))
  if (critDays > caWarnDays)
    throw invalidInput(
      'critDays',
      critDays,
      message('lifecycle.check.allowed.critBelowWarn', { warnDays: caWarnDays }),
    )
  const max = input.storage?.maxUsagePercent
  if (max !== undefined && !(Number.isInteger(max) && max >= 1 && max <= 100))
    throw invalidInput('maxUsagePercent', max, message('lifecycle.check.allowed.percent'))
  return { warnDays, critDays, caWarnDays }
}

/** The state of `days` left against the thresholds (an expired certificate is CRITICAL). */
export function daysState(days: number, expired: boolean, warnDays: number, critDays: number): CheckState {
  if (expired || days < critDays) return 'CRITICAL'
  return days < warnDays ? 'WARNING' : 'OK'
}

function caItem(caPem: string, t: { caWarnDays: number; critDays: number }, now: Date): CheckItem {
  const ca = pemCertificates(caPem, 'lenient')[0]
  if (ca === undefined) throw new AppError({ code: 'CERT_NOT_PEM', kind: 'input', field: 'ca' })
  const notAfter = new Date(ca.validTo)
  const days = daysLeft(notAfter, now)
  const expired = notAfter.getTime() <= now.getTime()
  const state = daysState(days, expired, t.caWarnDays, t.critDays)
  const params = { days, notAfter: notAfter.toISOString(), subject: dnLine(ca.subject) }
  return {
    id: 'ca',
    state,
    message: message(`lifecycle.check.ca.${expired ? 'expired' : state === 'OK' ? 'ok' : 'ending'}`, params),
    data: { ...params, expired },
    perf: [{ label: 'ca_days', value: days, warn: t.caWarnDays, crit: t.critDays }],
  }
}

interface Served {
  cert: X509Certificate
  trusted: boolean
  trustError?: string | undefined
}

/** The certificate the registry serves, read over TLS whatever it is; whether it chains to our CA and names the host. */
function readServed(input: CheckInput, timeoutMs: number): Promise<Served> {
  const host = input.host.replace(/^\[|\]$/g, '')
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port: input.port,
      ca: input.caPem,
      rejectUnauthorized: false,
      ...(ipVersion(host) ? {} : { servername: host }),
    })
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    socket.once('error', reject)
    socket.once('secureConnect', () => {
      const peer: PeerCertificate = socket.getPeerCertificate()
      socket.end()
      // An empty object when the server sent none.
      if (!Buffer.isBuffer(peer.raw)) {
        reject(new Error('no certificate'))
        return
      }
      const cert = new X509Certificate(peer.raw)
      const identity = socket.authorized ? checkServerIdentity(host, peer) : undefined
      const trustError = socket.authorized ? identity?.message : String(socket.authorizationError)
      resolve({ cert, trusted: trustError === undefined, trustError })
    })
  })
}

async function certificateItem(
  input: CheckInput,
  t: { warnDays: number; critDays: number },
  now: Date,
  timeoutMs: number,
): Promise<CheckItem> {
  let served: Served
  try {
    served = await readServed(input, timeoutMs)
  } catch (err) {
    const params = { host: input.host, port: input.port, reason: reason(err) }
    return {
      id: 'certificate',
      state: 'CRITICAL',
      message: message('lifecycle.check.certificate.unreachable', params),
      data: { reachable: false },
      perf: [],
    }
  }
  const notAfter = new Date(served.cert.validTo)
  const days = daysLeft(notAfter, now)
  const expired = notAfter.getTime() <= now.getTime()
  const data = {
    days,
    notAfter: notAfter.toISOString(),
    fingerprintSha256: served.cert.fingerprint256,
    trusted: served.trusted,
    expired,
  }
  const perf = [{ label: 'cert_days', value: days, warn: t.warnDays, crit: t.critDays }]
  if (!served.trusted) {
    const params = { reason: served.trustError ?? '', days }
    return {
      id: 'certificate',
      state: 'CRITICAL',
      message: message('lifecycle.check.certificate.untrusted', params),
      data,
      perf,
    }
  }
  const state = daysState(days, expired, t.warnDays, t.critDays)
  const key = expired ? 'expired' : state === 'OK' ? 'ok' : 'ending'
  return {
    id: 'certificate',
    state,
    message: message(`lifecycle.check.certificate.${key}`, { days, notAfter: data.notAfter }),
    data,
    perf,
  }
}

async function registryItem(input: CheckInput, timeoutMs: number): Promise<CheckItem> {
  const start = Date.now()
  const target = { host: input.host, port: input.port, caPem: input.caPem }
  try {
    const status = await probeRegistry(target, timeoutMs)
    const seconds = (Date.now() - start) / 1000
    const ok = status === 200 || status === 401
    return {
      id: 'registry',
      state: ok ? 'OK' : 'CRITICAL',
      message: message(`lifecycle.check.registry.${ok ? 'ok' : 'status'}`, { status }),
      data: { answered: true, status },
      perf: [{ label: 'time', value: Number(seconds.toFixed(3)), uom: 's', min: 0 }],
    }
  } catch (err) {
    const params = { host: input.host, port: input.port, reason: reason(err) }
    return {
      id: 'registry',
      state: 'CRITICAL',
      message: message('lifecycle.check.registry.down', params),
      data: { answered: false },
      perf: [],
    }
  }
}

/** `label=value[uom];warn;crit;min;max`, empty fields kept, trailing ones dropped (the plugin guidelines' form). */
export function perfText(p: PerfValue): string {
  const fields = [p.warn, p.crit, p.min, p.max].map((v) => (v === undefined ? '' : String(v)))
  while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop()
  return [`${p.label}=${p.value}${p.uom ?? ''}`, ...fields].join(';')
}

/**
 * Runs every check and sums them up: the worst state wins (CRITICAL, UNKNOWN, WARNING, OK). Bad thresholds or an
 * unreadable CA throw (the front end reports UNKNOWN); a registry that does not answer is CRITICAL, not an error.
 */
export async function runCheck(input: CheckInput): Promise<CheckResult> {
  const t = checkThresholds(input)
  const now = input.now ?? new Date()
  const timeoutMs = input.timeoutMs ?? DEFAULTS.timeoutMs
  const ca = caItem(input.caPem, t, now)
  const [certificate, registry] = await Promise.all([
    certificateItem(input, t, now, timeoutMs),
    registryItem(input, timeoutMs),
  ])
  const items = [certificate, ca, registry]
  if (input.storage !== undefined) items.push(await storageItem(input.storage))
  const state = worstState(items.map((i) => i.state))
  return {
    state,
    exitCode: checkExitCode(state),
    registry: `${input.host.includes(':') && !input.host.startsWith('[') ? `[${input.host}]` : input.host}:${input.port}`,
    items,
    perfdata: items.flatMap((i) => i.perf.map(perfText)).join(' '),
  }
}
