import { execFileSync } from 'node:child_process'
import { createPublicKey, sign, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { exportPrivateKeyPem, generateRsaKey } from './keys'

// RSA keys assembled from two primes searched in parallel must be ordinary, valid RSA keys to every peer: OpenSSL's
// own consistency check (p and q prime, n = p*q, d*e = 1 mod lcm(p-1, q-1), the CRT values) is the judge.
describe('generateRsaKey', () => {
  it.each([2048, 3072] as const)(
    'makes a valid %i-bit key that openssl pkey -check accepts',
    async (bits) => {
      const key = await generateRsaKey(bits)
      expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: bits, publicExponent: 65537n })
      const pem = exportPrivateKeyPem(key)
      const out = execFileSync('openssl', ['pkey', '-check', '-noout'], { input: pem, encoding: 'utf8' })
      expect(out).toMatch(/Key is valid/)
      const text = execFileSync('openssl', ['pkey', '-text', '-noout'], { input: pem, encoding: 'utf8' })
      expect(text).toContain(`Private-Key: (${bits} bit, 2 primes)`)
      const data = Buffer.from('registry-wizard')
      expect(verify('sha256', data, createPublicKey(key), sign('sha256', data, key))).toBe(true)
    },
  )

  it('never returns the same key twice, and an encrypted export opens with openssl', async () => {
    const [a, b] = await Promise.all([generateRsaKey(2048), generateRsaKey(2048)])
    const modulus = (k: typeof a): string | undefined => k.export({ format: 'jwk' }).n
    expect(modulus(a)).not.toBe(modulus(b))
    const enc = exportPrivateKeyPem(a, 'test-pass')
    expect(enc).toContain('ENCRYPTED PRIVATE KEY')
    const out = execFileSync('openssl', ['pkey', '-check', '-noout', '-passin', 'pass:test-pass'], {
      input: enc,
      encoding: 'utf8',
    })
    expect(out).toMatch(/Key is valid/)
  })
})
