import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CaSummary, CertificateSummary } from '../../../main/ipc/contract'
import { ok, resetAll } from '../test-support/fake-api'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import { CertificatesStep } from './CertificatesStep'

const cert = (over: Partial<CertificateSummary>): CertificateSummary => ({
  subject: 'CN=Test CA',
  issuer: 'CN=Test CA',
  commonName: 'Test CA',
  serial: '01',
  sans: [],
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2036-01-01T00:00:00.000Z',
  daysLeft: 3600,
  expired: false,
  fingerprintSha256: 'AB:CD',
  isCa: true,
  keyType: 'rsa',
  keyBits: 4096,
  signatureAlgorithm: 'sha256WithRSAEncryption',
  ...over,
})
const caSummary: CaSummary = { dir: '/home/u/Registry Wizard/ca', encrypted: true, certificate: cert({}) }

describe('CertificatesStep', () => {
  let api: Awaited<ReturnType<typeof resetAll>>
  beforeEach(async () => {
    api = await resetAll()
    usePlanStore.setState({ addresses: ['10.1.2.3'], port: '5000' })
    api.checkSans.mockResolvedValue(
      ok({
        sans: [{ type: 'ip', value: '10.1.2.3' }],
        findings: [
          { code: 'LOOPBACK_ADDRESS', severity: 'warning', message: 'a warning shown before issuing' },
        ],
      }),
    )
  })

  it('stops a passphrase mismatch at the confirm field without calling main', async () => {
    const user = userEvent.setup()
    render(<CertificatesStep />)
    await user.type(screen.getByLabelText('Passphrase (optional)'), 'one passphrase')
    await user.type(screen.getByLabelText('Repeat the passphrase'), 'another')
    await user.click(screen.getByRole('button', { name: 'Create CA' }))
    expect(await screen.findByText('The two passphrases differ.')).toBeTruthy()
    expect(api.createCa).not.toHaveBeenCalled()
  })

  it('creates the CA with a job id, shows its card, and keeps no passphrase in any store', async () => {
    api.createCa.mockResolvedValue(ok(caSummary))
    const user = userEvent.setup()
    render(<CertificatesStep />)
    expect(await screen.findByText('a warning shown before issuing')).toBeTruthy()
    await user.type(screen.getByLabelText('Passphrase (optional)'), 'Harbor-Lights-77')
    await user.type(screen.getByLabelText('Repeat the passphrase'), 'Harbor-Lights-77')
    await user.click(screen.getByRole('button', { name: 'Create CA' }))
    await screen.findByTestId('ca-card')
    const req = api.createCa.mock.calls[0]?.[0] as {
      jobId: string
      dir: string
      passphrase: string
      keySize: number
    }
    expect(req).toMatchObject({
      dir: '/home/u/Registry Wizard/ca',
      passphrase: 'Harbor-Lights-77',
      keySize: 4096,
    })
    expect(req.jobId).toMatch(/^create-ca-/)
    expect(JSON.stringify(useCertsStore.getState())).not.toContain('Harbor-Lights-77')
  })

  it('asks for the CA passphrase next to its field, then issues and shows the server card', async () => {
    useCertsStore.setState({ ca: caSummary })
    api.issueServerCert.mockResolvedValue(
      ok({
        outDir: '/o',
        certPath: '/o/domain.crt',
        keyPath: '/o/domain.key',
        caCertPath: '/o/ca.crt',
        certificate: cert({
          isCa: false,
          subject: 'CN=10.1.2.3',
          sans: [{ type: 'ip', value: '10.1.2.3' }],
          daysLeft: 824,
        }),
        lint: [],
      }),
    )
    const user = userEvent.setup()
    render(<CertificatesStep />)
    await user.click(screen.getByRole('button', { name: 'Issue server certificate' }))
    expect((await screen.findByLabelText('CA passphrase')).getAttribute('aria-invalid')).toBe('true')
    expect(api.issueServerCert).not.toHaveBeenCalled()
    await user.type(screen.getByLabelText('CA passphrase'), 'Harbor-Lights-77')
    await user.click(screen.getByRole('button', { name: 'Issue server certificate' }))
    await screen.findByTestId('server-card')
    expect(api.issueServerCert.mock.calls[0]?.[0]).toMatchObject({
      caDir: caSummary.dir,
      outDir: '/home/u/Registry Wizard/certs/10.1.2.3_5000',
      sans: ['10.1.2.3'],
      passphrase: 'Harbor-Lights-77',
    })
    await waitFor(() => expect(screen.getByText('824 days left')).toBeTruthy())
  })
})
