import { promises as fs } from 'node:fs'
import { join, resolve } from 'node:path'
import { AppError } from '../errors'
import { backupFile, pathExists, writeFileAtomic } from '../fs/atomic-write'
import { message } from '../messages/index'
import {
  chainFileText,
  chainFromInput,
  chainLength,
  readCaChain,
  readCaDirFile,
  servedChain,
  type CaChain,
} from './ca-chain'
import {
  checkWritableDir,
  createDirWithFiles,
  pathError,
  removeStaleTemps,
  writeKeyFile,
  type StepHook,
} from './ca-files'
import { checkCreateCaInput, createCa } from './create-ca'
import { inspectCertificate } from './inspect-cert'
import { checkIssueInput, issueCertificate } from './issue-cert'
import { checkPassphrase } from './keys'
import { openCa } from './open-ca'
import {
  CA_CERT_FILE,
  CA_CHAIN_FILE,
  CA_KEY_FILE,
  CLIENT_CERT_FILE,
  CLIENT_KEY_FILE,
  INDEX_JSON_FILE,
  INDEX_TXT_FILE,
  SERVER_CERT_FILE,
  SERVER_KEY_FILE,
} from './file-names'
import { splitPemBundle } from './pem'
import type { CreateCaInput, IssueInput, IssuedCertificate, LoadedCa, PemPair } from './types'

const CERT_MODE = 0o644
const DIR_MODE = 0o700
const CA_NAMES = [CA_CERT_FILE, CA_CHAIN_FILE, CA_KEY_FILE, INDEX_TXT_FILE, INDEX_JSON_FILE]
const OUT_NAMES = [SERVER_CERT_FILE, SERVER_KEY_FILE, CLIENT_CERT_FILE, CLIENT_KEY_FILE, CA_CERT_FILE]
const KEY_NAMES = [CA_KEY_FILE, SERVER_KEY_FILE, CLIENT_KEY_FILE]

export interface CaDirResult {
  dir: string
  certPath: string
  keyPath: string
  fingerprintSha256: string
  subject: string
  notAfter: string
  /** Files moved aside by --force, as NAME.bak-TIMESTAMP. */
  backups: string[]
  /** chain.crt (the certificates above the issuing CA, the root last), for an intermediate CA only. */
  chainPath?: string | undefined
  /** Certificates from ca.crt up to the root, both included: 1 for a root CA. */
  chainLength: number
  /** The root clients must trust: ca.crt itself for a root CA, the last certificate of chain.crt otherwise. */
  rootSubject: string
  rootFingerprintSha256: string
  /** Temp files and folders an interrupted earlier run of ours left, removed by this run. */
  staleRemoved: string[]
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

async function refuseOverwrite(
  paths: string[],
  force: boolean,
  what: 'ca' | 'certOrKey',
  field: string,
): Promise<string[]> {
  const existing: string[] = []
  for (const p of paths) if (await pathExists(p)) existing.push(p)
  if (existing.length > 0 && !force) {
    throw new AppError({
      code: 'ALREADY_EXISTS',
      kind: 'operation',
      field,
      params: { what: message(`pki.what.${what}`), paths: existing },
    })
  }
  return existing
}

/** A CA folder left by an interrupted create or import: ca.crt without a complete ca.key. */
async function refuseIncompleteCa(dir: string, force: boolean): Promise<void> {
  if (force || !(await pathExists(join(dir, CA_CERT_FILE)))) return
  const key = await fs.readFile(join(dir, CA_KEY_FILE), 'utf8').catch(() => '')
  if (/-----END [A-Z ]*PRIVATE KEY-----\s*$/.test(key)) return
  throw new AppError({ code: 'CA_INCOMPLETE', kind: 'operation', field: 'dir', params: { dir } })
}

/** Copies each file aside as NAME.bak-TIMESTAMP; `into` gets each backup as soon as it exists (for a rollback). */
async function backupAll(paths: string[], into: string[]): Promise<void> {
  const now = new Date()
  for (const p of paths) into.push(await backupFile(p, now))
}

function result(dir: string, chain: CaChain, backups: string[], staleRemoved: string[]): CaDirResult {
  const info = inspectCertificate(chain.issuing.pem)
  const hasChain = chain.issuing !== chain.root
  return {
    dir,
    certPath: join(dir, CA_CERT_FILE),
    keyPath: join(dir, CA_KEY_FILE),
    fingerprintSha256: info.fingerprintSha256,
    subject: info.subject,
    notAfter: info.notAfter,
    backups,
    ...(hasChain ? { chainPath: join(dir, CA_CHAIN_FILE) } : {}),
    chainLength: chainLength(chain),
    rootSubject: chain.root.subject,
    rootFingerprintSha256: chain.root.fingerprintSha256,
    staleRemoved,
  }
}

export interface CaDirOptions {
  force?: boolean
  now?: Date
  /** Called between the write steps (tests kill the process there). */
  onStep?: StepHook
}

/**
 * Writes a CA into `dir`: certificates first (ca.crt, chain.crt), the key last, at its final name (never under a
 * temp name). A new `dir` is staged next to it and renamed into place; an existing one (empty, or --force with
 * backups) gets the old key removed first, so a key never sits beside a certificate it does not belong to.
 */
async function writeCa(
  dir: string,
  chain: CaChain,
  keyPem: string,
  opts: CaDirOptions,
  staleRemoved: string[],
): Promise<CaDirResult> {
  const chainText = chainFileText(chain)
  const certs = [
    { name: CA_CERT_FILE, text: chain.issuing.pem },
    ...(chainText === undefined ? [] : [{ name: CA_CHAIN_FILE, text: chainText }]),
  ]
  const { exists } = await checkWritableDir(dir, 'dir')
  if (!exists) {
    await createDirWithFiles(dir, 'dir', certs, { name: CA_KEY_FILE, text: keyPem }, opts.onStep)
    return result(dir, chain, [], staleRemoved)
  }
  const existing = await refuseOverwrite(
    CA_NAMES.map((f) => join(dir, f)),
    opts.force === true,
    'ca',
    'dir',
  )
  const created: string[] = []
  const backups: string[] = []
  try {
    await backupAll(existing, backups)
    await opts.onStep?.('backed-up')
    // The old key (and what belongs to it) goes first; ca.crt is then replaced in one rename.
    for (const p of existing) if (!p.endsWith(`/${CA_CERT_FILE}`)) await fs.rm(p)
    await opts.onStep?.('old-removed')
    for (const c of certs) {
      await writeFileAtomic(join(dir, c.name), c.text, { mode: CERT_MODE })
      created.push(join(dir, c.name))
    }
    await opts.onStep?.('certs-written')
    await writeKeyFile(join(dir, CA_KEY_FILE), keyPem)
    await opts.onStep?.('key-written')
  } catch (err) {
    // Put the old CA back (from its backups) and drop what this run wrote.
    for (const p of created) await fs.rm(p, { force: true }).catch(() => undefined)
    for (const [i, b] of backups.entries()) {
      const orig = existing[i] as string
      await fs.rename(b, orig).catch(() => undefined)
    }
    if (err instanceof AppError) throw err
    throw pathError('dir', dir, err)
  }
  return result(dir, chain, backups, staleRemoved)
}

async function prepareCaDir(abs: string, force: boolean): Promise<string[]> {
  await checkWritableDir(abs, 'dir')
  const stale = await removeStaleTemps(abs, CA_NAMES, KEY_NAMES)
  await refuseIncompleteCa(abs, force)
  await refuseOverwrite(
    CA_NAMES.map((f) => join(abs, f)),
    force,
    'ca',
    'dir',
  )
  return stale
}

/** Creates a CA in a directory: ca.crt, ca.key (0600). Refuses to replace an existing CA unless forced. */
export async function createCaDir(
  dir: string,
  input: CreateCaInput,
  opts: CaDirOptions = {},
): Promise<CaDirResult> {
  const abs = resolve(dir)
  checkCreateCaInput(input)
  const stale = await prepareCaDir(abs, opts.force === true)
  const pair = await createCa(input)
  await opts.onStep?.('generated')
  const chain = chainFromInput(pair.certPem)
  return writeCa(abs, chain, pair.keyPem, opts, stale)
}

/**
 * Imports an existing CA after checking that the key matches, it is a CA and it has not expired. An intermediate CA
 * needs its chain up to the root: after the CA certificate in `certPem`, or in `chainPem`; it is checked (each
 * certificate issued by the next, ending at a self-signed root) and written as chain.crt. Certificates are written
 * re-encoded from their DER bytes, never as the text given.
 */
export async function importCaDir(
  dir: string,
  pair: PemPair & { passphrase?: string | undefined; chainPem?: string | undefined },
  opts: CaDirOptions = {},
): Promise<CaDirResult> {
  const abs = resolve(dir)
  const now = opts.now ?? new Date()
  openCa(pair, pair.passphrase, now, { certField: 'certPath', keyField: 'keyPath' })
  const chain = chainFromInput(pair.certPem, pair.chainPem, {
    now,
    certField: 'certPath',
    chainField: 'chainPath',
  })
  const stale = await prepareCaDir(abs, opts.force === true)
  return writeCa(abs, chain, pair.keyPem, opts, stale)
}

/** Opens the CA in a folder for issuing; `field` names the folder in the request (`caDir`). */
export async function loadCaDir(
  dir: string,
  passphrase?: string,
  now?: Date,
  field = 'caDir',
): Promise<LoadedCa> {
  const abs = resolve(dir)
  const certPem = (await readCaDirFile(abs, CA_CERT_FILE, field)) as string
  const keyPem = (await readCaDirFile(abs, CA_KEY_FILE, field)) as string
  return openCa({ certPem, keyPem }, passphrase, now, { certField: field, keyField: field })
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
  const json = writeFileAtomic(
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
  await Promise.all([json, writeFileAtomic(join(caDir, INDEX_TXT_FILE), `${txt}\n`)])
}

export interface IssueToDirOptions extends IssueInput {
  caDir: string
  outDir: string
  passphrase?: string | undefined
  force?: boolean | undefined
  /** Called between the write steps (tests kill the process there). */
  onStep?: StepHook | undefined
}

export interface IssuedToDir extends IssuedCertificate {
  certPath: string
  keyPath: string
  caCertPath: string
  backups: string[]
  /** Certificates in certPath: the leaf, then the issuing CA and the intermediates above it when the CA is not a root. */
  chainLength: number
  /** The root written as OUT/ca.crt: what clients trust. */
  rootSubject: string
  rootFingerprintSha256: string
  staleRemoved: string[]
  /** The leaf's SHA-256 fingerprint (colon-separated hex, as inspectCertificate gives it). */
  fingerprintSha256: string
}

async function realpathOrSelf(p: string): Promise<string> {
  // A path that does not exist yet: resolve its nearest existing parent, so a symlinked parent still compares equal.
  try {
    return await fs.realpath(p)
  } catch {
    const parent = resolve(p, '..')
    if (parent === p) return p
    return join(await realpathOrSelf(parent), p.slice(parent.length + (parent.endsWith('/') ? 0 : 1)))
  }
}

/** OUT/ca.crt, when present, must be the root we write (same certificate) unless forced; returns it for backup. */
async function checkCaCopy(
  path: string,
  rootFingerprint: string,
  force: boolean,
): Promise<string | undefined> {
  let text: string
  try {
    text = await fs.readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw pathError('outDir', path, err, undefined, 'use')
  }
  let theirs: string | undefined
  try {
    theirs = splitPemBundle(text, 'outDir')[0]?.fingerprintSha256
  } catch {
    theirs = undefined
  }
  if (theirs === rootFingerprint) return undefined
  if (!force) {
    throw theirs === undefined
      ? new AppError({ code: 'OUT_CA_UNREADABLE', kind: 'input', field: 'outDir', params: { path } })
      : new AppError({
          code: 'OUT_OTHER_CA',
          kind: 'input',
          field: 'outDir',
          params: { path, fingerprint: theirs },
        })
  }
  return path
}

/** The certificate folder must not be the CA folder, nor hold a CA key. */
async function refuseCaFolderAsOut(outDir: string, caDir: string, given: string): Promise<void> {
  if ((await realpathOrSelf(outDir)) === (await realpathOrSelf(caDir))) {
    const link = outDir === caDir ? '' : message('pki.file.throughLink')
    throw new AppError({
      code: 'OUT_IS_CA_DIR',
      kind: 'input',
      field: 'outDir',
      params: { outDir: given, caDir, link },
    })
  }
  if (await pathExists(join(outDir, CA_KEY_FILE)))
    throw new AppError({ code: 'OUT_HOLDS_CA_KEY', kind: 'input', field: 'outDir', params: { outDir } })
}

/** Where an issue writes, and what it found there (checked before the key is generated). */
interface IssuePlan {
  certPath: string
  keyPath: string
  caCertPath: string
  outExists: boolean
  staleRemoved: string[]
  /** Files to move aside as timestamped backups (existing pair with --force, another ca.crt with --force). */
  toBackup: string[]
  /** Whether OUT/ca.crt is ours to remove on a rollback (absent before, or backed up). */
  caCopyOwned: boolean
}

async function planIssue(
  opts: IssueToDirOptions,
  caDir: string,
  outDir: string,
  chain: CaChain,
): Promise<IssuePlan> {
  const [certName, keyName] =
    opts.usage === 'client' ? [CLIENT_CERT_FILE, CLIENT_KEY_FILE] : [SERVER_CERT_FILE, SERVER_KEY_FILE]
  const certPath = join(outDir, certName)
  const keyPath = join(outDir, keyName)
  const caCertPath = join(outDir, CA_CERT_FILE)
  await refuseCaFolderAsOut(outDir, caDir, opts.outDir)
  const { exists } = await checkWritableDir(outDir, 'outDir')
  const staleRemoved = exists ? await removeStaleTemps(outDir, OUT_NAMES, KEY_NAMES) : []
  const force = opts.force === true
  const existing = await refuseOverwrite([certPath, keyPath], force, 'certOrKey', 'outDir')
  const caCopy = await checkCaCopy(caCertPath, chain.root.fingerprintSha256, force)
  const caCopyExisted = await pathExists(caCertPath)
  return {
    certPath,
    keyPath,
    caCertPath,
    outExists: exists,
    staleRemoved,
    toBackup: [...existing, ...(caCopy === undefined ? [] : [caCopy])],
    caCopyOwned: !caCopyExisted || caCopy !== undefined,
  }
}

/** Writes the pair and OUT/ca.crt (certificates first, the key last); on any failure puts the folder back. */
async function writeIssued(
  plan: IssuePlan,
  outDir: string,
  files: { served: string; root: string; keyPem: string },
  onStep: StepHook | undefined,
): Promise<string[]> {
  let firstCreated: string | undefined
  const created: string[] = []
  const backups: string[] = []
  try {
    if (!plan.outExists) firstCreated = await fs.mkdir(outDir, { recursive: true, mode: DIR_MODE })
    await backupAll(plan.toBackup, backups)
    if (await pathExists(plan.keyPath)) await fs.rm(plan.keyPath)
    // The two certificates at once (independent files); the key only after both are in place.
    const certWrites = await Promise.allSettled([
      writeFileAtomic(plan.certPath, files.served, { mode: CERT_MODE }),
      writeFileAtomic(plan.caCertPath, files.root, { mode: CERT_MODE }),
    ])
    if (certWrites[0].status === 'fulfilled') created.push(plan.certPath)
    if (certWrites[1].status === 'fulfilled' && plan.caCopyOwned) created.push(plan.caCertPath)
    const failed = certWrites.find((r) => r.status === 'rejected')
    if (failed !== undefined) throw failed.reason
    await onStep?.('certs-written')
    await writeKeyFile(plan.keyPath, files.keyPem)
    await onStep?.('key-written')
  } catch (err) {
    if (firstCreated !== undefined)
      await fs.rm(firstCreated, { recursive: true, force: true }).catch(() => undefined)
    else {
      for (const p of created) await fs.rm(p, { force: true }).catch(() => undefined)
      for (const [i, b] of backups.entries())
        await fs.rename(b, plan.toBackup[i] as string).catch(() => undefined)
    }
    if (err instanceof AppError) throw err
    throw pathError('outDir', outDir, err)
  }
  return backups
}

/**
 * Issues a server certificate (domain.crt / domain.key, the names the registry container mounts) or a client
 * certificate (client.crt / client.key) into outDir, with the root of the CA's chain as ca.crt (never a key).
 * domain.crt holds the leaf followed by the issuing CA and any intermediates above it when the CA is an
 * intermediate (what the server must send); a root CA's leaf goes alone. Writes: certificates first, the key last at
 * its final name.
 */
export async function issueToDir(opts: IssueToDirOptions): Promise<IssuedToDir> {
  const caDir = resolve(opts.caDir)
  const outDir = resolve(opts.outDir)
  checkPassphrase(opts.passphrase)
  // The CA (key and certificate) and its chain read at once; the first failure in this order is the one reported.
  const [loaded, read] = await Promise.allSettled([
    loadCaDir(caDir, opts.passphrase, opts.now),
    readCaChain(caDir, opts.now === undefined ? {} : { now: opts.now }),
  ])
  if (loaded.status === 'rejected') throw loaded.reason
  if (read.status === 'rejected') throw read.reason
  const [ca, chain] = [loaded.value, read.value]
  checkIssueInput(ca, opts)
  const plan = await planIssue(opts, caDir, outDir, chain)
  const issued = await issueCertificate(ca, opts)
  await opts.onStep?.('generated')
  const leaf = splitPemBundle(issued.certPem, 'certPem')[0]?.pem ?? issued.certPem
  const served = [leaf, ...servedChain(chain).map((c) => c.pem)].join('')
  const backups = await writeIssued(
    plan,
    outDir,
    { served, root: chain.root.pem, keyPem: issued.keyPem },
    opts.onStep,
  )
  // Parsed once: the index row and the result's fingerprint (the CLI prints it from there).
  const info = inspectCertificate(leaf)
  await appendIndex(caDir, {
    serial: issued.serial,
    usage: issued.usage,
    subject: info.subject,
    sans: issued.sans.map((s) => `${s.type === 'ip' ? 'IP' : 'DNS'}:${s.value}`),
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    fingerprintSha256: info.fingerprintSha256,
    certPath: plan.certPath,
  })
  return {
    ...issued,
    certPem: leaf,
    certPath: plan.certPath,
    keyPath: plan.keyPath,
    caCertPath: plan.caCertPath,
    backups,
    chainLength: 1 + servedChain(chain).length,
    rootSubject: chain.root.subject,
    rootFingerprintSha256: chain.root.fingerprintSha256,
    staleRemoved: plan.staleRemoved,
    fingerprintSha256: info.fingerprintSha256,
  }
}
