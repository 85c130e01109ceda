import { X509Certificate } from 'node:crypto'
import { AppError, invalidInput } from '../errors'
import { readPrivateKey } from './keys'
import { pemFromDer } from './pem'
import type { LoadedCa, PemPair } from './types'

export function parseCertificate(pem: string, field = 'certificate'): X509Certificate {
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw invalidInput(
      field,
      '(file contents)',
      'a PEM certificate ("-----BEGIN CERTIFICATE-----") is required',
    )
  }
  try {
    return new X509Certificate(pem)
  } catch (err) {
    throw invalidInput(
      field,
      '(file contents)',
      `it is not a readable X.509 certificate (${err instanceof Error ? err.message : String(err)})`,
    )
  }
}

/**
 * The first PEM certificate in a text (a CA file may hold a chain; the first is the one we use), re-encoded from its
 * DER bytes when it parses (canonical PEM: nothing but base64 between the BEGIN and END lines).
 */
export function firstCertificatePem(text: string): string {
  const m = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)
  if (!m) return text
  try {
    return pemFromDer(new X509Certificate(m[0]).raw)
  } catch {
    return `${m[0]}\n`
  }
}

/**
 * Opens a CA for issuing: refuses, with the reason, a key that does not match the certificate, a certificate
 * that is not a CA, one that has expired or is not valid yet, and a non-RSA key (we sign with RSA).
 */
export function openCa(pair: PemPair, passphrase?: string, now: Date = new Date()): LoadedCa {
  const certPem = firstCertificatePem(pair.certPem)
  const cert = parseCertificate(certPem, 'CA certificate')
  const key = readPrivateKey(pair.keyPem, passphrase, 'CA key')
  if (!cert.ca) {
    throw new AppError({
      code: 'NOT_A_CA',
      kind: 'input',
      field: 'CA certificate',
      message: `CA certificate: "${cert.subject.replace(/\n/g, ', ')}" is not a CA (basicConstraints CA:TRUE is missing)`,
      hint: 'Import the CA certificate that signs your server certificates, not a server certificate, or create a new CA.',
    })
  }
  if (!cert.checkPrivateKey(key)) {
    throw new AppError({
      code: 'KEY_MISMATCH',
      kind: 'input',
      field: 'CA key',
      message: 'CA key: the private key does not belong to the CA certificate (their public keys differ)',
      hint: 'Give the key file that was created together with this CA certificate.',
    })
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw invalidInput(
      'CA key',
      key.asymmetricKeyType ?? 'unknown',
      'only RSA CA keys are supported for issuing',
    )
  }
  const notBefore = new Date(cert.validFrom)
  const notAfter = new Date(cert.validTo)
  if (notAfter.getTime() <= now.getTime()) {
    throw new AppError({
      code: 'CA_EXPIRED',
      kind: 'input',
      field: 'CA certificate',
      message: `CA certificate: it expired on ${notAfter.toISOString()}`,
      hint: 'Create a new CA; every client will need to trust the new ca.crt.',
    })
  }
  if (notBefore.getTime() > now.getTime()) {
    throw new AppError({
      code: 'CA_NOT_YET_VALID',
      kind: 'input',
      field: 'CA certificate',
      message: `CA certificate: it is not valid before ${notBefore.toISOString()}`,
      hint: "Check this machine's clock.",
    })
  }
  return { certPem, key, notBefore, notAfter, subject: cert.subject.replace(/\n/g, ', ') }
}
