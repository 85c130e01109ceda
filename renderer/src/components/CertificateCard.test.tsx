import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { CertificateSummary } from '../../../main/ipc/contract'
import { initI18n } from '../i18n'
import { CertificateCard } from './CertificateCard'

const cert = (over: Partial<CertificateSummary>): CertificateSummary => ({
  subject: 'CN=192.168.20.10',
  issuer: 'CN=Example CA',
  serial: '01',
  sans: [{ type: 'ip', value: '192.168.20.10' }],
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2028-04-05T00:00:00.000Z',
  daysLeft: 800,
  expired: false,
  fingerprintSha256: 'AB:CD',
  isCa: false,
  keyType: 'ec',
  keyBits: 256,
  keyCurve: 'P-256',
  signatureAlgorithm: 'ecdsa-with-SHA256',
  ...over,
})

/** The card's Key line (the <dd> after the Key term). */
function keyLine(term: string): string {
  const dt = screen.getByText(term, { selector: 'dt' })
  return dt.nextElementSibling?.textContent ?? ''
}

describe('CertificateCard key line', () => {
  afterEach(cleanup)
  for (const [language, term] of [
    ['en', 'Key'],
    ['zh-CN', undefined],
  ] as const) {
    it(`names the key as the key type control does: ECDSA P-256, RSA 2048, ECDSA P-384 (${language})`, async () => {
      const i18n = await initI18n(language)
      const keyTerm = term ?? i18n.t('cert.key')
      const { unmount } = render(<CertificateCard cert={cert({})} title="Server" testId="c1" />)
      expect(keyLine(keyTerm)).toBe('ECDSA P-256 · ecdsa-with-SHA256')
      unmount()
      const rsa = cert({
        keyType: 'rsa',
        keyBits: 2048,
        keyCurve: undefined,
        signatureAlgorithm: 'sha256WithRSAEncryption',
      })
      const second = render(<CertificateCard cert={rsa} title="Server" testId="c2" />)
      expect(keyLine(keyTerm)).toBe('RSA 2048 · sha256WithRSAEncryption')
      second.unmount()
      // An imported CA on another curve: its NIST name, never "EC 384".
      const p384 = cert({
        isCa: true,
        keyBits: 384,
        keyCurve: 'P-384',
        signatureAlgorithm: 'ecdsa-with-SHA384',
      })
      render(<CertificateCard cert={p384} title="CA" testId="c3" />)
      expect(keyLine(keyTerm)).toBe('ECDSA P-384 · ecdsa-with-SHA384')
      expect(screen.getByTestId('c3').textContent).not.toMatch(/EC 384|EC 256/)
    })
  }
})
