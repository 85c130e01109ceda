import { execFileSync } from 'node:child_process'
import { createPublicKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { childrenOf, encodingOf, readNode } from './der'
import { caIdentity, issueCertificate } from './issue-cert'
import { openCa } from './open-ca'
import { keyIdentifier } from './sign-certificate'

const work = mkdtempSync(join(tmpdir(), 'rw-pki-issue-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** The raw issuer and subject Name DER of a certificate (TBSCertificate fields 3 and 5 after the version). */
function names(pem: string): { issuer: Buffer; subject: Buffer } {
  const der = new X509Certificate(pem).raw
  const tbs = childrenOf(der, readNode(der))[0] as ReturnType<typeof readNode>
  const f = childrenOf(der, tbs)
  return { issuer: encodingOf(der, f[3] as never), subject: encodingOf(der, f[5] as never) }
}

/** An OpenSSL CA whose names are PrintableStrings (string_mask=default) and that has no subject key identifier. */
function opensslCa(): { certPem: string; keyPem: string } {
  const cnf = join(work, 'ca.cnf')
  writeFileSync(
    cnf,
    '[req]\ndistinguished_name=dn\nstring_mask=default\nprompt=no\nx509_extensions=v3\n[dn]\nO=Acme\nCN=Acme Root\n' +
      '[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=none\nauthorityKeyIdentifier=none\n',
  )
  const key = join(work, 'ca.key')
  const crt = join(work, 'ca.crt')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-config',
      cnf,
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      crt,
      '-days',
      '30',
    ],
    { stdio: 'ignore' },
  )
  return { certPem: readFileSync(crt, 'utf8'), keyPem: readFileSync(key, 'utf8') }
}

describe('issueCertificate (DER builder)', () => {
  it("copies the CA's subject into the issuer byte for byte (PrintableString stays PrintableString), and OpenSSL verifies the chain", async () => {
    const pair = opensslCa()
    const caSubject = names(pair.certPem).subject
    expect(caSubject.includes(Buffer.from([0x13, 0x09, ...Buffer.from('Acme Root')]))).toBe(true)
    const issued = await issueCertificate(openCa(pair), { sans: ['192.168.20.10', 'registry.lan'] })
    expect(names(issued.certPem).issuer.equals(caSubject)).toBe(true)
    writeFileSync(join(work, 'leaf.crt'), issued.certPem)
    const out = execFileSync('openssl', ['verify', '-CAfile', join(work, 'ca.crt'), join(work, 'leaf.crt')], {
      encoding: 'utf8',
    })
    expect(out).toContain('leaf.crt: OK')
  })

  it("uses the CA's subject key identifier for the AKI, or computes it from the CA key when the CA has none", async () => {
    const pair = opensslCa()
    const computed = keyIdentifier(
      new X509Certificate(pair.certPem).publicKey.export({ type: 'spki', format: 'der' }),
    )
    expect(caIdentity(pair.certPem).keyIdentifier.equals(computed)).toBe(true)
    const withSki = join(work, 'ski.crt')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(work, 'ski.key'),
        '-out',
        withSki,
        '-subj',
        '/CN=ski',
        '-days',
        '2',
        '-addext',
        'subjectKeyIdentifier=0102030405',
      ],
      { stdio: 'ignore' },
    )
    expect(caIdentity(readFileSync(withSki, 'utf8')).keyIdentifier.toString('hex')).toBe('0102030405')
    const issued = await issueCertificate(openCa(pair), { sans: ['registry.lan'] })
    writeFileSync(join(work, 'aki.crt'), issued.certPem)
    const text = execFileSync(
      'openssl',
      ['x509', '-in', join(work, 'aki.crt'), '-noout', '-ext', 'authorityKeyIdentifier'],
      { encoding: 'utf8' },
    )
    expect(text.replace(/[^0-9A-F]/g, '')).toContain(computed.toString('hex').toUpperCase())
  })

  it('uses a key generated ahead of time when it has the requested size, and discards it otherwise', async () => {
    const pair = opensslCa()
    const ca = openCa(pair)
    const spki = (k: KeyObject): string =>
      createPublicKey(k).export({ type: 'spki', format: 'pem' }).toString()
    const { privateKey: early } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const used = await issueCertificate(ca, { sans: ['a.lan'], keySize: 2048, key: Promise.resolve(early) })
    expect(new X509Certificate(used.certPem).publicKey.export({ type: 'spki', format: 'pem' })).toBe(
      spki(early),
    )
    expect(used.keyPem).toBe(early.export({ type: 'pkcs8', format: 'pem' }))
    const bigger = await issueCertificate(ca, { sans: ['a.lan'], keySize: 3072, key: Promise.resolve(early) })
    expect(new X509Certificate(bigger.certPem).publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072)
    // The default type is ECDSA P-256: an RSA key made early is dropped; an EC one is used.
    const { privateKey: ec } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const byDefault = await issueCertificate(ca, { sans: ['a.lan'], key: Promise.resolve(early) })
    expect(new X509Certificate(byDefault.certPem).publicKey.asymmetricKeyType).toBe('ec')
    const ecUsed = await issueCertificate(ca, { sans: ['a.lan'], key: Promise.resolve(ec) })
    expect(ecUsed.keyPem).toBe(ec.export({ type: 'pkcs8', format: 'pem' }))
    const notRsa = await issueCertificate(ca, { sans: ['a.lan'], keySize: 2048, key: Promise.resolve(ec) })
    expect(new X509Certificate(notRsa.certPem).publicKey.asymmetricKeyType).toBe('rsa')
    const failed = await issueCertificate(ca, {
      sans: ['a.lan'],
      keyType: 'rsa-2048',
      key: Promise.reject(new Error('x')),
    })
    expect(new X509Certificate(failed.certPem).publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048)
  })
})
