import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from './fixtures'

/** An enterprise-style PKI made with openssl alone: root CA -> intermediate CA (pathlen:0) -> server certificate. */
export interface OpensslChain {
  dir: string
  rootPem: string
  intermediatePem: string
  leafPem: string
  /** Files: root.crt, intermediate.crt, leaf.crt, leaf.key; full/ and alone/ are registry cert folders. */
  files: { root: string; intermediate: string; leaf: string; key: string }
  /** domain.crt = leaf + intermediate, domain.key, ca.crt = root (what the registry must serve, what clients trust). */
  fullDir: string
  /** domain.crt = the leaf alone (the intermediate missing), domain.key, ca.crt = root. */
  aloneDir: string
}

const openssl = (args: string[]): Promise<unknown> => run('openssl', args)

/** Builds the chain in `dir`; the server certificate names `sans` (IP or DNS) as SANs; `intermediateDays` / `leafDays` set the validity (a leaf may outlive its intermediate). */
export async function makeOpensslChain(
  dir: string,
  sans: string[],
  opts: { intermediateDays?: number; leafDays?: number; rootCn?: string } = {},
): Promise<OpensslChain> {
  await mkdir(dir, { recursive: true })
  const f = (name: string): string => join(dir, name)
  await writeFile(
    f('intermediate.ext'),
    'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n',
  )
  const san = sans.map((s) => (/^[\d.]+$|:/.test(s) ? `IP:${s}` : `DNS:${s}`)).join(',')
  await writeFile(
    f('leaf.ext'),
    `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n`,
  )
  const rootCn = opts.rootCn ?? 'rw-ver Corp Root CA'
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('root.key'),
    '-out',
    f('root.crt'),
    '-subj',
    `/O=rw-ver Corp/CN=${rootCn}`,
    '-days',
    '400',
    '-sha256',
    '-extensions',
    'v3_ca',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ])
  await openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('intermediate.key'),
    '-out',
    f('intermediate.csr'),
    '-subj',
    '/O=rw-ver Corp/CN=rw-ver Corp Issuing CA 1',
  ])
  await openssl([
    'x509',
    '-req',
    '-in',
    f('intermediate.csr'),
    '-CA',
    f('root.crt'),
    '-CAkey',
    f('root.key'),
    '-set_serial',
    '0x1001',
    '-days',
    String(opts.intermediateDays ?? 300),
    '-sha256',
    '-extfile',
    f('intermediate.ext'),
    '-out',
    f('intermediate.crt'),
  ])
  await openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('leaf.key'),
    '-out',
    f('leaf.csr'),
    '-subj',
    `/CN=${sans[0] ?? 'registry'}`,
  ])
  await openssl([
    'x509',
    '-req',
    '-in',
    f('leaf.csr'),
    '-CA',
    f('intermediate.crt'),
    '-CAkey',
    f('intermediate.key'),
    '-set_serial',
    '0x2002',
    '-days',
    String(opts.leafDays ?? 200),
    '-sha256',
    '-extfile',
    f('leaf.ext'),
    '-out',
    f('leaf.crt'),
  ])
  const [rootPem, intermediatePem, leafPem] = await Promise.all([
    readFile(f('root.crt'), 'utf8'),
    readFile(f('intermediate.crt'), 'utf8'),
    readFile(f('leaf.crt'), 'utf8'),
  ])
  const key = await readFile(f('leaf.key'), 'utf8')
  const folder = async (name: string, domainCrt: string): Promise<string> => {
    const d = f(name)
    await mkdir(d, { recursive: true })
    await writeFile(join(d, 'domain.crt'), domainCrt)
    await writeFile(join(d, 'domain.key'), key, { mode: 0o600 })
    await writeFile(join(d, 'ca.crt'), rootPem)
    return d
  }
  return {
    dir,
    rootPem,
    intermediatePem,
    leafPem,
    files: {
      root: f('root.crt'),
      intermediate: f('intermediate.crt'),
      leaf: f('leaf.crt'),
      key: f('leaf.key'),
    },
    fullDir: await folder('full', leafPem + intermediatePem),
    aloneDir: await folder('alone', leafPem),
  }
}
