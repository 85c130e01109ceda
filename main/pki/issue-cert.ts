import { X509Certificate } from 'node:crypto'
import forge from 'node-forge'
import { invalidInput } from '../errors'
import { exportPrivateKeyPem, generateRsaKey, parseKeySize } from './keys'
import { parseSans } from './names'
import { signCertificate, utf8Field } from './sign-certificate'
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

function caIdentity(caCertPem: string): { issuerDer: string; keyIdentifier: string } {
  const x509 = new X509Certificate(caCertPem)
  const der = forge.util.createBuffer(x509.raw.toString('binary'))
  const asn = forge.asn1.fromDer(der)
  const tbs = (asn.value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1
  const fields = tbs.value as forge.asn1.Asn1[]
  // TBSCertificate: [0] version (explicit, optional), serial, signature, issuer, validity, subject, ...
  const offset = (fields[0] as forge.asn1.Asn1).tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0
  const subject = fields[offset + 4] as forge.asn1.Asn1
  const forgeCa = forge.pki.certificateFromPem(caCertPem)
  const ski = forgeCa.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | null
  const keyIdentifier = ski?.subjectKeyIdentifier
    ? forge.util.hexToBytes(ski.subjectKeyIdentifier)
    : forgeCa.generateSubjectKeyIdentifier().getBytes()
  return { issuerDer: forge.asn1.toDer(subject).getBytes(), keyIdentifier }
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
  const { issuerDer, keyIdentifier } = caIdentity(ca.certPem)
  const key = await generateRsaKey(opts.keySize)
  const cn = commonNameFor(opts.sans)
  const altNames = opts.sans.map((s) =>
    s.type === 'ip' ? { type: 7, ip: s.value } : { type: 2, value: s.value },
  )
  const { pem, serial } = signCertificate(
    {
      subject: cn === undefined ? [] : [utf8Field('CN', cn)],
      issuer: { rawDer: issuerDer },
      publicKey: key,
      notBefore: opts.notBefore,
      notAfter: opts.notAfter,
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        opts.usage === 'server'
          ? { name: 'extKeyUsage', serverAuth: true }
          : { name: 'extKeyUsage', clientAuth: true },
        { name: 'subjectAltName', altNames },
        { name: 'subjectKeyIdentifier' },
        { name: 'authorityKeyIdentifier', keyIdentifier },
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
