import { X509Certificate } from 'node:crypto'
import { DEFAULT_LEAF_DAYS, KEY_SIZES, inspectCertificate, lintInfo, type CertificateInfo, type LintFinding } from '../../pki'
import type { VerifyContext } from '../context'
import { goHostnameError } from '../go-identity'
import { msg, type VerifyMessage } from '../i18n/message'
import { fail, errorText, pass, skipped, warn, type Outcome } from '../outcome'

export const WARN_DAYS = 30
/** Lint findings about names belong to check 3 (SAN coverage); the rest to check 2. */
const NAME_FINDINGS = new Set(['NO_SAN', 'CN_ONLY', 'IP_WITHOUT_IP_SAN', 'HOST_NOT_COVERED'])

/** Check 1: the CA is a CA, valid now, days left. */
export function checkCa(ctx: VerifyContext): Outcome {
  const ca = ctx.ca
  if (ca === undefined) return fail(msg('ca.unreadable'), 'CA_INVALID')
  const info = inspectCertificate(ctx.input.caPem, { now: ctx.now })
  const details = { subject: info.subject, notAfter: info.notAfter, daysLeft: info.daysLeft, fingerprintSha256: info.fingerprintSha256 }
  if (!info.isCa) return fail(msg('ca.not-ca', { subject: info.subject }), 'CA_INVALID', details)
  if (info.expired) return fail(msg('ca.expired', { date: info.notAfter }), 'CERT_EXPIRED', details)
  if (info.notYetValid) return fail(msg('ca.not-yet-valid', { date: info.notBefore }), 'CERT_EXPIRED', details)
  if (info.daysLeft < WARN_DAYS) return warn(msg('ca.expiring', { days: info.daysLeft, date: info.notAfter }), 'CERT_EXPIRING', details)
  return pass(msg('ca.ok', { subject: info.subject, days: info.daysLeft }), details)
}

/** The certificate checks 2-3 look at: the one given, else the one the registry serves. */
export async function certificateUnderTest(ctx: VerifyContext): Promise<{ pem: string; source: 'given' | 'served' } | { why: VerifyMessage }> {
  if (ctx.input.certPem !== undefined) return { pem: ctx.input.certPem, source: 'given' }
  const served = await ctx.served()
  if ('pem' in served) return { pem: served.pem, source: 'served' }
  return { why: msg('cert.none', { error: errorText(served.error) }) }
}

/** A lint finding: the core's English message as it is; the Chinese text built from the certificate's facts. */
function lintMessage(finding: LintFinding, info: CertificateInfo): VerifyMessage {
  const message = finding.message
  switch (finding.code) {
    case 'LEAF_TOO_LONG':
      return msg('lint.LEAF_TOO_LONG', { message, days: Math.round((Date.parse(info.notAfter) - Date.parse(info.notBefore)) / 86_400_000), max: DEFAULT_LEAF_DAYS })
    case 'SHA1':
      return msg('lint.SHA1', { message, algorithm: info.signatureAlgorithm })
    case 'WEAK_KEY':
      return msg('lint.WEAK_KEY', { message, bits: info.keyBits ?? '?', min: KEY_SIZES[0] })
    default:
      return msg('lint.other', { message, code: finding.code })
  }
}

/** Check 2: the server certificate chains to the CA, days left, lint findings. */
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
  const details = { source: under.source, subject: info.subject, issuer: info.issuer, notAfter: info.notAfter, daysLeft: info.daysLeft, fingerprintSha256: info.fingerprintSha256 }
  const ca = ctx.ca
  if (ca === undefined) return skipped(msg('check.ca-unreadable'))
  const source = under.source === 'given' ? msg('source.given') : msg('source.served')
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) {
    return fail(msg('cert.not-from-ca', { source, issuer: info.issuer }), 'CERT_NOT_FROM_CA', details)
  }
  if (info.expired) return fail(msg('cert.expired', { source, date: info.notAfter }), 'CERT_EXPIRED', details)
  if (info.notYetValid) return fail(msg('cert.not-yet-valid', { source, date: info.notBefore }), 'CERT_EXPIRED', details)
  const findings = lintInfo(info).filter((f) => !NAME_FINDINGS.has(f.code))
  const lint = findings.map((f) => `${f.code}: ${f.message}`)
  const error = findings.find((f) => f.severity === 'error')
  if (error) return fail(lintMessage(error, info), error.code, { ...details, lint })
  if (info.daysLeft < WARN_DAYS) return warn(msg('cert.expiring', { days: info.daysLeft, date: info.notAfter }), 'CERT_EXPIRING', { ...details, lint })
  const warning = findings[0]
  if (warning) return warn(lintMessage(warning, info), warning.code, { ...details, lint })
  return pass(msg('cert.ok', { days: info.daysLeft }), { ...details, lint })
}

/** Check 3: the address clients use is covered by a SAN, by Go's rules (the CN never counts). */
export async function checkSan(ctx: VerifyContext): Promise<Outcome> {
  const under = await certificateUnderTest(ctx)
  if ('why' in under) return skipped(under.why)
  const info = inspectCertificate(under.pem, { host: ctx.host, now: ctx.now })
  const sans = info.sans.map((s) => `${s.type === 'ip' ? 'IP' : 'DNS'}:${s.value}`)
  const details = { source: under.source, sans, commonName: info.commonName }
  const goError = goHostnameError(under.pem, ctx.host)
  if (goError === undefined) return pass(info.covers?.matchedBy === undefined ? msg('san.covered-any', { host: ctx.host }) : msg('san.covered', { host: ctx.host, san: info.covers.matchedBy }), details)
  const code = goError.includes('legacy Common Name') ? 'LEGACY_CN' : goError.includes('IP SANs') ? 'NO_IP_SANS' : 'HOST_MISMATCH'
  return fail(msg('san.refused', { host: ctx.host, error: goError }), code, details)
}
