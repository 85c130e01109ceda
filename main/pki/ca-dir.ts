import { promises as fs } from 'node:fs'
import { join, resolve } from 'node:path'
import { AppError, invalidInput } from '../errors'
import { backupFile, pathExists, writeFileAtomic } from '../fs/atomic-write'
import { checkCreateCaInput, createCa } from './create-ca'
import { inspectCertificate } from './inspect-cert'
import { checkIssueInput, issueCertificate } from './issue-cert'
import { checkPassphrase } from './keys'
import { firstCertificatePem, openCa } from './open-ca'
import type { CreateCaInput, IssueInput, IssuedCertificate, LoadedCa, PemPair } from './types'

/** File names: the CA directory, and the names the registry container and Docker's certs.d use. */
export const CA_CERT_FILE = 'ca.crt'
export const CA_KEY_FILE = 'ca.key'
export const INDEX_TXT_FILE = 'index.txt'
export const INDEX_JSON_FILE = 'index.json'
export const SERVER_CERT_FILE = 'domain.crt'
export const SERVER_KEY_FILE = 'domain.key'
export const CLIENT_CERT_FILE = 'client.crt'
export const CLIENT_KEY_FILE = 'client.key'

const KEY_MODE = 0o600
const CERT_MODE = 0o644
const DIR_MODE = 0o700

export interface CaDirResult {
  dir: string
  certPath: string
  keyPath: string
  fingerprintSha256: string
  subject: string
  notAfter: string
  /** Files moved aside by --force, as NAME.bak-TIMESTAMP. */
  backups: string[]
}

export interface IndexEntry {
  serial: string
  usage: 'server' | 'client'
  subject: string
  sans: string[]
  notBefore: string
  notAfter: string
  fingerprintSha256: string
  certPath: string
}

async function refuseOverwrite(paths: string[], force: boolean, what: string): Promise<string[]> {
  const existing: string[] = []
  for (const p of paths) if (await pathExists(p)) existing.push(p)
  if (existing.length > 0 && !force) {
    throw new AppError({
      code: 'ALREADY_EXISTS',
      kind: 'operation',
      message: `${what} already exists: ${existing.join(', ')}; nothing was changed`,
      hint: 'Choose another directory, or pass --force to replace it (the old files are kept as timestamped backups).',
    })
  }
  return existing
}

async function backupAll(paths: string[]): Promise<string[]> {
  const now = new Date()
  const out: string[] = []
  for (const p of paths) out.push(await backupFile(p, now))
  return out
}

async function ensureDir(dir: string, field: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true, mode: DIR_MODE })
  } catch (err) {
    throw invalidInput(
      field,
      dir,
      `a directory that can be created and written is required (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    )
  }
  const st = await fs.stat(dir)
  if (!st.isDirectory()) throw invalidInput(field, dir, 'it exists and is not a directory')
}

async function writePair(dir: string, pair: PemPair, existing: string[]): Promise<CaDirResult> {
  const certPath = join(dir, CA_CERT_FILE)
  const keyPath = join(dir, CA_KEY_FILE)
  const backups = await backupAll(existing)
  for (const p of existing) if (p.endsWith(INDEX_TXT_FILE) || p.endsWith(INDEX_JSON_FILE)) await fs.rm(p)
  await writeFileAtomic(keyPath, pair.keyPem, { mode: KEY_MODE })
  await writeFileAtomic(certPath, pair.certPem, { mode: CERT_MODE })
  const info = inspectCertificate(pair.certPem)
  return {
    dir,
    certPath,
    keyPath,
    fingerprintSha256: info.fingerprintSha256,
    subject: info.subject,
    notAfter: info.notAfter,
    backups,
  }
}

function caFiles(dir: string): string[] {
  return [CA_CERT_FILE, CA_KEY_FILE, INDEX_TXT_FILE, INDEX_JSON_FILE].map((f) => join(dir, f))
}

/** Creates a CA in a directory: ca.crt, ca.key (0600). Refuses to replace an existing CA unless forced. */
export async function createCaDir(
  dir: string,
  input: CreateCaInput,
  opts: { force?: boolean } = {},
): Promise<CaDirResult> {
  const abs = resolve(dir)
  checkCreateCaInput(input)
  const existing = await refuseOverwrite(caFiles(abs), opts.force === true, 'A CA')
  const pair = await createCa(input)
  await ensureDir(abs, 'dir')
  return writePair(abs, pair, existing)
}

/** Imports an existing CA after checking that the key matches, it is a CA and it has not expired. */
export async function importCaDir(
  dir: string,
  pair: PemPair & { passphrase?: string | undefined },
  opts: { force?: boolean; now?: Date } = {},
): Promise<CaDirResult> {
  const abs = resolve(dir)
  openCa(pair, pair.passphrase, opts.now)
  const existing = await refuseOverwrite(caFiles(abs), opts.force === true, 'A CA')
  await ensureDir(abs, 'dir')
  return writePair(abs, { certPem: firstCertificatePem(pair.certPem), keyPem: pair.keyPem }, existing)
}

async function readCaFile(dir: string, name: string): Promise<string> {
  try {
    return await fs.readFile(join(dir, name), 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw invalidInput(
      'ca-dir',
      dir,
      code === 'ENOENT'
        ? `it holds no ${name}: create a CA there first (registry-wizard ca create --dir ${dir}) or import one (ca import)`
        : `${name} cannot be read (${code ?? 'error'})`,
    )
  }
}

export async function loadCaDir(dir: string, passphrase?: string, now?: Date): Promise<LoadedCa> {
  const abs = resolve(dir)
  const certPem = await readCaFile(abs, CA_CERT_FILE)
  const keyPem = await readCaFile(abs, CA_KEY_FILE)
  return openCa({ certPem, keyPem }, passphrase, now)
}

export async function readIndex(caDir: string): Promise<IndexEntry[]> {
  try {
    const parsed = JSON.parse(await fs.readFile(join(resolve(caDir), INDEX_JSON_FILE), 'utf8')) as {
      certificates?: IndexEntry[]
    }
    return parsed.certificates ?? []
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
}

/** openssl ca's index.txt date form: YYMMDDHHMMSSZ. */
function opensslDate(iso: string): string {
  return iso.replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d).*$/, '$1$2$3$4$5$6Z')
}

async function appendIndex(caDir: string, entry: IndexEntry): Promise<void> {
  const entries = [...(await readIndex(caDir)), entry]
  await writeFileAtomic(
    join(caDir, INDEX_JSON_FILE),
    `${JSON.stringify({ version: 1, certificates: entries }, null, 2)}\n`,
  )
  // Same rows in openssl ca's index.txt layout: status, expiry, revocation, serial, file, subject.
  const txt = entries
    .map((e) =>
      [
        'V',
        opensslDate(e.notAfter),
        '',
        e.serial.toUpperCase(),
        'unknown',
        `/${e.subject.split(', ').join('/')}`,
      ].join('\t'),
    )
    .join('\n')
  await writeFileAtomic(join(caDir, INDEX_TXT_FILE), `${txt}\n`)
}

export interface IssueToDirOptions extends IssueInput {
  caDir: string
  outDir: string
  passphrase?: string | undefined
  force?: boolean | undefined
}

export interface IssuedToDir extends IssuedCertificate {
  certPath: string
  keyPath: string
  caCertPath: string
  backups: string[]
}

/**
 * Issues a server certificate (domain.crt / domain.key, the names the registry container mounts) or a client
 * certificate (client.crt / client.key) into outDir, with a copy of the CA certificate (never its key).
 */
export async function issueToDir(opts: IssueToDirOptions): Promise<IssuedToDir> {
  const caDir = resolve(opts.caDir)
  const outDir = resolve(opts.outDir)
  checkPassphrase(opts.passphrase)
  const ca = await loadCaDir(caDir, opts.passphrase, opts.now)
  const checked = checkIssueInput(ca, opts)
  const [certName, keyName] =
    checked.usage === 'server' ? [SERVER_CERT_FILE, SERVER_KEY_FILE] : [CLIENT_CERT_FILE, CLIENT_KEY_FILE]
  const certPath = join(outDir, certName)
  const keyPath = join(outDir, keyName)
  const caCertPath = join(outDir, CA_CERT_FILE)
  if (outDir === caDir)
    throw invalidInput(
      'out',
      opts.outDir,
      'the output directory must not be the CA directory (the CA key stays apart)',
    )
  const existing = await refuseOverwrite([certPath, keyPath], opts.force === true, 'A certificate or key')
  const issued = await issueCertificate(ca, opts)
  await ensureDir(outDir, 'out')
  const backups = await backupAll(existing)
  await writeFileAtomic(keyPath, issued.keyPem, { mode: KEY_MODE })
  await writeFileAtomic(certPath, issued.certPem, { mode: CERT_MODE })
  await writeFileAtomic(caCertPath, ca.certPem, { mode: CERT_MODE })
  const info = inspectCertificate(issued.certPem)
  await appendIndex(caDir, {
    serial: issued.serial,
    usage: issued.usage,
    subject: info.subject,
    sans: issued.sans.map((s) => `${s.type === 'ip' ? 'IP' : 'DNS'}:${s.value}`),
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    fingerprintSha256: info.fingerprintSha256,
    certPath,
  })
  return { ...issued, certPath, keyPath, caCertPath, backups }
}
