import { X509Certificate } from 'node:crypto'

const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

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
