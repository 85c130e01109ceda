import { describe, expect, it } from 'vitest'
import { REDACTED, redact, redactText } from './redact'

describe('log redaction', () => {
  it('drops secret fields at any depth and keeps the rest', () => {
    const out = redact({
      dir: '/ca',
      passphrase: 'hunter2',
      nested: { password: 'x', keyPem: 'k', list: [{ token: 't' }] },
    })
    expect(out).toEqual({
      dir: '/ca',
      passphrase: REDACTED,
      nested: { password: REDACTED, keyPem: REDACTED, list: [{ token: REDACTED }] },
    })
    expect(JSON.stringify(out)).not.toMatch(/hunter2/)
  })

  it('removes PEM private keys and inline secrets from text', () => {
    const pem =
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQww\n-----END ENCRYPTED PRIVATE KEY-----'
    const text = redactText(`loaded ${pem} then passphrase=s3cret and password: "two words"`)
    expect(text).not.toMatch(/MIIFHDBO|s3cret|two words/)
    expect(text).toContain('-----BEGIN ENCRYPTED PRIVATE KEY----- [redacted]')
  })

  it('keeps certificates, which are public', () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'
    expect(redactText(cert)).toBe(cert)
  })

  it('redacts error messages and stacks', () => {
    const err = redact(new Error('bad passphrase=abc')) as Error
    expect(err.message).toBe(`bad passphrase=${REDACTED}`)
  })
})
