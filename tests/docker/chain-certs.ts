import { execFile } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * An enterprise-style chain made with openssl itself (not our core): root CA -> intermediate CA (pathlen:0) -> leaf
 * for `sans`. Writes DIR/domain.crt (leaf then intermediate), DIR/domain.key and DIR/ca.crt (the root only), the
 * layout `registry start --certs` reads. Returns the PEM texts too.
 */
export async function makeChainCertDir(
  dir: string,
  sans: string[],
): Promise<{ leaf: string; intermediate: string; root: string }> {
  await mkdir(dir, { recursive: true })
  const p = (f: string): string => join(dir, f)
  const ossl = (args: string[]): Promise<unknown> => run('openssl', args)
  await writeFile(
    p('int.ext'),
    'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  )
  const san = sans.map((s) => (/^[\d.]+$|:/.test(s) ? `IP:${s}` : `DNS:${s}`)).join(',')
  await writeFile(
    p('leaf.ext'),
    `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\nauthorityKeyIdentifier=keyid\n`,
  )
  await ossl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    p('root.key'),
    '-out',
    p('ca.crt'),
    '-days',
    '30',
    '-subj',
    '/O=Example Ltd/CN=Example Root CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ])
  await ossl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    p('int.key'),
    '-out',
    p('int.csr'),
    '-subj',
    '/O=Example Ltd/CN=Example Issuing CA',
  ])
  await ossl([
    'x509',
    '-req',
    '-in',
    p('int.csr'),
    '-CA',
    p('ca.crt'),
    '-CAkey',
    p('root.key'),
    '-set_serial',
    '0x1001',
    '-days',
    '25',
    '-sha256',
    '-extfile',
    p('int.ext'),
    '-out',
    p('int.crt'),
  ])
  await ossl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    p('domain.key'),
    '-out',
    p('leaf.csr'),
    '-subj',
    `/CN=${sans[0] ?? 'leaf'}`,
  ])
  await ossl([
    'x509',
    '-req',
    '-in',
    p('leaf.csr'),
    '-CA',
    p('int.crt'),
    '-CAkey',
    p('int.key'),
    '-set_serial',
    '0x2002',
    '-days',
    '20',
    '-sha256',
    '-extfile',
    p('leaf.ext'),
    '-out',
    p('leaf.crt'),
  ])
  const [leaf, intermediate, root] = await Promise.all([
    readFile(p('leaf.crt'), 'utf8'),
    readFile(p('int.crt'), 'utf8'),
    readFile(p('ca.crt'), 'utf8'),
  ])
  await writeFile(p('domain.crt'), leaf + intermediate)
  return { leaf, intermediate, root }
}
