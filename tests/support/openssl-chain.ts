// Enterprise-style PKIs made with the openssl CLI itself (not our core), for every suite that needs a company root,
// intermediates and a server certificate issued below them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openssl } from './openssl'

/** One CA (or leaf) made by openssl: its certificate and key files. */
export interface OpensslCa {
  cert: string
  key: string
}

export interface HierarchyOptions {
  /** O= of every CA, and the start of each CN ("NAME Root CA", "NAME Issuing CA 1"). Default "Example". */
  name?: string
  /** O= when it differs from the name (default: "NAME Ltd"). */
  org?: string
  rootDays?: number
  intermediateDays?: number
}

/**
 * A self-signed root, then `depth` intermediates below it, the last one `pathlen:0` (the one that issues server
 * certificates). Files in `dir`: root.crt/root.key, inter1.crt/inter1.key, ... Returned top-down (root first).
 */
export function makeOpensslHierarchy(dir: string, depth = 1, opts: HierarchyOptions = {}): OpensslCa[] {
  mkdirSync(dir, { recursive: true })
  const name = opts.name ?? 'Example'
  const org = opts.org ?? `${name} Ltd`
  const f = (n: string): string => join(dir, n)
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('root.key'),
    '-out',
    f('root.crt'),
    '-days',
    String(opts.rootDays ?? 400),
    '-sha256',
    '-subj',
    `/O=${org}/CN=${name} Root CA`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ])
  const out: OpensslCa[] = [{ cert: f('root.crt'), key: f('root.key') }]
  for (let i = 1; i <= depth; i++) {
    const id = `inter${i}`
    writeFileSync(
      f(`${id}.ext`),
      `basicConstraints=critical,CA:TRUE,pathlen:${depth - i}\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n`,
    )
    signBelow(dir, id, `/O=${org}/CN=${name} Issuing CA ${i}`, out[out.length - 1] as OpensslCa, {
      ext: f(`${id}.ext`),
      days: opts.intermediateDays ?? 300,
      serial: 1000 + i,
    })
    out.push({ cert: f(`${id}.crt`), key: f(`${id}.key`) })
  }
  return out
}

/** A server certificate for `sans` (IP or DNS names) issued by `issuer`: DIR/leaf.crt, DIR/leaf.key. */
export function issueOpensslLeaf(dir: string, issuer: OpensslCa, sans: string[], days = 200): OpensslCa {
  const san = sans.map((s) => (/^[\d.]+$|:/.test(s) ? `IP:${s}` : `DNS:${s}`)).join(',')
  const ext = join(dir, 'leaf.ext')
  writeFileSync(
    ext,
    `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n`,
  )
  signBelow(dir, 'leaf', `/CN=${sans[0] ?? 'registry'}`, issuer, { ext, days, serial: 0x2002 })
  return { cert: join(dir, 'leaf.crt'), key: join(dir, 'leaf.key') }
}

function signBelow(
  dir: string,
  id: string,
  subject: string,
  issuer: OpensslCa,
  o: { ext: string; days: number; serial: number },
): void {
  const f = (n: string): string => join(dir, n)
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f(`${id}.key`),
    '-out',
    f(`${id}.csr`),
    '-subj',
    subject,
  ])
  openssl([
    'x509',
    '-req',
    '-in',
    f(`${id}.csr`),
    '-CA',
    issuer.cert,
    '-CAkey',
    issuer.key,
    '-set_serial',
    `0x${o.serial.toString(16)}`,
    '-days',
    String(o.days),
    '-sha256',
    '-extfile',
    o.ext,
    '-out',
    f(`${id}.crt`),
  ])
}

/** Root CA -> intermediate CA (pathlen:0) -> server certificate, with registry cert folders laid out both ways. */
export interface OpensslChain {
  dir: string
  rootPem: string
  intermediatePem: string
  leafPem: string
  files: { root: string; intermediate: string; leaf: string; key: string }
  /** domain.crt = leaf + intermediate, domain.key, ca.crt = root (what the registry must serve, what clients trust). */
  fullDir: string
  /** domain.crt = the leaf alone (the intermediate missing), domain.key, ca.crt = root. */
  aloneDir: string
}

/** Builds the chain in `dir`; the server certificate names `sans` (IP or DNS) as SANs. */
export function makeOpensslChain(
  dir: string,
  sans: string[],
  opts: HierarchyOptions & { leafDays?: number } = {},
): OpensslChain {
  const [root, inter] = makeOpensslHierarchy(dir, 1, opts) as [OpensslCa, OpensslCa]
  const leaf = issueOpensslLeaf(dir, inter, sans, opts.leafDays)
  const read = (p: string): string => readFileSync(p, 'utf8')
  const [rootPem, intermediatePem, leafPem, key] = [root.cert, inter.cert, leaf.cert, leaf.key].map(read) as [
    string,
    string,
    string,
    string,
  ]
  const folder = (name: string, domainCrt: string): string => {
    const d = join(dir, name)
    mkdirSync(d, { recursive: true })
    writeFileSync(join(d, 'domain.crt'), domainCrt)
    writeFileSync(join(d, 'domain.key'), key, { mode: 0o600 })
    writeFileSync(join(d, 'ca.crt'), rootPem)
    return d
  }
  return {
    dir,
    rootPem,
    intermediatePem,
    leafPem,
    files: { root: root.cert, intermediate: inter.cert, leaf: leaf.cert, key: leaf.key },
    fullDir: folder('full', leafPem + intermediatePem),
    aloneDir: folder('alone', leafPem),
  }
}
