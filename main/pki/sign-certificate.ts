import { createHash, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto'
import { isIPv4 } from 'node:net'
import {
  TAG,
  bitString,
  boolean,
  childrenOf,
  contentsOf,
  explicit,
  ia5String,
  implicit,
  integer,
  namedBits,
  nullValue,
  octetString,
  oid,
  printableString,
  readNode,
  sequence,
  setOf,
  time,
  utf8String,
} from './der'
import { pemFromDer } from './pem'
import { SIGNING_CURVES, type SanEntry, type SubjectInput } from './types'

// X.509 v3 certificates (RFC 5280) built with our small DER encoder and signed with Node's native crypto: no ASN.1
// library is loaded to issue a certificate.

/** A random positive 128-bit serial (top bit cleared, first byte non-zero so the DER INTEGER stays minimal). */
export function randomSerialHex(): string {
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0] ?? 0) & 0x7f || 0x01
  return bytes.toString('hex')
}

/** How a certificate is signed: the AlgorithmIdentifier written into it and the digest handed to node:crypto. */
export interface SignatureAlgorithm {
  name: string
  oid: string
  hash: 'sha256' | 'sha384' | 'sha512'
  /** RSA PKCS#1 v1.5 algorithms carry NULL parameters; ECDSA ones carry none (RFC 5758). */
  nullParameters: boolean
}

export const SHA256_WITH_RSA: SignatureAlgorithm = {
  name: 'sha256WithRSAEncryption',
  oid: '1.2.840.113549.1.1.11',
  hash: 'sha256',
  nullParameters: true,
}

export const ECDSA_WITH_SHA256: SignatureAlgorithm = {
  name: 'ecdsa-with-SHA256',
  oid: '1.2.840.10045.4.3.2',
  hash: 'sha256',
  nullParameters: false,
}

export const ECDSA_WITH_SHA384: SignatureAlgorithm = {
  name: 'ecdsa-with-SHA384',
  oid: '1.2.840.10045.4.3.3',
  hash: 'sha384',
  nullParameters: false,
}

export const ECDSA_WITH_SHA512: SignatureAlgorithm = {
  name: 'ecdsa-with-SHA512',
  oid: '1.2.840.10045.4.3.4',
  hash: 'sha512',
  nullParameters: false,
}

/** The curves an (imported) EC CA key may be on, and the digest that matches each (as OpenSSL and Go pick it). */
export const EC_SIGNATURES: Readonly<Record<(typeof SIGNING_CURVES)[number], SignatureAlgorithm>> = {
  prime256v1: ECDSA_WITH_SHA256,
  secp384r1: ECDSA_WITH_SHA384,
  secp521r1: ECDSA_WITH_SHA512,
}

/**
 * The algorithm a signer key signs with: sha256WithRSAEncryption for RSA, ecdsa-with-SHA256 for P-256 (SHA-384 for
 * P-384, SHA-512 for P-521). The issuer's key decides, whatever key the certificate certifies.
 */
export function signatureAlgorithmFor(key: KeyObject): SignatureAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return SHA256_WITH_RSA
  const curve = SIGNING_CURVES.find((c) => c === key.asymmetricKeyDetails?.namedCurve)
  if (key.asymmetricKeyType === 'ec' && curve !== undefined) return EC_SIGNATURES[curve]
  throw new Error(`no signature algorithm for a ${key.asymmetricKeyType ?? 'unknown'} key`)
}

function algorithmIdentifier(alg: SignatureAlgorithm): Buffer {
  return alg.nullParameters ? sequence(oid(alg.oid), nullValue()) : sequence(oid(alg.oid))
}

const NAME_OIDS = {
  c: '2.5.4.6',
  st: '2.5.4.8',
  l: '2.5.4.7',
  o: '2.5.4.10',
  ou: '2.5.4.11',
  cn: '2.5.4.3',
} as const

/**
 * A Name (RDNSequence), one attribute per RDN, in the order OpenSSL prints it: C, ST, L, O, OU, CN. C is a
 * PrintableString by definition; the others are UTF8String (so Chinese organisation names survive), as OpenSSL
 * writes them by default. Empty values are left out; no attribute at all gives the empty Name.
 */
export function nameDer(subject: Partial<SubjectInput>): Buffer {
  const rdns: Buffer[] = []
  for (const key of ['c', 'st', 'l', 'o', 'ou', 'cn'] as const) {
    const value = subject[key]
    if (value === undefined || value === '') continue
    const text = key === 'c' ? printableString(value) : utf8String(value)
    rdns.push(setOf(sequence(oid(NAME_OIDS[key]), text)))
  }
  return sequence(...rdns)
}

/** An Extension: extnID, critical (left out when false: DER omits a DEFAULT value), extnValue. */
function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical
    ? sequence(oid(id), boolean(true), octetString(value))
    : sequence(oid(id), octetString(value))
}

/** basicConstraints, critical: CA:TRUE with an optional pathLenConstraint, or CA:FALSE (the empty SEQUENCE). */
export function basicConstraintsExt(ca: boolean, pathLen?: number): Buffer {
  const items = [...(ca ? [boolean(true)] : []), ...(pathLen === undefined ? [] : [integer(pathLen)])]
  return extension('2.5.29.19', true, sequence(...items))
}

const KEY_USAGE_BIT = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
} as const
export type KeyUsageName = keyof typeof KEY_USAGE_BIT

/** keyUsage, critical. */
export function keyUsageExt(usages: readonly KeyUsageName[]): Buffer {
  return extension('2.5.29.15', true, namedBits(usages.map((u) => KEY_USAGE_BIT[u])))
}

const EKU_OIDS = { serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2' } as const

/** extendedKeyUsage (not critical). */
export function extKeyUsageExt(usages: readonly (keyof typeof EKU_OIDS)[]): Buffer {
  return extension('2.5.29.37', false, sequence(...usages.map((u) => oid(EKU_OIDS[u]))))
}

/** The 4 or 16 octets of an IPv4 / IPv6 address (IPv6 may end in a dotted IPv4 part). */
export function ipBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number))
  let text = ip
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(ip)
  if (dotted) {
    const v4 = ipBytes(dotted[2] as string)
    text = `${dotted[1] as string}${v4.readUInt16BE(0).toString(16)}:${v4.readUInt16BE(2).toString(16)}`
  }
  const halves = text.split('::')
  if (halves.length > 2) throw new RangeError(`"${ip}" is not an IP address`)
  const groups = (s: string | undefined): string[] => (s === undefined || s === '' ? [] : s.split(':'))
  const head = groups(halves[0])
  const tail = groups(halves[1])
  const missing = 8 - head.length - tail.length
  if (missing < 0 || (halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) {
    throw new RangeError(`"${ip}" is not an IP address`)
  }
  const all = [...head, ...(Array(halves.length === 2 ? missing : 0).fill('0') as string[]), ...tail]
  const out = Buffer.alloc(16)
  all.forEach((g, i) => {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) throw new RangeError(`"${ip}" is not an IP address`)
    out.writeUInt16BE(parseInt(g, 16), i * 2)
  })
  return out
}

/**
 * subjectAltName: iPAddress [7] and dNSName [2] in the order given. RFC 5280 4.2.1.6: critical when the subject
 * is empty (a certificate whose every name is too long for a CN).
 */
export function subjectAltNameExt(sans: readonly SanEntry[], critical = false): Buffer {
  const names = sans.map((s) =>
    s.type === 'ip' ? implicit(7, ipBytes(s.value)) : implicit(2, contentsOfIa5(s.value)),
  )
  return extension('2.5.29.17', critical, sequence(...names))
}

function contentsOfIa5(text: string): Buffer {
  const der = ia5String(text)
  return contentsOf(der, readNode(der))
}

/**
 * The key identifier of RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's value (without tag,
 * length and unused-bits octet), read from a SubjectPublicKeyInfo DER. OpenSSL and Go compute the same.
 */
export function keyIdentifier(spkiDer: Uint8Array): Buffer {
  const spki = readNode(spkiDer)
  const bits = childrenOf(spkiDer, spki)[1]
  if (spki.tag !== TAG.SEQUENCE || bits?.tag !== TAG.BIT_STRING) throw new Error('not a SubjectPublicKeyInfo')
  return createHash('sha1')
    .update(spkiDer.subarray(bits.contentStart + 1, bits.end))
    .digest()
}

export function subjectKeyIdentifierExt(keyId: Uint8Array): Buffer {
  return extension('2.5.29.14', false, octetString(keyId))
}

/** authorityKeyIdentifier with the keyIdentifier [0] only (the issuing CA's subject key identifier). */
export function authorityKeyIdentifierExt(keyId: Uint8Array): Buffer {
  return extension('2.5.29.35', false, sequence(implicit(0, keyId)))
}

/** The SubjectPublicKeyInfo DER of a key (its public half), as OpenSSL exports it. */
export function spkiDer(key: KeyObject): Buffer {
  return (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' })
}

export interface CertificateTemplate {
  /** The subject Name DER (nameDer). */
  subject: Buffer
  /** The issuer Name DER: the CA certificate's subject copied byte for byte, or the subject itself (self-signed). */
  issuer: Buffer
  /** The certified key (a private or public KeyObject: its public half goes in). */
  publicKey: KeyObject
  notBefore: Date
  notAfter: Date
  /** Each a whole Extension DER (the *Ext helpers), in the order they are written. */
  extensions: Buffer[]
  /** Default: the one the signer key's type signs with (signatureAlgorithmFor). */
  algorithm?: SignatureAlgorithm | undefined
}

/** The TBSCertificate DER: v3, the serial (hex), validity, SPKI as Node exports it, extensions ([3], when any). */
export function tbsCertificate(
  template: CertificateTemplate,
  serialHex: string,
  algorithm: SignatureAlgorithm,
): Buffer {
  return sequence(
    explicit(0, integer(2)),
    integer(Buffer.from(serialHex, 'hex')),
    algorithmIdentifier(algorithm),
    template.issuer,
    sequence(time(template.notBefore), time(template.notAfter)),
    template.subject,
    spkiDer(template.publicKey),
    ...(template.extensions.length === 0 ? [] : [explicit(3, sequence(...template.extensions))]),
  )
}

/**
 * Builds the TBSCertificate with a random serial and signs it with Node's native crypto (ECDSA signatures DER-encoded,
 * as X.509 wants them), so a 4096-bit CA key never goes through JavaScript big numbers. The issuer is written as given, byte for byte: Go's chain building compares
 * the raw bytes of issuer and subject.
 */
export function signCertificate(
  template: CertificateTemplate,
  signerKey: KeyObject,
): { pem: string; der: Buffer; serial: string } {
  const algorithm = template.algorithm ?? signatureAlgorithmFor(signerKey)
  const serial = randomSerialHex()
  const tbs = tbsCertificate(template, serial, algorithm)
  const signature = sign(algorithm.hash, tbs, signerKey)
  const der = sequence(tbs, algorithmIdentifier(algorithm), bitString(signature))
  return { pem: pemFromDer(der), der, serial }
}
