import { isIPv4, isIPv6 } from 'node:net'

/**
 * Addresses as clients write them. One home for: `[IPv6]:port` bracketing (Docker's certs.d folders, image
 * references, URLs, ssh known_hosts all bracket an IPv6 literal before a port) and "is this a loopback address".
 */

/** `host:port`, with an IPv6 literal bracketed: `[fd00::10]:5000`. A host already bracketed is left as it is. */
export function hostPort(host: string, port: number | string): string {
  return `${bracketHost(host)}:${port}`
}

/** An IPv6 literal bracketed (`fd00::10` -> `[fd00::10]`); names and IPv4 as they are. */
export function bracketHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

/** `https://host:port` with the host bracketed when it is IPv6. */
export function httpsUrl(host: string, port: number | string, path = ''): string {
  return `https://${hostPort(host, port)}${path}`
}

/**
 * A loopback address: 127.0.0.0/8 (also as ::ffff:127.x.y.z), ::1, or the name localhost. Not the same as dockerd's
 * insecure range (127.0.0.0/8 only): see verify/loopback for that rule.
 */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (h === 'localhost' || h === '::1') return true
  const v4 = h.replace(/^::ffff:/, '')
  return ipVersion(v4) === 4 && v4.startsWith('127.')
}

/**
 * node:net's isIP (0, 4 or 6), without its IPv6 pattern for what cannot be IPv6 (no colon): that pattern takes
 * ~5 ms to build at its first use, which a host name (the common case) then paid at every CLI start.
 */
export function ipVersion(s: string): 0 | 4 | 6 {
  if (isIPv4(s)) return 4
  return s.includes(':') && isIPv6(s) ? 6 : 0
}
