import { promises as fs } from 'node:fs'
import { createPrivateKey, type X509Certificate } from 'node:crypto'
import { join } from 'node:path'
import { daysLeft } from '../dates'
import { AppError } from '../errors'
import { message, type Message } from '../messages/index'
import { isLoopback } from '../net/address'
import { CA_CERT_FILE, SERVER_CERT_FILE, SERVER_KEY_FILE } from '../pki/file-names'
import { certificateSans, coveringSan } from '../pki/inspect-cert'
import { buildChain, dnLine, pemCertificates } from '../pki/pem'

/** The server pair the registry serves plus the CA that signed it (used to verify health, never shipped to clients as a key). */
export interface CertMaterial {
  certPem: string
  keyPem: string
  caPem: string
  /** The directory it was read from, when read from disk (bind-mount source). */
  dir?: string | undefined
}

export const CERT_FILE = SERVER_CERT_FILE
export const KEY_FILE = SERVER_KEY_FILE
export const CA_FILE = CA_CERT_FILE

/** Reads domain.crt, domain.key and ca.crt from a certificate directory as written by `cert issue`. */
export async function readCertDir(dir: string): Promise<CertMaterial> {
  const read = async (file: string): Promise<string> => {
    try {
      return await fs.readFile(join(dir, file), 'utf8')
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? 'EIO'
      throw new AppError({
        code: 'CERT_FILES_MISSING',
        kind: 'input',
        field: 'certs',
        params: { path: join(dir, file), reason },
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

/** Every certificate of a PEM text, in order (a domain.crt may hold the leaf followed by intermediates): pki/pem's. */
export { pemCertificates }

/**
 * True when `chain` (leaf first, then intermediates) leads to one of the `anchors` (ca.crt: the root, or any
 * certificate in it): pki/pem's buildChain from the leaf through the rest, every certificate above the leaf a CA.
 */
export function chainsTo(chain: X509Certificate[], anchors: X509Certificate[]): boolean {
  const [leaf, ...rest] = chain
  if (leaf === undefined) return false
  return anchors.some((anchor) => {
    if (!anchor.ca) return false
    const built = buildChain(leaf, rest, anchor)
    return built.anchored && built.path.slice(1).every((c) => c.ca)
  })
}

/** The SANs of a certificate as Go reads them: IP and DNS entries only (never the CN). */
export function certSans(cert: X509Certificate): { type: 'ip' | 'dns'; value: string }[] {
  return certificateSans(cert)
}

/** Does a SAN cover the host: the one rule set, Go's (pki/names sanCoversHost, what verify checks too). */
function covers(cert: X509Certificate, host: string): boolean {
  return coveringSan(certificateSans(cert), host.replace(/^\[|\]$/g, '')) !== undefined
}

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

/** The leaf and the anchors of a server pair, parsed; invalid input when either is not a PEM certificate. */
function parsePair(m: CertMaterial): { chain: X509Certificate[]; anchors: X509Certificate[] } {
  const parse = (pem: string): X509Certificate[] => {
    try {
      return pemCertificates(pem)
    } catch {
      return []
    }
  }
  const chain = parse(m.certPem)
  if (chain.length === 0) throw certInput(message('docker.cert.notPem', { file: CERT_FILE }))
  const anchors = parse(m.caPem)
  if (anchors.length === 0) throw certInput(message('docker.cert.notPem', { file: CA_FILE }))
  return { chain, anchors }
}

function checkKey(cert: X509Certificate, keyPem: string): void {
  let matches: boolean
  try {
    matches = cert.checkPrivateKey(createPrivateKey(keyPem))
  } catch {
    throw certInput(message('docker.cert.keyUnusable'))
  }
  if (!matches) throw new AppError({ code: 'CERT_KEY_MISMATCH', kind: 'input', field: 'certs' })
}

function notFromCa(chain: X509Certificate[], ca: X509Certificate): AppError {
  const through =
    chain.length > 1 ? message('docker.cert.throughIntermediates', { count: chain.length - 1 }) : ''
  return new AppError({
    code: 'CERT_NOT_FROM_CA',
    kind: 'input',
    field: 'certs',
    params: { caSubject: dnLine(ca.subject), through },
  })
}

function notCovered(cert: X509Certificate, wanted: string): AppError {
  const sans = cert.subjectAltName ?? message('docker.cert.noSans')
  const detail: Message =
    wanted === ''
      ? message('docker.cert.noAddress', { sans })
      : message('docker.cert.noSanFor', { host: wanted, sans })
  return new AppError({
    code: 'CERT_HOST_NOT_COVERED',
    kind: 'input',
    field: 'certs',
    params: { host: wanted, sans, detail },
  })
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
  const { chain, anchors } = parsePair(m)
  const cert = chain[0] as X509Certificate
  checkKey(cert, m.keyPem)
  const notAfter = new Date(cert.validTo)
  if (notAfter.getTime() <= now.getTime())
    throw new AppError({
      code: 'CERT_EXPIRED',
      kind: 'input',
      field: 'certs',
      params: { notAfter: notAfter.toISOString() },
    })
  if (!chainsTo(chain, anchors)) throw notFromCa(chain, anchors[0] as X509Certificate)
  const identity = identityHost(cert, { wanted: opts.host, engineHost: opts.engineHost })
  if (identity === undefined) throw notCovered(cert, opts.host ?? '')
  return {
    notAfter: notAfter.toISOString(),
    daysLeft: daysLeft(notAfter, now),
    subject: dnLine(cert.subject),
    identity,
  }
}

function certInput(what: Message): AppError {
  return new AppError({ code: 'CERT_INVALID', kind: 'input', field: 'certs', params: { what } })
}
