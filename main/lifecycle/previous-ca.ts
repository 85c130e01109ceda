// The CA a renewal replaced: renew-ca.ts archives the old certificate beside the new one (ca.crt.bak-STAMP), and
// main finds it there itself, so the window never names a file. Used for the two-CA trust bundle (the overlap) and
// to tell whether a registry still serves a certificate the old CA issued.
import { X509Certificate } from 'node:crypto'
import { resolve } from 'node:path'
import { CA_CERT_FILE, isSelfSigned, readCaDirFile } from '../pki/index'
import { dnLine } from '../pki/pem'
import { archivedCas, type ArchivedCa } from './renew-certificate'

export interface PreviousCa {
  certPath: string
  pem: string
  subject: string
  fingerprintSha256: string
  notAfter: string
}

/**
 * The root CAs archived in `caDir` that its ca.crt replaced, newest first: the same subject, another key, not ended
 * at `now`; each certificate once (a folder may hold several backups of the same one).
 */
export async function previousCas(caDir: string, now: Date = new Date()): Promise<PreviousCa[]> {
  const currentText = (await readCaDirFile(resolve(caDir), CA_CERT_FILE, 'caDir')) as string
  const current = new X509Certificate(currentText)
  const found = new Map<string, ArchivedCa>()
  for (const a of await archivedCas(caDir)) {
    const { cert } = a
    if (!isSelfSigned(cert) || cert.subject !== current.subject) continue
    if (cert.fingerprint256 === current.fingerprint256 || Date.parse(cert.validTo) <= now.getTime()) continue
    if (!found.has(cert.fingerprint256)) found.set(cert.fingerprint256, a)
  }
  return [...found.values()]
    .sort((a, b) => Date.parse(b.cert.validFrom) - Date.parse(a.cert.validFrom))
    .map(({ cert, path, pem }) => ({
      certPath: path,
      pem,
      subject: dnLine(cert.subject),
      fingerprintSha256: cert.fingerprint256,
      notAfter: new Date(cert.validTo).toISOString(),
    }))
}

/** The CA the last renewal replaced (still valid), or undefined when the folder holds none. */
export async function previousCa(caDir: string, now?: Date): Promise<PreviousCa | undefined> {
  return (await previousCas(caDir, now))[0]
}
