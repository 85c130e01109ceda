import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openssl } from '../support/openssl'

export interface OpensslChain {
  /** Self-signed "O=Example Corp, CN=Example Root CA". */
  root: string
  /** "CN=Example Issuing CA" (CA:TRUE, pathlen:0) issued by the root. */
  intermediate: string
  /** A server certificate (IP 192.168.20.10) issued by the intermediate. */
  leaf: string
  /** An unrelated self-signed root, "CN=Other Root CA". */
  otherRoot: string
}

/** An enterprise-style chain made with the openssl CLI (not our own PKI code): root -> intermediate -> leaf. */
export function makeOpensslChain(): OpensslChain {
  const dir = mkdtempSync(join(tmpdir(), 'rw-trust-chain-'))
  try {
    const ext = join(dir, 'ext.cnf')
    writeFileSync(
      ext,
      '[ca]\nbasicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n[leaf]\nbasicConstraints=CA:FALSE\nsubjectAltName=IP:192.168.20.10\n',
    )
    const p = (n: string): string => join(dir, n)
    for (const [name, cn] of [
      ['root', 'Example Root CA'],
      ['other', 'Other Root CA'],
    ] as const) {
      openssl([
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        p(`${name}.key`),
        '-out',
        p(`${name}.crt`),
        '-days',
        '5',
        '-subj',
        `/O=Example Corp/CN=${cn}`,
      ])
    }
    openssl([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      p('int.key'),
      '-out',
      p('int.csr'),
      '-subj',
      '/O=Example Corp/CN=Example Issuing CA',
    ])
    openssl([
      'x509',
      '-req',
      '-in',
      p('int.csr'),
      '-CA',
      p('root.crt'),
      '-CAkey',
      p('root.key'),
      '-CAcreateserial',
      '-out',
      p('int.crt'),
      '-days',
      '4',
      '-extfile',
      ext,
      '-extensions',
      'ca',
    ])
    openssl([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      p('leaf.key'),
      '-out',
      p('leaf.csr'),
      '-subj',
      '/CN=registry',
    ])
    openssl([
      'x509',
      '-req',
      '-in',
      p('leaf.csr'),
      '-CA',
      p('int.crt'),
      '-CAkey',
      p('int.key'),
      '-CAcreateserial',
      '-out',
      p('leaf.crt'),
      '-days',
      '3',
      '-extfile',
      ext,
      '-extensions',
      'leaf',
    ])
    const read = (n: string): string => readFileSync(p(n), 'utf8')
    return {
      root: read('root.crt'),
      intermediate: read('int.crt'),
      leaf: read('leaf.crt'),
      otherRoot: read('other.crt'),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
