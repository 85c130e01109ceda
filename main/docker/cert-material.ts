import { promises as fs } from 'node:fs'
import { X509Certificate, createPrivateKey } from 'node:crypto'
import { isIP } from 'node:net'
import { join } from 'node:path'
import { AppError } from '../errors'

/** The server pair the registry serves plus the CA that signed it (used to verify health, never shipped to clients as a key). */
export interface CertMaterial {
  certPem: string
  keyPem: string
  caPem: string
  /** The directory it was read from, when read from disk (bind-mount source). */
  dir?: string | undefined
}

export const CERT_FILE = 'domain.crt'
export const KEY_FILE = 'domain.key'
export const CA_FILE = 'ca.crt'

/** Reads domain.crt, domain.key and ca.crt from a certificate directory as written by `cert issue`. */
export async function readCertDir(dir: string): Promise<CertMaterial> {
  const read = async (file: string): Promise<string> => {
    try {
      return await fs.readFile(join(dir, file), 'utf8')
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? 'unreadable'
      throw new AppError({
        code: 'CERT_FILES_MISSING',
        kind: 'input',
        field: 'certs',
        message: `certs: ${join(dir, file)} cannot be read (${reason}); the directory must hold ${CERT_FILE}, ${KEY_FILE} and ${CA_FILE}`,
        hint: 'Issue the server certificate first (registry-wizard cert issue --out DIR) and pass that directory.',
      })
    }
  }
  const [certPem, keyPem, caPem] = [await read(CERT_FILE), await read(KEY_FILE), await read(CA_FILE)]
  return { certPem, keyPem, caPem, dir }
}

export interface CertCheck {
  notAfter: string
  daysLeft: number
  subject: string
}

/**
 * Preflight for the server pair: the key matches the certificate, the certificate is in its validity period, it was
 * signed by the given CA, and (when a host is given) a SAN covers the host clients will use.
 */
export function checkCertMaterial(m: CertMaterial, opts: { host?: string | undefined; now?: Date } = {}): CertCheck {
  const now = opts.now ?? new Date()
  let cert: X509Certificate
  let ca: X509Certificate
  try {
    cert = new X509Certificate(m.certPem)
  } catch {
    throw certInput(`${CERT_FILE} is not a PEM certificate`)
  }
  try {
    ca = new X509Certificate(m.caPem)
  } catch {
    throw certInput(`${CA_FILE} is not a PEM certificate`)
  }
  let matches: boolean
  try {
    matches = cert.checkPrivateKey(createPrivateKey(m.keyPem))
  } catch {
    throw certInput(`${KEY_FILE} is not an unencrypted PEM private key (the registry cannot use an encrypted key)`)
  }
  if (!matches) {
    throw new AppError({
      code: 'CERT_KEY_MISMATCH',
      kind: 'input',
      field: 'certs',
      message: `certs: ${KEY_FILE} does not belong to ${CERT_FILE} (the key does not match the certificate's public key)`,
      hint: `Use the ${KEY_FILE} written together with this ${CERT_FILE}, or issue a new pair.`,
    })
  }
  const notAfter = new Date(cert.validTo)
  if (notAfter.getTime() <= now.getTime()) {
    throw new AppError({
      code: 'CERT_EXPIRED',
      kind: 'input',
      field: 'certs',
      message: `certs: ${CERT_FILE} expired on ${notAfter.toISOString()}`,
      hint: 'Issue a new server certificate from the same CA (clients keep trusting it) and run again.',
    })
  }
  if (!cert.verify(ca.publicKey)) {
    throw new AppError({
      code: 'CERT_NOT_FROM_CA',
      kind: 'input',
      field: 'certs',
      message: `certs: ${CERT_FILE} was not signed by ${CA_FILE} (${ca.subject.replace(/\n/g, ', ')})`,
      hint: `Put the CA certificate that issued ${CERT_FILE} next to it as ${CA_FILE}.`,
    })
  }
  if (opts.host !== undefined && opts.host !== '') {
    const covered = isIP(opts.host) ? cert.checkIP(opts.host) !== undefined : cert.checkHost(opts.host, { subject: 'never' }) !== undefined
    if (!covered) {
      throw new AppError({
        code: 'CERT_HOST_NOT_COVERED',
        kind: 'input',
        field: 'certs',
        message: `certs: ${CERT_FILE} has no SAN for ${opts.host} (it has ${cert.subjectAltName ?? 'no SAN at all'}); Docker clients would refuse it`,
        hint: `Issue the server certificate with --san ${opts.host}, or give --registry-host with a name it covers.`,
      })
    }
  }
  return {
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000),
    subject: cert.subject.replace(/\n/g, ', '),
  }
}

function certInput(what: string): AppError {
  return new AppError({
    code: 'CERT_INVALID',
    kind: 'input',
    field: 'certs',
    message: `certs: ${what}`,
    hint: 'Pass the directory written by `registry-wizard cert issue`.',
  })
}
