import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCa, issueCertificate, openCa } from '../../main/pki'
import { makeTmpDir } from '../support/fs-snapshot'
import { report, timeRuns } from './stats'

/**
 * CA (RSA 4096) + server certificate (RSA 2048) generation: our core beside the equivalent openssl commands
 * (the runbook's steps, with SANs via -addext), alternated in the same run, median of RUNS each.
 */
export async function benchPki(runs = 20): Promise<boolean> {
  const dir = makeTmpDir('rw-bench-pki-')
  const ext = join(dir, 'ext.cnf')
  writeFileSync(
    ext,
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:192.168.20.10,DNS:registry.lan\nauthorityKeyIdentifier=keyid\n',
  )
  const sh = (args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' })
  }
  const ours: number[] = []
  const theirs: number[] = []
  for (let i = 0; i < runs; i++) {
    ours.push(
      ...(await timeRuns(1, async () => {
        const ca = openCa(await createCa({ subject: { cn: 'Bench CA' }, keySize: 4096 }))
        await issueCertificate(ca, { sans: ['192.168.20.10', 'registry.lan'], keySize: 2048 })
      })),
    )
    theirs.push(
      ...(await timeRuns(1, () => {
        sh([
          'req',
          '-x509',
          '-newkey',
          'rsa:4096',
          '-nodes',
          '-sha256',
          '-keyout',
          'ca.key',
          '-out',
          'ca.crt',
          '-days',
          '3650',
          '-subj',
          '/CN=Bench CA',
          '-addext',
          'basicConstraints=critical,CA:TRUE,pathlen:0',
          '-addext',
          'keyUsage=critical,keyCertSign,cRLSign',
        ])
        sh([
          'req',
          '-new',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          'domain.key',
          '-out',
          'domain.csr',
          '-subj',
          '/CN=192.168.20.10',
        ])
        sh([
          'x509',
          '-req',
          '-in',
          'domain.csr',
          '-CA',
          'ca.crt',
          '-CAkey',
          'ca.key',
          '-CAcreateserial',
          '-days',
          '825',
          '-sha256',
          '-extfile',
          ext,
          '-out',
          'domain.crt',
        ])
      })),
    )
  }
  return report('CA 4096 + server 2048 (vs openssl)', ours, theirs, 1.1).ok
}
