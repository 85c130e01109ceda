import { X509Certificate } from 'node:crypto'
import { DAY_MS, daysLeft } from '../dates'
import { AppError, invalidInput } from '../errors'
import { message } from '../messages/index'
import { TAG, childrenOf, contentsOf, encodingOf, oidText, readNode } from './der'
import { exportPrivateKeyPem, keyFor, resolveKeyType } from './keys'
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
  type CertUsage,
  type IssueInput,
  type IssuedCertificate,
  type KeyType,
  type LoadedCa,
  type SanEntry,
} from './types'

const MAX_CN_LENGTH = 64

export interface CheckedIssueInput {
  sans: SanEntry[]
  keyType: KeyType
  usage: CertUsage
  now: Date
  notBefore: Date
  notAfter: Date
}

/** The longest leaf the domain issues: over 825 days Apple platforms refuse a server certificate (same limit as IPC). */
export const MAX_LEAF_DAYS = DEFAULT_LEAF_DAYS

/**
 * The leaf's notAfter. Default validity is 825 days, cut short at the CA's notAfter; an explicit number of days over
 * 825 or that runs past the CA is refused (field `days`, INVALID_INPUT as the IPC schema refuses it).
 */
function leafNotAfter(ca: Pick<LoadedCa, 'notAfter'>, days: number | undefined, now: Date): Date {
  if (days === undefined)
    return new Date(Math.min(now.getTime() + DEFAULT_LEAF_DAYS * DAY_MS, ca.notAfter.getTime()))
  const caDaysLeft = daysLeft(ca.notAfter, now)
  const whole = Number.isInteger(days) && days > 0
  if (whole && days <= Math.min(MAX_LEAF_DAYS, caDaysLeft)) return new Date(now.getTime() + days * DAY_MS)
  // The tighter of the two limits is the one to name.
  if (caDaysLeft < MAX_LEAF_DAYS) throw pastCa(days, caDaysLeft, ca.notAfter)
  throw invalidInput('days', days, message('pki.allowed.leafDaysMax', { max: MAX_LEAF_DAYS }))
}

function pastCa(days: number, caDaysLeft: number, caNotAfter: Date): AppError {
  const caExpires = caNotAfter.toISOString().slice(0, 10)
  return invalidInput('days', days, message('pki.allowed.leafDaysCa', { max: caDaysLeft, caExpires }))
}

/** Validates an issue request against the CA before any key is generated. */
export function checkIssueInput(ca: Pick<LoadedCa, 'notAfter'>, input: IssueInput): CheckedIssueInput {
  const sans = parseSans(input.sans)
  const keyType = resolveKeyType(input)
  const usage = input.usage ?? 'server'
  const now = input.now ?? new Date()
  const notAfter = leafNotAfter(ca, input.days, now)
  const notBefore = new Date(now.getTime() - BACKDATE_MS)
  return { sans, keyType, usage, now, notBefore, notAfter }
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
  if (cert.tag !== TAG.SEQUENCE || tbs?.tag !== TAG.SEQUENCE) throw malformedCa('Certificate')
  const fields = childrenOf(der, tbs)
  // TBSCertificate: [0] version (explicit, optional), serial, signature, issuer, validity, subject, spki, ..., [3] ext
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0
  const subject = fields[offset + 4]
  const spki = fields[offset + 5]
  if (subject?.tag !== TAG.SEQUENCE || spki?.tag !== TAG.SEQUENCE) throw malformedCa('TBSCertificate')
  return {
    issuerDer: encodingOf(der, subject),
    keyIdentifier: subjectKeyIdentifierOf(der, fields) ?? keyIdentifier(encodingOf(der, spki)),
  }
}

function malformedCa(detail: string): AppError {
  return new AppError({ code: 'CA_CERT_MALFORMED', kind: 'input', field: 'caDir', params: { detail } })
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

function commonNameFor(sans: SanEntry[]): string | undefined {
  return sans.find((s) => s.value.length <= MAX_CN_LENGTH)?.value
}

/**
 * Issues a leaf certificate from the CA: every IP and DNS name as a SAN (the CN is only a label, Go never reads
 * it), CA:FALSE, digitalSignature (+ keyEncipherment for an RSA key: RSA key transport; an ECDSA key only signs, as Go
 * and OpenSSL issue them), serverAuth (or clientAuth for Docker engine clients), authority key identifier. The leaf's
 * key is ECDSA P-256 unless asked otherwise; the signature is the ISSUER's: ecdsa-with-SHA256 from an EC CA,
 * sha256WithRSAEncryption from an RSA CA, whatever the leaf's own key.
 */
export async function issueCertificate(ca: LoadedCa, input: IssueInput): Promise<IssuedCertificate> {
  const opts = checkIssueInput(ca, input)
  const { issuerDer, keyIdentifier: caKeyId } = caIdentity(ca.certPem)
  const key = await keyFor(opts.keyType, input.key)
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
        keyUsageExt(
          opts.keyType === 'ecdsa-p256' ? ['digitalSignature'] : ['digitalSignature', 'keyEncipherment'],
        ),
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
