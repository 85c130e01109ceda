import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP, Socket } from 'node:net'
import { connect } from 'node:tls'
import { fingerprintSha256, inspectCertificate } from '../../pki'
import { connectHost, serverName, type VerifyContext } from '../context'
import { derToPem, goCheckServerIdentity } from '../go-identity'
import { errorText, fail, failWith, pass, skipped, warn, type Outcome } from '../outcome'
import type { LookupFn } from '../types'

export const defaultLookup: LookupFn = (host) => dnsLookup(host, { all: true, verbatim: true })

/** Check 4: a DNS name resolves, and to the host expected (given addresses, else the certificate's IP SANs). */
export async function checkDns(ctx: VerifyContext): Promise<Outcome> {
  if (isIP(ctx.host) !== 0) return skipped(`${ctx.host} is an IP address: no name to resolve`)
  let addresses: string[]
  try {
    addresses = (await (ctx.deps.lookup ?? defaultLookup)(ctx.host)).map((a) => a.address)
  } catch (err) {
    return failWith(`${ctx.host} does not resolve (${errorText(err)})`, err)
  }
  if (addresses.length === 0) return fail(`${ctx.host} resolves to no address`, 'NAME_NOT_FOUND')
  ctx.resolved = addresses
  const details = { addresses }
  const given = ctx.input.expectAddresses
  let expected = given ?? []
  if (given === undefined && ctx.input.certPem !== undefined) {
    expected = inspectCertificate(ctx.input.certPem).sans.filter((s) => s.type === 'ip').map((s) => s.value)
  }
  if (expected.length > 0 && !addresses.some((a) => expected.includes(a))) {
    const reason = `${ctx.host} resolves to ${addresses.join(', ')}, expected ${expected.join(', ')}${given === undefined ? ' (the IP SANs of the certificate)' : ''}`
    return given === undefined ? warn(reason, 'DNS_MISMATCH', details) : fail(reason, 'DNS_MISMATCH', details)
  }
  return pass(`${ctx.host} resolves to ${addresses.join(', ')}`, details)
}

/** Check 5: TCP connect to HOST:PORT. */
export function checkTcp(ctx: VerifyContext, signal: AbortSignal): Promise<Outcome> {
  const target = `${connectHost(ctx)}:${ctx.port}`
  return new Promise((resolve) => {
    const socket = new Socket()
    const started = Date.now()
    const done = (o: Outcome): void => {
      signal.removeEventListener('abort', onAbort)
      socket.destroy()
      resolve(o)
    }
    const onAbort = (): void => {
      done(fail(`no answer from ${target}`, 'TIMEOUT'))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    socket.once('connect', () => {
      done(pass(`connected to ${target} in ${Date.now() - started} ms`, { address: target }))
    })
    socket.once('error', (err) => {
      done(failWith(`cannot connect to ${target} (${errorText(err)})`, err, { address: target }))
    })
    socket.connect({ host: connectHost(ctx), port: ctx.port })
  })
}

/** Check 6: TLS trusting only our CA (host by Go's rules); protocol, cipher, and the served fingerprint. */
export function checkTls(ctx: VerifyContext, signal: AbortSignal): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect({
      host: connectHost(ctx),
      port: ctx.port,
      servername: serverName(ctx),
      ca: ctx.input.caPem,
      checkServerIdentity: goCheckServerIdentity(ctx.host),
      rejectUnauthorized: true,
    })
    const done = (o: Outcome): void => {
      signal.removeEventListener('abort', onAbort)
      socket.destroy()
      resolve(o)
    }
    const onAbort = (): void => {
      done(fail('no TLS handshake before the timeout', 'TIMEOUT'))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate()
      const served = (peer.raw as Buffer | undefined) === undefined ? undefined : fingerprintSha256(derToPem(peer.raw))
      const details = { protocol: socket.getProtocol(), cipher: socket.getCipher().name, fingerprintSha256: served }
      const issued = ctx.input.certPem === undefined ? undefined : fingerprintSha256(ctx.input.certPem)
      if (issued !== undefined && served !== issued) {
        done(fail(`the registry serves ${served ?? 'no certificate'}, not the certificate issued (${issued})`, 'FINGERPRINT_MISMATCH', { ...details, issuedFingerprintSha256: issued }))
        return
      }
      const same = issued === undefined ? ' (no issued certificate given to compare)' : ', the certificate issued'
      done(pass(`${details.protocol ?? 'TLS'} ${details.cipher}, serving ${served ?? '?'}${same}`, details))
    })
    socket.once('error', (err) => {
      done(failWith(`TLS with only our CA failed: ${errorText(err)}`, err))
    })
  })
}
