import { describe, expect, it } from 'vitest'
import { issueServerCert, makeTestCa } from '../../tests/trust/fixtures'
import { AppError } from '../errors'
import { osStoreFileName, parseTrustCa } from './ca-certificate'

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
    for (const pem of [`${ca.certPem}${ca.keyPem}`, ca.keyPem, `${ca.certPem}-----BEGIN RSA PRIVATE KEY-----\nAA\n-----END RSA PRIVATE KEY-----\n`]) {
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

  it('refuses a leaf certificate and two certificates', async () => {
    const ca = await makeTestCa()
    const leaf = await issueServerCert(ca, ['192.168.20.10'])
    expect(() => parseTrustCa(leaf.certPem)).toThrow(/CA:TRUE/)
    expect(() => parseTrustCa(`${ca.certPem}${ca.certPem}`)).toThrow(/exactly one/)
    expect(() => parseTrustCa('hello')).toThrow(/found 0/)
  })
})
