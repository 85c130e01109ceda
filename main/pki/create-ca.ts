import { DAY_MS } from '../dates'
import { invalidInput } from '../errors'
import { message } from '../messages/index'
import { checkPassphrase, exportPrivateKeyPem, generateRsaKey, parseKeySize } from './keys'
import {
  basicConstraintsExt,
  keyIdentifier,
  keyUsageExt,
  nameDer,
  signCertificate,
  spkiDer,
  subjectKeyIdentifierExt,
} from './sign-certificate'
import {
  BACKDATE_MS,
  DEFAULT_CA_DAYS,
  DEFAULT_CA_KEY_SIZE,
  type CreateCaInput,
  type PemPair,
  type SubjectInput,
} from './types'

export const MAX_CA_DAYS = 36500

export function checkDays(days: number, field: string, max: number): number {
  if (!Number.isInteger(days) || days <= 0 || days > max) {
    throw invalidInput(field, days, message('pki.allowed.days', { max }))
  }
  return days
}

/** The request fields of a subject's parts (CreateCaRequest: commonName, organization; the CLI has them all). */
const SUBJECT_FIELDS = {
  o: 'organization',
  ou: 'organizationalUnit',
  st: 'state',
  l: 'locality',
} as const

export function checkSubject(subject: SubjectInput): SubjectInput {
  const cn = subject.cn.trim()
  if (cn === '' || cn.length > 64)
    throw invalidInput('commonName', subject.cn, message('pki.allowed.commonName'))
  for (const [key, field] of Object.entries(SUBJECT_FIELDS) as [keyof typeof SUBJECT_FIELDS, string][]) {
    const v = subject[key]
    if (v !== undefined && v.length > 64) throw invalidInput(field, v, message('pki.allowed.max64'))
  }
  if (subject.c !== undefined && !/^[A-Z]{2}$/.test(subject.c))
    throw invalidInput('country', subject.c, message('pki.allowed.country'))
  return { ...subject, cn }
}

/** Validates everything first (so bad input never costs a key generation), then creates the CA. */
export function checkCreateCaInput(
  input: CreateCaInput,
): Required<Omit<CreateCaInput, 'passphrase' | 'keyType'>> & { passphrase?: string } {
  const subject = checkSubject(input.subject)
  const days = checkDays(input.days ?? DEFAULT_CA_DAYS, 'days', MAX_CA_DAYS)
  const keySize = parseKeySize(input.keySize ?? DEFAULT_CA_KEY_SIZE)
  checkPassphrase(input.passphrase)
  return {
    subject,
    days,
    keySize,
    now: input.now ?? new Date(),
    ...(input.passphrase === undefined ? {} : { passphrase: input.passphrase }),
  }
}

/**
 * A root CA for the registry: CA:TRUE (critical, pathlen 0), keyCertSign + cRLSign (critical), subject key
 * identifier, sha256WithRSAEncryption, random 128-bit serial, notBefore backdated against clock skew.
 */
export async function createCa(input: CreateCaInput): Promise<PemPair> {
  const opts = checkCreateCaInput(input)
  const key = await generateRsaKey(opts.keySize)
  const notBefore = new Date(opts.now.getTime() - BACKDATE_MS)
  const notAfter = new Date(opts.now.getTime() + opts.days * DAY_MS)
  const name = nameDer(opts.subject)
  const { pem } = signCertificate(
    {
      subject: name,
      issuer: name,
      publicKey: key,
      notBefore,
      notAfter,
      extensions: [
        basicConstraintsExt(true, 0),
        keyUsageExt(['keyCertSign', 'cRLSign']),
        subjectKeyIdentifierExt(keyIdentifier(spkiDer(key))),
      ],
    },
    key,
  )
  return { certPem: pem, keyPem: exportPrivateKeyPem(key, opts.passphrase) }
}
