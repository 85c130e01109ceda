import { X509Certificate } from 'node:crypto'
import { invalidInput } from '../errors'
import type { TrustCa } from './types'

/** Any PEM private key: PKCS#8, encrypted PKCS#8, PKCS#1 RSA, SEC1 EC, OpenSSH, DSA. */
export const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/
const CERT_BLOCK = /-----BEGIN CERTIFICATE-----\r?\n[\s\S]+?-----END CERTIFICATE-----/g

/**
 * Checks that a PEM file is exactly one CA certificate and nothing secret, and returns what trust targets need.
 * A file holding a private key is refused outright: only ca.crt ever goes to a client.
 */
export function parseTrustCa(pem: string, opts: { field?: string; sourcePath?: string; now?: Date } = {}): TrustCa {
  const field = opts.field ?? 'ca'
  const shown = opts.sourcePath ?? '(PEM text)'
  if (PEM_PRIVATE_KEY.test(pem)) {
    throw invalidInput(
      field,
      shown,
      'give the CA certificate (ca.crt) only: this file holds a private key, and a private key never goes to a client',
      'CA_HOLDS_PRIVATE_KEY',
    )
  }
  const blocks = pem.match(CERT_BLOCK) ?? []
  if (blocks.length !== 1) {
    throw invalidInput(
      field,
      shown,
      `exactly one PEM certificate (-----BEGIN CERTIFICATE-----) is allowed; found ${blocks.length}`,
      'CA_NOT_ONE_CERTIFICATE',
    )
  }
  const block = blocks[0].replace(/\r\n/g, '\n')
  let cert: X509Certificate
  try {
    cert = new X509Certificate(block)
  } catch {
    throw invalidInput(field, shown, 'the certificate block could not be parsed as X.509', 'CA_UNPARSABLE')
  }
  if (!cert.ca) {
    throw invalidInput(
      field,
      shown,
      'a CA certificate (basicConstraints CA:TRUE) is required; this is a leaf (server) certificate: give the CA that signed it',
      'CA_NOT_A_CA',
    )
  }
  const now = opts.now ?? new Date()
  if (new Date(cert.validTo).getTime() < now.getTime()) {
    throw invalidInput(field, shown, `the CA expired on ${cert.validTo}; a valid CA is required`, 'CA_EXPIRED')
  }
  return {
    pem: `${block}\n`,
    fingerprintSha256: cert.fingerprint256,
    thumbprintSha1: cert.fingerprint.replace(/:/g, ''),
    subject: cert.subject.replace(/\n/g, ', '),
    notAfter: new Date(cert.validTo).toISOString(),
    sourcePath: opts.sourcePath,
  }
}

/** The file name a CA gets in an OS store: stable per CA, so install is idempotent and uninstall exact. */
export function osStoreFileName(ca: TrustCa): string {
  return `registry-wizard-${ca.fingerprintSha256.replace(/:/g, '').slice(0, 16).toLowerCase()}.crt`
}
