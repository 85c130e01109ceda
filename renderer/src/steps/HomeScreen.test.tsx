import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CaSummary, CertificateSummary, Settings } from '../../../main/ipc/contract'
import { ok, resetAll } from '../test-support/fake-api'
import { useAppStore } from '../stores/app-store'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import { HomeScreen } from './HomeScreen'

type Fake = Awaited<ReturnType<typeof resetAll>>
const api = (): Fake => window.registryWizard as unknown as Fake
const certDir = '/home/u/Registry Wizard/certs/192.168.20.10_5000'
const settings: Settings = {
  plan: { addresses: ['192.168.20.10', 'registry.example.lan'], port: 5000, docker: { kind: 'local' } },
  knownCas: [
    {
      dir: '/home/u/Registry Wizard/ca',
      subject: 'CN=Example Corp Registry CA',
      fingerprintSha256: 'AA',
      notAfter: '2036-01-01T00:00:00Z',
    },
  ],
  knownCerts: [
    {
      certPath: '/home/u/old/domain.crt',
      caDir: '/home/u/Registry Wizard/ca',
      sans: ['10.0.0.1'],
      fingerprintSha256: 'CC',
      notAfter: '2027-01-01T00:00:00Z',
    },
    {
      certPath: `${certDir}/domain.crt`,
      caDir: '/home/u/Registry Wizard/ca',
      sans: ['192.168.20.10', 'registry.example.lan'],
      fingerprintSha256: 'BB',
      notAfter: '2028-01-01T00:00:00Z',
    },
  ],
}
const cert = {
  sans: [
    { type: 'ip', value: '192.168.20.10' },
    { type: 'dns', value: 'registry.example.lan' },
  ],
} as unknown as CertificateSummary

describe('HomeScreen quick actions for a returning user', () => {
  beforeEach(async () => {
    await resetAll()
    useAppStore.setState({ settings })
    usePlanStore.getState().load(settings.plan)
    api().openCa.mockResolvedValue(
      ok({ dir: '/home/u/Registry Wizard/ca', encrypted: true, certificate: {} } as unknown as CaSummary),
    )
    api().inspectCertificate.mockResolvedValue(ok(cert))
  })

  it.each([
    ['Verify a registry', 'verify'],
    ['Replace a certificate', 'registry'],
    ['Export the trust bundle again', 'trust'],
  ])('"%s" picks up the saved plan’s certificate and opens the %s step ready to act', async (name, step) => {
    const user = userEvent.setup()
    render(<HomeScreen />)
    await user.click(screen.getByRole('button', { name: new RegExp(name) }))
    await waitFor(() => expect(useAppStore.getState().screen).toBe(step))
    expect(api().inspectCertificate).toHaveBeenCalledWith({ path: `${certDir}/domain.crt` })
    expect(api().openCa).toHaveBeenCalledWith({ dir: '/home/u/Registry Wizard/ca' })
    expect(useCertsStore.getState().issued).toMatchObject({
      outDir: certDir,
      caCertPath: `${certDir}/ca.crt`,
      keyPath: `${certDir}/domain.key`,
    })
  })

  it('still opens the step when no remembered certificate fits the plan (the step then asks for one)', async () => {
    usePlanStore.getState().load({ port: 5000, docker: { kind: 'local' }, addresses: ['172.16.0.9'] })
    const user = userEvent.setup()
    render(<HomeScreen />)
    await user.click(screen.getByRole('button', { name: /Verify a registry/ }))
    await waitFor(() => expect(useAppStore.getState().screen).toBe('verify'))
    expect(api().inspectCertificate).not.toHaveBeenCalled()
    expect(useCertsStore.getState().issued).toBeUndefined()
  })
})

describe('HomeScreen tables (sorting and pages)', () => {
  const many = Array.from({ length: 12 }, (_, i) => ({
    certPath: `/certs/${String(i).padStart(2, '0')}/domain.crt`,
    caDir: '/ca',
    sans: [`10.0.0.${i + 1}`],
    fingerprintSha256: `F${i}`,
    // Expiry order differs from the list's order: i = 5 expires first, i = 4 last.
    notAfter: new Date(Date.UTC(2030, 0, 1 + ((i * 7 + 1) % 12))).toISOString(),
  }))

  beforeEach(async () => {
    await resetAll()
    useAppStore.setState({ settings: { ...settings, knownCerts: many } })
  })

  const rows = (): string[] =>
    Array.from(
      screen.getByRole('table', { name: 'Server certificates' }).querySelectorAll('tbody tr td:first-child'),
      (td) => td.textContent,
    )

  it('shows ten rows a page, with previous / next', async () => {
    const user = userEvent.setup()
    render(<HomeScreen />)
    expect(rows()).toHaveLength(10)
    expect(screen.getByText('Page 1 of 2')).toBeTruthy()
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Previous' }).disabled).toBe(true)
    await user.click(screen.getByRole('button', { name: 'Next page' }))
    expect(rows()).toEqual(['10.0.0.11', '10.0.0.12'])
    expect(screen.getByText('Page 2 of 2')).toBeTruthy()
  })

  it('sorts by expiry from its header, ascending then descending, and says so with aria-sort', async () => {
    const user = userEvent.setup()
    render(<HomeScreen />)
    const table = screen.getByRole('table', { name: 'Server certificates' })
    const header = within(table).getByRole('button', { name: /Expires/ })
    const th = header.closest('th')
    expect(th?.getAttribute('aria-sort')).toBe('none')
    await user.click(header)
    expect(th?.getAttribute('aria-sort')).toBe('ascending')
    const byExpiry = [...many].sort((a, b) => a.notAfter.localeCompare(b.notAfter)).map((c) => c.sans[0])
    expect(rows()).toEqual(byExpiry.slice(0, 10))
    await user.click(header)
    expect(th?.getAttribute('aria-sort')).toBe('descending')
    expect(rows()).toEqual([...byExpiry].reverse().slice(0, 10))
  })
})
