import { X509Certificate } from 'node:crypto'
import {
  DEFAULT_LEAF_DAYS,
  KEY_SIZES,
  inspectCertificate,
  lintInfo,
  type CertificateInfo,
  type LintFinding,
} from '../../pki'
import { DAY_MS } from '../../dates'
import { buildChain, dnLine, type ChainPath } from '../../pki/pem'
import { parsePemChain } from '../chain'
import type { VerifyContext } from '../context'
import { goHostnameError } from '../go-identity'
import type { Message } from '../../messages/index'
import { msg } from '../message'
import { errorParam, fail, pass, skipped, warn, type Outcome } from '../outcome'

export const WARN_DAYS = 30
/** Lint findings about names belong to check 3 (SAN coverage); the rest to check 2. */
const NAME_FINDINGS = new Set(['NO_SAN', 'CN_ONLY', 'IP_WITHOUT_IP_SAN', 'HOST_NOT_COVERED'])

/** Check 1: the CA is a CA, valid now, days left. */
export function checkCa(ctx: VerifyContext): Outcome {
  const ca = ctx.ca
  if (ca === undefined) return fail(msg('ca.unreadable'), 'CA_INVALID')
  const info = inspectCertificate(ctx.input.caPem, { now: ctx.now })
  const details = {
    subject: info.subject,
    notAfter: info.notAfter,
    daysLeft: info.daysLeft,
    fingerprintSha256: info.fingerprintSha256,
  }
  if (!info.isCa) return fail(msg('ca.not-ca', { subject: info.subject }), 'CA_INVALID', details)
  if (info.expired) return fail(msg('ca.expired', { date: info.notAfter }), 'CERT_EXPIRED', details)
  if (info.notYetValid)
    return fail(msg('ca.not-yet-valid', { date: info.notBefore }), 'CERT_EXPIRED', details)
  if (info.daysLeft < WARN_DAYS)
    return warn(msg('ca.expiring', { days: info.daysLeft, date: info.notAfter }), 'CERT_EXPIRING', details)
  return pass(msg('ca.ok', { subject: info.subject, days: info.daysLeft }), details)
}

/**
 * The certificate checks 2-3 look at: the one given, else the one the registry serves. `pem` is the leaf alone;
 * `others` the rest of the same source (the intermediates a domain.crt holds after the leaf, or that the server sends).
 */
interface UnderTest {
  pem: string
  others: string[]
  source: 'given' | 'served'
}

export async function certificateUnderTest(ctx: VerifyContext): Promise<UnderTest | { why: Message }> {
  if (ctx.input.certPem !== undefined) {
    const [leaf, ...others] = parsePemChain(ctx.input.certPem).map((c) => c.toString())
    // An unreadable first block: the caller reports it (check 2) or the core's parser does.
    return { pem: leaf ?? ctx.input.certPem, others, source: 'given' }
  }
  const served = await ctx.served()
  if ('pem' in served) return { pem: served.pem, others: served.chain.slice(1), source: 'served' }
  return { why: msg('cert.none', { error: errorParam(served.error) }) }
}

/** A lint finding, built from the certificate's facts in every language. */
function lintMessage(finding: LintFinding, info: CertificateInfo): Message {
  switch (finding.code) {
    case 'LEAF_TOO_LONG':
      return msg('lint.LEAF_TOO_LONG', {
        days: Math.round((Date.parse(info.notAfter) - Date.parse(info.notBefore)) / DAY_MS),
        max: DEFAULT_LEAF_DAYS,
      })
    case 'SHA1':
      return msg('lint.SHA1', { algorithm: info.signatureAlgorithm })
    case 'WEAK_KEY':
      return msg('lint.WEAK_KEY', { bits: info.keyBits ?? '?', min: KEY_SIZES[0] })
    default:
      // The finding's own catalogue text (lint namespace), in the reader's language.
      return msg('lint.other', {
        message: { key: `lint.${finding.code}`, params: finding.params },
        code: finding.code,
      })
  }
}

/** The intermediates of a chain (leaf excluded), checked like the CA: a CA, valid now, days left. */
function checkIntermediates(
  path: X509Certificate[],
  ctx: VerifyContext,
  source: Message,
  details: Record<string, unknown>,
): Outcome | { minDays: number; subjects: string[] } {
  let minDays = Number.POSITIVE_INFINITY
  const subjects: string[] = []
  let expiring: Outcome | undefined
  for (const x of path.slice(1)) {
    const info = inspectCertificate(x.toString(), { now: ctx.now })
    subjects.push(`"${info.subject}"`)
    if (!info.isCa)
      return fail(
        msg('cert.chain-not-ca', { subject: info.subject, source }),
        'INTERMEDIATE_INVALID',
        details,
      )
    if (info.expired)
      return fail(
        msg('cert.chain-expired', { subject: info.subject, source, date: info.notAfter }),
        'INTERMEDIATE_INVALID',
        details,
      )
    if (info.notYetValid)
      return fail(
        msg('cert.chain-not-yet-valid', { subject: info.subject, source, date: info.notBefore }),
        'INTERMEDIATE_INVALID',
        details,
      )
    if (info.daysLeft < WARN_DAYS)
      expiring ??= warn(
        msg('cert.chain-expiring', { subject: info.subject, days: info.daysLeft, date: info.notAfter }),
        'INTERMEDIATE_EXPIRING',
        details,
      )
    minDays = Math.min(minDays, info.daysLeft)
  }
  return expiring ?? { minDays, subjects }
}

/** The chain of the certificate under test up to the CA: through its own source first, then what the server sends. */
async function chainOf(
  ctx: VerifyContext,
  leaf: X509Certificate,
  others: string[],
  source: 'given' | 'served',
  ca: X509Certificate,
): Promise<ChainPath> {
  const pool = others.flatMap((pem) => parsePemChain(pem))
  const own = buildChain(leaf, pool, ca)
  if (own.anchored || source === 'served') return own
  // A domain.crt without its intermediates still chains when the registry sends them (that is what clients get).
  const served = await ctx.served()
  if (!('pem' in served)) return own
  const withServed = buildChain(leaf, [...pool, ...served.chain.flatMap((pem) => parsePemChain(pem))], ca)
  return withServed.anchored ? withServed : own
}

type Details = Record<string, unknown>

/** What check 2 reports about a chain: every certificate of it, and whether it reaches the CA. */
function chainDetails(info: CertificateInfo, source: 'given' | 'served', chain: ChainPath): Details {
  return {
    source,
    subject: info.subject,
    issuer: info.issuer,
    notAfter: info.notAfter,
    daysLeft: info.daysLeft,
    fingerprintSha256: info.fingerprintSha256,
    chain: chain.path.map((x) => ({
      subject: dnLine(x.subject),
      notAfter: new Date(x.validTo).toISOString(),
      fingerprintSha256: x.fingerprint256,
    })),
    anchored: chain.anchored,
  }
}

/** A chain that does not reach the CA: a served leaf alone is named as such (an intermediate may be missing). */
function notAnchored(
  leaf: X509Certificate,
  chain: ChainPath,
  under: UnderTest,
  source: Message,
  details: Details,
): Outcome {
  const last = chain.path[chain.path.length - 1] ?? leaf
  const issuer = dnLine(last.issuer)
  if (under.source === 'served' && under.others.length === 0)
    return fail(msg('cert.served-alone', { issuer }), 'SERVED_LEAF_ONLY', details)
  return fail(msg('cert.not-from-ca', { source, issuer }), 'CERT_NOT_FROM_CA', details)
}

/** The leaf's validity, its intermediates, its lint findings and days left, once the chain reaches the CA. */
function judgeAnchored(
  ctx: VerifyContext,
  info: CertificateInfo,
  chain: ChainPath,
  source: Message,
  details: Details,
): Outcome {
  if (info.expired) return fail(msg('cert.expired', { source, date: info.notAfter }), 'CERT_EXPIRED', details)
  if (info.notYetValid)
    return fail(msg('cert.not-yet-valid', { source, date: info.notBefore }), 'CERT_EXPIRED', details)
  const intermediates = checkIntermediates(chain.path, ctx, source, details)
  if ('status' in intermediates && intermediates.status === 'fail') return intermediates
  const findings = lintInfo(info).filter((f) => !NAME_FINDINGS.has(f.code))
  const withLint = { ...details, lint: findings.map((f) => `${f.code}: ${f.message}`) }
  const error = findings.find((f) => f.severity === 'error')
  if (error) return fail(lintMessage(error, info), error.code, withLint)
  if (info.daysLeft < WARN_DAYS)
    return warn(msg('cert.expiring', { days: info.daysLeft, date: info.notAfter }), 'CERT_EXPIRING', withLint)
  if ('status' in intermediates) return { ...intermediates, details: withLint }
  const warning = findings[0]
  if (warning) return warn(lintMessage(warning, info), warning.code, withLint)
  if (chain.path.length > 1) {
    const days = Math.min(info.daysLeft, intermediates.minDays)
    return pass(msg('cert.ok-chain', { intermediates: intermediates.subjects, days }), withLint)
  }
  return pass(msg('cert.ok', { days: info.daysLeft }), withLint)
}

/**
 * Check 2: the server certificate chains to the CA (through the intermediates its source holds: an enterprise CA's
 * domain.crt is leaf + intermediates, the root is the CA given), every certificate of the chain valid now, days
 * left, lint findings of the leaf. A served leaf alone that this CA did not issue is named as such (an intermediate
 * may be missing).
 */
export async function checkServerCert(ctx: VerifyContext): Promise<Outcome> {
  const under = await certificateUnderTest(ctx)
  if ('why' in under) return skipped(under.why)
  let cert: X509Certificate
  try {
    cert = new X509Certificate(under.pem)
  } catch {
    return fail(msg('cert.unreadable'), 'CERT_LINT')
  }
  const info = inspectCertificate(under.pem, { now: ctx.now })
  const ca = ctx.ca
  if (ca === undefined) return skipped(msg('check.ca-unreadable'))
  const source = under.source === 'given' ? msg('source.given') : msg('source.served')
  const chain = await chainOf(ctx, cert, under.others, under.source, ca)
  const details = chainDetails(info, under.source, chain)
  if (!chain.anchored) return notAnchored(cert, chain, under, source, details)
  return judgeAnchored(ctx, info, chain, source, details)
}

/** Check 3: the address clients use is covered by a SAN, by Go's rules (the CN never counts). */
export async function checkSan(ctx: VerifyContext): Promise<Outcome> {
  const under = await certificateUnderTest(ctx)
  if ('why' in under) return skipped(under.why)
  const info = inspectCertificate(under.pem, { host: ctx.host, now: ctx.now })
  const sans = info.sans.map((s) => `${s.type === 'ip' ? 'IP' : 'DNS'}:${s.value}`)
  const details = { source: under.source, sans, commonName: info.commonName }
  const goError = goHostnameError(under.pem, ctx.host)
  if (goError === undefined)
    return pass(
      info.covers?.matchedBy === undefined
        ? msg('san.covered-any', { host: ctx.host })
        : msg('san.covered', { host: ctx.host, san: info.covers.matchedBy }),
      details,
    )
  const code = goError.includes('legacy Common Name')
    ? 'LEGACY_CN'
    : goError.includes('IP SANs')
      ? 'NO_IP_SANS'
      : 'HOST_MISMATCH'
  return fail(msg('san.refused', { host: ctx.host, error: goError }), code, details)
}
