import type { X509Certificate } from 'node:crypto'
import { pemCertificates } from '../pki/pem'

/**
 * The certificates of a PEM text, in file order (a domain.crt holds the leaf, then the intermediates): pki/pem's
 * splitter in its lenient mode (a block that is not a certificate is skipped; the caller checks the first).
 */
export function parsePemChain(text: string): X509Certificate[] {
  return pemCertificates(text, 'lenient')
}
