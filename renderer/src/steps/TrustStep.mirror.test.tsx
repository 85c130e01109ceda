import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { loadTrustState, TRUST_CERT_DIR } from '../test-support/trust-setup'
import { ok, resetAll } from '../test-support/fake-api'
import { TrustStep } from './TrustStep'

const certDir = TRUST_CERT_DIR
const mirrorPlan = {
  changes: [
    {
      target: { key: 'trust.mirror.target.docker' },
      description: {
        key: 'trust.step.write',
        params: { path: '/etc/docker/daemon.json', mode: '0644', bytes: 60 },
      },
      path: '/etc/docker/daemon.json',
    },
  ],
  notes: [
    {
      target: { key: 'trust.mirror.target.docker' },
      level: 'note' as const,
      text: { key: 'trust.mirror.note.reloadDocker', params: { mirror: 'https://192.168.20.10:5001' } },
    },
  ],
}

async function setup(language: 'en' | 'zh-CN') {
  const api = await resetAll(language)
  loadTrustState()
  api.listDrives.mockResolvedValue(ok({ drives: [] }))
  api.planTrust.mockResolvedValue(ok(mirrorPlan))
  api.exportBundle.mockResolvedValue(
    ok({
      bundleId: 'bundle-0123456789abcdef',
      outDir: '/b/registry-trust-x',
      files: [],
      fingerprintSha256: 'AB',
    }),
  )
  render(<TrustStep />)
  return { api, user: userEvent.setup() }
}

describe('TrustStep: the optional Docker Hub mirror', () => {
  it('sends the mirror with the plan, the change and the bundle; without it, no mirror field goes to main', async () => {
    const { api, user } = await setup('en')
    await user.click(screen.getByRole('button', { name: 'Show the changes' }))
    expect(api.planTrust).toHaveBeenLastCalledWith({
      caCertPath: `${certDir}/ca.crt`,
      host: '192.168.20.10',
      port: 5000,
    })
    await user.type(screen.getByLabelText('Docker Hub mirror (optional)'), ' 192.168.20.10:5001 ')
    await user.click(screen.getByRole('button', { name: 'Show the changes' }))
    expect(api.planTrust).toHaveBeenLastCalledWith({
      caCertPath: `${certDir}/ca.crt`,
      host: '192.168.20.10',
      port: 5000,
      mirror: '192.168.20.10:5001',
    })
    expect(await screen.findByText(/dockerd reads `registry-mirrors` again on SIGHUP/)).toBeTruthy()
    await user.type(screen.getByLabelText('Export to folder or USB drive'), '/b')
    await user.click(screen.getByRole('button', { name: 'Export trust bundle' }))
    expect(api.exportBundle).toHaveBeenCalledWith(
      expect.objectContaining({ outDir: '/b', mirror: '192.168.20.10:5001' }) as unknown,
    )
  })

  it('in Chinese: the field, the plan notes and an error naming the mirror field, with no English from main', async () => {
    const { api, user } = await setup('zh-CN')
    api.planTrust.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'MIRROR_CONFIG_INVALID',
        kind: 'operation',
        message: '/etc/docker/daemon.json is not valid JSON',
        params: { path: '/etc/docker/daemon.json', format: 'JSON', detail: 'Unexpected token' },
      },
    } as never)
    await user.type(screen.getByLabelText('Docker Hub 镜像加速器（可选）'), '192.168.20.10:5001')
    const buttons = screen.getAllByRole('button')
    await user.click(buttons[0] as HTMLElement)
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('/etc/docker/daemon.json 不是有效的 JSON')
    expect(alert.textContent).toContain('请修复上面提到的文件')
    await user.click(buttons[0] as HTMLElement)
    const note = await screen.findByText(/dockerd 收到 SIGHUP 时会重新读取/)
    const card = note.closest('section')?.textContent ?? ''
    for (const english of ['reads', 'restart', 'Docker Hub mirror:', 'write /etc'])
      expect(card).not.toContain(english)
    expect(card).toContain('Docker Hub 镜像加速器：Docker')
  })
})
