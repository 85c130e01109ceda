import { promises as fs } from 'node:fs'
import { join, resolve } from 'node:path'
import { AppError, type CodedInit, type ParamsFor } from '../errors'
import { message } from '../messages/index'
import { CA_CERT_FILE, CA_CHAIN_FILE } from './file-names'
import { dnLine, isIssuedBy, isSelfSigned, splitPemBundle, type ParsedCert } from './pem'

/** In a CA directory: the issuing CA (pairs with ca.key) and the certificates above it, up to the root. */
export { CA_CERT_FILE, CA_CHAIN_FILE }
/** The longest chain we accept from the issuing CA to the root, both included. */
export const MAX_CHAIN_LENGTH = 6

/**
 * A CA directory's chain. For a root CA (self-signed ca.crt) `root` is `issuing` and `intermediates` is empty. For an
 * intermediate CA, `intermediates` are the CAs between it and the root, nearest first (empty when the root signed it).
 */
export interface CaChain {
  issuing: ParsedCert
  intermediates: ParsedCert[]
  root: ParsedCert
}

/** The certificates a server must send after its leaf: the issuing CA and every intermediate above it, never the root. */
export function servedChain(chain: CaChain): ParsedCert[] {
  return chain.issuing === chain.root ? [] : [chain.issuing, ...chain.intermediates]
}

/** Certificates from the issuing CA to the root, both included (1 for a root CA). */
export function chainLength(chain: CaChain): number {
  return chain.issuing === chain.root ? 1 : 2 + chain.intermediates.length
}

type ChainCode =
  | 'CA_CHAIN_UNNEEDED'
  | 'CA_CHAIN_MISSING'
  | 'CA_CHAIN_TOO_LONG'
  | 'CA_CHAIN_DUPLICATE'
  | 'CA_CHAIN_ORDER'
  | 'CA_CHAIN_INCOMPLETE'
  | 'CA_CHAIN_NOT_CA'
  | 'CA_CHAIN_NO_ROOT'
  | 'CA_CHAIN_EXPIRED'

function chainError<C extends ChainCode>(code: C, field: string, params: ParamsFor<C>['params']): AppError {
  return new AppError({ code, kind: 'input', field, params } as CodedInit<C>)
}

/** A root with nothing above it, or the refusal of a root given a chain / an intermediate given none. */
function rootOrMissing(issuing: ParsedCert, rest: ParsedCert[], field: string): CaChain | undefined {
  if (isSelfSigned(issuing.x509)) {
    if (rest.length > 0)
      throw chainError('CA_CHAIN_UNNEEDED', field, { subject: issuing.subject, count: rest.length })
    return { issuing, intermediates: [], root: issuing }
  }
  if (rest.length === 0)
    throw chainError('CA_CHAIN_MISSING', field, {
      subject: issuing.subject,
      issuer: dnLine(issuing.x509.issuer),
    })
  return undefined
}

function checkCount(all: ParsedCert[], field: string): void {
  if (all.length > MAX_CHAIN_LENGTH)
    throw chainError('CA_CHAIN_TOO_LONG', field, { count: all.length, max: MAX_CHAIN_LENGTH })
  const seen = new Set<string>()
  for (const c of all) {
    if (seen.has(c.fingerprintSha256)) throw chainError('CA_CHAIN_DUPLICATE', field, { subject: c.subject })
    seen.add(c.fingerprintSha256)
  }
}

/** Each certificate issued by the next one, each issuer a CA. */
function checkLinks(all: ParsedCert[], field: string): void {
  for (let i = 0; i < all.length - 1; i++) {
    const child = all[i] as ParsedCert
    const parent = all[i + 1] as ParsedCert
    if (!isIssuedBy(child.x509, parent.x509)) {
      const realIssuer = all.find((c) => c !== child && isIssuedBy(child.x509, c.x509))
      if (realIssuer)
        throw chainError('CA_CHAIN_ORDER', field, {
          child: child.subject,
          parent: parent.subject,
          issuer: realIssuer.subject,
        })
      throw chainError('CA_CHAIN_INCOMPLETE', field, {
        child: child.subject,
        issuer: dnLine(child.x509.issuer),
        parent: parent.subject,
      })
    }
    if (!parent.x509.ca) throw chainError('CA_CHAIN_NOT_CA', field, { subject: parent.subject })
  }
}

function checkValidity(certs: ParsedCert[], field: string, now: Date): void {
  for (const c of certs) {
    const notAfter = new Date(c.x509.validTo)
    const notBefore = new Date(c.x509.validFrom)
    const expired = notAfter.getTime() <= now.getTime()
    if (expired || notBefore.getTime() > now.getTime()) {
      const state = expired
        ? message('pki.chain.expiredSince', { date: notAfter.toISOString() })
        : message('pki.chain.notValidBefore', { date: notBefore.toISOString() })
      throw chainError('CA_CHAIN_EXPIRED', field, { subject: c.subject, state })
    }
  }
}

/**
 * Checks and orders the chain of an issuing CA: `above` must be the certificates above it, each one the issuer of the
 * one before (issuer name and signature), each a CA, in their validity period, ending at a self-signed root. A copy of
 * the issuing CA at the head of `above` (a "full chain" file) is dropped. Refuses with the reason otherwise.
 */
export function checkCaChain(
  issuing: ParsedCert,
  above: ParsedCert[],
  opts: { field?: string; now?: Date } = {},
): CaChain {
  const field = opts.field ?? 'chainPath'
  const rest = above[0]?.fingerprintSha256 === issuing.fingerprintSha256 ? above.slice(1) : [...above]
  const root = rootOrMissing(issuing, rest, field)
  if (root !== undefined) return root
  const all = [issuing, ...rest]
  checkCount(all, field)
  checkLinks(all, field)
  const top = all[all.length - 1] as ParsedCert
  if (!isSelfSigned(top.x509))
    throw chainError('CA_CHAIN_NO_ROOT', field, { subject: top.subject, issuer: dnLine(top.x509.issuer) })
  checkValidity(rest, field, opts.now ?? new Date())
  return { issuing, intermediates: rest.slice(0, -1), root: top }
}

/**
 * Builds an issuing CA's chain from what a user gives: the CA certificate file (which may hold the chain after the
 * CA certificate) and an optional separate chain file. Every certificate is re-encoded from DER.
 */
export function chainFromInput(
  certText: string,
  chainText?: string,
  opts: { now?: Date; certField?: string; chainField?: string } = {},
): CaChain {
  const certField = opts.certField ?? 'certPath'
  const chainField = opts.chainField ?? 'chainPath'
  const inCert = splitPemBundle(certText, certField)
  const inChain = chainText === undefined ? [] : splitPemBundle(chainText, chainField)
  const [issuing, ...afterIssuing] = inCert as [ParsedCert, ...ParsedCert[]]
  let above = [...afterIssuing, ...inChain]
  // The chain file may repeat what the cert file already holds after the CA certificate (or the CA itself).
  if (chainText !== undefined && afterIssuing.length > 0) {
    const known = new Set([issuing, ...afterIssuing].map((c) => c.fingerprintSha256))
    above = [...afterIssuing, ...inChain.filter((c) => !known.has(c.fingerprintSha256))]
  }
  const now = opts.now === undefined ? {} : { now: opts.now }
  try {
    return checkCaChain(issuing, above, { field: chainText === undefined ? certField : chainField, ...now })
  } catch (err) {
    // An intermediate without its chain: the fix is the chain file, whichever file was given.
    if (err instanceof AppError && err.code === 'CA_CHAIN_MISSING')
      throw new AppError({
        code: 'CA_CHAIN_MISSING',
        kind: 'input',
        field: chainField,
        params: err.params as never,
      })
    throw err
  }
}

/** The PEM text of chain.crt: the certificates above the issuing CA, nearest first, the root last. */
export function chainFileText(chain: CaChain): string | undefined {
  if (chain.issuing === chain.root) return undefined
  return [...chain.intermediates, chain.root].map((c) => c.pem).join('')
}

/**
 * Reads one file of a CA folder: a missing file is CA_DIR_NO_CA (create or import a CA there), any other failure
 * CA_FILE_UNREADABLE; `optional` files that are absent read as undefined.
 */
export async function readCaDirFile(
  dir: string,
  name: string,
  field: string,
  optional = false,
): Promise<string | undefined> {
  try {
    return await fs.readFile(join(dir, name), 'utf8')
  } catch (err) {
    const errno = (err as NodeJS.ErrnoException).code ?? 'EIO'
    if (errno === 'ENOENT' && optional) return undefined
    if (errno === 'ENOENT')
      throw new AppError({ code: 'CA_DIR_NO_CA', kind: 'input', field, params: { dir, file: name } })
    throw new AppError({
      code: 'CA_FILE_UNREADABLE',
      kind: 'input',
      field,
      params: { dir, file: name, errno },
    })
  }
}

/**
 * Reads a CA directory's chain: ca.crt (the issuing CA; its first certificate) and chain.crt when present, checked
 * again (each certificate issued by the next, ending at a self-signed root). Every certificate is re-encoded from DER.
 * `field` names the folder in the request (`caDir` to issue, `dir` to open).
 */
export async function readCaChain(
  caDir: string,
  opts: { now?: Date; field?: string } = {},
): Promise<CaChain> {
  const dir = resolve(caDir)
  const field = opts.field ?? 'caDir'
  const certText = (await readCaDirFile(dir, CA_CERT_FILE, field)) as string
  const chainText = await readCaDirFile(dir, CA_CHAIN_FILE, field, true)
  const [issuing] = splitPemBundle(certText, field) as [ParsedCert]
  const above = chainText === undefined ? [] : splitPemBundle(chainText, field)
  try {
    return checkCaChain(issuing, above, { field, ...(opts.now === undefined ? {} : { now: opts.now }) })
  } catch (err) {
    if (err instanceof AppError && err.code === 'CA_CHAIN_MISSING') {
      // A folder imported before chains were kept: say how to add the chain to it.
      throw new AppError({
        code: 'CA_DIR_CHAIN_MISSING',
        kind: 'input',
        field,
        params: { caDir: dir, subject: issuing.subject },
      })
    }
    throw err
  }
}
