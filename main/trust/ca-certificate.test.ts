import { X509Certificate } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { englishTranslator, type Message } from '../messages/index'
import { craftedPem } from '../../tests/support/crafted-pem'
import { openssl } from '../../tests/support/openssl'
import { issueServerCert, makeTestCa } from '../../tests/trust/fixtures'
import { makeOpensslChain } from '../../tests/trust/openssl-chain'
import { AppError } from '../errors'
import { pemFromDer } from '../pki/pem'
import { osStoreFileName, parseTrustCa } from './ca-certificate'

const english = (m: Message): string => englishTranslator().render(m)

describe('parseTrustCa', () => {
  it('accepts one CA certificate and reports the fingerprints', async () => {
    const ca = await makeTestCa()
    const t = parseTrustCa(ca.certPem, { sourcePath: '/x/ca.crt' })
    expect(t.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    expect(t.thumbprintSha1).toMatch(/^[0-9A-F]{40}$/)
    expect(t.pem.endsWith('-----END CERTIFICATE-----\n')).toBe(true)
    expect(osStoreFileName(t)).toMatch(/^registry-wizard-[0-9a-f]{16}\.crt$/)
  })

  it('refuses a file holding a private key, naming the field', async () => {
    const ca = await makeTestCa()
    for (const pem of [
      `${ca.certPem}${ca.keyPem}`,
      ca.keyPem,
      `${ca.certPem}-----BEGIN RSA PRIVATE KEY-----\nAA\n-----END RSA PRIVATE KEY-----\n`,
    ]) {
      const err = (() => {
        try {
          parseTrustCa(pem, { sourcePath: 'bundle.pem' })
        } catch (e) {
          return e
        }
        return undefined
      })()
      expect(err).toBeInstanceOf(AppError)
      expect((err as AppError).kind).toBe('input')
      expect((err as AppError).code).toBe('CA_HOLDS_PRIVATE_KEY')
      expect((err as AppError).message).toContain('ca: "bundle.pem"')
    }
  })

  it('refuses a leaf certificate and a file without a certificate; the same certificate twice counts once', async () => {
    const ca = await makeTestCa()
    const leaf = await issueServerCert(ca, ['192.168.20.10'])
    expect(() => parseTrustCa(leaf.certPem)).toThrow(/CA:TRUE/)
    expect(parseTrustCa(`${ca.certPem}${ca.certPem}`).pem).toBe(parseTrustCa(ca.certPem).pem)
    expect(() => parseTrustCa('hello')).toThrow(/found 0/)
  })

  it('re-encodes from DER: a crafted block (text after a "-" line) gives the canonical PEM only, with a note', async () => {
    const real = (await makeTestCa('Crafted')).certPem
    const text = `subject=CN = x\n${craftedPem(real, ['REGISTRY_WIZARD_EOF', 'touch /tmp/pwned'])}\r\n`
    const der = new X509Certificate(real).raw
    const t = parseTrustCa(text, { sourcePath: 'crafted.crt' })
    expect(t.pem).toBe(pemFromDer(der))
    expect(t.pem).not.toContain('touch')
    expect(t.pem).toMatch(
      /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/,
    )
    expect(t.sourceIsCanonical).toBe(false)
    expect(t.notes?.map(english).join('\n')).toMatch(
      /text that is not base64; it was ignored and the certificate re-encoded from its DER bytes/,
    )
    // openssl reads the crafted text as the same certificate and writes the very same canonical PEM.
    expect(openssl(['x509'], text)).toBe(t.pem)
    const plain = parseTrustCa(pemFromDer(der))
    expect(plain.sourceIsCanonical).toBe(true)
    expect(plain.notes).toEqual([])
  })
})

describe('parseTrustCa: intermediates and chains (openssl-made root + intermediate)', () => {
  let root: string
  let intermediate: string
  let leaf: string
  let otherRoot: string

  beforeAll(() => {
    ;({ root, intermediate, leaf, otherRoot } = makeOpensslChain())
  })

  it('refuses an intermediate given alone, naming its issuer and asking for the root', () => {
    const err = (() => {
      try {
        parseTrustCa(intermediate, { field: '--ca', sourcePath: 'int.crt' })
      } catch (e) {
        return e
      }
      return undefined
    })() as AppError
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'CA_IS_INTERMEDIATE', kind: 'input', field: '--ca' })
    expect(err.message).toContain(
      'this is an intermediate CA (O=Example Corp, CN=Example Issuing CA 1) issued by O=Example Corp, CN=Example Root CA',
    )
    expect(err.message).toMatch(
      /clients must trust the root; give the root CA certificate .*the CA folder's ca\.crt/,
    )
  })

  it.each([
    ['intermediate + root', () => `${intermediate}${root}`],
    ['root + intermediate', () => `${root}${intermediate}`],
    ['leaf + intermediate + root (fullchain)', () => `${leaf}${intermediate}${root}`],
  ])('takes the root from a chain (%s), re-encoded, and says so', (_name, text) => {
    const t = parseTrustCa(text(), { sourcePath: 'chain.pem' })
    expect(t.pem).toBe(pemFromDer(new X509Certificate(root).raw))
    expect(t.subject).toBe('O=Example Corp, CN=Example Root CA')
    expect(t.sourceIsCanonical).toBe(false)
    expect(t.notes?.map(english)[0]).toMatch(
      /chain\.pem holds a chain of \d certificates: the root CA O=Example Corp, CN=Example Root CA was taken from it/,
    )
  })

  it('refuses a chain without its root, two roots, and certificates of another chain', () => {
    expect(() => parseTrustCa(`${leaf}${intermediate}`)).toThrow(
      /no root \(self-signed\) CA; the top one \(O=Example Corp, CN=Example Issuing CA 1\) is issued by O=Example Corp, CN=Example Root CA/,
    )
    expect(() => parseTrustCa(`${root}${otherRoot}`)).toThrow(/2 root CAs/)
    expect(() => parseTrustCa(`${otherRoot}${intermediate}`)).toThrow(
      /Example Issuing CA 1 does not chain to the root O=Example Corp, CN=Other Root CA/,
    )
  })
})
