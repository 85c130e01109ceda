import { execFileSync } from 'node:child_process'
import { createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ECDSA_WITH_SHA256,
  SHA256_WITH_RSA,
  authorityKeyIdentifierExt,
  basicConstraintsExt,
  extKeyUsageExt,
  ipBytes,
  keyIdentifier,
  keyUsageExt,
  nameDer,
  signCertificate,
  signatureAlgorithmFor,
  spkiDer,
  subjectAltNameExt,
  subjectKeyIdentifierExt,
  tbsCertificate,
} from './sign-certificate'

// The golden TBSCertificates were built by node-forge (the builder used before), with the same inputs: the DER
// builder must write exactly those bytes.
const golden = JSON.parse(
  readFileSync(join(import.meta.dirname, 'sign-certificate.forge-golden.json'), 'utf8'),
) as {
  caPublicKey: string
  leafPublicKey: string
  caTbs: string
  serverTbs: string
  clientTbs: string
  caKeyId: string
  now: string
}
const caSubject = { cn: 'Bench CA 测试', o: '公司', c: 'CN', ou: 'IT', st: 'BJ', l: 'Beijing' }
const now = new Date(golden.now)
const notBefore = new Date(now.getTime() - 5 * 60 * 1000)
const caPublic = createPublicKey(golden.caPublicKey)
const leafPublic = createPublicKey(golden.leafPublicKey)
const work = mkdtempSync(join(tmpdir(), 'rw-pki-der-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function leafTbs(
  usage: 'server' | 'client',
  sans: { type: 'ip' | 'dns'; value: string }[],
  cn: string,
): Buffer {
  return tbsCertificate(
    {
      subject: nameDer({ cn }),
      issuer: nameDer(caSubject),
      publicKey: leafPublic,
      notBefore,
      notAfter: new Date('2027-06-04T10:00:00.123Z'),
      extensions: [
        basicConstraintsExt(false),
        keyUsageExt(['digitalSignature', 'keyEncipherment']),
        extKeyUsageExt([usage === 'server' ? 'serverAuth' : 'clientAuth']),
        subjectAltNameExt(sans),
        subjectKeyIdentifierExt(keyIdentifier(spkiDer(leafPublic))),
        authorityKeyIdentifierExt(Buffer.from(golden.caKeyId, 'hex')),
      ],
    },
    '0100000000000000000000000000ff01',
    SHA256_WITH_RSA,
  )
}

describe('certificate builder (DER, no ASN.1 library)', () => {
  it('writes the same CA TBSCertificate as node-forge did (UTF-8 names, C as PrintableString, GeneralizedTime after 2049)', () => {
    const tbs = tbsCertificate(
      {
        subject: nameDer(caSubject),
        issuer: nameDer(caSubject),
        publicKey: caPublic,
        notBefore,
        notAfter: new Date('2055-06-01T00:00:00.999Z'),
        extensions: [
          basicConstraintsExt(true, 0),
          keyUsageExt(['keyCertSign', 'cRLSign']),
          subjectKeyIdentifierExt(keyIdentifier(spkiDer(caPublic))),
        ],
      },
      '7f0b4fc4765644983bd756d3ac5af11a',
      SHA256_WITH_RSA,
    )
    expect(tbs.toString('base64')).toBe(golden.caTbs)
  })

  it('writes the same server and client TBSCertificates as node-forge did (IPv4, IPv6, DNS, wildcard SANs, AKI)', () => {
    const server = leafTbs(
      'server',
      [
        { type: 'ip', value: '192.168.20.10' },
        { type: 'ip', value: 'fd00::10' },
        { type: 'dns', value: 'registry.lan' },
        { type: 'dns', value: '*.example.com' },
      ],
      '192.168.20.10',
    )
    expect(server.toString('base64')).toBe(golden.serverTbs)
    const client = leafTbs('client', [{ type: 'dns', value: 'docker-client' }], 'docker-client')
    expect(client.toString('base64')).toBe(golden.clientTbs)
  })

  it('computes the subject key identifier as OpenSSL does (SHA-1 of the public key bits)', () => {
    const key = join(work, 'ski.key')
    const crt = join(work, 'ski.crt')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        crt,
        '-subj',
        '/CN=ski',
        '-days',
        '2',
      ],
      { stdio: 'ignore' },
    )
    const text = execFileSync('openssl', ['x509', '-in', crt, '-noout', '-ext', 'subjectKeyIdentifier'], {
      encoding: 'utf8',
    })
    const theirs = /([0-9A-F]{2}(?::[0-9A-F]{2}){19})/.exec(text)?.[1]
    expect(theirs).toBeDefined()
    const ours = keyIdentifier(
      new X509Certificate(readFileSync(crt)).publicKey.export({ type: 'spki', format: 'der' }),
    )
    expect(ours.toString('hex').toUpperCase().match(/../g)?.join(':')).toBe(theirs)
  })

  it('signs with the algorithm of the signer key: RSA and (ready for later) ECDSA P-256, both read by OpenSSL', () => {
    const { privateKey: ec } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    expect(signatureAlgorithmFor(ec)).toBe(ECDSA_WITH_SHA256)
    const name = nameDer({ cn: 'EC test' })
    const { pem, der, serial } = signCertificate(
      {
        subject: name,
        issuer: name,
        publicKey: ec,
        notBefore: new Date(Date.now() - 60_000),
        notAfter: new Date(Date.now() + 86_400_000),
        extensions: [basicConstraintsExt(true, 0), keyUsageExt(['keyCertSign', 'cRLSign'])],
      },
      ec,
    )
    const x509 = new X509Certificate(pem)
    expect(x509.raw.equals(der)).toBe(true)
    expect(x509.verify(x509.publicKey)).toBe(true)
    expect(x509.serialNumber.toLowerCase()).toBe(serial)
    expect(serial).toMatch(/^[0-7][0-9a-f]{31}$/)
    expect(serial.slice(0, 2)).not.toBe('00')
    writeFileSync(join(work, 'ec.crt'), pem)
    const text = execFileSync('openssl', ['x509', '-in', join(work, 'ec.crt'), '-noout', '-text'], {
      encoding: 'utf8',
    })
    expect(text).toContain('Signature Algorithm: ecdsa-with-SHA256')
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE, pathlen:0/)
    expect(
      execFileSync('openssl', ['verify', '-CAfile', join(work, 'ec.crt'), join(work, 'ec.crt')], {
        encoding: 'utf8',
      }),
    ).toContain('OK')
  })

  it('marks the SAN extension critical when the subject is empty (RFC 5280 4.2.1.6)', () => {
    expect(
      subjectAltNameExt([{ type: 'dns', value: 'a.lan' }], true).includes(Buffer.from('0101ff', 'hex')),
    ).toBe(true)
    expect(subjectAltNameExt([{ type: 'dns', value: 'a.lan' }]).includes(Buffer.from('0101ff', 'hex'))).toBe(
      false,
    )
    expect(nameDer({}).toString('hex')).toBe('3000')
  })

  it('turns IP addresses into their 4 or 16 octets', () => {
    expect(ipBytes('192.168.20.10').toString('hex')).toBe('c0a8140a')
    expect(ipBytes('fd00::10').toString('hex')).toBe('fd000000000000000000000000000010')
    expect(ipBytes('::1').toString('hex')).toBe('00000000000000000000000000000001')
    expect(ipBytes('::').toString('hex')).toBe('00000000000000000000000000000000')
    expect(ipBytes('2001:db8:1:2:3:4:5:6').toString('hex')).toBe('20010db8000100020003000400050006')
    expect(ipBytes('::ffff:10.0.0.1').toString('hex')).toBe('00000000000000000000ffff0a000001')
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8::', 'fd00::g', 'x']) {
      expect(() => ipBytes(bad), bad).toThrow(RangeError)
    }
  })
})
