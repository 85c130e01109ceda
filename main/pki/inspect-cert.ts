import type { X509Certificate } from 'node:crypto'
import { daysLeft } from '../dates'
import { keyUsageBits, signatureAlgorithmOid } from './der'
import { hostOf, parseSan, sanCoversHost } from './names'
import { parseCertificate } from './open-ca'
import { dnLine } from './pem'
import type { CertificateInfo, SanEntry } from './types'

const EKU_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
}

/** The SANs as typed entries, read from the certificate (IPv6 in canonical form). */
export function certificateSans(cert: X509Certificate): SanEntry[] {
  const text = cert.subjectAltName
  if (!text) return []
  const out: SanEntry[] = []
  for (const m of text.matchAll(/(DNS|IP Address):"?([^,"]+)"?/g)) {
    const kind = m[1]
    const value = (m[2] ?? '').trim()
    if (kind === 'DNS') out.push({ type: 'dns', value: value.toLowerCase() })
    else {
      try {
        out.push(parseSan(value))
      } catch {
        out.push({ type: 'ip', value })
      }
    }
  }
  return out
}

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.3.14.3.2.29': 'sha1WithRSASignature',
  '1.2.840.10040.4.3': 'dsa-with-sha1',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'EdDSA25519',
  '1.3.101.113': 'Ed448',
}

/** The signature algorithm's name (as OpenSSL names it), read from the DER: Certificate ::= SEQUENCE {tbs, algorithm, signature}. */
export function signatureAlgorithmOf(cert: X509Certificate): string {
  const dotted = signatureAlgorithmOid(cert.raw)
  if (dotted === undefined) return 'unknown'
  return SIGNATURE_ALGORITHMS[dotted] ?? dotted
}

const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
]

/** The keyUsage extension's names (empty when absent), read from the DER (Node does not expose it). */
export function keyUsageOf(cert: X509Certificate): string[] {
  const bytes = keyUsageBits(cert.raw)
  if (bytes === undefined) return []
  return KEY_USAGE_BITS.filter((_, i) => ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0)
}

/**
 * A certificate that signs certificates (CA:TRUE with keyCertSign, no serverAuth): never matched to an address. A
 * self-signed CA:TRUE certificate without keyUsage (`openssl req -x509`'s default) is linted as the server
 * certificate it is usually made to be.
 */
export function isSigningCa(info: Pick<CertificateInfo, 'isCa' | 'keyUsage' | 'extendedKeyUsage'>): boolean {
  return (
    info.isCa &&
    (info.keyUsage ?? []).includes('keyCertSign') &&
    !info.extendedKeyUsage.includes('serverAuth')
  )
}

export function commonNameOf(cert: X509Certificate): string | undefined {
  const line = cert.subject.split('\n').find((l) => l.startsWith('CN='))
  return line?.slice(3)
}

/** SHA-256 fingerprint, "AB:CD:..." as OpenSSL and Docker print it. */
export function fingerprintSha256(pem: string): string {
  return parseCertificate(pem).fingerprint256
}

/** Which SAN covers the host by Go's rules (never the CN), if any. */
export function coveringSan(sans: SanEntry[], host: string): SanEntry | undefined {
  return sans.find((san) => sanCoversHost(san, host))
}

export function certificateCoversHost(pem: string, host: string): boolean {
  return coveringSan(certificateSans(parseCertificate(pem)), host) !== undefined
}

export interface InspectOptions {
  host?: string | undefined
  now?: Date | undefined
  /** The request field the certificate came from, for the errors (default `path`). */
  field?: string | undefined
}

export function inspectCertificate(pem: string, opts: InspectOptions = {}): CertificateInfo {
  const cert = parseCertificate(pem, opts.field)
  const now = opts.now ?? new Date()
  const notBefore = new Date(cert.validFrom)
  const notAfter = new Date(cert.validTo)
  const sans = certificateSans(cert)
  const details = cert.publicKey.asymmetricKeyDetails
  const keyType = cert.publicKey.asymmetricKeyType ?? 'unknown'
  const selfSigned = cert.checkIssued(cert) && cert.verify(cert.publicKey)
  const info: CertificateInfo = {
    subject: dnLine(cert.subject),
    issuer: dnLine(cert.issuer),
    commonName: commonNameOf(cert),
    serial: cert.serialNumber.toLowerCase(),
    sans,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft: daysLeft(notAfter, now),
    expired: notAfter.getTime() <= now.getTime(),
    notYetValid: notBefore.getTime() > now.getTime(),
    fingerprintSha256: cert.fingerprint256,
    signatureAlgorithm: signatureAlgorithmOf(cert),
    keyType,
    keyBits: details?.modulusLength ?? (keyType === 'ec' ? ecBits(details?.namedCurve) : undefined),
    ...(details?.namedCurve === undefined ? {} : { keyCurve: curveName(details.namedCurve) }),
    isCa: cert.ca,
    selfSigned,
    extendedKeyUsage: extendedKeyUsageOf(cert),
    keyUsage: keyUsageOf(cert),
  }
  // A CA is never matched to an address (lint says so): coverage is a server certificate's question.
  if (opts.host !== undefined && !isSigningCa(info)) {
    const host = hostOf(opts.host)
    const match = coveringSan(sans, host)
    info.covers = {
      host,
      covered: match !== undefined,
      matchedBy: match ? `${match.type === 'ip' ? 'IP' : 'DNS'}:${match.value}` : undefined,
    }
  }
  return info
}

/** Node types keyUsage as string[], but it is undefined for a certificate without the extension (a CA). */
function extendedKeyUsageOf(cert: X509Certificate): string[] {
  const oids = cert.keyUsage as string[] | undefined
  return (oids ?? []).map((oid) => EKU_NAMES[oid] ?? oid)
}

const NIST_CURVES: Readonly<Record<string, string>> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
}

function curveName(curve: string): string {
  return NIST_CURVES[curve] ?? curve
}

function ecBits(curve: string | undefined): number | undefined {
  if (curve === undefined) return undefined
  const m = /(\d{3})/.exec(curve)
  return m ? Number(m[1]) : undefined
}
