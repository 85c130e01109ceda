import { AppError, invalidInput } from '../errors'
import { message } from '../messages/index'
import { parseSan } from '../pki/names'
import type { RegistryAddress } from './types'

const ALLOWED = message('trust.registry.allowed')

/** Parses a registry address exactly as clients write it in image references. */
export function parseRegistryAddress(raw: string, field = 'registry'): RegistryAddress {
  const value = raw.trim()
  const m = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value)
  if (!m) throw invalidInput(field, raw, ALLOWED)
  const hostPart = m[1] ?? ''
  const portText = m[2]
  const port = portText === undefined ? undefined : Number(portText)
  if (port !== undefined && (port < 1 || port > 65535))
    throw invalidInput(field, raw, message('trust.registry.portRange', { allowed: ALLOWED }))
  if (hostPart.includes('*'))
    throw invalidInput(field, raw, message('trust.registry.wildcard', { allowed: ALLOWED }))
  const san = parseSan(hostPart, field)
  if (san.type === 'ip' && san.value.includes(':') && !hostPart.startsWith('[')) {
    throw invalidInput(field, raw, message('trust.registry.ipv6', { allowed: ALLOWED }))
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

/**
 * An address without a port means 443 to Docker, and its trust folder is `certs.d/HOST/`: easy to get wrong (the
 * registry listens on 5000, say). Installing trust for it needs the port written out; `HOST:443` is the explicit form.
 */
export function noPortError(address: RegistryAddress, field = 'registry'): AppError {
  return new AppError({
    code: 'REGISTRY_NO_PORT',
    kind: 'input',
    field,
    params: { hostPort: address.hostPort },
  })
}

/** Without a port, for the same host: what Docker uses for image references that leave out `:443`. */
function withoutPort(a: RegistryAddress): RegistryAddress {
  const hostPort = a.hostPort.replace(/:443$/, '')
  return {
    host: a.host,
    port: undefined,
    hostPort,
    windowsDirName: hostPort.replace(/:/g, ''),
    fileSafe: hostPort.replace(/[^A-Za-z0-9.-]+/g, '_').replace(/^_+|_+$/g, ''),
  }
}

/**
 * Parses several addresses (IP and DNS name of one registry, say), dropping duplicates; at least one is required.
 * With `requirePort` (trust install, bundle export), an address without a port is refused ({@link noPortError}),
 * and an explicit `HOST:443` stands for both spellings Docker keeps apart: `HOST:443` and `HOST` (443 left out).
 */
export function parseRegistryAddresses(
  values: readonly string[],
  field = 'registry',
  opts: { requirePort?: boolean } = {},
): RegistryAddress[] {
  if (values.length === 0)
    throw new AppError({ code: 'REGISTRY_REQUIRED', kind: 'input', field, params: { allowed: ALLOWED } })
  const seen = new Map<string, RegistryAddress>()
  for (const v of values) {
    const a = parseRegistryAddress(v, field)
    if (opts.requirePort === true && a.port === undefined) throw noPortError(a, field)
    seen.set(a.hostPort, a)
    if (opts.requirePort === true && a.port === 443) {
      const bare = withoutPort(a)
      seen.set(bare.hostPort, bare)
    }
  }
  return [...seen.values()]
}

/**
 * The registries to trust and the Docker Hub mirror to use (`--registry`, `--mirror`): either may be left out, not
 * both; both need their port.
 */
export function parseMirrorAndRegistries(
  registries: readonly string[],
  mirror: string | undefined,
  fields: { registry: string; mirror: string } = { registry: 'registry', mirror: 'mirror' },
): { registries: RegistryAddress[]; mirror: RegistryAddress | undefined } {
  if (mirror === undefined || mirror.trim() === '') {
    if (registries.length === 0)
      throw new AppError({
        code: 'MIRROR_OR_REGISTRY_REQUIRED',
        kind: 'input',
        field: fields.registry,
        params: { allowed: ALLOWED },
      })
    return {
      registries: parseRegistryAddresses(registries, fields.registry, { requirePort: true }),
      mirror: undefined,
    }
  }
  const m = parseRegistryAddress(mirror, fields.mirror)
  if (m.port === undefined) throw noPortError(m, fields.mirror)
  const list =
    registries.length === 0 ? [] : parseRegistryAddresses(registries, fields.registry, { requirePort: true })
  return { registries: list, mirror: m }
}
