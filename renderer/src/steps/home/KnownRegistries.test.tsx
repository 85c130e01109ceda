import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Plan, RegistryStatusInfo, Settings } from '../../../../main/ipc/contract'
import { ok, resetAll } from '../../test-support/fake-api'
import { useAppStore } from '../../stores/app-store'
import { HomeScreen } from '../HomeScreen'

type Fake = Awaited<ReturnType<typeof resetAll>>
const api = (): Fake => window.registryWizard as unknown as Fake
const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000 + 3_600_000).toISOString()

const plan: Plan = { addresses: ['192.168.20.10'], port: 5000, docker: { kind: 'local' } }
const settings = (caDays: number): Settings => ({
  plan,
  knownCas: [
    { dir: '/ca-old', subject: 'CN=Old Corp CA', fingerprintSha256: 'AA', notAfter: inDays(caDays) },
    { dir: '/ca-new', subject: 'CN=New Corp CA', fingerprintSha256: 'BB', notAfter: inDays(3000) },
  ],
  knownCerts: [],
})
const status = (certDays: number): RegistryStatusInfo => ({
  name: 'registry',
  state: 'running',
  running: true,
  image: 'registry:2',
  port: 5000,
  servedCert: { notAfter: inDays(certDays), daysLeft: certDays, subject: 'CN=192.168.20.10' },
})

async function setUp(language: 'en' | 'zh-CN', caDays: number, certDays: number): Promise<void> {
  await resetAll(language)
  useAppStore.setState({ settings: settings(caDays) })
  api().registryStatus.mockResolvedValue(ok(status(certDays)))
}

const registries = (): HTMLElement => screen.getByRole('table', { name: /Registries|镜像仓库/ })
const badge = async (): Promise<HTMLElement> => {
  const row = await within(registries()).findByText(/days? left|剩余/)
  return row
}

describe('Home: days left for the served certificate and the CAs', () => {
  beforeEach(async () => {
    await setUp('en', 3000, 20)
  })

  it.each([
    [120, 'ok', '120 days left'],
    [60, 'watch', '60 days left · renew soon'],
    [20, 'soon', '20 days left · renew now'],
  ])('a served certificate with %i days: level %s, said in words (%s)', async (days, level, text) => {
    api().registryStatus.mockResolvedValue(ok(status(days)))
    render(<HomeScreen />)
    const b = await badge()
    expect(b.textContent).toBe(text)
    expect(b.getAttribute('data-level')).toBe(level)
    expect(b.className).toContain(`expiry-${level}`)
    expect(within(registries()).getByText('192.168.20.10:5000')).toBeTruthy()
  })

  it('an expired certificate says so (red, in words)', async () => {
    api().registryStatus.mockResolvedValue(ok(status(-3)))
    render(<HomeScreen />)
    const b = await within(registries()).findByText('expired')
    expect(b.getAttribute('data-level')).toBe('expired')
  })

  it('a CA within 180 days of its end is warned about in words; one far from it is not', async () => {
    await setUp('en', 150, 200)
    render(<HomeScreen />)
    const warnings = await screen.findAllByTestId('ca-warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.textContent).toMatch(/^Old Corp CA The CA ends in 150 days .*renew it now/)
    const cas = screen.getByRole('table', { name: 'Certificate authorities' })
    expect(within(cas).getByText('150 days left · renew soon')).toBeTruthy()
    expect(within(cas).getByText('3000 days left')).toBeTruthy()
  })

  it('in Chinese: the days, the level words and the CA warning', async () => {
    await setUp('zh-CN', 20, 10)
    render(<HomeScreen />)
    expect((await within(registries()).findByText(/剩余/)).textContent).toBe('剩余 10 天 · 请立即续签')
    const warning = await screen.findByTestId('ca-warning')
    expect(warning.textContent).toContain('CA 将在 20 天后')
    expect(warning.textContent).not.toMatch(/renew|days/)
    expect(screen.getByRole('button', { name: '续签 registry 的证书' })).toBeTruthy()
  })
})

describe('Home: Renew', () => {
  beforeEach(async () => {
    await setUp('en', 3000, 20)
  })

  it('runs the renewal job for the plan and says the new end date; clients need nothing new', async () => {
    api().registryRenewCert.mockResolvedValue(
      ok({ notAfter: inDays(825), status: 200, sans: ['192.168.20.10'], caDir: '/ca-new' }),
    )
    const user = userEvent.setup()
    render(<HomeScreen />)
    await user.click(await screen.findByRole('button', { name: 'Renew the certificate of registry' }))
    await waitFor(() => expect(api().registryRenewCert).toHaveBeenCalledTimes(1))
    const req = api().registryRenewCert.mock.calls[0]?.[0] as { jobId: string; plan: unknown }
    expect(req.plan).toEqual(plan)
    expect(req.jobId).toMatch(/renew/)
    expect((await screen.findByRole('status', { name: '' })).textContent).toMatch(/Clients need nothing new/)
    // The status is read again after the renewal.
    expect(api().registryStatus.mock.calls.length).toBeGreaterThanOrEqual(2)
  })

  it('an encrypted CA key: the error, then a passphrase field, and the retry sends it', async () => {
    api().registryRenewCert.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'PASSPHRASE_REQUIRED',
        field: 'passphrase',
        message: 'error.PASSPHRASE_REQUIRED.message',
      },
    })
    api().registryRenewCert.mockResolvedValueOnce(
      ok({ notAfter: inDays(825), status: 200, sans: ['192.168.20.10'], caDir: '/ca-new' }),
    )
    const user = userEvent.setup()
    render(<HomeScreen />)
    await user.click(await screen.findByRole('button', { name: 'Renew the certificate of registry' }))
    const field = await screen.findByLabelText('CA passphrase')
    await user.type(field, 'correct horse')
    await user.click(screen.getByRole('button', { name: 'Renew the certificate of registry' }))
    await waitFor(() => expect(api().registryRenewCert).toHaveBeenCalledTimes(2))
    expect(api().registryRenewCert.mock.calls[1]?.[0]).toMatchObject({ passphrase: 'correct horse' })
  })

  it('in Chinese, a renewal no known CA can do says so with the GUI hint (no English)', async () => {
    await setUp('zh-CN', 3000, 20)
    api().registryRenewCert.mockResolvedValue({
      ok: false,
      error: { code: 'RENEW_CA_UNKNOWN', params: { name: 'registry' }, message: 'x' },
    })
    const user = userEvent.setup()
    render(<HomeScreen />)
    await user.click(await screen.findByRole('button', { name: '续签 registry 的证书' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('本应用已知的 CA 都没有签发“registry”当前提供的证书')
    expect(alert.textContent).toContain('首页的 CA 列表')
    expect(alert.textContent).not.toMatch(/None of the CAs|Open its CA/)
  })

  it('no registry in the saved plan: says how to get one', () => {
    useAppStore.setState({ settings: { knownCas: [], knownCerts: [] } })
    render(<HomeScreen />)
    expect(screen.getByText('No registry yet: start one in the Registry step.')).toBeTruthy()
    expect(api().registryStatus).not.toHaveBeenCalled()
  })
})
