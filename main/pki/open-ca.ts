import { X509Certificate, type KeyObject } from 'node:crypto'
import { AppError } from '../errors'
import { readPrivateKey } from './keys'
import { dnLine, pemFromDer } from './pem'
import { SIGNING_CURVES, type LoadedCa, type PemPair } from './types'

/** One PEM certificate; `field` names the request field it came from (`path`, `certPath`, `caDir`). */
export function parseCertificate(pem: string, field = 'path'): X509Certificate {
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new AppError({ code: 'CERT_NOT_PEM', kind: 'input', field })
  try {
    return new X509Certificate(pem)
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    throw new AppError({ code: 'CERT_UNREADABLE', kind: 'input', field, params: { position: 1, detail } })
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

/** The request fields the CA's certificate and key came from (import: certPath / keyPath; a CA folder: caDir). */
export interface CaFields {
  certField?: string | undefined
  keyField?: string | undefined
}

/** The CA certificate must be valid now. */
function checkValidNow(cert: X509Certificate, now: Date, field: string): void {
  const notBefore = new Date(cert.validFrom)
  const notAfter = new Date(cert.validTo)
  if (notAfter.getTime() <= now.getTime())
    throw new AppError({
      code: 'CA_EXPIRED',
      kind: 'input',
      field,
      params: { notAfter: notAfter.toISOString() },
    })
  if (notBefore.getTime() > now.getTime())
    throw new AppError({
      code: 'CA_NOT_YET_VALID',
      kind: 'input',
      field,
      params: { notBefore: notBefore.toISOString() },
    })
}

/**
 * Opens a CA for issuing: refuses, with the reason, a key that does not match the certificate, a certificate
 * that is not a CA, one that has expired or is not valid yet, and a key we cannot sign with (RSA and ECDSA P-256,
 * P-384, P-521 are signed with; Ed25519, DSA... are refused).
 */
export function openCa(
  pair: PemPair,
  passphrase?: string,
  now: Date = new Date(),
  fields: CaFields = {},
): LoadedCa {
  const certField = fields.certField ?? 'certPath'
  const keyField = fields.keyField ?? 'keyPath'
  const certPem = firstCertificatePem(pair.certPem)
  const cert = parseCertificate(certPem, certField)
  const key = readPrivateKey(pair.keyPem, passphrase, keyField)
  const subject = dnLine(cert.subject)
  if (!cert.ca) throw new AppError({ code: 'NOT_A_CA', kind: 'input', field: certField, params: { subject } })
  if (!cert.checkPrivateKey(key)) throw new AppError({ code: 'KEY_MISMATCH', kind: 'input', field: keyField })
  if (!canSignWith(key)) {
    throw new AppError({
      code: 'CA_KEY_UNSUPPORTED',
      kind: 'input',
      field: keyField,
      params: { keyType: keyName(key) },
    })
  }
  checkValidNow(cert, now, certField)
  return { certPem, key, notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo), subject }
}

function canSignWith(key: KeyObject): boolean {
  if (key.asymmetricKeyType === 'rsa') return true
  const curve = key.asymmetricKeyDetails?.namedCurve
  return key.asymmetricKeyType === 'ec' && SIGNING_CURVES.some((c) => c === curve)
}

/** How a refused key is named: its type, and its curve for EC (`ec secp256k1`). */
function keyName(key: KeyObject): string {
  const type = key.asymmetricKeyType ?? 'unknown'
  const curve = key.asymmetricKeyDetails?.namedCurve
  return curve === undefined ? type : `${type} ${curve}`
}
