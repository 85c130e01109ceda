import { promises as fs } from 'node:fs'
import { join, resolve } from 'node:path'
import { AppError, invalidInput } from '../errors'
import { dnLine, isIssuedBy, isSelfSigned, splitPemBundle, type ParsedCert } from './pem'

/** In a CA directory: the issuing CA (pairs with ca.key) and the certificates above it, up to the root. */
export const CA_CERT_FILE = 'ca.crt'
export const CA_CHAIN_FILE = 'chain.crt'
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

function chainError(code: string, field: string, message: string, hint: string): AppError {
  return new AppError({
    code,
    kind: 'input',
    field,
    message: `${field}: ${message}`,
    hint: `${hint} Nothing was changed.`,
  })
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
  const field = opts.field ?? 'chain'
  const now = opts.now ?? new Date()
  const rest = above[0]?.fingerprintSha256 === issuing.fingerprintSha256 ? above.slice(1) : [...above]
  if (isSelfSigned(issuing.x509)) {
    if (rest.length > 0) {
      throw chainError(
        'CA_CHAIN_UNNEEDED',
        field,
        `the CA certificate "${issuing.subject}" is a self-signed root, so it has no chain above it; ${rest.length} more certificate(s) were given`,
        'Give the chain only for an intermediate CA; for a root CA give its certificate alone.',
      )
    }
    return { issuing, intermediates: [], root: issuing }
  }
  if (rest.length === 0) {
    throw chainError(
      'CA_CHAIN_MISSING',
      field,
      `the CA certificate "${issuing.subject}" is an intermediate CA (issued by "${dnLine(issuing.x509.issuer)}"), and the certificates up to its root were not given: certificates issued from it would not verify on any client`,
      'Give the chain with --chain FILE (the intermediates above this CA, if any, then the root), or put them in the --cert file after the CA certificate.',
    )
  }
  const all = [issuing, ...rest]
  if (all.length > MAX_CHAIN_LENGTH) {
    throw chainError(
      'CA_CHAIN_TOO_LONG',
      field,
      `the chain holds ${all.length} certificates from the issuing CA to the root; at most ${MAX_CHAIN_LENGTH} are allowed`,
      'Give only the certificates from the issuing CA up to its root.',
    )
  }
  const seen = new Set<string>()
  for (const c of all) {
    if (seen.has(c.fingerprintSha256)) {
      throw chainError(
        'CA_CHAIN_DUPLICATE',
        field,
        `"${c.subject}" appears twice in the chain`,
        'Give each certificate once, from the issuing CA up to the root.',
      )
    }
    seen.add(c.fingerprintSha256)
  }
  for (let i = 0; i < all.length - 1; i++) {
    const child = all[i] as ParsedCert
    const parent = all[i + 1] as ParsedCert
    if (!isIssuedBy(child.x509, parent.x509)) {
      const realIssuer = all.find((c) => c !== child && isIssuedBy(child.x509, c.x509))
      if (realIssuer) {
        throw chainError(
          'CA_CHAIN_ORDER',
          field,
          `the chain is out of order: "${child.subject}" is followed by "${parent.subject}", which did not issue it (its issuer "${realIssuer.subject}" comes elsewhere)`,
          'Order the chain from the issuing CA upwards: each certificate followed by the one that issued it, the root last.',
        )
      }
      throw chainError(
        'CA_CHAIN_INCOMPLETE',
        field,
        `the chain is incomplete: "${child.subject}" was issued by "${dnLine(child.x509.issuer)}", which is not the next certificate ("${parent.subject}") nor anywhere in the chain`,
        'Add the missing issuer certificate: the chain must go from the issuing CA up to a self-signed root, each certificate followed by its issuer.',
      )
    }
    if (!parent.x509.ca) {
      throw chainError(
        'CA_CHAIN_NOT_CA',
        field,
        `"${parent.subject}" in the chain is not a CA (basicConstraints CA:TRUE is missing)`,
        'Give only CA certificates in the chain.',
      )
    }
  }
  const top = all[all.length - 1] as ParsedCert
  if (!isSelfSigned(top.x509)) {
    throw chainError(
      'CA_CHAIN_NO_ROOT',
      field,
      `the chain ends at "${top.subject}", which is not a self-signed root (it was issued by "${dnLine(top.x509.issuer)}")`,
      'Add the certificates up to and including the root CA (the one clients must trust), the root last.',
    )
  }
  for (const c of rest) {
    const notAfter = new Date(c.x509.validTo)
    const notBefore = new Date(c.x509.validFrom)
    if (notAfter.getTime() <= now.getTime() || notBefore.getTime() > now.getTime()) {
      throw chainError(
        'CA_CHAIN_EXPIRED',
        field,
        `"${c.subject}" in the chain is ${notAfter.getTime() <= now.getTime() ? `expired (since ${notAfter.toISOString()})` : `not valid before ${notBefore.toISOString()}`}`,
        'Get the current certificates of the chain from whoever runs the root CA.',
      )
    }
  }
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
  const inCert = splitPemBundle(certText, opts.certField ?? 'CA certificate')
  const inChain = chainText === undefined ? [] : splitPemBundle(chainText, opts.chainField ?? 'chain')
  const [issuing, ...afterIssuing] = inCert as [ParsedCert, ...ParsedCert[]]
  let above = [...afterIssuing, ...inChain]
  // The chain file may repeat what the cert file already holds after the CA certificate (or the CA itself).
  if (chainText !== undefined && afterIssuing.length > 0) {
    const known = new Set([issuing, ...afterIssuing].map((c) => c.fingerprintSha256))
    above = [...afterIssuing, ...inChain.filter((c) => !known.has(c.fingerprintSha256))]
  }
  const field = chainText === undefined ? (opts.certField ?? 'CA certificate') : (opts.chainField ?? 'chain')
  return checkCaChain(issuing, above, { field, ...(opts.now === undefined ? {} : { now: opts.now }) })
}

/** The PEM text of chain.crt: the certificates above the issuing CA, nearest first, the root last. */
export function chainFileText(chain: CaChain): string | undefined {
  if (chain.issuing === chain.root) return undefined
  return [...chain.intermediates, chain.root].map((c) => c.pem).join('')
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}

/**
 * Reads a CA directory's chain: ca.crt (the issuing CA; its first certificate) and chain.crt when present, checked
 * again (each certificate issued by the next, ending at a self-signed root). Every certificate is re-encoded from DER.
 */
export async function readCaChain(caDir: string, opts: { now?: Date } = {}): Promise<CaChain> {
  const dir = resolve(caDir)
  let certText: string
  let chainText: string | undefined
  try {
    certText = await fs.readFile(join(dir, CA_CERT_FILE), 'utf8')
    chainText = await readOptional(join(dir, CA_CHAIN_FILE))
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw invalidInput(
      'ca-dir',
      dir,
      code === 'ENOENT'
        ? `it holds no ${CA_CERT_FILE}: create a CA there first (registry-wizard ca create --dir ${dir}) or import one (ca import)`
        : `its CA files cannot be read (${code ?? 'error'})`,
    )
  }
  const [issuing] = splitPemBundle(certText, `${CA_CERT_FILE} in ${dir}`) as [ParsedCert]
  const above = chainText === undefined ? [] : splitPemBundle(chainText, `${CA_CHAIN_FILE} in ${dir}`)
  try {
    return checkCaChain(issuing, above, {
      field: `${CA_CHAIN_FILE} in ${dir}`,
      ...(opts.now === undefined ? {} : { now: opts.now }),
    })
  } catch (err) {
    if (err instanceof AppError && err.code === 'CA_CHAIN_MISSING') {
      // A folder imported before chains were kept: say how to add the chain to it.
      throw new AppError({
        code: 'CA_CHAIN_MISSING',
        kind: 'input',
        field: 'ca-dir',
        message: `ca-dir: ${dir}: its ${CA_CERT_FILE} is an intermediate CA ("${issuing.subject}") and the folder holds no ${CA_CHAIN_FILE} up to the root: certificates issued from it would not verify on any client; nothing was changed`,
        hint: `Import the CA again with its chain: registry-wizard ca import --dir ${dir} --cert CA.crt --key CA.key --chain CHAIN.pem --force`,
      })
    }
    throw err
  }
}
