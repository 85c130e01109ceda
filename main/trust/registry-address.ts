import { invalidInput } from '../errors'
import { parseSan } from '../pki/names'
import type { RegistryAddress } from './types'

const ALLOWED = 'HOST:PORT is allowed, as in the image reference (192.168.20.10:5000, registry.lan:5000, [fd00::10]:5000)'

/** Parses a registry address exactly as clients write it in image references. */
export function parseRegistryAddress(raw: string, field = 'registry'): RegistryAddress {
  const value = raw.trim()
  const m = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value)
  if (!m) throw invalidInput(field, raw, ALLOWED)
  const hostPart = m[1] ?? ''
  const portText = m[2]
  const port = portText === undefined ? undefined : Number(portText)
  if (port !== undefined && (port < 1 || port > 65535)) throw invalidInput(field, raw, `the port must be 1-65535; ${ALLOWED}`)
  if (hostPart.includes('*')) throw invalidInput(field, raw, `a wildcard is not a registry address; ${ALLOWED}`)
  const san = parseSan(hostPart, field)
  if (san.type === 'ip' && san.value.includes(':') && !hostPart.startsWith('[')) {
    throw invalidInput(field, raw, `an IPv6 address needs brackets; ${ALLOWED}`)
  }
  const hostText = san.type === 'ip' && san.value.includes(':') ? `[${san.value}]` : san.value
  const hostPort = port === undefined ? hostText : `${hostText}:${port}`
  return {
    host: san.value,
    port,
    hostPort,
    windowsDirName: hostPort.replace(/:/g, ''),
    fileSafe: hostPort.replace(/[^A-Za-z0-9.-]+/g, '_').replace(/^_+|_+$/g, ''),
  }
}

/** Parses several addresses (IP and DNS name of one registry, say), dropping duplicates; at least one is required. */
export function parseRegistryAddresses(values: readonly string[], field = 'registry'): RegistryAddress[] {
  if (values.length === 0) throw invalidInput(field, '', `at least one ${field.startsWith('-') ? field : `--${field}`} is required; ${ALLOWED}`)
  const seen = new Map<string, RegistryAddress>()
  for (const v of values) {
    const a = parseRegistryAddress(v, field)
    seen.set(a.hostPort, a)
  }
  return [...seen.values()]
}
