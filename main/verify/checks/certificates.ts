import { X509Certificate } from 'node:crypto'
import { inspectCertificate, lintInfo } from '../../pki'
import type { VerifyContext } from '../context'
import { goHostnameError } from '../go-identity'
import { fail, errorText, pass, skipped, warn, type Outcome } from '../outcome'

export const WARN_DAYS = 30
/** Lint findings about names belong to check 3 (SAN coverage); the rest to check 2. */
const NAME_FINDINGS = new Set(['NO_SAN', 'CN_ONLY', 'IP_WITHOUT_IP_SAN', 'HOST_NOT_COVERED'])

/** Check 1: the CA is a CA, valid now, days left. */
export function checkCa(ctx: VerifyContext): Outcome {
  const ca = ctx.ca
  if (ca === undefined) return fail('the CA file is not a readable PEM certificate', 'CA_INVALID')
  const info = inspectCertificate(ctx.input.caPem, { now: ctx.now })
  const details = { subject: info.subject, notAfter: info.notAfter, daysLeft: info.daysLeft, fingerprintSha256: info.fingerprintSha256 }
  if (!info.isCa) return fail(`"${info.subject}" is not a CA (basicConstraints CA:TRUE is missing)`, 'CA_INVALID', details)
  if (info.expired) return fail(`the CA expired on ${info.notAfter}`, 'CERT_EXPIRED', details)
  if (info.notYetValid) return fail(`the CA is not valid before ${info.notBefore}`, 'CERT_EXPIRED', details)
  if (info.daysLeft < WARN_DAYS) return warn(`the CA expires in ${info.daysLeft} days (${info.notAfter})`, 'CERT_EXPIRING', details)
  return pass(`${info.subject}, valid for ${info.daysLeft} more days`, details)
}

/** The certificate checks 2-3 look at: the one given, else the one the registry serves. */
export async function certificateUnderTest(ctx: VerifyContext): Promise<{ pem: string; source: 'given' | 'served' } | { why: string }> {
  if (ctx.input.certPem !== undefined) return { pem: ctx.input.certPem, source: 'given' }
  const served = await ctx.served()
  if ('pem' in served) return { pem: served.pem, source: 'served' }
  return { why: `no server certificate given, and the served one could not be read (${errorText(served.error)})` }
}

/** Check 2: the server certificate chains to the CA, days left, lint findings. */
export async function checkServerCert(ctx: VerifyContext): Promise<Outcome> {
  const under = await certificateUnderTest(ctx)
  if ('why' in under) return skipped(under.why)
  let cert: X509Certificate
  try {
    cert = new X509Certificate(under.pem)
  } catch {
    return fail('the server certificate is not a readable PEM certificate', 'CERT_LINT')
  }
  const info = inspectCertificate(under.pem, { now: ctx.now })
  const details = { source: under.source, subject: info.subject, issuer: info.issuer, notAfter: info.notAfter, daysLeft: info.daysLeft, fingerprintSha256: info.fingerprintSha256 }
  const ca = ctx.ca
  if (ca === undefined) return skipped('the CA is not readable (check 1)')
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) {
    return fail(`the ${under.source} certificate was issued by "${info.issuer}", not by this CA`, 'CERT_NOT_FROM_CA', details)
  }
  if (info.expired) return fail(`the ${under.source} certificate expired on ${info.notAfter}`, 'CERT_EXPIRED', details)
  if (info.notYetValid) return fail(`the ${under.source} certificate is not valid before ${info.notBefore}`, 'CERT_EXPIRED', details)
  const findings = lintInfo(info).filter((f) => !NAME_FINDINGS.has(f.code))
  const lint = findings.map((f) => `${f.code}: ${f.message}`)
  const error = findings.find((f) => f.severity === 'error')
  if (error) return fail(`lint: ${error.message}`, error.code, { ...details, lint })
  if (info.daysLeft < WARN_DAYS) return warn(`the certificate expires in ${info.daysLeft} days (${info.notAfter})`, 'CERT_EXPIRING', { ...details, lint })
  const warning = findings[0]
  if (warning) return warn(`lint: ${warning.message}`, warning.code, { ...details, lint })
  return pass(`issued by the CA, valid for ${info.daysLeft} more days, no lint findings`, { ...details, lint })
}

/** Check 3: the address clients use is covered by a SAN, by Go's rules (the CN never counts). */
export async function checkSan(ctx: VerifyContext): Promise<Outcome> {
  const under = await certificateUnderTest(ctx)
  if ('why' in under) return skipped(under.why)
  const info = inspectCertificate(under.pem, { host: ctx.host, now: ctx.now })
  const sans = info.sans.map((s) => `${s.type === 'ip' ? 'IP' : 'DNS'}:${s.value}`)
  const details = { source: under.source, sans, commonName: info.commonName }
  const goError = goHostnameError(under.pem, ctx.host)
  if (goError === undefined) return pass(`${ctx.host} is covered by ${info.covers?.matchedBy ?? 'a SAN'}`, details)
  const code = goError.includes('legacy Common Name') ? 'LEGACY_CN' : goError.includes('IP SANs') ? 'NO_IP_SANS' : 'HOST_MISMATCH'
  return fail(`Docker would refuse ${ctx.host}: ${goError}`, code, details)
}
