import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCaDir, issueToDir } from '../../main/pki'
import { makeTmpDir } from '../support/fs-snapshot'
import { openssl, opensslStatus } from '../support/openssl'

// What we produce, checked by an independent client: the real openssl binary.
describe('certificates checked by openssl', () => {
  const dir = makeTmpDir()
  const caDir = join(dir, 'ca')
  const outDir = join(dir, 'server')
  const clientDir = join(dir, 'client')
  const passFile = join(dir, 'pass.txt')
  const passphrase = 'correct horse battery'

  beforeAll(async () => {
    writeFileSync(passFile, `${passphrase}\n`)
    // The default CA: ECDSA P-256 (issue 15), encrypted key; the default server certificate: ECDSA P-256 too.
    await createCaDir(caDir, {
      subject: { cn: 'Registry Wizard Test CA', o: '示例公司', c: 'CN' },
      passphrase,
    })
    await issueToDir({
      caDir,
      outDir,
      passphrase,
      sans: ['192.168.20.10', 'registry.lan', '*.hub.lan', 'fd00::10'],
    })
    await issueToDir({ caDir, outDir: clientDir, passphrase, sans: ['docker-client'], usage: 'client' })
  })

  it('openssl verify accepts the server and client certificates against ca.crt', () => {
    expect(openssl(['verify', '-CAfile', join(caDir, 'ca.crt'), join(outDir, 'domain.crt')])).toContain('OK')
    expect(
      openssl([
        'verify',
        '-CAfile',
        join(caDir, 'ca.crt'),
        '-purpose',
        'sslserver',
        join(outDir, 'domain.crt'),
      ]),
    ).toContain('OK')
    expect(
      openssl([
        'verify',
        '-CAfile',
        join(caDir, 'ca.crt'),
        '-purpose',
        'sslclient',
        join(clientDir, 'client.crt'),
      ]),
    ).toContain('OK')
  })

  it('openssl verify refuses the server certificate against another CA', async () => {
    const other = join(dir, 'other-ca')
    await createCaDir(other, { subject: { cn: 'Other CA' }, keySize: 2048 })
    const r = opensslStatus(['verify', '-CAfile', join(other, 'ca.crt'), join(outDir, 'domain.crt')])
    expect(r.status).not.toBe(0)
    expect(r.stdout + r.stderr).toMatch(/unable to get local issuer certificate/)
  })

  it('the CA is ECDSA P-256, ecdsa-with-SHA256, CA:TRUE pathlen 0 (critical), keyCertSign + cRLSign (critical), with SKI', () => {
    const text = openssl(['x509', '-in', join(caDir, 'ca.crt'), '-noout', '-text'])
    expect(text).toContain('Public Key Algorithm: id-ecPublicKey')
    expect(text).toContain('Public-Key: (256 bit)')
    expect(text).toContain('NIST CURVE: P-256')
    expect(text).toMatch(/Signature Algorithm: ecdsa-with-SHA256/)
    expect(text).not.toContain('rsaEncryption')
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE, pathlen:0/)
    expect(text).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/)
    expect(text).toContain('Subject Key Identifier')
    const serial =
      openssl(['x509', '-in', join(caDir, 'ca.crt'), '-noout', '-serial'])
        .trim()
        .split('=')[1] ?? ''
    expect(serial).toMatch(/^[0-7][0-9A-F]{31}$/)
    // notBefore is backdated a few minutes against clock skew.
    const start = new Date(
      openssl(['x509', '-in', join(caDir, 'ca.crt'), '-noout', '-startdate'])
        .trim()
        .split('=')[1] ?? '',
    )
    expect(Date.now() - start.getTime()).toBeGreaterThan(60_000)
    expect(Date.now() - start.getTime()).toBeLessThan(15 * 60_000)
  })

  it('the server certificate has every SAN, CA:FALSE, serverAuth, the right key usage and an AKI matching the CA', () => {
    const text = openssl(['x509', '-in', join(outDir, 'domain.crt'), '-noout', '-text'])
    for (const san of [
      'IP Address:192.168.20.10',
      'DNS:registry.lan',
      'DNS:*.hub.lan',
      'IP Address:FD00:0:0:0:0:0:0:10',
    ]) {
      expect(text).toContain(san)
    }
    expect(text).toMatch(/Signature Algorithm: ecdsa-with-SHA256/)
    expect(text).toContain('Public Key Algorithm: id-ecPublicKey')
    expect(text).toContain('NIST CURVE: P-256')
    expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/)
    // An ECDSA key signs only (no RSA key transport): digitalSignature alone, as Go and OpenSSL issue them.
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature\n/)
    expect(text).toMatch(/Extended Key Usage:\s+TLS Web Server Authentication/)
    expect(text).toContain('Subject: CN = 192.168.20.10')
    const caText = openssl(['x509', '-in', join(caDir, 'ca.crt'), '-noout', '-text'])
    const ski = /Subject Key Identifier:\s+([0-9A-F:]+)/.exec(caText)?.[1]
    expect(ski).toBeDefined()
    expect(text).toMatch(new RegExp(`Authority Key Identifier:\\s+(keyid:)?${ski ?? 'x'}`))
    const days =
      (Date.parse(
        openssl(['x509', '-in', join(outDir, 'domain.crt'), '-noout', '-enddate'])
          .trim()
          .split('=')[1] ?? '',
      ) -
        Date.now()) /
      86_400_000
    expect(Math.round(days)).toBe(825)
  })

  it('the client certificate carries clientAuth only', () => {
    const text = openssl(['x509', '-in', join(clientDir, 'client.crt'), '-noout', '-text'])
    expect(text).toMatch(/Extended Key Usage:\s+TLS Web Client Authentication\n/)
    expect(text).not.toContain('TLS Web Server Authentication')
  })

  it('keys are 0600 and match their certificates; the encrypted CA key opens with the right passphrase only', () => {
    expect(statSync(join(caDir, 'ca.key')).mode & 0o777).toBe(0o600)
    expect(statSync(join(outDir, 'domain.key')).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(caDir, 'ca.key'), 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY')
    const ok = opensslStatus(['pkey', '-in', join(caDir, 'ca.key'), '-passin', `file:${passFile}`, '-noout'])
    expect(ok.status).toBe(0)
    const wrong = opensslStatus([
      'pkey',
      '-in',
      join(caDir, 'ca.key'),
      '-passin',
      'pass:not the passphrase',
      '-noout',
    ])
    expect(wrong.status).not.toBe(0)
    expect(wrong.stderr).toMatch(/bad decrypt|maybe wrong password/)
    const asn = openssl(['asn1parse', '-in', join(caDir, 'ca.key')])
    expect(asn).toContain('PBES2')
    expect(asn).toContain('aes-256-cbc')
    expect(opensslStatus(['pkey', '-in', join(outDir, 'domain.key'), '-check', '-noout']).status).toBe(0)
    expect(openssl(['pkey', '-in', join(outDir, 'domain.key'), '-pubout'])).toBe(
      openssl(['x509', '-in', join(outDir, 'domain.crt'), '-noout', '-pubkey']),
    )
  })

  it('the index lists issued certificates like openssl index.txt, with SANs and expiry in index.json', () => {
    const txt = readFileSync(join(caDir, 'index.txt'), 'utf8').trim().split('\n')
    expect(txt).toHaveLength(2)
    const serial = openssl(['x509', '-in', join(outDir, 'domain.crt'), '-noout', '-serial'])
      .trim()
      .split('=')[1]
    expect(txt[0]).toMatch(new RegExp(`^V\\t\\d{12}Z\\t\\t${serial ?? 'x'}\\tunknown\\t/CN=192.168.20.10$`))
    const json = JSON.parse(readFileSync(join(caDir, 'index.json'), 'utf8')) as {
      certificates: { sans: string[]; notAfter: string }[]
    }
    expect(json.certificates[0]?.sans).toEqual([
      'IP:192.168.20.10',
      'DNS:registry.lan',
      'DNS:*.hub.lan',
      'IP:fd00::10',
    ])
  })
})
