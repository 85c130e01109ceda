import { isIPv4, isIPv6 } from 'node:net'
import { AppError, invalidInput } from '../errors'
import { message, type Params } from '../messages/index'
import type { SanEntry } from './types'

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const DNS_RULES = message('pki.san.dnsRules')
const IP_RULES = message('pki.san.ipRules')

/** A refused address: what was wrong (`pki.san.*`) and the rules that apply (IP or DNS). */
function badSan(field: string, raw: string, why: string, rules: 'ip' | 'dns', params: Params = {}): AppError {
  return invalidInput(
    field,
    raw,
    message(`pki.san.${why}`, { ...params, rules: rules === 'ip' ? IP_RULES : DNS_RULES }),
  )
}

/** Canonical IPv6 text (compressed, lower case), as Go and OpenSSL print it. */
function canonicalIPv6(ip: string): string {
  return new URL(`http://[${ip}]/`).hostname.slice(1, -1)
}

/** Parses one address the clients will use: an IPv4 / IPv6 address or a DNS name (wildcard allowed). */
export function parseSan(raw: string, field = 'sans'): SanEntry {
  const value = raw.trim()
  if (value === '') throw badSan(field, raw, 'empty', 'ip')
  const unbracketed = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value
  if (unbracketed.includes(':')) {
    if (unbracketed.includes('%') || !isIPv6(unbracketed)) {
      throw badSan(field, raw, 'ipv6', 'ip')
    }
    return { type: 'ip', value: canonicalIPv6(unbracketed) }
  }
  // Anything made only of digits and dots is meant as an IPv4 address: check it as one, so that
  // "192.168.20" or "300.1.1.1" is reported as a bad IP, not accepted as an odd DNS name.
  if (/^[0-9.]+$/.test(value)) {
    const parts = value.split('.')
    const leadingZero = parts.some((p) => p.length > 1 && p.startsWith('0'))
    if (!isIPv4(value) || leadingZero) throw badSan(field, raw, 'ipv4', 'ip')
    return { type: 'ip', value }
  }
  return { type: 'dns', value: parseDnsName(value, field, raw) }
}

function parseDnsName(value: string, field: string, raw: string): string {
  const name = (value.endsWith('.') ? value.slice(0, -1) : value).toLowerCase()
  if (name.length > 253) throw badSan(field, raw, 'tooLong', 'dns', { length: name.length })
  const labels = name.split('.')
  labels.forEach((label, i) => {
    if (label === '*' && i === 0 && labels.length > 1) return
    if (label.includes('*')) throw badSan(field, raw, 'wildcard', 'dns')
    if (label.length > 63)
      throw badSan(field, raw, 'labelTooLong', 'dns', { label: label.slice(0, 20), length: label.length })
    if (label === '') throw badSan(field, raw, 'emptyLabel', 'dns')
    if (!LABEL.test(label)) throw badSan(field, raw, 'badLabel', 'dns', { label })
  })
  const last = labels[labels.length - 1] ?? ''
  if (/^[0-9]+$/.test(last)) throw badSan(field, raw, 'numericLast', 'ip')
  return name
}

/** Parses and de-duplicates a list of addresses; at least one is required. */
export function parseSans(values: readonly string[], field = 'sans'): SanEntry[] {
  if (values.length === 0) throw new AppError({ code: 'SANS_REQUIRED', kind: 'input', field })
  const seen = new Set<string>()
  const out: SanEntry[] = []
  for (const raw of values) {
    const san = parseSan(raw, field)
    const key = `${san.type}:${san.value}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(san)
  }
  return out
}

/**
 * Does one SAN cover a host, by Go's crypto/x509 rules (RFC 6125): IPs match IP SANs only, byte for byte; DNS names
 * match case-insensitively, a wildcard only as the whole left-most label and only for exactly one label; the CN is
 * never consulted.
 */
export function sanCoversHost(san: SanEntry, host: string): boolean {
  let target: SanEntry
  try {
    target = parseSan(host, 'host')
  } catch {
    return false
  }
  if (target.type !== san.type) return false
  if (san.type === 'ip') return san.value === target.value
  const pattern = san.value.toLowerCase()
  const name = target.value
  if (!pattern.startsWith('*.')) return pattern === name
  if (name.startsWith('*.')) return false
  const dot = name.indexOf('.')
  return dot > 0 && name.slice(dot + 1) === pattern.slice(2)
}

/** Strips brackets and a port: "[fd00::1]:5000" -> "fd00::1", "reg.lan:5000" -> "reg.lan". */
export function hostOf(address: string): string {
  const a = address.trim()
  if (a.startsWith('[')) return a.slice(1, a.indexOf(']') > 0 ? a.indexOf(']') : undefined)
  const colons = a.split(':').length - 1
  if (colons === 1) return a.slice(0, a.indexOf(':'))
  return a
}

/**
 * Splits what a user types as a registry address into host and optional port: "192.168.20.10:5000",
 * "reg.lan:5000", "[fd00::1]:5000", "[::1]", a bare IPv6 address ("fd00::1", no port then) or a bare host.
 * A port must be a whole number from 1 to 65535.
 */
export function parseHostPort(address: string, field = 'host'): { host: string; port?: number | undefined } {
  const a = address.trim()
  let host = a
  let port: string | undefined
  if (a.startsWith('[')) {
    const close = a.indexOf(']')
    const rest = close < 0 ? '' : a.slice(close + 1)
    if (close < 0 || (rest !== '' && !rest.startsWith(':')))
      throw invalidInput(field, address, message('pki.hostPort.ipv6Port'))
    host = a.slice(1, close)
    if (rest !== '') port = rest.slice(1)
  } else if (a.split(':').length === 2) {
    host = a.slice(0, a.indexOf(':'))
    port = a.slice(a.indexOf(':') + 1)
  }
  if (port === undefined) return { host }
  const n = /^\d{1,5}$/.test(port) ? Number(port) : NaN
  if (!(n >= 1 && n <= 65535)) throw invalidInput(field, address, message('pki.hostPort.port'))
  return { host, port: n }
}
