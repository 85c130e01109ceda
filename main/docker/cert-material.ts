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
  /** The address the served certificate is checked against (and clients use): see identityHost. */
  identity: string
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g

/** Every certificate of a PEM text, in order (a domain.crt may hold the leaf followed by intermediates). */
export function pemCertificates(pem: string): X509Certificate[] {
  return (pem.match(PEM_BLOCK) ?? []).map((block) => new X509Certificate(block))
}

/**
 * True when `chain` (leaf first, then intermediates) leads to one of the `anchors` (ca.crt: the root, or any
 * certificate in it): each certificate is signed by the next, every intermediate is a CA, and the last is an
 * anchor itself or signed by one.
 */
export function chainsTo(chain: X509Certificate[], anchors: X509Certificate[]): boolean {
  if (chain.length === 0 || anchors.length === 0) return false
  const signedBy = (child: X509Certificate, parent: X509Certificate): boolean =>
    parent.ca && child.checkIssued(parent) && child.verify(parent.publicKey)
  const isAnchor = (c: X509Certificate): boolean => anchors.some((a) => a.fingerprint256 === c.fingerprint256)
  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i] as X509Certificate
    if (i > 0 && isAnchor(cert)) return true
    if (anchors.some((a) => signedBy(cert, a))) return true
    const next = chain[i + 1]
    if (next === undefined || !signedBy(cert, next)) return false
  }
  return false
}

/** The SANs of a certificate as Go reads them: IP and DNS entries only (never the CN). */
export function certSans(cert: X509Certificate): { type: 'ip' | 'dns'; value: string }[] {
  const out: { type: 'ip' | 'dns'; value: string }[] = []
  for (const part of (cert.subjectAltName ?? '').split(/,\s*/)) {
    const m = /^(DNS|IP Address):(.+)$/.exec(part.trim())
    if (m === null) continue
    out.push({ type: m[1] === 'DNS' ? 'dns' : 'ip', value: (m[2] ?? '').trim() })
  }
  return out
}

function covers(cert: X509Certificate, host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '')
  return isIP(h) ? cert.checkIP(h) !== undefined : cert.checkHost(h, { subject: 'never' }) !== undefined
}

const isLoopback = (v: string): boolean => v === 'localhost' || v === '::1' || /^127\./.test(v)

/**
 * The address the registry's certificate is checked against and reported with (what clients use). Order: the
 * address asked for (`--registry-host`, the plan's address); the engine's own host when the certificate covers it and
 * it is not loopback (a remote engine: the registry host); the first SAN that is not loopback nor a wildcard; the
 * first SAN that is not a wildcard. The health check CONNECTS to the engine's host either way.
 */
export function identityHost(
  cert: X509Certificate,
  opts: { wanted?: string | undefined; engineHost?: string | undefined },
): string | undefined {
  if (opts.wanted !== undefined && opts.wanted !== '')
    return covers(cert, opts.wanted) ? opts.wanted : undefined
  if (opts.engineHost !== undefined && !isLoopback(opts.engineHost) && covers(cert, opts.engineHost))
    return opts.engineHost
  const usable = certSans(cert).filter((s) => !s.value.includes('*'))
  return (usable.find((s) => !isLoopback(s.value)) ?? usable[0])?.value
}

/**
 * Preflight for the server pair: the key matches the certificate (the leaf, the first one in domain.crt), the
 * certificate is in its validity period, it chains to ca.crt (directly or through the intermediates that follow it),
 * and it covers the address clients use: `host` when given (--registry-host), else an address it names (see
 * identityHost). Returns that address as `identity`.
 */
export function checkCertMaterial(
  m: CertMaterial,
  opts: { host?: string | undefined; engineHost?: string | undefined; now?: Date } = {},
): CertCheck {
  const now = opts.now ?? new Date()
  let chain: X509Certificate[]
  let anchors: X509Certificate[]
  try {
    chain = pemCertificates(m.certPem)
  } catch {
    chain = []
  }
  if (chain.length === 0) throw certInput(`${CERT_FILE} is not a PEM certificate`)
  try {
    anchors = pemCertificates(m.caPem)
  } catch {
    anchors = []
  }
  if (anchors.length === 0) throw certInput(`${CA_FILE} is not a PEM certificate`)
  const cert = chain[0] as X509Certificate
  const ca = anchors[0] as X509Certificate
  let matches: boolean
  try {
    matches = cert.checkPrivateKey(createPrivateKey(m.keyPem))
  } catch {
    throw certInput(
      `${KEY_FILE} is not an unencrypted PEM private key (the registry cannot use an encrypted key)`,
    )
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
  if (!chainsTo(chain, anchors)) {
    throw new AppError({
      code: 'CERT_NOT_FROM_CA',
      kind: 'input',
      field: 'certs',
      message:
        `certs: ${CERT_FILE} was not signed by ${CA_FILE} (${ca.subject.replace(/\n/g, ', ')})` +
        (chain.length > 1
          ? `, neither directly nor through the ${chain.length - 1} intermediate certificate(s) after it`
          : ''),
      hint: `Put the CA certificate that issued ${CERT_FILE} next to it as ${CA_FILE}; for an intermediate CA, ${CERT_FILE} holds the leaf followed by the intermediates and ${CA_FILE} the root.`,
    })
  }
  const identity = identityHost(cert, { wanted: opts.host, engineHost: opts.engineHost })
  if (identity === undefined) {
    const wanted = opts.host ?? ''
    const sans = cert.subjectAltName ?? 'no SAN at all'
    throw new AppError({
      code: 'CERT_HOST_NOT_COVERED',
      kind: 'input',
      field: 'certs',
      message:
        wanted === ''
          ? `certs: ${CERT_FILE} names no address a client could use (it has ${sans}); Docker clients read only IP and DNS SANs`
          : `certs: ${CERT_FILE} has no SAN for ${wanted} (it has ${sans}); Docker clients would refuse it`,
      hint:
        wanted === ''
          ? 'Issue the server certificate with every address clients use (registry-wizard cert issue --ip IP --dns NAME).'
          : `Issue the server certificate with that address (registry-wizard cert issue --ip IP or --dns NAME), or give --registry-host with an address it covers.`,
    })
  }
  return {
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000),
    subject: cert.subject.replace(/\n/g, ', '),
    identity,
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
