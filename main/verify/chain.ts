import { X509Certificate } from 'node:crypto'
import { isIssuedBy } from '../pki/pem'

const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g
/** Enough for any real chain (enterprise PKIs have one or two intermediates). */
const MAX_DEPTH = 8

/** The certificates of a PEM text, in file order (a domain.crt holds the leaf, then the intermediates). */
export function parsePemChain(text: string): X509Certificate[] {
  const out: X509Certificate[] = []
  for (const block of text.match(BLOCK) ?? []) {
    try {
      out.push(new X509Certificate(block))
    } catch {
      // not a certificate: ignore (the first block is checked by the caller)
    }
  }
  return out
}

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
