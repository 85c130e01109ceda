import { isIPv4, isIPv6 } from 'node:net'
import { invalidInput } from '../errors'
import type { SanEntry } from './types'

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const ALLOWED_DNS =
  'a DNS name is labels of letters, digits and hyphens (1-63 characters each, not starting or ending with a hyphen, no spaces or underscores), 253 characters at most; a wildcard is allowed only as the whole left-most label (*.example.com)'
const ALLOWED_IP =
  'an IPv4 address is four numbers 0-255 (e.g. 192.168.20.10); IPv6 is also allowed (e.g. fd00::10)'

/** Canonical IPv6 text (compressed, lower case), as Go and OpenSSL print it. */
function canonicalIPv6(ip: string): string {
  return new URL(`http://[${ip}]/`).hostname.slice(1, -1)
}

/** Parses one address the clients will use: an IPv4 / IPv6 address or a DNS name (wildcard allowed). */
export function parseSan(raw: string, field = 'SAN'): SanEntry {
  const value = raw.trim()
  if (value === '') throw invalidInput(field, raw, `an IP address or DNS name is required; ${ALLOWED_IP}`)
  const unbracketed = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value
  if (unbracketed.includes(':')) {
    if (unbracketed.includes('%') || !isIPv6(unbracketed)) {
      throw invalidInput(field, raw, `it is not a valid IPv6 address (no zone ids, no ports); ${ALLOWED_IP}`)
    }
    return { type: 'ip', value: canonicalIPv6(unbracketed) }
  }
  // Anything made only of digits and dots is meant as an IPv4 address: check it as one, so that
  // "192.168.20" or "300.1.1.1" is reported as a bad IP, not accepted as an odd DNS name.
  if (/^[0-9.]+$/.test(value)) {
    const parts = value.split('.')
    const leadingZero = parts.some((p) => p.length > 1 && p.startsWith('0'))
    if (!isIPv4(value) || leadingZero)
      throw invalidInput(field, raw, `it is not a valid IPv4 address; ${ALLOWED_IP}`)
    return { type: 'ip', value }
  }
  return { type: 'dns', value: parseDnsName(value, field, raw) }
}

function parseDnsName(value: string, field: string, raw: string): string {
  const name = (value.endsWith('.') ? value.slice(0, -1) : value).toLowerCase()
  if (name.length > 253)
    throw invalidInput(field, raw, `it is ${name.length} characters long; ${ALLOWED_DNS}`)
  const labels = name.split('.')
  labels.forEach((label, i) => {
    if (label === '*' && i === 0 && labels.length > 1) return
    if (label.includes('*')) {
      throw invalidInput(field, raw, `a wildcard must be the whole left-most label; ${ALLOWED_DNS}`)
    }
    if (label.length > 63) {
      throw invalidInput(
        field,
        raw,
        `the label "${label.slice(0, 20)}..." is ${label.length} characters long; ${ALLOWED_DNS}`,
      )
    }
    if (!LABEL.test(label)) {
      const why =
        label === ''
          ? 'it has an empty label'
          : `the label "${label}" has a character or hyphen that is not allowed`
      throw invalidInput(field, raw, `${why}; ${ALLOWED_DNS}`)
    }
  })
  const last = labels[labels.length - 1] ?? ''
  if (/^[0-9]+$/.test(last))
    throw invalidInput(field, raw, `a DNS name cannot end in an all-numeric label; ${ALLOWED_IP}`)
  return name
}

/** Parses and de-duplicates a list of addresses; at least one is required. */
export function parseSans(values: readonly string[], field = 'SAN'): SanEntry[] {
  if (values.length === 0) {
    throw invalidInput(
      field,
      '',
      'at least one IP address or DNS name is required (e.g. --ip 192.168.20.10 --dns registry.lan)',
    )
  }
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
      throw invalidInput(
        field,
        address,
        'an IPv6 address with a port is written [ADDRESS]:PORT, e.g. [fd00::10]:5000',
      )
    host = a.slice(1, close)
    if (rest !== '') port = rest.slice(1)
  } else if (a.split(':').length === 2) {
    host = a.slice(0, a.indexOf(':'))
    port = a.slice(a.indexOf(':') + 1)
  }
  if (port === undefined) return { host }
  const n = /^\d{1,5}$/.test(port) ? Number(port) : NaN
  if (!(n >= 1 && n <= 65535))
    throw invalidInput(
      field,
      address,
      'the port after ":" must be a whole number from 1 to 65535 (e.g. 192.168.20.10:5000)',
    )
  return { host, port: n }
}
