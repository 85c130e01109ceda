import { X509Certificate } from 'node:crypto'
import { connect } from 'node:tls'
import { isIP } from 'node:net'
import { parseRegistryAddress } from '../trust'
import type { RegistryAddress } from '../trust'
import { derToPem } from './go-identity'
import type { VerifyDeps, VerifyInput } from './types'

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
  /** The served certificate, read once without verification (for checks 2-3 when no certificate was given). */
  served: () => Promise<{ pem: string } | { error: unknown }>
  /** Set by check 7: the registry wants credentials. */
  authOn: boolean
}

export function connectHost(ctx: VerifyContext): string {
  return ctx.resolved[0] ?? ctx.host
}

/** SNI: a DNS name only (never an IP). */
export function serverName(ctx: VerifyContext): string | undefined {
  return isIP(ctx.host) === 0 ? ctx.host : undefined
}

function readServed(ctx: VerifyContext, timeoutMs: number): Promise<{ pem: string } | { error: unknown }> {
  return new Promise((resolve) => {
    const socket = connect({ host: connectHost(ctx), port: ctx.port, servername: serverName(ctx), rejectUnauthorized: false, timeout: timeoutMs })
    const done = (v: { pem: string } | { error: unknown }): void => {
      socket.destroy()
      resolve(v)
    }
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate()
      done((peer.raw as Buffer | undefined) === undefined ? { error: new Error('the server sent no certificate') } : { pem: derToPem(peer.raw) })
    })
    socket.once('timeout', () => {
      done({ error: Object.assign(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`), { code: 'ETIMEDOUT' }) })
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
  let servedOnce: Promise<{ pem: string } | { error: unknown }> | undefined
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
  }
  return ctx
}
