import { X509Certificate } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renewCa } from '../../main/lifecycle/renew-ca'
import { createCaDir, importCaDir, issueToDir } from '../../main/pki'
import { makeTmpDir } from '../support/fs-snapshot'
import { openssl, opensslStatus } from '../support/openssl'
import { cli } from '../support/run-cli'
import { issueArgs, importArgs } from '../support/pki-cli'

// Key types (issue 15): ECDSA P-256 by default, RSA 2048/3072/4096 on request, in every CA / leaf combination. The
// signature is always the ISSUER's (ecdsa-with-SHA256 from an EC CA, sha256WithRSAEncryption from an RSA CA), and
// the real openssl binary checks each chain and reads each key.
const dir = makeTmpDir()
const text = (file: string): string => openssl(['x509', '-in', file, '-noout', '-text'])
const verify = (ca: string, leaf: string): string =>
  openssl(['verify', '-CAfile', ca, '-purpose', 'sslserver', leaf])
/** The certificate's signature algorithm line and key, as openssl prints them. */
function facts(file: string): { signature: string | undefined; key: string } {
  const t = text(file)
  const signature = /Signature Algorithm: (\S+)/.exec(t)?.[1]
  const key = t.includes('id-ecPublicKey')
    ? `ec ${/NIST CURVE: (\S+)/.exec(t)?.[1] ?? '?'}`
    : `rsa ${/Public-Key: \((\d+) bit\)/.exec(t)?.[1] ?? '?'}`
  return { signature, key }
}

describe('key types in every CA / leaf combination, checked by openssl', () => {
  const cases = [
    {
      name: 'ec-ec',
      ca: 'ecdsa-p256',
      leaf: 'ecdsa-p256',
      sig: 'ecdsa-with-SHA256',
      caKey: 'ec P-256',
      leafKey: 'ec P-256',
    },
    {
      name: 'rsa-ec',
      ca: 'rsa-2048',
      leaf: 'ecdsa-p256',
      sig: 'sha256WithRSAEncryption',
      caKey: 'rsa 2048',
      leafKey: 'ec P-256',
    },
    {
      name: 'ec-rsa',
      ca: 'ecdsa-p256',
      leaf: 'rsa-2048',
      sig: 'ecdsa-with-SHA256',
      caKey: 'ec P-256',
      leafKey: 'rsa 2048',
    },
    {
      name: 'rsa-rsa',
      ca: 'rsa-3072',
      leaf: 'rsa-2048',
      sig: 'sha256WithRSAEncryption',
      caKey: 'rsa 3072',
      leafKey: 'rsa 2048',
    },
  ] as const
  for (const c of cases) {
    it(`${c.ca} CA + ${c.leaf} server certificate: signed with ${c.sig}, verified by openssl`, async () => {
      const caDir = join(dir, `ca-${c.name}`)
      const out = join(dir, `out-${c.name}`)
      await createCaDir(caDir, { subject: { cn: `CA ${c.name}` }, keyType: c.ca })
      await issueToDir({ caDir, outDir: out, sans: ['192.168.20.10', 'registry.lan'], keyType: c.leaf })
      expect(facts(join(caDir, 'ca.crt'))).toEqual({ signature: c.sig, key: c.caKey })
      expect(facts(join(out, 'domain.crt'))).toEqual({ signature: c.sig, key: c.leafKey })
      expect(verify(join(caDir, 'ca.crt'), join(out, 'domain.crt'))).toContain('OK')
      expect(opensslStatus(['pkey', '-in', join(out, 'domain.key'), '-check', '-noout']).status).toBe(0)
      const usage = /Key Usage: critical\s+([^\n]+)/.exec(text(join(out, 'domain.crt')))?.[1]
      expect(usage).toBe(
        c.leaf === 'ecdsa-p256' ? 'Digital Signature' : 'Digital Signature, Key Encipherment',
      )
    })
  }

  it('imports an openssl-made ECDSA CA (SEC1 "EC PRIVATE KEY", P-384) and issues from it: ecdsa-with-SHA384', async () => {
    const key = join(dir, 'p384.key')
    const crt = join(dir, 'p384.crt')
    openssl(['ecparam', '-name', 'secp384r1', '-genkey', '-noout', '-out', key])
    expect(readFileSync(key, 'utf8')).toContain('BEGIN EC PRIVATE KEY')
    openssl([
      'req',
      '-x509',
      '-new',
      '-key',
      key,
      '-sha384',
      '-days',
      '30',
      '-subj',
      '/CN=Company P-384 CA',
      '-out',
      crt,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ])
    const caDir = join(dir, 'ca-p384')
    await importCaDir(caDir, { certPem: readFileSync(crt, 'utf8'), keyPem: readFileSync(key, 'utf8') })
    const out = join(dir, 'out-p384')
    await issueToDir({ caDir, outDir: out, sans: ['registry.lan'] })
    expect(facts(join(out, 'domain.crt'))).toEqual({ signature: 'ecdsa-with-SHA384', key: 'ec P-256' })
    expect(verify(crt, join(out, 'domain.crt'))).toContain('OK')
  })

  it('refuses a CA key it cannot sign with (Ed25519), naming its type; nothing written', async () => {
    const key = join(dir, 'ed.key')
    const crt = join(dir, 'ed.crt')
    openssl(['genpkey', '-algorithm', 'ed25519', '-out', key])
    openssl(['req', '-x509', '-new', '-key', key, '-days', '30', '-subj', '/CN=Ed CA', '-out', crt])
    const caDir = join(dir, 'ca-ed')
    const r = await cli([...importArgs(caDir, crt, key)])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--key: the CA key is a ed25519 key; only RSA and ECDSA (P-256, P-384, P-521)')
    expect(existsSync(caDir)).toBe(false)
  })

  it('a CA renewal keeps the old key type unless asked', async () => {
    const caDir = join(dir, 'ca-renew')
    await createCaDir(caDir, { subject: { cn: 'Renew types' }, keyType: 'rsa-2048', days: 30 })
    await renewCa({ caDir })
    expect(facts(join(caDir, 'ca.crt')).key).toBe('rsa 2048')
    await renewCa({ caDir, keyType: 'ecdsa-p256' })
    expect(facts(join(caDir, 'ca.crt'))).toEqual({ signature: 'ecdsa-with-SHA256', key: 'ec P-256' })
    await renewCa({ caDir })
    expect(facts(join(caDir, 'ca.crt')).key).toBe('ec P-256')
  })
})

describe('--key-type and --key-size on the CLI', () => {
  it('ca create and cert issue default to ECDSA P-256; cert inspect says ECDSA P-256', async () => {
    const caDir = join(dir, 'cli-ca')
    const out = join(dir, 'cli-out')
    expect((await cli(['ca', 'create', '--dir', caDir])).code).toBe(0)
    expect((await cli([...issueArgs(caDir, out), '--ip', '10.0.0.5'])).code).toBe(0)
    expect(facts(join(out, 'domain.crt'))).toEqual({ signature: 'ecdsa-with-SHA256', key: 'ec P-256' })
    const inspect = await cli(['cert', 'inspect', join(out, 'domain.crt')])
    expect(inspect.stdout).toContain('key          ECDSA P-256')
    expect(inspect.stdout).toContain('signature    ecdsa-with-SHA256')
    const zh = await cli(['cert', 'inspect', join(out, 'domain.crt'), '--lang', 'zh-CN'])
    expect(zh.stdout).toContain('密钥         ECDSA P-256')
    const json = JSON.parse((await cli(['cert', 'inspect', join(caDir, 'ca.crt'), '--json'])).stdout) as {
      certificate: { keyType: string; keyBits: number; keyCurve: string }
    }
    expect(json.certificate).toMatchObject({ keyType: 'ec', keyBits: 256, keyCurve: 'P-256' })
  })

  it('--key-type rsa-N and --key-size N are the same; both agreeing is fine', async () => {
    const caDir = join(dir, 'cli-rsa')
    expect((await cli(['ca', 'create', '--dir', caDir, '--key-type', 'rsa-2048'])).code).toBe(0)
    expect(facts(join(caDir, 'ca.crt')).key).toBe('rsa 2048')
    const a = join(dir, 'cli-rsa-a')
    const b = join(dir, 'cli-rsa-b')
    const issue = (out: string, ...flags: string[]): Promise<{ code: number }> =>
      cli([...issueArgs(caDir, out), '--dns', 'r.lan', ...flags])
    expect((await issue(a, '--key-size', '3072')).code).toBe(0)
    expect((await issue(b, '--key-type', 'rsa-3072', '--key-size', '3072')).code).toBe(0)
    expect(facts(join(a, 'domain.crt'))).toEqual({ signature: 'sha256WithRSAEncryption', key: 'rsa 3072' })
    expect(facts(join(b, 'domain.crt')).key).toBe('rsa 3072')
    const inspect = await cli(['cert', 'inspect', join(a, 'domain.crt')])
    expect(inspect.stdout).toContain('key          RSA 3072 bits')
  })

  it('a conflicting --key-type and --key-size, or an unknown type, exit 2 with nothing on disk (en, zh-CN)', async () => {
    const caDir = join(dir, 'cli-conflict')
    const r = await cli(['ca', 'create', '--dir', caDir, '--key-type', 'ecdsa-p256', '--key-size', '2048'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'error: --key-size: 2048 bits contradicts the key type ecdsa-p256 (a key size means an RSA key of that size)',
    )
    expect(r.stderr).toContain('hint: Give --key-type alone (--key-size N is the same as --key-type rsa-N).')
    expect(existsSync(caDir)).toBe(false)
    const bad = await cli(['ca', 'create', '--dir', caDir, '--key-type', 'ed25519'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(
      'error: --key-type: "ed25519" is not valid; allowed key types are ecdsa-p256, rsa-2048, rsa-3072, rsa-4096',
    )
    expect(existsSync(caDir)).toBe(false)
    const zh = await cli([
      'ca',
      'create',
      '--dir',
      caDir,
      '--key-type',
      'rsa-4096',
      '--key-size',
      '2048',
      '--lang',
      'zh-CN',
    ])
    expect(zh.code).toBe(2)
    expect(zh.stderr).toContain('--key-size：2048 位与密钥类型 rsa-4096 矛盾')
    expect(zh.stderr).not.toMatch(/contradicts|Give/)
    const ok = join(dir, 'cli-conflict-ca')
    await createCaDir(ok, { subject: { cn: 'conflict' } })
    const out = join(dir, 'cli-conflict-out')
    const leaf = await cli([
      ...issueArgs(ok, out),
      '--ip',
      '10.0.0.1',
      '--key-type',
      'rsa-2048',
      '--key-size',
      '4096',
    ])
    expect(leaf.code).toBe(2)
    expect(existsSync(out)).toBe(false)
  })

  it('help lists --key-type with its values', async () => {
    for (const cmd of [
      ['ca', 'create'],
      ['cert', 'issue'],
    ]) {
      const r = await cli([...cmd, '--help'])
      expect(r.stdout.replace(/\s+/g, ' ')).toMatch(
        /--key-type <type> .*ecdsa-p256 \(default\), rsa-2048, rsa-3072 or rsa-4096/,
      )
    }
  })
})

describe('the CA key file', () => {
  it('an ECDSA CA key encrypted with a passphrase opens with openssl and with ours', async () => {
    const caDir = join(dir, 'ec-pass')
    const pass = join(dir, 'ec-pass.txt')
    writeFileSync(pass, 'ec passphrase\n')
    expect((await cli(['ca', 'create', '--dir', caDir, '--passphrase-file', pass])).code).toBe(0)
    expect(readFileSync(join(caDir, 'ca.key'), 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY')
    expect(
      opensslStatus(['pkey', '-in', join(caDir, 'ca.key'), '-passin', `file:${pass}`, '-check', '-noout'])
        .status,
    ).toBe(0)
    const out = join(dir, 'ec-pass-out')
    const r = await cli([...issueArgs(caDir, out), '--dns', 'r.lan', '--passphrase-file', pass])
    expect(r.code).toBe(0)
    const leaf = new X509Certificate(readFileSync(join(out, 'domain.crt')))
    expect(leaf.verify(new X509Certificate(readFileSync(join(caDir, 'ca.crt'))).publicKey)).toBe(true)
  })
})
