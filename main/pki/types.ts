import type { KeyObject } from 'node:crypto'
import type { Params } from '../messages/types'

export const KEY_SIZES = [2048, 3072, 4096] as const
export type KeySize = (typeof KEY_SIZES)[number]

export { KEY_TYPES, DEFAULT_KEY_TYPE, SIGNING_CURVES, type KeyType } from './key-types'
import type { KeyType } from './key-types'

export const DEFAULT_CA_DAYS = 3650
export const DEFAULT_LEAF_DAYS = 825
/** notBefore is backdated by this much against clock skew between hosts. */
export const BACKDATE_MS = 5 * 60 * 1000

export interface SubjectInput {
  cn: string
  o?: string | undefined
  ou?: string | undefined
  c?: string | undefined
  st?: string | undefined
  l?: string | undefined
}

export type SanEntry = { type: 'ip'; value: string } | { type: 'dns'; value: string }

/** A certificate and its private key as PEM. `keyPem` is PKCS#8, encrypted (AES-256) when a passphrase was given. */
export interface PemPair {
  certPem: string
  keyPem: string
}

export interface CreateCaInput {
  subject: SubjectInput
  days?: number | undefined
  /** Wins over keySize when both are given. */
  keyType?: KeyType | undefined
  keySize?: KeySize | undefined
  passphrase?: string | undefined
  now?: Date | undefined
  /**
   * A key generated ahead of time (the GUI's background pre-generation, main/pki/pregen.ts): used when it is a private
   * key of the requested type, otherwise dropped and a fresh key generated. A rejection counts as no key.
   */
  key?: Promise<KeyObject | undefined> | undefined
}

/** An opened CA: its certificate and its decrypted key, held only in the main process. */
export interface LoadedCa {
  certPem: string
  key: KeyObject
  notBefore: Date
  notAfter: Date
  subject: string
}

export type CertUsage = 'server' | 'client'

export interface IssueInput {
  /** IPv4 / IPv6 addresses and DNS names; the first becomes the CN. */
  sans: string[]
  days?: number | undefined
  /** Wins over keySize when both are given. */
  keyType?: KeyType | undefined
  keySize?: KeySize | undefined
  usage?: CertUsage | undefined
  now?: Date | undefined
  /**
   * A key generated ahead of time (the CLI starts it while it loads): used when it is a private key of the requested
   * type (keyType, else rsa-keySize, else ECDSA P-256), otherwise discarded and a fresh key generated.
   */
  key?: Promise<KeyObject | undefined> | undefined
}

export interface IssuedCertificate extends PemPair {
  /** Serial as lower-case hex. */
  serial: string
  notBefore: Date
  notAfter: Date
  sans: SanEntry[]
  usage: CertUsage
}

export interface CertificateInfo {
  subject: string
  issuer: string
  commonName: string | undefined
  serial: string
  sans: SanEntry[]
  notBefore: string
  notAfter: string
  daysLeft: number
  expired: boolean
  notYetValid: boolean
  fingerprintSha256: string
  signatureAlgorithm: string
  /** node:crypto's asymmetricKeyType: 'rsa', 'ec', 'ed25519'... */
  keyType: string
  keyBits: number | undefined
  /** An EC key's curve by its NIST name (P-256, P-384, P-521), else its OpenSSL name; undefined for other keys. */
  keyCurve?: string | undefined
  isCa: boolean
  selfSigned: boolean
  extendedKeyUsage: string[]
  /** keyUsage names (digitalSignature, keyCertSign...); empty when the extension is absent. */
  keyUsage?: string[] | undefined
  /** Present when a host was asked about: does a SAN cover it (Go's rules: the CN is never used)? */
  covers?: { host: string; covered: boolean; matchedBy?: string | undefined } | undefined
}

export type LintSeverity = 'error' | 'warning'

export type LintCode =
  | 'NO_SAN'
  | 'CN_ONLY'
  | 'IP_WITHOUT_IP_SAN'
  | 'LEAF_TOO_LONG'
  | 'SHA1'
  | 'WEAK_KEY'
  | 'HOST_NOT_COVERED'
  | 'CA_NOT_SERVER'
  /** Plan-level (checkSans): a loopback address among the planned ones. */
  | 'LOOPBACK_ADDRESS'

/** A lint finding: its text is `lint.CODE` in the catalogue, filled with `params`. */
export interface LintFinding {
  code: LintCode
  severity: LintSeverity
  params: Params
  /** The English text (JSON consumers, logs) while front ends move to code + params. */
  message: string
}
