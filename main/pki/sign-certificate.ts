import { randomBytes, sign, type KeyObject } from 'node:crypto'
import forge from 'node-forge'
import { publicKeyPem } from './keys'
import type { SubjectInput } from './types'

/** A random positive 128-bit serial (top bit cleared, first byte non-zero so the DER INTEGER stays minimal). */
export function randomSerialHex(): string {
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0] ?? 0) & 0x7f || 0x01
  return bytes.toString('hex')
}

/** A name attribute encoded as UTF8String (so Chinese organisation names survive), as OpenSSL does by default. */
export function utf8Field(shortName: string, value: string): forge.pki.CertificateField {
  return { shortName, value, valueTagClass: forge.asn1.Type.UTF8 } as unknown as forge.pki.CertificateField
}

// node-forge has this function but its type definitions do not declare it.
const getTBSCertificate = (
  forge.pki as unknown as { getTBSCertificate: (c: forge.pki.Certificate) => forge.asn1.Asn1 }
).getTBSCertificate

export function subjectAttributes(subject: SubjectInput): forge.pki.CertificateField[] {
  const attrs: forge.pki.CertificateField[] = []
  const add = (shortName: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') attrs.push(utf8Field(shortName, value))
  }
  // Order as OpenSSL prints it: C, ST, L, O, OU, CN. C is a PrintableString by definition.
  if (subject.c) attrs.push({ shortName: 'C', value: subject.c })
  add('ST', subject.st)
  add('L', subject.l)
  add('O', subject.o)
  add('OU', subject.ou)
  add('CN', subject.cn)
  return attrs
}

export interface CertificateTemplate {
  subject: forge.pki.CertificateField[]
  /** The issuer as attributes (self-signed) or as the CA's raw subject Name DER, copied byte for byte. */
  issuer: forge.pki.CertificateField[] | { rawDer: string }
  publicKey: KeyObject
  notBefore: Date
  notAfter: Date
  extensions: object[]
}

const TBS_ISSUER_INDEX = 3

/**
 * Builds the certificate with node-forge and signs it (sha256WithRSAEncryption) with Node's native RSA, so a
 * 4096-bit CA key never goes through forge's pure-JS big-number code. A CA's subject is copied into the issuer
 * field byte for byte: Go's chain building compares the raw bytes, so re-encoding it could break the chain.
 */
export function signCertificate(
  template: CertificateTemplate,
  signerKey: KeyObject,
): { pem: string; serial: string } {
  const cert = forge.pki.createCertificate()
  cert.serialNumber = randomSerialHex()
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem(template.publicKey))
  cert.validity.notBefore = template.notBefore
  cert.validity.notAfter = template.notAfter
  cert.setSubject(template.subject)
  cert.setIssuer(Array.isArray(template.issuer) ? template.issuer : template.subject)
  cert.setExtensions(template.extensions)
  const sha256WithRsa = forge.pki.oids['sha256WithRSAEncryption'] as string
  cert.md = forge.md.sha256.create()
  cert.signatureOid = sha256WithRsa
  cert.siginfo.algorithmOid = sha256WithRsa
  const tbs = getTBSCertificate(cert)
  if (!Array.isArray(template.issuer)) {
    ;(tbs.value as forge.asn1.Asn1[])[TBS_ISSUER_INDEX] = forge.asn1.fromDer(template.issuer.rawDer)
  }
  cert.tbsCertificate = tbs
  const der = Buffer.from(forge.asn1.toDer(tbs).getBytes(), 'binary')
  cert.signature = sign('sha256', der, signerKey).toString('binary')
  // forge writes CRLF line ends; PEM files on Linux (and OpenSSL's own) use LF.
  return { pem: forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n'), serial: cert.serialNumber }
}
