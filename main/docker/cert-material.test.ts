import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCaDir, issueToDir } from '../pki'
import { makeOpensslChain } from '../../tests/support/openssl-chain'
import { isAppError, type AppError } from '../errors'
import { checkCertMaterial, readCertDir, type CertMaterial } from './cert-material'

let root: string
let runbook: CertMaterial
let loopback: CertMaterial
let chainDir: string
let chainFiles: { intermediateKey: string; leaf: string }

async function issue(caDir: string, out: string, sans: string[]): Promise<CertMaterial> {
  await issueToDir({ caDir, outDir: join(root, out), sans, keySize: 2048, days: 20 })
  return readCertDir(join(root, out))
}

function failure(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    if (isAppError(e)) return e
    throw e
  }
  throw new Error('expected an AppError')
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rw-reg-certmat-'))
  const caDir = join(root, 'ca')
  await createCaDir(caDir, { subject: { cn: 'cert-material test CA' }, keySize: 2048, days: 30 })
  runbook = await issue(caDir, 'runbook', ['192.168.20.10', 'hub.example.lan'])
  loopback = await issue(caDir, 'loopback', ['127.0.0.1', 'localhost'])
  const chain = makeOpensslChain(join(root, 'chain'), ['192.168.20.10', 'hub.example.lan'])
  chainDir = chain.fullDir
  chainFiles = { intermediateKey: join(chain.dir, 'inter1.key'), leaf: chain.files.leaf }
}, 60_000)

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('checkCertMaterial: the address the served certificate is checked against', () => {
  it("the runbook's certificate (LAN IP + DNS, no 127.0.0.1) passes on a local engine: identity is its first SAN", () => {
    expect(checkCertMaterial(runbook, { engineHost: '127.0.0.1' }).identity).toBe('192.168.20.10')
    expect(checkCertMaterial(runbook, {}).identity).toBe('192.168.20.10')
  })

  it('an address asked for (--registry-host, the plan) wins when covered, and is refused when not, naming real flags', () => {
    expect(checkCertMaterial(runbook, { host: 'hub.example.lan', engineHost: '127.0.0.1' }).identity).toBe(
      'hub.example.lan',
    )
    const e = failure(() => checkCertMaterial(runbook, { host: '10.9.9.9', engineHost: '127.0.0.1' }))
    expect(e.code).toBe('CERT_HOST_NOT_COVERED')
    expect(e.message).toBe(
      'certs: domain.crt has no SAN for 10.9.9.9 (it has IP Address:192.168.20.10, DNS:hub.example.lan); Docker clients would refuse it',
    )
    expect(e.hint).not.toContain('--san')
    expect(e.hint).toContain('cert issue --ip IP or --dns NAME')
    expect(e.hint).toContain('--registry-host')
  })

  it("a remote engine's host is used when the certificate covers it; a loopback-only certificate keeps 127.0.0.1", () => {
    expect(checkCertMaterial(runbook, { engineHost: 'hub.example.lan' }).identity).toBe('hub.example.lan')
    expect(checkCertMaterial(loopback, { engineHost: '127.0.0.1' }).identity).toBe('127.0.0.1')
  })
})

describe('checkCertMaterial: domain.crt holding a chain (leaf + intermediates), ca.crt the root', () => {
  it('accepts leaf + intermediate against the root; the key must match the leaf', async () => {
    const m = await readCertDir(chainDir)
    expect(checkCertMaterial(m, { engineHost: '127.0.0.1' })).toMatchObject({ identity: '192.168.20.10' })
    const wrongKey = { ...m, keyPem: await readFile(chainFiles.intermediateKey, 'utf8') }
    expect(failure(() => checkCertMaterial(wrongKey)).code).toBe('CERT_KEY_MISMATCH')
  })

  it('refuses a leaf without its intermediate, and a chain given to another root', async () => {
    const m = await readCertDir(chainDir)
    const leafOnly = { ...m, certPem: await readFile(chainFiles.leaf, 'utf8') }
    const e = failure(() => checkCertMaterial(leafOnly))
    expect(e.code).toBe('CERT_NOT_FROM_CA')
    const otherRoot = { ...m, caPem: runbook.caPem }
    const e2 = failure(() => checkCertMaterial(otherRoot))
    expect(e2.code).toBe('CERT_NOT_FROM_CA')
    expect(e2.message).toContain('neither directly nor through the 1 intermediate certificate(s) after it')
  })

  it('readCertDir + check of a directory laid out by hand (copied files) works the same', async () => {
    const dir = join(root, 'copied')
    await rm(dir, { recursive: true, force: true })
    await import('node:fs/promises').then((fs) => fs.mkdir(dir))
    for (const f of ['domain.crt', 'domain.key', 'ca.crt']) await copyFile(join(chainDir, f), join(dir, f))
    await writeFile(join(dir, 'ca.crt'), (await readFile(join(chainDir, 'ca.crt'), 'utf8')) + runbook.caPem)
    expect(checkCertMaterial(await readCertDir(dir)).identity).toBe('192.168.20.10')
  })
})
