// `ca renew --key-type`: the new CA key's type (default: the current CA key's type), checked as `ca create` checks it,
// run through the CLI (the bin's code path) on real CA folders, the keys read back by openssl.
import { spawnSync } from 'node:child_process'
import { createPrivateKey, X509Certificate } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createCaDir } from '../../main/pki'
import { makeTmpDir, snapshotDir } from '../support/fs-snapshot'
import { runCliIn } from '../support/run-cli'

const dir = makeTmpDir('rw-renew-keytype-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The CA certificate's key as openssl names it ("Public-Key: (2048 bit)", "NIST CURVE: P-256") and its signature. */
function caKey(caDir: string): { key: string; signature: string } {
  const r = spawnSync('openssl', ['x509', '-in', join(caDir, 'ca.crt'), '-noout', '-text'], {
    encoding: 'utf8',
  })
  expect(r.status, r.stderr).toBe(0)
  const key = /NIST CURVE: (\S+)/.exec(r.stdout)?.[1] ?? /Public-Key: \((\d+) bit\)/.exec(r.stdout)?.[1] ?? ''
  return { key, signature: /Signature Algorithm: (\S+)/.exec(r.stdout)?.[1] ?? '' }
}

async function freshCa(name: string, keyType: 'ecdsa-p256' | 'rsa-2048'): Promise<string> {
  const caDir = join(dir, name)
  await createCaDir(caDir, { subject: { cn: `rw renew ${name}` }, keyType, days: 30 })
  return caDir
}

const renew = (caDir: string, ...flags: string[]): ReturnType<typeof runCliIn> =>
  runCliIn(dir, ['ca', 'renew', '--ca-dir', caDir, ...flags])

describe('ca renew --key-type', () => {
  it('without it, the new key has the current CA key type (RSA 2048 stays RSA 2048, ECDSA P-256 stays ECDSA)', async () => {
    const rsa = await freshCa('keep-rsa', 'rsa-2048')
    const r = await renew(rsa)
    expect(r.code, r.err).toBe(0)
    expect(caKey(rsa)).toEqual({ key: '2048', signature: 'sha256WithRSAEncryption' })
    const ec = await freshCa('keep-ec', 'ecdsa-p256')
    expect((await renew(ec)).code).toBe(0)
    expect(caKey(ec)).toEqual({ key: 'P-256', signature: 'ecdsa-with-SHA256' })
  })

  it('moves an RSA CA to ECDSA P-256 and an ECDSA CA to RSA 2048; same subject, the old pair archived', async () => {
    const rsa = await freshCa('to-ec', 'rsa-2048')
    const subject = new X509Certificate(readFileSync(join(rsa, 'ca.crt'))).subject
    const r = await renew(rsa, '--key-type', 'ecdsa-p256', '--json')
    expect(r.code, r.err).toBe(0)
    expect(caKey(rsa)).toEqual({ key: 'P-256', signature: 'ecdsa-with-SHA256' })
    const renewed = new X509Certificate(readFileSync(join(rsa, 'ca.crt')))
    expect(renewed.subject).toBe(subject)
    expect(renewed.checkPrivateKey(createPrivateKey(readFileSync(join(rsa, 'ca.key'))))).toBe(true)
    const { previous } = JSON.parse(r.out) as { previous: { certPath: string } }
    expect(new X509Certificate(readFileSync(previous.certPath)).publicKey.asymmetricKeyType).toBe('rsa')

    const ec = await freshCa('to-rsa', 'ecdsa-p256')
    expect((await renew(ec, '--key-type', 'rsa-2048')).code).toBe(0)
    expect(caKey(ec)).toEqual({ key: '2048', signature: 'sha256WithRSAEncryption' })
    // --key-size N alone still means rsa-N.
    const sized = await freshCa('sized', 'ecdsa-p256')
    expect((await renew(sized, '--key-size', '2048')).code).toBe(0)
    expect(caKey(sized).key).toBe('2048')
  })

  it('refuses an unknown type, or a type and a size that disagree: exit 2, the option named, the folder untouched', async () => {
    const caDir = await freshCa('refused', 'ecdsa-p256')
    const before = await snapshotDir(dir)
    const bad = await renew(caDir, '--key-type', 'ed25519')
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('--key-type')
    expect(bad.err).toContain('ecdsa-p256, rsa-2048, rsa-3072, rsa-4096')
    const conflict = await renew(caDir, '--key-type', 'rsa-2048', '--key-size', '4096')
    expect(conflict.code).toBe(2)
    expect(conflict.err).toContain('--key-size')
    const size = await renew(caDir, '--key-size', '1024')
    expect(size.code).toBe(2)
    expect(size.err).toContain('--key-size')
    expect(await snapshotDir(dir)).toEqual(before)
    const zh = await renew(caDir, '--key-type', 'ed25519', '--lang', 'zh-CN')
    expect(zh.code).toBe(2)
    expect(zh.err).toContain('--key-type')
    expect(zh.err).not.toMatch(/allowed|must be/i)
    expect(await snapshotDir(dir)).toEqual(before)
  })

  it('its help names the option and the default, in both languages', async () => {
    const en = await runCliIn(dir, ['ca', 'renew', '--help'])
    expect(en.out).toContain('--key-type <type>')
    // commander wraps the help: compared with the line breaks folded.
    expect(en.out.replace(/\s+/g, ' ')).toContain("(default: the current CA key's type)")
    const zh = await runCliIn(dir, ['--lang', 'zh-CN', 'ca', 'renew', '--help'])
    expect(zh.out.replace(/\s+/g, '')).toContain('默认：与当前CA私钥的类型相同')
  })
})
