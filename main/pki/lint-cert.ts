import { isIP } from 'node:net'
import { DEFAULT_LEAF_DAYS, type CertificateInfo, type LintFinding } from './types'
import { coveringSan, inspectCertificate, isSigningCa } from './inspect-cert'

const DAY_MS = 24 * 60 * 60 * 1000
const MIN_RSA_BITS = 2048

export interface LintOptions {
  /** Addresses the clients will use; each must be covered by a SAN. */
  hosts?: string[] | undefined
}

/**
 * Finds what Docker and Go clients will refuse (errors) or what good practice warns against (warnings): no SAN,
 * a CN-only certificate, an IP address with no IP SAN, a leaf over 825 days, SHA-1, a key under 2048 bits.
 */
export function lintInfo(info: CertificateInfo, opts: LintOptions = {}): LintFinding[] {
  // A CA certificate is never matched to an address: only the checks that apply to a CA (signature, key size).
  if (isSigningCa(info)) return lintCa(info, opts)
  const findings: LintFinding[] = []
  const hosts = opts.hosts ?? []
  if (info.sans.length === 0) {
    if (info.commonName) {
      findings.push({
        code: 'CN_ONLY',
        severity: 'error',
        message: `only the Common Name "${info.commonName}" names the server; Docker refuses it ("certificate relies on legacy Common Name field"): every IP and DNS name needs a SAN`,
      })
    } else if (!info.isCa) {
      findings.push({
        code: 'NO_SAN',
        severity: 'error',
        message: 'the certificate has no Subject Alternative Name: no client can match it to an address',
      })
    }
  }
  const ipSans = info.sans.filter((s) => s.type === 'ip')
  const ipHosts = [...hosts.filter((h) => isIP(h.replace(/^\[|\]$/g, '')) !== 0)]
  if (!info.isCa && info.commonName && isIP(info.commonName) !== 0 && !ipHosts.includes(info.commonName))
    ipHosts.push(info.commonName)
  for (const ip of ipHosts) {
    if (!coveringSan(ipSans, ip)) {
      findings.push({
        code: 'IP_WITHOUT_IP_SAN',
        severity: 'error',
        message:
          ipSans.length === 0
            ? `clients connect by IP ${ip} but the certificate has no IP SAN (Docker: "doesn't contain any IP SANs")`
            : `clients connect by IP ${ip} but it is not among the IP SANs (${ipSans.map((s) => s.value).join(', ')})`,
      })
    }
  }
  for (const host of hosts.filter((h) => isIP(h.replace(/^\[|\]$/g, '')) === 0)) {
    if (!coveringSan(info.sans, host)) {
      findings.push({ code: 'HOST_NOT_COVERED', severity: 'error', message: `no SAN covers ${host}` })
    }
  }
  const lifetimeDays = Math.round((Date.parse(info.notAfter) - Date.parse(info.notBefore)) / DAY_MS)
  if (!info.isCa && lifetimeDays > DEFAULT_LEAF_DAYS + 1) {
    findings.push({
      code: 'LEAF_TOO_LONG',
      severity: 'warning',
      message: `the certificate is valid for ${lifetimeDays} days; over ${DEFAULT_LEAF_DAYS} days is refused by Apple platforms and discouraged elsewhere`,
    })
  }
  findings.push(...lintAlgorithms(info))
  return findings
}

function lintAlgorithms(info: CertificateInfo): LintFinding[] {
  const findings: LintFinding[] = []
  if (/sha1|md5/i.test(info.signatureAlgorithm)) {
    findings.push({
      code: 'SHA1',
      severity: 'error',
      message: `signed with ${info.signatureAlgorithm}; Go and modern clients reject SHA-1 signatures: re-issue with SHA-256`,
    })
  }
  if (info.keyType === 'rsa' && info.keyBits !== undefined && info.keyBits < MIN_RSA_BITS) {
    findings.push({
      code: 'WEAK_KEY',
      severity: 'error',
      message: `the RSA key has ${info.keyBits} bits; at least ${MIN_RSA_BITS} are required`,
    })
  }
  return findings
}

function lintCa(info: CertificateInfo, opts: LintOptions): LintFinding[] {
  const findings = lintAlgorithms(info)
  if ((opts.hosts ?? []).length > 0) {
    findings.push({
      code: 'CA_NOT_SERVER',
      severity: 'warning',
      message: `this is a CA certificate: clients never match it to an address, so the host check does not apply to it; check the server certificate (domain.crt) with --host instead`,
    })
  }
  return findings
}

export function lintCertificate(pem: string, opts: LintOptions = {}): LintFinding[] {
  return lintInfo(inspectCertificate(pem), opts)
}
