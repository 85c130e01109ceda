import { X509Certificate } from 'node:crypto'
import { AppError } from '../errors'
import { message, type Message, type Param } from '../messages/index'
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

/** What every refusal of the CA names: the field, and the file (or "(PEM text)") as given. */
interface Where {
  field: string
  value: Param
}

/** A refusal of the given CA: bad input in that field (exit 2, nothing changed). */
const at = (where: Where): { kind: 'input'; field: string } => ({ kind: 'input', field: where.field })

/** The distinct certificates of the PEM blocks (the same one twice counts once). */
function parseBlocks(blocks: string[], where: Where): X509Certificate[] {
  const certs: X509Certificate[] = []
  for (const block of blocks) {
    let cert: X509Certificate
    try {
      cert = new X509Certificate(block.replace(/\r\n/g, '\n'))
    } catch {
      throw new AppError({
        ...at(where),
        code: 'CA_UNPARSABLE',
        params: { value: where.value, allowed: message('trust.ca.unparsable') },
      })
    }
    if (!certs.some((c) => c.fingerprint256 === cert.fingerprint256)) certs.push(cert)
  }
  return certs
}

/** One certificate given: it must be a root CA. */
function theOneRoot(cert: X509Certificate, where: Where): X509Certificate {
  if (!cert.ca) throw new AppError({ ...at(where), code: 'CA_NOT_A_CA', params: { value: where.value } })
  if (!isSelfSigned(cert)) {
    throw new AppError({
      ...at(where),
      code: 'CA_IS_INTERMEDIATE',
      params: { value: where.value, subject: dnLine(cert.subject), issuer: dnLine(cert.issuer) },
    })
  }
  return cert
}

/** Several certificates given: exactly one root, and every other one chains to it. */
function rootOfChain(certs: X509Certificate[], where: Where): X509Certificate {
  const roots = certs.filter((c) => c.ca && isSelfSigned(c))
  if (roots.length === 0) {
    const top = certs.find((c) => !certs.some((p) => p !== c && isIssuedBy(c, p)))
    const topText = top
      ? message('trust.ca.topIssuedBy', { subject: dnLine(top.subject), issuer: dnLine(top.issuer) })
      : ''
    throw new AppError({
      ...at(where),
      code: 'CA_CHAIN_WITHOUT_ROOT',
      params: { value: where.value, count: certs.length, top: topText },
    })
  }
  if (roots.length > 1) {
    throw new AppError({
      ...at(where),
      code: 'CA_SEVERAL_ROOTS',
      params: { value: where.value, count: roots.length, subjects: roots.map((r) => dnLine(r.subject)) },
    })
  }
  const root = roots[0] as X509Certificate
  const stray = certs.find((c) => !buildChain(c, certs, root).anchored)
  if (stray) {
    throw new AppError({
      ...at(where),
      code: 'CA_CHAIN_UNRELATED',
      params: { value: where.value, stray: dnLine(stray.subject), root: dnLine(root.subject) },
    })
  }
  return root
}

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
  const shown: Param = opts.sourcePath ?? message('trust.ca.pemText')
  const where: Where = {
    field: opts.field ?? 'ca',
    value: opts.sourcePath === undefined ? shown : JSON.stringify(opts.sourcePath),
  }
  if (PEM_PRIVATE_KEY.test(pem))
    throw new AppError({ ...at(where), code: 'CA_HOLDS_PRIVATE_KEY', params: { value: where.value } })
  const blocks = pem.match(CERT_BLOCK) ?? []
  if (blocks.length === 0)
    throw new AppError({ ...at(where), code: 'CA_NOT_ONE_CERTIFICATE', params: { value: where.value } })
  const certs = parseBlocks(blocks, where)
  const notes: Message[] = []
  const cert = certs.length === 1 ? theOneRoot(certs[0] as X509Certificate, where) : rootOfChain(certs, where)
  if (certs.length > 1) {
    notes.push(
      message('trust.ca.chainTaken', { source: shown, count: certs.length, subject: dnLine(cert.subject) }),
    )
  }
  const now = opts.now ?? new Date()
  if (new Date(cert.validTo).getTime() < now.getTime())
    throw new AppError({
      ...at(where),
      code: 'TRUST_CA_EXPIRED',
      params: { value: where.value, notAfter: cert.validTo },
    })
  const canonical = pemFromDer(cert.raw)
  if (blocks.some((b) => !onlyBase64(b))) notes.push(message('trust.ca.reencoded', { source: shown }))
  return {
    pem: canonical,
    fingerprintSha256: cert.fingerprint256,
    thumbprintSha1: cert.fingerprint.replace(/:/g, ''),
    subject: dnLine(cert.subject),
    notAfter: new Date(cert.validTo).toISOString(),
    sourcePath: opts.sourcePath,
    sourceIsCanonical: pem === canonical,
    notes,
  }
}

/** The file name a CA gets in an OS store: stable per CA, so install is idempotent and uninstall exact. */
export function osStoreFileName(ca: TrustCa): string {
  return `registry-wizard-${ca.fingerprintSha256.replace(/:/g, '').slice(0, 16).toLowerCase()}.crt`
}
