import { DAY_MS } from '../dates'
import { englishTranslator, message, type Params } from '../messages/index'
import { DEFAULT_LEAF_DAYS, type CertificateInfo, type LintCode, type LintFinding } from './types'
import { coveringSan, inspectCertificate, isSigningCa } from './inspect-cert'
import { ipVersion } from '../net/address'

const MIN_RSA_BITS = 2048

export interface LintOptions {
  /** Addresses the clients will use; each must be covered by a SAN. */
  hosts?: string[] | undefined
}

/** A finding: code and params (the text is `lint.CODE`), with its English text for JSON consumers. */
export function lintFinding(
  code: LintCode,
  severity: LintFinding['severity'],
  params: Params = {},
): LintFinding {
  return { code, severity, params, message: englishTranslator().text(`lint.${code}`, params) }
}

const isIpHost = (h: string): boolean => ipVersion(h.replace(/^\[|\]$/g, '')) !== 0

/** No SAN at all: a CN-only certificate (Docker refuses it), or nothing that names the server. */
function lintNoSan(info: CertificateInfo): LintFinding[] {
  if (info.sans.length > 0) return []
  if (info.commonName) return [lintFinding('CN_ONLY', 'error', { commonName: info.commonName })]
  return info.isCa ? [] : [lintFinding('NO_SAN', 'error')]
}

/** Every address clients use must be covered: an IP by an IP SAN, a name by a DNS SAN. */
function lintHosts(info: CertificateInfo, hosts: string[]): LintFinding[] {
  const findings: LintFinding[] = []
  const ipSans = info.sans.filter((s) => s.type === 'ip')
  const ipHosts = hosts.filter(isIpHost)
  if (!info.isCa && info.commonName && ipVersion(info.commonName) !== 0 && !ipHosts.includes(info.commonName))
    ipHosts.push(info.commonName)
  for (const ip of ipHosts) {
    if (coveringSan(ipSans, ip)) continue
    const detail =
      ipSans.length === 0
        ? message('lint.detail.noIpSan')
        : message('lint.detail.notAmong', { sans: ipSans.map((s) => s.value) })
    findings.push(lintFinding('IP_WITHOUT_IP_SAN', 'error', { ip, detail }))
  }
  for (const host of hosts.filter((h) => !isIpHost(h))) {
    if (!coveringSan(info.sans, host)) findings.push(lintFinding('HOST_NOT_COVERED', 'error', { host }))
  }
  return findings
}

/**
 * Finds what Docker and Go clients will refuse (errors) or what good practice warns against (warnings): no SAN,
 * a CN-only certificate, an IP address with no IP SAN, a leaf over 825 days, SHA-1, a key under 2048 bits.
 */
export function lintInfo(info: CertificateInfo, opts: LintOptions = {}): LintFinding[] {
  // A CA certificate is never matched to an address: only the checks that apply to a CA (signature, key size).
  if (isSigningCa(info)) return lintCa(info, opts)
  const findings = [...lintNoSan(info), ...lintHosts(info, opts.hosts ?? [])]
  const lifetimeDays = Math.round((Date.parse(info.notAfter) - Date.parse(info.notBefore)) / DAY_MS)
  if (!info.isCa && lifetimeDays > DEFAULT_LEAF_DAYS + 1)
    findings.push(lintFinding('LEAF_TOO_LONG', 'warning', { days: lifetimeDays, max: DEFAULT_LEAF_DAYS }))
  findings.push(...lintAlgorithms(info))
  return findings
}

function lintAlgorithms(info: CertificateInfo): LintFinding[] {
  const findings: LintFinding[] = []
  if (/sha1|md5/i.test(info.signatureAlgorithm))
    findings.push(lintFinding('SHA1', 'error', { algorithm: info.signatureAlgorithm }))
  if (info.keyType === 'rsa' && info.keyBits !== undefined && info.keyBits < MIN_RSA_BITS)
    findings.push(lintFinding('WEAK_KEY', 'error', { bits: info.keyBits, min: MIN_RSA_BITS }))
  return findings
}

function lintCa(info: CertificateInfo, opts: LintOptions): LintFinding[] {
  const findings = lintAlgorithms(info)
  if ((opts.hosts ?? []).length > 0) findings.push(lintFinding('CA_NOT_SERVER', 'warning'))
  return findings
}

export function lintCertificate(pem: string, opts: LintOptions = {}): LintFinding[] {
  return lintInfo(inspectCertificate(pem), opts)
}
