import type { X509Certificate } from 'node:crypto'
import forge from 'node-forge'
import { parseSan, sanCoversHost } from './names'
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

export function signatureAlgorithmOf(cert: X509Certificate): string {
  const asn = forge.asn1.fromDer(forge.util.createBuffer(cert.raw.toString('binary')))
  const algSeq = (asn.value as forge.asn1.Asn1[])[1] as forge.asn1.Asn1
  const oidNode = (algSeq.value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1
  const oid = forge.asn1.derToOid(forge.util.createBuffer(oidNode.value as string))
  const name = forge.pki.oids[oid]
  return name ?? oid
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
  }
  if (opts.host !== undefined) {
    const match = coveringSan(sans, opts.host)
    info.covers = {
      host: opts.host,
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
