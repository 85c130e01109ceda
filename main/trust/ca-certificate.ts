import { X509Certificate } from 'node:crypto'
import { invalidInput } from '../errors'
import { buildChain, dnLine, isIssuedBy, isSelfSigned, pemFromDer } from '../pki/pem'
import type { TrustCa } from './types'

/** Any PEM private key: PKCS#8, encrypted PKCS#8, PKCS#1 RSA, SEC1 EC, OpenSSH, DSA. */
export const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/
const CERT_BLOCK = /-----BEGIN CERTIFICATE-----\r?\n[\s\S]+?-----END CERTIFICATE-----/g

/** Does the block hold only base64 lines between its BEGIN and END lines (what any certificate tool writes)? */
function onlyBase64(block: string): boolean {
  const body = block.split(/\r?\n/).slice(1, -1)
  return body.every((line) => /^[A-Za-z0-9+/=]*\s*$/.test(line))
}

const GIVE_ROOT =
  "give the root CA certificate clients must trust: OUT/ca.crt written by `cert issue`, or your company's root CA file (a file holding the chain up to the root works too)"

/**
 * Checks that a PEM file is one root CA certificate (or a chain holding exactly one root, which is taken) and nothing
 * secret, and returns what trust targets need. The PEM returned is re-encoded from the DER bytes (see
 * {@link pemFromDer}); the input text is never passed on. A file holding a private key is refused outright: only
 * ca.crt ever goes to a client. An intermediate CA alone is refused: clients must trust the root.
 */
export function parseTrustCa(
  pem: string,
  opts: { field?: string; sourcePath?: string; now?: Date } = {},
): TrustCa {
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
  if (blocks.length === 0) {
    throw invalidInput(
      field,
      shown,
      'exactly one PEM certificate (-----BEGIN CERTIFICATE-----) is allowed; found 0',
      'CA_NOT_ONE_CERTIFICATE',
    )
  }
  const certs: X509Certificate[] = []
  for (const block of blocks) {
    let cert: X509Certificate
    try {
      cert = new X509Certificate(block.replace(/\r\n/g, '\n'))
    } catch {
      throw invalidInput(field, shown, 'the certificate block could not be parsed as X.509', 'CA_UNPARSABLE')
    }
    if (!certs.some((c) => c.fingerprint256 === cert.fingerprint256)) certs.push(cert)
  }
  const notes: string[] = []
  let cert: X509Certificate
  if (certs.length === 1) {
    cert = certs[0] as X509Certificate
    if (!cert.ca) {
      throw invalidInput(
        field,
        shown,
        'a CA certificate (basicConstraints CA:TRUE) is required; this is a leaf (server) certificate: give the CA that signed it',
        'CA_NOT_A_CA',
      )
    }
    if (!isSelfSigned(cert)) {
      throw invalidInput(
        field,
        shown,
        `this is an intermediate CA (${dnLine(cert.subject)}) issued by ${dnLine(cert.issuer)}: clients must trust the root; ${GIVE_ROOT}`,
        'CA_IS_INTERMEDIATE',
      )
    }
  } else {
    const roots = certs.filter((c) => c.ca && isSelfSigned(c))
    if (roots.length === 0) {
      const top = certs.find((c) => !certs.some((p) => p !== c && isIssuedBy(c, p)))
      const topText = top ? `; the top one (${dnLine(top.subject)}) is issued by ${dnLine(top.issuer)}` : ''
      throw invalidInput(
        field,
        shown,
        `the file holds ${certs.length} certificates but no root (self-signed) CA${topText}: ${GIVE_ROOT}`,
        'CA_CHAIN_WITHOUT_ROOT',
      )
    }
    if (roots.length > 1) {
      throw invalidInput(
        field,
        shown,
        `the file holds ${roots.length} root CAs (${roots.map((r) => dnLine(r.subject)).join('; ')}); give the one root the registry's certificate chains to`,
        'CA_SEVERAL_ROOTS',
      )
    }
    cert = roots[0] as X509Certificate
    const stray = certs.find((c) => !buildChain(c, certs, cert).anchored)
    if (stray) {
      throw invalidInput(
        field,
        shown,
        `the file holds certificates of different chains: ${dnLine(stray.subject)} does not chain to the root ${dnLine(cert.subject)}; give the root CA certificate alone`,
        'CA_CHAIN_UNRELATED',
      )
    }
    notes.push(
      `${shown} holds a chain of ${certs.length} certificates: the root CA ${dnLine(cert.subject)} was taken from it (clients trust the root)`,
    )
  }
  const now = opts.now ?? new Date()
  if (new Date(cert.validTo).getTime() < now.getTime()) {
    throw invalidInput(
      field,
      shown,
      `the CA expired on ${cert.validTo}; a valid CA is required`,
      'CA_EXPIRED',
    )
  }
  const canonical = pemFromDer(cert.raw)
  const sourceIsCanonical = pem === canonical
  if (blocks.some((b) => !onlyBase64(b))) {
    notes.push(
      `${shown}: the certificate block holds text that is not base64; it was ignored and the certificate re-encoded from its DER bytes`,
    )
  }
  return {
    pem: canonical,
    fingerprintSha256: cert.fingerprint256,
    thumbprintSha1: cert.fingerprint.replace(/:/g, ''),
    subject: dnLine(cert.subject),
    notAfter: new Date(cert.validTo).toISOString(),
    sourcePath: opts.sourcePath,
    sourceIsCanonical,
    notes,
  }
}

/** The file name a CA gets in an OS store: stable per CA, so install is idempotent and uninstall exact. */
export function osStoreFileName(ca: TrustCa): string {
  return `registry-wizard-${ca.fingerprintSha256.replace(/:/g, '').slice(0, 16).toLowerCase()}.crt`
}
