import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CaSummary } from '../../../main/ipc/contract'
import { useCertsStore } from '../stores/certs-store'
import { loadTrustState, TRUST_CERT_DIR } from '../test-support/trust-setup'
import { ok, resetAll } from '../test-support/fake-api'
import { TrustStep } from './TrustStep'

describe('TrustStep: export, then write to a drive', () => {
  beforeEach(async () => {
    const api = await resetAll()
    loadTrustState()
    api.listDrives.mockResolvedValue(
      ok({
        drives: [
          {
            id: 'drive-00000000000000b1',
            device: '/dev/sdb1',
            description: 'KINGSTON',
            mountpoints: ['/media/u/KINGSTON'],
            sizeBytes: 16e9,
          },
        ],
      }),
    )
    api.exportBundle.mockResolvedValue(
      ok({
        bundleId: 'bundle-0123456789abcdef',
        outDir: '/home/u/bundles/registry-trust-192.168.20.10_5000',
        files: ['ca.crt'],
        fingerprintSha256: 'AB:CD',
      }),
    )
    api.copyBundleToDrive.mockResolvedValue(
      ok({
        dest: '/media/u/KINGSTON/registry-trust-192.168.20.10_5000',
        files: ['ca.crt'],
        bytes: 1,
        verified: true,
        mismatched: [],
        readBack: 'direct-io',
        cacheFree: true,
      }),
    )
  })

  it('writes the bundle main exported by its id to the drive main listed by its id (no path crosses)', async () => {
    const api = window.registryWizard as unknown as Awaited<ReturnType<typeof resetAll>>
    const user = userEvent.setup()
    render(<TrustStep />)
    await user.type(screen.getByLabelText('Export to folder or USB drive'), '/home/u/bundles')
    await user.click(screen.getByRole('button', { name: 'Export trust bundle' }))
    await user.click(await screen.findByRole('button', { name: 'Write to KINGSTON (/media/u/KINGSTON)' }))
    await screen.findByRole('status')
    expect(api.copyBundleToDrive).toHaveBeenCalledWith({
      jobId: expect.stringMatching(/^drive-/) as unknown,
      bundleId: 'bundle-0123456789abcdef',
      driveId: 'drive-00000000000000b1',
    })
  })
})

describe('TrustStep: the bundle during a CA renewal overlap', () => {
  const caDir = '/home/u/Registry Wizard/ca'
  const previous = { fingerprintSha256: 'OL:DC:A0', notAfter: '2027-03-01T00:00:00.000Z' }
  async function setup(language: 'en' | 'zh-CN', withPrevious: boolean) {
    const api = await resetAll(language)
    loadTrustState()
    const ca = {
      dir: caDir,
      encrypted: false,
      certificate: {},
      ...(withPrevious && { previousCa: previous }),
    }
    useCertsStore.setState({ ca: ca as unknown as CaSummary })
    api.listDrives.mockResolvedValue(ok({ drives: [] }))
    api.exportBundle.mockResolvedValue(
      ok({
        bundleId: 'bundle-1',
        outDir: '/b',
        files: ['ca.crt'],
        fingerprintSha256: 'NE:WC:A0',
        previousCa: previous,
      }),
    )
    return api
  }

  it('offers the previous CA (checked) and asks main for it beside the CA folder, then shows both fingerprints', async () => {
    const api = await setup('en', true)
    const user = userEvent.setup()
    render(<TrustStep />)
    const option = screen.getByRole<HTMLInputElement>('checkbox', {
      name: /Also carry the CA the last renewal/,
    })
    expect(option.checked).toBe(true)
    await user.type(screen.getByLabelText('Export to folder or USB drive'), '/b')
    await user.click(screen.getByRole('button', { name: 'Export trust bundle' }))
    expect((await screen.findByText('OL:DC:A0')).textContent).toBe('OL:DC:A0')
    expect(api.exportBundle).toHaveBeenCalledWith(
      expect.objectContaining({ caCertPath: `${caDir}/ca.crt`, previousCa: true }),
    )
  })

  it('unchecked, exports the issued root only; without an archived CA there is no option', async () => {
    const api = await setup('en', true)
    const user = userEvent.setup()
    const view = render(<TrustStep />)
    await user.click(screen.getByRole('checkbox', { name: /Also carry the CA/ }))
    await user.type(screen.getByLabelText('Export to folder or USB drive'), '/b')
    await user.click(screen.getByRole('button', { name: 'Export trust bundle' }))
    await screen.findByText('NE:WC:A0')
    const sent = api.exportBundle.mock.calls[0]?.[0] as Record<string, unknown>
    expect(sent).toMatchObject({ caCertPath: `${TRUST_CERT_DIR}/ca.crt` })
    expect(sent).not.toHaveProperty('previousCa')
    view.unmount()
    await setup('en', false)
    render(<TrustStep />)
    expect(screen.queryByRole('checkbox', { name: /Also carry the CA/ })).toBeNull()
  })

  it('says it in Chinese', async () => {
    await setup('zh-CN', true)
    render(<TrustStep />)
    const option = screen.getByRole<HTMLInputElement>('checkbox', { name: /同时包含上次续期替换的旧 CA/ })
    expect(option.checked).toBe(true)
  })
})

/** A plan as main sends it: steps, notes and warnings as message keys with params (no words). */
const plan = {
  changes: [
    {
      target: { key: 'trust.target.osLinux', params: { distros: 'Debian / Ubuntu / Alpine' } },
      description: { key: 'trust.step.remove', params: { path: '/usr/local/share/ca-certificates/x.crt' } },
      path: '/usr/local/share/ca-certificates/x.crt',
    },
  ],
  notes: [
    {
      target: { key: 'trust.target.containerd' },
      level: 'warning' as const,
      text: {
        key: 'trust.warning.containerdNoConfig',
        params: { configFile: '/etc/containerd/config.toml', fix: { key: 'trust.warning.containerdFix' } },
      },
    },
    {
      target: { key: 'trust.target.osLinux', params: { distros: 'Debian / Ubuntu / Alpine' } },
      level: 'note' as const,
      text: { key: 'trust.note.restartDockerd' },
    },
  ],
}

describe('TrustStep: the whole plan, notes and warnings included', () => {
  async function showPlan(language: 'en' | 'zh-CN'): Promise<ReturnType<typeof userEvent.setup>> {
    const api = await resetAll(language)
    loadTrustState()
    api.listDrives.mockResolvedValue(ok({ drives: [] }))
    api.planTrust.mockResolvedValue(ok(plan))
    const user = userEvent.setup()
    render(<TrustStep />)
    await user.click(screen.getAllByRole('button')[0] as HTMLElement)
    return user
  }

  it('shows restart dockerd and the containerd config_path warning under their stores (English)', async () => {
    await showPlan('en')
    expect(await screen.findByText(/restart it so it sees this change/)).toBeTruthy()
    const warning = screen.getByText(/hosts.toml is read only when config_path is set/)
    expect(warning.closest('li')?.textContent).toMatch(/^containerd Warning: containerd: \/etc\/containerd/)
    expect(warning.textContent).toContain('set config_path = "/etc/containerd/certs.d"')
    expect(screen.getByText('remove /usr/local/share/ca-certificates/x.crt')).toBeTruthy()
  })

  it('shows them in Chinese, with no English words from main', async () => {
    await showPlan('zh-CN')
    const note = await screen.findByText(/请重启它以使此更改生效/)
    expect(note.closest('li')?.textContent).toContain('系统证书库（Debian / Ubuntu / Alpine）')
    const warning = screen.getByText(/只有设置了 config_path 才会读取 hosts.toml/)
    expect(warning.closest('li')?.textContent).toContain('警告')
    const card = warning.closest('section')?.textContent ?? ''
    for (const english of [
      'restart it',
      'Warning',
      'OS store',
      'remove /usr',
      'not found',
      'Before you rely',
    ])
      expect(card).not.toContain(english)
  })

  it('without an administrator prompt, says nothing was done and shows the script to run as root', async () => {
    const user = await showPlan('en')
    const api = window.registryWizard as unknown as Awaited<ReturnType<typeof resetAll>>
    api.applyTrust.mockResolvedValue(
      ok({ ...plan, mode: 'print' as const, pending: [], script: 'set -e\nupdate-ca-certificates\n' }),
    )
    await user.click(await screen.findByRole('button', { name: 'Apply (asks for administrator rights)' }))
    expect(await screen.findByText(/Run this as root to finish/)).toBeTruthy()
    expect(screen.getByText(/update-ca-certificates/).textContent).toBe('set -e\nupdate-ca-certificates')
    expect(screen.queryByText(/This machine now trusts your CA/)).toBeNull()
  })
})
