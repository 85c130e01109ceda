import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP, Socket } from 'node:net'
import { connect } from 'node:tls'
import { fingerprintSha256, inspectCertificate } from '../../pki'
import { connectHost, serverName, type VerifyContext } from '../context'
import { derToPem, goCheckServerIdentity } from '../go-identity'
import { msg } from '../i18n/message'
import { errorText, fail, failWith, pass, skipped, warn, type Outcome } from '../outcome'
import type { LookupFn } from '../types'

export const defaultLookup: LookupFn = (host) => dnsLookup(host, { all: true, verbatim: true })

/** Check 4: a DNS name resolves, and to the host expected (given addresses, else the certificate's IP SANs). */
export async function checkDns(ctx: VerifyContext): Promise<Outcome> {
  if (isIP(ctx.host) !== 0) return skipped(msg('dns.ip', { host: ctx.host }))
  let addresses: string[]
  try {
    addresses = (await (ctx.deps.lookup ?? defaultLookup)(ctx.host)).map((a) => a.address)
  } catch (err) {
    return failWith(msg('dns.failed', { host: ctx.host, error: errorText(err) }), err)
  }
  if (addresses.length === 0) return fail(msg('dns.empty', { host: ctx.host }), 'NAME_NOT_FOUND')
  ctx.resolved = addresses
  const details = { addresses }
  const given = ctx.input.expectAddresses
  let expected = given ?? []
  if (given === undefined && ctx.input.certPem !== undefined) {
    expected = inspectCertificate(ctx.input.certPem).sans.filter((s) => s.type === 'ip').map((s) => s.value)
  }
  if (expected.length > 0 && !addresses.some((a) => expected.includes(a))) {
    const facts = { host: ctx.host, addresses, expected }
    const reason = given === undefined ? msg('dns.mismatch-san', facts) : msg('dns.mismatch', facts)
    return given === undefined ? warn(reason, 'DNS_MISMATCH', details) : fail(reason, 'DNS_MISMATCH', details)
  }
  return pass(msg('dns.ok', { host: ctx.host, addresses }), details)
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
      done(fail(msg('tcp.timeout', { target }), 'TIMEOUT'))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    socket.once('connect', () => {
      done(pass(msg('tcp.ok', { target, ms: Date.now() - started }), { address: target }))
    })
    socket.once('error', (err) => {
      done(failWith(msg('tcp.failed', { target, error: errorText(err) }), err, { address: target }))
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
      done(fail(msg('tls.timeout'), 'TIMEOUT'))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate()
      const served = (peer.raw as Buffer | undefined) === undefined ? undefined : fingerprintSha256(derToPem(peer.raw))
      const details = { protocol: socket.getProtocol(), cipher: socket.getCipher().name, fingerprintSha256: served }
      const issued = ctx.input.certPem === undefined ? undefined : fingerprintSha256(ctx.input.certPem)
      if (issued !== undefined && served !== issued) {
        done(fail(served === undefined ? msg('tls.mismatch-none', { issued }) : msg('tls.mismatch', { served, issued }), 'FINGERPRINT_MISMATCH', { ...details, issuedFingerprintSha256: issued }))
        return
      }
      const facts = { protocol: details.protocol ?? 'TLS', cipher: details.cipher, fingerprint: served ?? '?' }
      done(pass(issued === undefined ? msg('tls.ok-unchecked', facts) : msg('tls.ok', facts), details))
    })
    socket.once('error', (err) => {
      done(failWith(msg('tls.failed', { error: errorText(err) }), err))
    })
  })
}
