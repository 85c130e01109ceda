import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openssl } from '../support/openssl'

/** One CA made by openssl itself (not our core): its certificate and key files. */
export interface OpensslCa {
  cert: string
  key: string
}

/**
 * A company-style hierarchy made with openssl: a self-signed root ("Example Root CA"), then `depth` intermediates
 * below it, the last one `pathlen:0` (the one that issues server certificates). Files in `dir`: root.crt/root.key,
 * inter1.crt/inter1.key, ... Returns them top-down (root first).
 */
export function makeOpensslHierarchy(dir: string, depth = 1, tag = 'Example'): OpensslCa[] {
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
    '60',
    '-subj',
    `/O=${tag} Ltd/CN=${tag} Root CA`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ])
  const out: OpensslCa[] = [{ cert: f('root.crt'), key: f('root.key') }]
  for (let i = 1; i <= depth; i++) {
    const parent = out[out.length - 1] as OpensslCa
    const name = `inter${i}`
    writeFileSync(
      f(`${name}.ext`),
      `basicConstraints=critical,CA:TRUE,pathlen:${depth - i}\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n`,
    )
    openssl([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      f(`${name}.key`),
      '-out',
      f(`${name}.csr`),
      '-subj',
      `/O=${tag} Ltd/CN=${tag} Issuing CA ${i}`,
    ])
    openssl([
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      parent.cert,
      '-CAkey',
      parent.key,
      '-set_serial',
      `0x${(1000 + i).toString(16)}`,
      '-days',
      '50',
      '-sha256',
      '-extfile',
      f(`${name}.ext`),
      '-out',
      f(`${name}.crt`),
    ])
    out.push({ cert: f(`${name}.crt`), key: f(`${name}.key`) })
  }
  return out
}
