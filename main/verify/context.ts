import { X509Certificate } from 'node:crypto'
import type { Agent } from 'node:https'
import { connect, type DetailedPeerCertificate } from 'node:tls'
import { registryAgent } from '../registry-api/http'
import { parseRegistryAddress } from '../trust'
import type { RegistryAddress } from '../trust'
import { derToPem } from './go-identity'
import { msg } from './message'
import { ownError } from './outcome'
import type { VerifyDeps, VerifyInput } from './types'
import { ipVersion } from '../net/address'

/** What the checks share: the parsed input, injected dependencies, and facts found by earlier checks. */
export interface VerifyContext {
  input: VerifyInput
  deps: VerifyDeps
  now: Date
  address: RegistryAddress
  host: string
  port: number
  /** The CA, when its PEM parses. */
  ca: X509Certificate | undefined
  /** Addresses found by check 4 (DNS); connections go to the first. */
  resolved: string[]
  /**
   * The served certificate (`pem`, the leaf) and every certificate the server sent with it (`chain`, leaf first, in
   * issuing order), read once without verification (checks 2-3 when no certificate was given; check 6 on a failure).
   */
  served: () => Promise<Served>
  /** Set by check 7: the registry wants credentials. */
  authOn: boolean
  /**
   * The keep-alive HTTPS agent of verify's own requests (registry-http.ts: checks 7 and 9, the engine round trip's
   * probes), trusting only the given CA: a new TLS connection to a registry behind Docker's port mapping costs ~10 ms
   * even on loopback, a request on an open one ~2 ms. Made on first use; `close` ends its connections.
   */
  agent: () => Agent
  /** Ends what the checks left open (the agent's connections); runVerify calls it when the report is made. */
  close: () => void
}

export type Served = { pem: string; chain: string[] } | { error: unknown }

/** Node's link to the issuer; undefined past the last certificate sent when that one is not self-signed. */
const issuerOf = (cert: DetailedPeerCertificate): DetailedPeerCertificate | undefined =>
  cert.issuerCertificate

/** The certificates the server sent: Node links them leaf -> issuer; a self-signed one points at itself. */
function sentChain(peer: DetailedPeerCertificate): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  let cert: DetailedPeerCertificate | undefined = peer
  while (
    cert !== undefined &&
    (cert.raw as Buffer | undefined) !== undefined &&
    !seen.has(cert.fingerprint256)
  ) {
    seen.add(cert.fingerprint256)
    out.push(derToPem(cert.raw))
    cert = issuerOf(cert)
  }
  return out
}

export function connectHost(ctx: VerifyContext): string {
  return ctx.resolved[0] ?? ctx.host
}

/** SNI: a DNS name only (never an IP). */
export function serverName(ctx: VerifyContext): string | undefined {
  return ipVersion(ctx.host) === 0 ? ctx.host : undefined
}

function readServed(ctx: VerifyContext, timeoutMs: number): Promise<Served> {
  return new Promise((resolve) => {
    const socket = connect({
      host: connectHost(ctx),
      port: ctx.port,
      servername: serverName(ctx),
      rejectUnauthorized: false,
      timeout: timeoutMs,
    })
    const done = (v: Served): void => {
      socket.destroy()
      resolve(v)
    }
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate(true)
      done(
        (peer.raw as Buffer | undefined) === undefined
          ? { error: ownError(msg('served.none'), 'the server sent no certificate') }
          : { pem: derToPem(peer.raw), chain: sentChain(peer) },
      )
    })
    socket.once('timeout', () => {
      done({
        error: ownError(
          msg('served.timeout', { seconds: Math.round(timeoutMs / 1000) }),
          `no answer within ${Math.round(timeoutMs / 1000)} s`,
          'ETIMEDOUT',
        ),
      })
    })
    socket.once('error', (error) => {
      done({ error })
    })
  })
}

/** Parses the input (throws AppError kind 'input' for a bad registry address) and sets up the shared context. */
export function makeContext(input: VerifyInput, deps: VerifyDeps): VerifyContext {
  const address = parseRegistryAddress(input.registry, 'registry')
  let ca: X509Certificate | undefined
  try {
    ca = new X509Certificate(input.caPem)
  } catch {
    ca = undefined
  }
  let servedOnce: Promise<Served> | undefined
  let agent: Agent | undefined
  const ctx: VerifyContext = {
    input,
    deps,
    now: deps.now?.() ?? new Date(),
    address,
    host: address.host,
    port: address.port ?? 443,
    ca,
    resolved: [],
    authOn: false,
    served: () => (servedOnce ??= readServed(ctx, Math.min(deps.timeoutMs ?? 10_000, 5000))),
    agent: () => (agent ??= registryAgent(input.caPem)),
    close: () => agent?.destroy(),
  }
  return ctx
}
