// Renewing the CA (a root CA folder: ca.crt + ca.key) as one job: a NEW key and a new self-signed certificate with
// the same subject, the old pair archived beside it (NAME.bak-STAMP, never overwritten silently), nothing changed on
// any failure.
//
// Why a new key, not the same key under a new certificate: the renewal is the one moment the CA key can be rotated
// without breaking clients. A key kept for another ten years keeps every copy and backup of it made so far valid for
// that long; with a new key the old CA simply ends on its date. The price is an overlap: clients must trust BOTH CAs
// until the server certificate comes from the new one, which is what the two-CA trust bundle is for (Docker,
// containerd and Podman read every certificate of ca.crt as a root). No cross-signed link certificates: they only
// help clients that build chains from what the server sends, and the registry would then have to serve a chain.
import { X509Certificate } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join, resolve } from 'node:path'
import { DAY_MS } from '../dates'
import { AppError } from '../errors'
import { backupFile, pathExists, writeFileAtomic } from '../fs/atomic-write'
import { runJob, type JobStep, type RunJobOptions } from '../jobs/runner'
import {
  BACKDATE_MS,
  CA_CERT_FILE,
  CA_CHAIN_FILE,
  CA_KEY_FILE,
  DEFAULT_CA_DAYS,
  exportPrivateKeyPem,
  isSelfSigned,
  readCaDirFile,
  readPrivateKey,
  type KeyType,
} from '../pki/index'
import { writeKeyFile } from '../pki/ca-files'
import { checkDays, MAX_CA_DAYS } from '../pki/create-ca'
import { caIdentity } from '../pki/issue-cert'
import { checkPassphrase, generateKey, keyTypeOf, resolveKeyType } from '../pki/keys'
import { dnLine } from '../pki/pem'
import {
  basicConstraintsExt,
  keyIdentifier,
  keyUsageExt,
  signCertificate,
  spkiDer,
  subjectKeyIdentifierExt,
} from '../pki/sign-certificate'

export interface RenewCaInput {
  caDir: string
  /** The old key's passphrase; the new key is encrypted with it too. */
  passphrase?: string | undefined
  /** Validity of the new CA (default 3650 days). */
  days?: number | undefined
  /** The new key's type (wins over keySize); default: the old key's type (ECDSA P-256 when ours has no such type). */
  keyType?: KeyType | undefined
  /** RSA bits of the new key: rsa-N. */
  keySize?: number | undefined
  now?: Date | undefined
}

export interface CaFacts {
  certPath: string
  subject: string
  notBefore: string
  notAfter: string
  fingerprintSha256: string
}

export interface RenewCaResult extends CaFacts {
  dir: string
  keyPath: string
  /** The old CA, archived beside the new one: its certificate and key backups. */
  previous: CaFacts & { keyPath: string }
  /** Until when clients need both CAs at the latest: the old CA's end. */
  overlapUntil: string
}

interface RenewCaState {
  readonly input: RenewCaInput
  dir: string
  oldCertPem?: string
  oldKeyPem?: string
  oldCert?: X509Certificate
  newCertPem?: string
  newKeyPem?: string
  certBackup?: string
  keyBackup?: string
  written: { key: boolean; cert: boolean }
}

/** The message area of the steps: `progress.renewCa.<step>`. */
export const RENEW_CA_KIND = 'renewCa'

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('renew-ca: a step ran before the one it depends on')
  return value
}

/** The old pair opened (the key proves the right to renew); a root CA only (an intermediate is its parent's job). */
const open: JobStep<RenewCaState> = {
  id: 'open',
  run: async (state) => {
    const { dir } = state
    checkPassphrase(state.input.passphrase)
    if (await pathExists(join(dir, CA_CHAIN_FILE)))
      throw new AppError({ code: 'CA_RENEW_INTERMEDIATE', kind: 'input', field: 'caDir', params: { dir } })
    const certPem = (await readCaDirFile(dir, CA_CERT_FILE, 'caDir')) as string
    const keyPem = (await readCaDirFile(dir, CA_KEY_FILE, 'caDir')) as string
    const cert = new X509Certificate(certPem)
    const key = readPrivateKey(keyPem, state.input.passphrase, 'caDir')
    if (!cert.ca || !isSelfSigned(cert))
      throw new AppError({ code: 'CA_RENEW_INTERMEDIATE', kind: 'input', field: 'caDir', params: { dir } })
    if (!cert.checkPrivateKey(key))
      throw new AppError({ code: 'KEY_MISMATCH', kind: 'input', field: 'caDir' })
    Object.assign(state, { oldCertPem: certPem, oldKeyPem: keyPem, oldCert: cert })
  },
}

/** A new key and a self-signed certificate with the old subject, byte for byte, and the same extensions as ours. */
const create: JobStep<RenewCaState> = {
  id: 'create',
  run: async (state) => {
    const { input } = state
    const old = must(state.oldCert)
    const days = checkDays(input.days ?? DEFAULT_CA_DAYS, 'days', MAX_CA_DAYS)
    const type = resolveKeyType(input, keyTypeOf(old.publicKey))
    const now = input.now ?? new Date()
    const key = await generateKey(type)
    const subject = caIdentity(must(state.oldCertPem)).issuerDer
    const { pem } = signCertificate(
      {
        subject,
        issuer: subject,
        publicKey: key,
        notBefore: new Date(now.getTime() - BACKDATE_MS),
        notAfter: new Date(now.getTime() + days * DAY_MS),
        extensions: [
          basicConstraintsExt(true, 0),
          keyUsageExt(['keyCertSign', 'cRLSign']),
          subjectKeyIdentifierExt(keyIdentifier(spkiDer(key))),
        ],
      },
      key,
    )
    state.newCertPem = pem
    state.newKeyPem = exportPrivateKeyPem(key, input.passphrase)
  },
}

/** The old pair copied aside with the date (NAME.bak-STAMP, the key 0600 as it was). */
const archive: JobStep<RenewCaState> = {
  id: 'archive',
  run: async (state) => {
    const now = state.input.now ?? new Date()
    state.certBackup = await backupFile(join(state.dir, CA_CERT_FILE), now)
    state.keyBackup = await backupFile(join(state.dir, CA_KEY_FILE), now)
  },
  undo: async (state) => {
    for (const p of [state.certBackup, state.keyBackup]) if (p !== undefined) await fs.rm(p, { force: true })
  },
}

/** The new key at its final name (never under a temp name), then the new certificate: the folder is whole again. */
const write: JobStep<RenewCaState> = {
  id: 'write',
  run: async (state) => {
    const keyPath = join(state.dir, CA_KEY_FILE)
    state.written.key = true
    await fs.rm(keyPath, { force: true })
    await writeKeyFile(keyPath, must(state.newKeyPem))
    state.written.cert = true
    await writeFileAtomic(join(state.dir, CA_CERT_FILE), must(state.newCertPem), { mode: 0o644 })
  },
  undo: async (state) => {
    const keyPath = join(state.dir, CA_KEY_FILE)
    if (state.written.key) {
      await fs.rm(keyPath, { force: true })
      await writeKeyFile(keyPath, must(state.oldKeyPem))
    }
    if (state.written.cert)
      await writeFileAtomic(join(state.dir, CA_CERT_FILE), must(state.oldCertPem), { mode: 0o644 })
  },
}

function facts(certPath: string, pem: string): CaFacts {
  const c = new X509Certificate(pem)
  return {
    certPath,
    subject: dnLine(c.subject),
    notBefore: new Date(c.validFrom).toISOString(),
    notAfter: new Date(c.validTo).toISOString(),
    fingerprintSha256: c.fingerprint256,
  }
}

/**
 * Renews the CA in `caDir` as one job (open, create, archive, write): a new key and certificate with the same
 * subject; the old pair kept as NAME.bak-STAMP beside them. Any failure or a cancel leaves the folder as it was.
 * Server certificates the old CA issued keep working with clients that trust it, until it ends (`overlapUntil`).
 */
export async function renewCa(input: RenewCaInput, options: RunJobOptions = {}): Promise<RenewCaResult> {
  const dir = resolve(input.caDir)
  const state = await runJob<RenewCaState>(
    { kind: RENEW_CA_KIND, steps: [open, create, archive, write] },
    { input, dir, written: { key: false, cert: false } },
    options,
  )
  const previous = facts(must(state.certBackup), must(state.oldCertPem))
  return {
    dir,
    ...facts(join(dir, CA_CERT_FILE), must(state.newCertPem)),
    keyPath: join(dir, CA_KEY_FILE),
    previous: { ...previous, keyPath: must(state.keyBackup) },
    overlapUntil: previous.notAfter,
  }
}
