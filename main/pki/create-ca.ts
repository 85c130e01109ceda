import { DAY_MS } from '../dates'
import { invalidInput } from '../errors'
import { message } from '../messages/index'
import { checkPassphrase, exportPrivateKeyPem, keyFor, resolveKeyType } from './keys'
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
  type CreateCaInput,
  type KeyType,
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

export interface CheckedCreateCaInput {
  subject: SubjectInput
  days: number
  keyType: KeyType
  now: Date
  passphrase?: string
}

/** Validates everything first (so bad input never costs a key generation), then creates the CA. */
export function checkCreateCaInput(input: CreateCaInput): CheckedCreateCaInput {
  const subject = checkSubject(input.subject)
  const days = checkDays(input.days ?? DEFAULT_CA_DAYS, 'days', MAX_CA_DAYS)
  const keyType = resolveKeyType(input)
  checkPassphrase(input.passphrase)
  return {
    subject,
    days,
    keyType,
    now: input.now ?? new Date(),
    ...(input.passphrase === undefined ? {} : { passphrase: input.passphrase }),
  }
}

/**
 * A root CA for the registry: CA:TRUE (critical, pathlen 0), keyCertSign + cRLSign (critical), subject key
 * identifier, signed with its own key (ecdsa-with-SHA256 for the default ECDSA P-256, sha256WithRSAEncryption for
 * RSA), random 128-bit serial, notBefore backdated against clock skew. `input.key`: one generated ahead of time (the
 * GUI's background RSA-4096), used when it has the type asked for.
 */
export async function createCa(input: CreateCaInput): Promise<PemPair> {
  const opts = checkCreateCaInput(input)
  const key = await keyFor(opts.keyType, input.key)
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
