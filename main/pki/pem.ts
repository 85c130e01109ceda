import { X509Certificate } from 'node:crypto'
import { AppError } from '../errors'

// PEM certificates as we write them: re-encoded from the DER bytes, never copied as text. A PEM block can carry text
// that OpenSSL skips while decoding (a `-` line and anything after it before END), so the same certificate, the
// same fingerprint, can arrive with lines that a shell heredoc or a config file would read as commands.

const BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g
/** At most this many certificates in one bundle (a real chain has 2 to 4). */
export const MAX_BUNDLE_CERTS = 16

/** One parsed certificate: its canonical PEM (64-character base64 lines, LF, nothing else) and the parsed object. */
export interface ParsedCert {
  pem: string
  der: Buffer
  x509: X509Certificate
  subject: string
  fingerprintSha256: string
}

/** A distinguished name as Node gives it (one RDN a line) on one line, as messages show it: `O=Corp, CN=Issuing CA`. */
export function dnLine(dn: string): string {
  return dn.replace(/\n/g, ', ')
}

/** Canonical PEM for DER bytes: BEGIN line, base64 in 64-character lines, END line, each ended by LF. */
export function pemFromDer(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64')
  const lines: string[] = []
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64))
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`
}

/** Parses one certificate (PEM text of one block) and returns it re-encoded from its DER bytes. */
export function parseOneCert(pemBlock: string, field: string, position = 1): ParsedCert {
  let x509: X509Certificate
  try {
    x509 = new X509Certificate(pemBlock)
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    throw new AppError({ code: 'CERT_UNREADABLE', kind: 'input', field, params: { position, detail } })
  }
  const der = Buffer.from(x509.raw)
  return {
    pem: pemFromDer(der),
    der,
    x509,
    subject: dnLine(x509.subject),
    fingerprintSha256: x509.fingerprint256,
  }
}

/** The PEM certificate blocks of a text, in file order, each with where it ends. */
function pemBlocks(text: string): { block: string; end: number }[] {
  return [...text.matchAll(BLOCK)].map((m) => ({ block: m[0], end: m.index + m[0].length }))
}

/**
 * The certificates of a PEM text, in file order (a domain.crt holds the leaf, then the intermediates). `strict`: a
 * block that does not parse throws; `lenient`: it is skipped (the caller checks what it needs, e.g. the first).
 */
export function pemCertificates(text: string, mode: 'strict' | 'lenient' = 'strict'): X509Certificate[] {
  const out: X509Certificate[] = []
  for (const { block } of pemBlocks(text)) {
    try {
      out.push(new X509Certificate(block))
    } catch (err) {
      if (mode === 'strict') throw err
    }
  }
  return out
}

/**
 * Splits a multi-certificate PEM text (a bundle, a chain file) into its certificates, in file order, each re-encoded
 * from DER. Text between blocks (openssl's `subject=` lines, comments) is ignored; a block that does not parse, an
 * unterminated block, or a text without any certificate is refused.
 */
export function splitPemBundle(text: string, field = 'certPem'): ParsedCert[] {
  const out: ParsedCert[] = []
  let last = 0
  for (const { block, end } of pemBlocks(text)) {
    out.push(parseOneCert(block, field, out.length + 1))
    last = end
    if (out.length > MAX_BUNDLE_CERTS)
      throw new AppError({ code: 'BUNDLE_TOO_MANY', kind: 'input', field, params: { max: MAX_BUNDLE_CERTS } })
  }
  if (text.slice(last).includes('-----BEGIN CERTIFICATE-----'))
    throw new AppError({ code: 'PEM_UNTERMINATED', kind: 'input', field })
  if (out.length === 0) throw new AppError({ code: 'CERT_NOT_PEM', kind: 'input', field })
  return out
}

/** The canonical PEM of every certificate in a text, concatenated (what we write for a bundle). */
export function canonicalPemBundle(text: string, field = 'certPem'): string {
  return splitPemBundle(text, field)
    .map((c) => c.pem)
    .join('')
}

/** Is `cert` issued by `issuer`: names match and the signature verifies with the issuer's key. */
export function isIssuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey)
  } catch {
    return false
  }
}

export function isSelfSigned(cert: X509Certificate): boolean {
  return isIssuedBy(cert, cert)
}

/** Enough for any real chain (enterprise PKIs have one or two intermediates). */
const MAX_DEPTH = 8

const same = (a: X509Certificate, b: X509Certificate): boolean => a.fingerprint256 === b.fingerprint256

export interface ChainPath {
  /** Leaf first, then each intermediate up to (not including) the root. */
  path: X509Certificate[]
  /** The last certificate of `path` was issued by the root. */
  anchored: boolean
}

/**
 * Builds the chain from `leaf` to `root` through the certificates in `pool` (what the server sends, what domain.crt
 * holds): at each step the pool certificate that issued the current one. Stops at the root, or when no certificate in
 * the pool issued the current one (`anchored: false`, `path` ends at the last certificate found).
 */
export function buildChain(
  leaf: X509Certificate,
  pool: readonly X509Certificate[],
  root: X509Certificate,
): ChainPath {
  const path = [leaf]
  let current = leaf
  while (path.length <= MAX_DEPTH) {
    if (isIssuedBy(current, root)) return { path, anchored: true }
    const next = pool.find((c) => !same(c, root) && !path.some((p) => same(p, c)) && isIssuedBy(current, c))
    if (next === undefined) return { path, anchored: false }
    path.push(next)
    current = next
  }
  return { path, anchored: false }
}
