import { ipVersion, isLoopback } from '../net/address'
import type { VerifyContext } from './context'

/**
 * True for an address in 127.0.0.0/8 (also written as ::ffff:127.x.y.z): the range dockerd always treats as an
 * insecure registry (moby adds exactly "127.0.0.0/8" to the insecure CIDRs; ::1 is not in it).
 */
export function inDockerLoopbackRange(address: string): boolean {
  // net/address's loopback test, less what dockerd does not count: ::1 and the name localhost.
  return isLoopback(address) && ipVersion(address.toLowerCase().replace(/^::ffff:/, '')) === 4
}

/**
 * dockerd's own rule for the registry address: an IP in 127.0.0.0/8, or a name of which any resolved address is
 * (moby resolves the name and matches every address against the insecure CIDRs). For a name, the addresses found by
 * check 4; `localhost` counts when the lookup gave nothing. Such a registry is reached without any certificate check,
 * so a push there proves no trust (check 8) and this machine's Docker needs no CA for it (check 10).
 */
export function dockerSkipsTls(ctx: Pick<VerifyContext, 'host' | 'resolved'>): boolean {
  if (ipVersion(ctx.host) !== 0) return inDockerLoopbackRange(ctx.host)
  if (ctx.resolved.length > 0) return ctx.resolved.some(inDockerLoopbackRange)
  return ctx.host.toLowerCase() === 'localhost'
}
