import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type {
  MirrorStatusInfo,
  Plan,
  RegistryStatusInfo,
  RenewCaInfo,
  ServedCaInfo,
  Settings,
} from '../../../../main/ipc/contract'
import { englishWords } from '../../../../tests/support/english-words'
import { ok, resetAll } from '../../test-support/fake-api'
import { useAppStore } from '../../stores/app-store'
import { HomeScreen } from '../HomeScreen'
import { initialOverlapState, useOverlapStore } from './overlap-store'

type Fake = Awaited<ReturnType<typeof resetAll>>
const api = (): Fake => window.registryWizard as unknown as Fake
const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000 + 3_600_000).toISOString()

const plan: Plan = { addresses: ['192.168.20.10'], port: 5000, docker: { kind: 'local' } }
const certDir = '/home/u/Registry Wizard/certs/192.168.20.10_5000'
const settings: Settings = {
  plan,
  knownCas: [{ dir: '/ca', subject: 'CN=Corp CA', fingerprintSha256: 'AA:01', notAfter: inDays(100) }],
  knownCerts: [
    {
      certPath: `${certDir}/domain.crt`,
      caDir: '/ca',
      sans: ['192.168.20.10'],
      fingerprintSha256: 'CC',
      notAfter: inDays(300),
    },
  ],
}
const status: RegistryStatusInfo = {
  name: 'registry',
  state: 'running',
  running: true,
  image: 'registry:2',
  port: 5000,
  servedCert: { notAfter: inDays(300), daysLeft: 300, subject: 'CN=192.168.20.10' },
}
const renewed: RenewCaInfo = {
  dir: '/ca',
  subject: 'CN=Corp CA',
  notAfter: '2035-06-01T00:00:00.000Z',
  fingerprintSha256: 'NE:W1',
  previous: {
    certPath: '/ca/ca.crt.bak-20250601T000000Z',
    notAfter: '2026-03-01T00:00:00.000Z',
    fingerprintSha256: 'OL:D1',
  },
  overlapUntil: '2026-03-01T00:00:00.000Z',
}
const fromOld: ServedCaInfo = {
  issuer: 'previous',
  caDir: '/ca',
  previousCa: { fingerprintSha256: 'OL:D1', notAfter: '2026-03-01T00:00:00.000Z' },
}

async function setUp(language: 'en' | 'zh-CN'): Promise<void> {
  await resetAll(language)
  useOverlapStore.setState({ ...initialOverlapState })
  useAppStore.setState({ settings })
  api().registryStatus.mockResolvedValue(ok(status))
  api().servedCa.mockResolvedValue(ok({ issuer: 'current', caDir: '/ca' }))
  api().getSettings.mockResolvedValue(ok(settings))
}

/** Opens the row's Renew CA dialog and confirms it. */
async function renewCa(
  user: ReturnType<typeof userEvent.setup>,
  label: RegExp,
  confirm: string,
): Promise<void> {
  await user.click(await screen.findByRole('button', { name: label }))
  const dialog = await screen.findByRole('alertdialog')
  await user.click(within(dialog).getByRole('button', { name: confirm }))
}

const overlapOrNull = (): HTMLElement | null =>
  document.querySelector<HTMLElement>('[data-panel="ca-overlap"]')
const overlap = (): HTMLElement => {
  const card = overlapOrNull()
  if (card === null) throw new Error('no CA overlap card')
  return card
}

describe('Home: Renew CA, the two-CA bundle and the move to the new CA (en)', () => {
  beforeEach(async () => {
    await setUp('en')
  })

  it('renews the CA as one job after the confirmation, then says what still needs the new bundle and until when', async () => {
    api().renewCa.mockResolvedValue(ok(renewed))
    const user = userEvent.setup()
    render(<HomeScreen />)
    expect(overlapOrNull()).toBeNull()
    api().servedCa.mockResolvedValue(ok(fromOld))
    await renewCa(user, /^Renew CA Corp CA$/, 'Renew the CA')
    await waitFor(() => expect(api().renewCa).toHaveBeenCalledTimes(1))
    const req = api().renewCa.mock.calls[0]?.[0] as { jobId: string; caDir: string; passphrase?: string }
    expect(req.caDir).toBe('/ca')
    expect(req.jobId).toMatch(/renew-ca/)
    expect(req.passphrase).toBeUndefined()
    await waitFor(() => expect(overlapOrNull()).not.toBeNull())
    const card = overlap()
    expect(card.textContent).toContain('CA Corp CA renewed: the new CA ends on')
    expect(card.textContent).toContain('fingerprint NE:W1')
    expect(card.textContent).toContain(
      'The old CA (fingerprint OL:D1) is kept as /ca/ca.crt.bak-20250601T000000Z',
    )
    // The settings are read again (the known CA's new end), and main is asked again who issued the served cert.
    await waitFor(() => expect(api().getSettings.mock.calls.length).toBeGreaterThanOrEqual(2))
    await waitFor(() => expect(api().servedCa.mock.calls.length).toBeGreaterThanOrEqual(2))
    const needs = await within(card).findByTestId('needs-bundle')
    await within(needs).findByText(
      /The registry 192\.168\.20\.10:5000: it still serves a certificate from the old CA/,
    )
    expect(needs.textContent).toContain('Every machine that trusts the old CA')
    expect(card.textContent).toMatch(/These still need the new bundle \(both CAs\) before .*2026/)
    // The row no longer offers a plain renewal (the CA that issued it is not the folder's CA any more).
    expect(screen.queryByRole('button', { name: 'Renew the certificate of registry' })).toBeNull()
    expect((await screen.findByTestId('served-by-old')).textContent).toMatch(/replaced, valid until .*2026/)
  })

  it('an encrypted CA key: main says so, the passphrase field appears, the retry sends it', async () => {
    api().renewCa.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'PASSPHRASE_REQUIRED',
        field: 'passphrase',
        message: 'error.PASSPHRASE_REQUIRED.message',
      },
    })
    api().renewCa.mockResolvedValueOnce(ok(renewed))
    const user = userEvent.setup()
    render(<HomeScreen />)
    await renewCa(user, /^Renew CA Corp CA$/, 'Renew the CA')
    await user.type(await screen.findByLabelText('Passphrase of the CA key'), 'correct horse')
    await renewCa(user, /^Renew CA Corp CA$/, 'Renew the CA')
    await waitFor(() => expect(api().renewCa).toHaveBeenCalledTimes(2))
    expect(api().renewCa.mock.calls[1]?.[0]).toMatchObject({ caDir: '/ca', passphrase: 'correct horse' })
    await waitFor(() => expect(overlapOrNull()).not.toBeNull())
  })

  it('exports the two-CA bundle: the CA folder’s ca.crt and previousCa, no path of the old CA from the window', async () => {
    useOverlapStore.setState({ renewed })
    api().exportBundle.mockResolvedValue(
      ok({
        bundleId: 'bundle-0123456789abcdef',
        outDir: '/media/usb/registry-trust',
        files: ['ca.crt'],
        fingerprintSha256: 'NE:W1',
        previousCa: { fingerprintSha256: 'OL:D1', notAfter: '2026-03-01T00:00:00.000Z' },
      }),
    )
    const user = userEvent.setup()
    render(<HomeScreen />)
    const card = overlap()
    await user.type(within(card).getByLabelText('Bundle folder'), '/media/usb')
    await user.click(within(card).getByRole('button', { name: 'Export the two-CA bundle' }))
    await waitFor(() => expect(api().exportBundle).toHaveBeenCalledTimes(1))
    const req = api().exportBundle.mock.calls[0]?.[0] as Record<string, unknown>
    expect(req).toMatchObject({
      outDir: '/media/usb',
      caCertPath: '/ca/ca.crt',
      host: '192.168.20.10',
      port: 5000,
      previousCa: true,
    })
    expect(JSON.stringify(req)).not.toContain('bak-')
    const done = await within(card).findByTestId('two-ca-exported')
    expect(done.textContent).toMatch(
      /Bundle with both CAs written to \/media\/usb\/registry-trust: the new CA NE:W1, and the old CA OL:D1 until/,
    )
  })

  it('moves the registry to the new CA (toNewCa), says what clients see, and reads again who issued it', async () => {
    api().servedCa.mockResolvedValue(ok(fromOld))
    api().registryRenewCert.mockResolvedValue(
      ok({
        notAfter: inDays(825),
        status: 200,
        sans: ['192.168.20.10'],
        caDir: '/ca',
        move: { previousCaOnly: 'refused', bothCas: 'accepted' },
      }),
    )
    const user = userEvent.setup()
    render(<HomeScreen />)
    const move = await screen.findByRole('button', { name: 'Move the registry to the new CA' })
    api().servedCa.mockResolvedValue(ok({ issuer: 'current', caDir: '/ca' }))
    await user.click(move)
    await waitFor(() => expect(api().registryRenewCert).toHaveBeenCalledTimes(1))
    expect(api().registryRenewCert.mock.calls[0]?.[0]).toMatchObject({ plan, caDir: '/ca', toNewCa: true })
    const moved = await screen.findByTestId('moved')
    expect(moved.textContent).toContain('The registry now serves a certificate from the new CA')
    expect(moved.textContent).toContain(
      'A client with only the old CA: refused. A client with both CAs: accepted.',
    )
    // Served by the new CA now: the row offers the plain renewal again, the registry no longer "needs" the bundle.
    await screen.findByRole('button', { name: 'Renew the certificate of registry' })
    expect(screen.getByTestId('needs-bundle').textContent).not.toContain('The registry')
  })

  it('PREVIOUS_CA_NONE from main is shown with the GUI hint', async () => {
    useOverlapStore.setState({ renewed })
    api().exportBundle.mockResolvedValue({
      ok: false,
      error: { code: 'PREVIOUS_CA_NONE', field: 'previousCa', params: { dir: '/ca' }, message: 'x' },
    })
    const user = userEvent.setup()
    render(<HomeScreen />)
    await user.type(within(overlap()).getByLabelText('Bundle folder'), '/out')
    await user.click(within(overlap()).getByRole('button', { name: 'Export the two-CA bundle' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('/ca holds no previous CA')
    expect(alert.textContent).toContain('Renew the CA on Home (Renew CA) first')
  })
})

describe('Home: the CA renewal in Chinese', () => {
  beforeEach(async () => {
    await setUp('zh-CN')
  })

  it('renews, lists what needs the bundle, exports it and moves the registry: all in Chinese', async () => {
    api().renewCa.mockResolvedValue(ok(renewed))
    api().servedCa.mockResolvedValue(ok(fromOld))
    api().exportBundle.mockResolvedValue(
      ok({
        bundleId: 'bundle-0123456789abcdef',
        outDir: '/out/registry-trust',
        files: ['ca.crt'],
        fingerprintSha256: 'NE:W1',
        previousCa: { fingerprintSha256: 'OL:D1', notAfter: '2026-03-01T00:00:00.000Z' },
      }),
    )
    const user = userEvent.setup()
    render(<HomeScreen />)
    await renewCa(user, /^续期 CA Corp CA$/, '续期 CA')
    await waitFor(() => expect(overlapOrNull()?.textContent).toContain('CA Corp CA 已续期'))
    const card = overlap()
    await within(card).findByText(/镜像仓库 192\.168\.20\.10:5000：它提供的证书仍由旧 CA 签发/)
    expect(card.textContent).toContain('每台信任旧 CA 的机器')
    await user.type(within(card).getByLabelText('信任包文件夹'), '/out')
    await user.click(within(card).getByRole('button', { name: '导出包含两个 CA 的信任包' }))
    expect((await within(card).findByTestId('two-ca-exported')).textContent).toContain(
      '包含两个 CA 的信任包已写入 /out/registry-trust',
    )
    expect(screen.getByRole('button', { name: '把镜像仓库迁移到新 CA' })).toBeTruthy()
    const data = ['Corp CA', 'Docker Hub', 'ca.crt']
    expect(englishWords(card.textContent, data)).toEqual([])
  })
})

const mirror: MirrorStatusInfo = {
  name: 'registry-mirror',
  state: 'running',
  running: true,
  image: 'registry:2',
  port: 5001,
  servedCert: { notAfter: inDays(300), daysLeft: 300, subject: 'CN=192.168.20.10' },
  upstream: 'https://registry-1.docker.io',
  upstreamCa: false,
}

describe('Home: the mirror container beside the registry', () => {
  beforeEach(async () => {
    await setUp('en')
  })

  it('no mirror on the engine: no row', async () => {
    api().mirrorStatus.mockResolvedValue({
      ok: false,
      error: { code: 'REGISTRY_NOT_FOUND', message: 'x' },
    })
    render(<HomeScreen />)
    await waitFor(() => expect(api().mirrorStatus).toHaveBeenCalled())
    await screen.findAllByText(/days? left/)
    expect(document.querySelector('tr[data-row="mirror"]')).toBeNull()
  })

  it('lists it with its state, port and certificate; stop (confirmed), restart (the plan’s cert folder), remove', async () => {
    api().mirrorStatus.mockResolvedValue(ok(mirror))
    api().mirrorStop.mockResolvedValue(ok({ ...mirror, state: 'exited', running: false }))
    api().mirrorRestart.mockResolvedValue(ok({ status: 200, elapsedMs: 900 }))
    api().mirrorRemove.mockResolvedValue(ok({ removedVolumes: [] }))
    const user = userEvent.setup()
    render(<HomeScreen />)
    const row = await waitFor(() => {
      const r = document.querySelector('tr[data-row="mirror"]')
      if (r === null) throw new Error('no mirror row yet')
      return r as HTMLElement
    })
    expect(row.textContent).toContain('registry-mirror (Docker Hub mirror)')
    expect(within(row).getByText('running').getAttribute('data-state')).toBe('running')
    expect(within(row).getByText('192.168.20.10:5001')).toBeTruthy()
    expect(within(row).getByText('300 days left')).toBeTruthy()
    await user.click(within(row).getByRole('button', { name: 'Restart the mirror registry-mirror' }))
    await waitFor(() => expect(api().mirrorRestart).toHaveBeenCalledTimes(1))
    expect(api().mirrorRestart.mock.calls[0]?.[0]).toMatchObject({ plan, certDir })
    await user.click(within(row).getByRole('button', { name: 'Stop the mirror registry-mirror' }))
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Stop' }))
    await waitFor(() => expect(api().mirrorStop).toHaveBeenCalledWith({ plan }))
    await user.click(within(row).getByRole('button', { name: 'Remove the mirror registry-mirror' }))
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(api().mirrorRemove).toHaveBeenCalledWith({ plan, deleteData: false }))
  })

  it('in Chinese: the kind, the state and the buttons', async () => {
    await setUp('zh-CN')
    api().mirrorStatus.mockResolvedValue(ok(mirror))
    render(<HomeScreen />)
    await screen.findByRole('button', { name: '停止镜像加速器 registry-mirror' })
    const row = document.querySelector('tr[data-row="mirror"]') as HTMLElement
    expect(row.textContent).toContain('Docker Hub 镜像加速器')
    expect(screen.getByRole('button', { name: '重启镜像加速器 registry-mirror' })).toBeTruthy()
    expect(screen.getByRole('button', { name: '删除镜像加速器 registry-mirror' })).toBeTruthy()
  })
})
