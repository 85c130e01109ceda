import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CheckRow, IssuedServerCert } from '../../../main/ipc/contract'
import { appInfo, ok, resetAll } from '../test-support/fake-api'
import { useAppStore } from '../stores/app-store'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import { initI18n } from '../i18n'
import { VerifyStep } from './VerifyStep'

type Fake = Awaited<ReturnType<typeof resetAll>>
const certDir = '/home/u/Registry Wizard/certs/192.168.20.10_5000'
const rows: CheckRow[] = [
  {
    id: 'round-trip',
    status: 'pass',
    title: 'Push and pull round trip',
    reason: 'pushed, pulled back, digest sha256:ab matches',
  },
]

async function setUp(language: 'en' | 'zh-CN' = 'en'): Promise<Fake> {
  const api = await resetAll(language)
  useAppStore.setState({ info: { ...appInfo, capabilities: { ...appInfo.capabilities, verify: true } } })
  usePlanStore.getState().load({
    addresses: ['192.168.20.10'],
    port: 5000,
    docker: { kind: 'ssh', url: 'ssh://root@192.168.20.10' },
  })
  const issued = {
    outDir: certDir,
    certPath: `${certDir}/domain.crt`,
    keyPath: `${certDir}/domain.key`,
    caCertPath: `${certDir}/ca.crt`,
    certificate: { sans: [{ type: 'ip', value: '192.168.20.10' }] },
    lint: [],
  } as unknown as IssuedServerCert
  useCertsStore.setState({ issued })
  api.runVerify.mockResolvedValue(ok({ checks: rows, ok: true }))
  return api
}

describe('VerifyStep', () => {
  beforeEach(async () => {
    await initI18n('en')
  })

  it('runs the real push/pull round trip by default, through the engine of the plan, with no credentials of its own', async () => {
    const api = await setUp()
    const user = userEvent.setup()
    render(<VerifyStep />)
    const box = screen.getByRole('checkbox', { name: 'Include a real push and pull through Docker' })
    expect(box).toHaveProperty('checked', true)
    expect(screen.getByText(/Docker engine of the plan \(ssh:\/\/root@192\.168\.20\.10\)/)).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Run verification' }))
    await screen.findByText(/Every check passed/)
    expect(api.runVerify).toHaveBeenCalledTimes(1)
    const req = api.runVerify.mock.calls[0]?.[0] as Record<string, unknown>
    expect(req).toMatchObject({
      host: '192.168.20.10',
      port: 5000,
      caCertPath: `${certDir}/ca.crt`,
      push: true,
      docker: { kind: 'ssh', url: 'ssh://root@192.168.20.10' },
    })
    expect(req).not.toHaveProperty('credentials')
  })

  it('leaves the round trip out when unticked, and sends a login typed again', async () => {
    const api = await setUp()
    const user = userEvent.setup()
    render(<VerifyStep />)
    await user.click(screen.getByRole('checkbox', { name: 'Include a real push and pull through Docker' }))
    await user.type(screen.getByLabelText('Registry user'), 'ci')
    await user.type(screen.getByLabelText('Password'), 's3cret pass')
    await user.click(screen.getByRole('button', { name: 'Run verification' }))
    await waitFor(() => expect(api.runVerify).toHaveBeenCalledTimes(1))
    const req = api.runVerify.mock.calls[0]?.[0] as Record<string, unknown>
    expect(req).not.toHaveProperty('push')
    expect(req).not.toHaveProperty('docker')
    expect(req['credentials']).toEqual({ user: 'ci', password: 's3cret pass' })
  })

  it('does not say every check passed when one warned', async () => {
    const api = await setUp()
    api.runVerify.mockResolvedValue(ok({ checks: [{ ...rows[0], status: 'warn' } as CheckRow], ok: true }))
    const user = userEvent.setup()
    render(<VerifyStep />)
    await user.click(screen.getByRole('button', { name: 'Run verification' }))
    await screen.findByText(/No check failed, but some gave warnings/)
    expect(screen.queryByText(/Every check passed/)).toBeNull()
  })

  it('labels the choice in Chinese', async () => {
    await setUp('zh-CN')
    render(<VerifyStep />)
    expect(screen.getByRole('checkbox', { name: '包含一次通过 Docker 的真实推送与拉取' })).toHaveProperty(
      'checked',
      true,
    )
  })
})
