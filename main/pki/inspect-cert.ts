import type { X509Certificate } from 'node:crypto'
import { hostOf, parseSan, sanCoversHost } from './names'
import { parseCertificate } from './open-ca'
import type { CertificateInfo, SanEntry } from './types'

const DAY_MS = 24 * 60 * 60 * 1000
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

/** One DER TLV at `pos`: where its value starts and ends. */
function derItem(der: Uint8Array, pos: number): { tag: number; start: number; end: number } {
  const tag = der[pos] ?? 0
  let len = der[pos + 1] ?? 0
  let start = pos + 2
  if (len & 0x80) {
    const n = len & 0x7f
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + (der[start + i] ?? 0)
    start += n
  }
  return { tag, start, end: start + len }
}

function oidText(bytes: Uint8Array): string {
  const parts: number[] = []
  let v = 0
  for (const b of bytes) {
    v = v * 128 + (b & 0x7f)
    if ((b & 0x80) === 0) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80)
      else parts.push(v)
      v = 0
    }
  }
  return parts.join('.')
}

/** The signature algorithm's name (as OpenSSL names it), read from the DER: Certificate ::= SEQUENCE {tbs, algorithm, signature}. */
export function signatureAlgorithmOf(cert: X509Certificate): string {
  const der = cert.raw
  const outer = derItem(der, 0)
  const tbs = derItem(der, outer.start)
  const alg = derItem(der, tbs.end)
  const oid = derItem(der, alg.start)
  if (oid.tag !== 0x06) return 'unknown'
  const dotted = oidText(der.subarray(oid.start, oid.end))
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
  const der = cert.raw
  const outer = derItem(der, 0)
  const tbs = derItem(der, outer.start)
  for (let pos = tbs.start; pos < tbs.end;) {
    const item = derItem(der, pos)
    if (item.tag === 0xa3) {
      const exts = derItem(der, item.start)
      for (let e = exts.start; e < exts.end;) {
        const ext = derItem(der, e)
        const oid = derItem(der, ext.start)
        if (oidText(der.subarray(oid.start, oid.end)) === '2.5.29.15') {
          let v = derItem(der, oid.end)
          if (v.tag === 0x01) v = derItem(der, v.end)
          const bits = derItem(der, v.start)
          const bytes = der.subarray(bits.start + 1, bits.end)
          return KEY_USAGE_BITS.filter((_, i) => ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0)
        }
        e = ext.end
      }
      return []
    }
    pos = item.end
  }
  return []
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
}

export function inspectCertificate(pem: string, opts: InspectOptions = {}): CertificateInfo {
  const cert = parseCertificate(pem)
  const now = opts.now ?? new Date()
  const notBefore = new Date(cert.validFrom)
  const notAfter = new Date(cert.validTo)
  const sans = certificateSans(cert)
  const details = cert.publicKey.asymmetricKeyDetails
  const keyType = cert.publicKey.asymmetricKeyType ?? 'unknown'
  const selfSigned = cert.checkIssued(cert) && cert.verify(cert.publicKey)
  const info: CertificateInfo = {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    commonName: commonNameOf(cert),
    serial: cert.serialNumber.toLowerCase(),
    sans,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
    expired: notAfter.getTime() <= now.getTime(),
    notYetValid: notBefore.getTime() > now.getTime(),
    fingerprintSha256: cert.fingerprint256,
    signatureAlgorithm: signatureAlgorithmOf(cert),
    keyType,
    keyBits: details?.modulusLength ?? (keyType === 'ec' ? ecBits(details?.namedCurve) : undefined),
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

function ecBits(curve: string | undefined): number | undefined {
  if (curve === undefined) return undefined
  const m = /(\d{3})/.exec(curve)
  return m ? Number(m[1]) : undefined
}
