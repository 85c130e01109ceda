import { X509Certificate, type KeyObject } from 'node:crypto'
import { invalidInput } from '../errors'
import { TAG, childrenOf, contentsOf, encodingOf, oidText, readNode } from './der'
import { exportPrivateKeyPem, generateRsaKey, parseKeySize } from './keys'
import { parseSans } from './names'
import {
  authorityKeyIdentifierExt,
  basicConstraintsExt,
  extKeyUsageExt,
  keyIdentifier,
  keyUsageExt,
  nameDer,
  signCertificate,
  spkiDer,
  subjectAltNameExt,
  subjectKeyIdentifierExt,
} from './sign-certificate'
import {
  BACKDATE_MS,
  DEFAULT_LEAF_DAYS,
  DEFAULT_LEAF_KEY_SIZE,
  type CertUsage,
  type IssueInput,
  type IssuedCertificate,
  type KeySize,
  type LoadedCa,
  type SanEntry,
} from './types'

const DAY_MS = 24 * 60 * 60 * 1000
const MAX_CN_LENGTH = 64

export interface CheckedIssueInput {
  sans: SanEntry[]
  keySize: KeySize
  usage: CertUsage
  now: Date
  notBefore: Date
  notAfter: Date
}

/**
 * Validates an issue request against the CA before any key is generated. Default validity is 825 days, cut
 * short at the CA's notAfter; an explicit number of days that runs past the CA is refused.
 */
export function checkIssueInput(ca: Pick<LoadedCa, 'notAfter'>, input: IssueInput): CheckedIssueInput {
  const sans = parseSans(input.sans)
  const keySize = parseKeySize(input.keySize ?? DEFAULT_LEAF_KEY_SIZE)
  const usage = input.usage ?? 'server'
  const now = input.now ?? new Date()
  const caDaysLeft = Math.floor((ca.notAfter.getTime() - now.getTime()) / DAY_MS)
  let notAfter: Date
  if (input.days === undefined) {
    notAfter = new Date(Math.min(now.getTime() + DEFAULT_LEAF_DAYS * DAY_MS, ca.notAfter.getTime()))
  } else {
    if (!Number.isInteger(input.days) || input.days <= 0 || input.days > caDaysLeft) {
      throw invalidInput(
        'days',
        input.days,
        `a whole number of days from 1 to ${caDaysLeft} is allowed (a certificate cannot outlive its CA, which expires ${ca.notAfter.toISOString().slice(0, 10)})`,
      )
    }
    notAfter = new Date(now.getTime() + input.days * DAY_MS)
  }
  const notBefore = new Date(now.getTime() - BACKDATE_MS)
  return { sans, keySize, usage, now, notBefore, notAfter }
}

const SUBJECT_KEY_IDENTIFIER = '2.5.29.14'

/**
 * What a leaf needs from its CA certificate: the CA's subject Name exactly as encoded (it becomes the leaf's issuer,
 * byte for byte) and its key identifier (the CA's subjectKeyIdentifier, or computed from its key when it has none).
 */
export function caIdentity(caCertPem: string): { issuerDer: Buffer; keyIdentifier: Buffer } {
  const der = new X509Certificate(caCertPem).raw
  const cert = readNode(der)
  const tbs = childrenOf(der, cert)[0]
  if (cert.tag !== TAG.SEQUENCE || tbs?.tag !== TAG.SEQUENCE)
    throw new Error('CA certificate: not a Certificate')
  const fields = childrenOf(der, tbs)
  // TBSCertificate: [0] version (explicit, optional), serial, signature, issuer, validity, subject, spki, ..., [3] ext
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0
  const subject = fields[offset + 4]
  const spki = fields[offset + 5]
  if (subject?.tag !== TAG.SEQUENCE || spki?.tag !== TAG.SEQUENCE)
    throw new Error('CA certificate: no subject')
  return {
    issuerDer: encodingOf(der, subject),
    keyIdentifier: subjectKeyIdentifierOf(der, fields) ?? keyIdentifier(encodingOf(der, spki)),
  }
}

function subjectKeyIdentifierOf(der: Buffer, tbsFields: ReturnType<typeof childrenOf>): Buffer | undefined {
  const exts = tbsFields.find((f) => f.tag === 0xa3)
  const list = exts === undefined ? undefined : childrenOf(der, exts)[0]
  if (list === undefined) return undefined
  for (const ext of childrenOf(der, list)) {
    const parts = childrenOf(der, ext)
    const id = parts[0]
    const value = parts[parts.length - 1]
    if (id?.tag !== TAG.OID || oidText(contentsOf(der, id)) !== SUBJECT_KEY_IDENTIFIER) continue
    if (value?.tag !== TAG.OCTET_STRING) return undefined
    const inner = contentsOf(der, value)
    const keyId = readNode(inner)
    return keyId.tag === TAG.OCTET_STRING ? contentsOf(inner, keyId) : undefined
  }
  return undefined
}

/** The key generated ahead of time when it is a private RSA key of the requested size; a fresh one otherwise. */
async function leafKey(bits: KeySize, early: IssueInput['key']): Promise<KeyObject> {
  const key = early === undefined ? undefined : await early
  const fits = key?.type === 'private' && key.asymmetricKeyType === 'rsa'
  if (fits && key.asymmetricKeyDetails?.modulusLength === bits) return key
  return generateRsaKey(bits)
}

function commonNameFor(sans: SanEntry[]): string | undefined {
  return sans.find((s) => s.value.length <= MAX_CN_LENGTH)?.value
}

/**
 * Issues a leaf certificate from the CA: every IP and DNS name as a SAN (the CN is only a label, Go never reads
 * it), CA:FALSE, digitalSignature + keyEncipherment, serverAuth (or clientAuth for Docker engine clients),
 * authority key identifier, sha256WithRSAEncryption.
 */
export async function issueCertificate(ca: LoadedCa, input: IssueInput): Promise<IssuedCertificate> {
  const opts = checkIssueInput(ca, input)
  const { issuerDer, keyIdentifier: caKeyId } = caIdentity(ca.certPem)
  const key = await leafKey(opts.keySize, input.key)
  const cn = commonNameFor(opts.sans)
  const { pem, serial } = signCertificate(
    {
      subject: nameDer(cn === undefined ? {} : { cn }),
      issuer: issuerDer,
      publicKey: key,
      notBefore: opts.notBefore,
      notAfter: opts.notAfter,
      extensions: [
        basicConstraintsExt(false),
        keyUsageExt(['digitalSignature', 'keyEncipherment']),
        extKeyUsageExt([opts.usage === 'server' ? 'serverAuth' : 'clientAuth']),
        subjectAltNameExt(opts.sans, cn === undefined),
        subjectKeyIdentifierExt(keyIdentifier(spkiDer(key))),
        authorityKeyIdentifierExt(caKeyId),
      ],
    },
    ca.key,
  )
  return {
    certPem: pem,
    keyPem: exportPrivateKeyPem(key),
    serial,
    notBefore: opts.notBefore,
    notAfter: opts.notAfter,
    sans: opts.sans,
    usage: opts.usage,
  }
}
