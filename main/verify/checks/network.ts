import { lookup as dnsLookup } from 'node:dns/promises'
import { Socket } from 'node:net'
import { connect } from 'node:tls'
import { fingerprintSha256, inspectCertificate } from '../../pki'
import { buildChain, dnLine, isIssuedBy } from '../../pki/pem'
import { parsePemChain } from '../chain'
import { connectHost, serverName, type VerifyContext } from '../context'
import { derToPem, goCheckServerIdentity } from '../go-identity'
import { msg } from '../message'
import { errorText, fail, failWith, pass, skipped, warn, type Outcome } from '../outcome'
import type { LookupFn } from '../types'
import { ipVersion } from '../../net/address'

export const defaultLookup: LookupFn = (host) => dnsLookup(host, { all: true, verbatim: true })

/** Check 4: a DNS name resolves, and to the host expected (given addresses, else the certificate's IP SANs). */
export async function checkDns(ctx: VerifyContext): Promise<Outcome> {
  if (ipVersion(ctx.host) !== 0) return skipped(msg('dns.ip', { host: ctx.host }))
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
    expected = inspectCertificate(leafOf(ctx.input.certPem))
      .sans.filter((s) => s.type === 'ip')
      .map((s) => s.value)
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
      const served =
        (peer.raw as Buffer | undefined) === undefined ? undefined : fingerprintSha256(derToPem(peer.raw))
      const details = {
        protocol: socket.getProtocol(),
        cipher: socket.getCipher().name,
        fingerprintSha256: served,
      }
      const issued =
        ctx.input.certPem === undefined ? undefined : fingerprintSha256(leafOf(ctx.input.certPem))
      if (issued !== undefined && served !== issued) {
        done(
          fail(
            served === undefined
              ? msg('tls.mismatch-none', { issued })
              : msg('tls.mismatch', { served, issued }),
            'FINGERPRINT_MISMATCH',
            { ...details, issuedFingerprintSha256: issued },
          ),
        )
        return
      }
      const facts = {
        protocol: details.protocol ?? 'TLS',
        cipher: details.cipher,
        fingerprint: served ?? '?',
      }
      done(pass(issued === undefined ? msg('tls.ok-unchecked', facts) : msg('tls.ok', facts), details))
    })
    socket.once('error', (err) => {
      signal.removeEventListener('abort', onAbort)
      socket.destroy()
      void explainChainFailure(ctx, err).then((o) => {
        resolve(o ?? failWith(msg('tls.failed', { error: errorText(err) }), err))
      })
    })
  })
}

/** OpenSSL's words for "the chain does not reach a trusted root" (what a missing intermediate gives). */
const CHAIN_ERRORS = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
])

/**
 * A handshake refused because the chain does not reach the CA: says which intermediate the registry leaves out when
 * the issued domain.crt (leaf + intermediates) chains to the CA and the served chain does not; names the served
 * leaf's issuer when the registry sends its certificate alone. Undefined when the failure is something else.
 */
async function explainChainFailure(ctx: VerifyContext, err: unknown): Promise<Outcome | undefined> {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  const ca = ctx.ca
  if (code === undefined || !CHAIN_ERRORS.has(code) || ca === undefined) return undefined
  const served = await ctx.served()
  if (!('pem' in served)) return undefined
  const sent = served.chain.flatMap((pem) => parsePemChain(pem))
  const [leaf, ...rest] = sent
  if (leaf === undefined || buildChain(leaf, rest, ca).anchored) return undefined
  const error = errorText(err)
  const details = { servedChain: sent.map((x) => dnLine(x.subject)) }
  const given = ctx.input.certPem === undefined ? [] : parsePemChain(ctx.input.certPem)
  const issued = given[0]
  if (issued !== undefined && issued.fingerprint256 === leaf.fingerprint256) {
    const full = buildChain(issued, given.slice(1), ca)
    const missing = full.path.slice(1).filter((x) => !sent.some((s) => s.fingerprint256 === x.fingerprint256))
    if (full.anchored && missing.length > 0) {
      const names = missing.map((x) => `"${dnLine(x.subject)}"`)
      const reason =
        sent.length === 1
          ? msg('tls.intermediate-missing', { missing: names, error })
          : msg('tls.intermediate-missing-some', { served: sent.length, missing: names, error })
      return fail(reason, 'INTERMEDIATE_MISSING', {
        ...details,
        missing: missing.map((x) => dnLine(x.subject)),
      })
    }
  }
  if (given.length === 0 && sent.length === 1 && !isIssuedBy(leaf, ca))
    return fail(msg('tls.served-alone', { error, issuer: dnLine(leaf.issuer) }), 'SERVED_LEAF_ONLY', details)
  return undefined
}

/** The first certificate of a PEM text (a domain.crt holds the leaf first, then the intermediates). */
function leafOf(pem: string): string {
  return parsePemChain(pem)[0]?.toString() ?? pem
}
