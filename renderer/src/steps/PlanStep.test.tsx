import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { ok, resetAll } from '../test-support/fake-api'
import { useAppStore } from '../stores/app-store'
import { PlanStep } from './PlanStep'

describe('PlanStep', () => {
  beforeEach(async () => {
    await resetAll()
  })

  it('offers this machine’s addresses, saves the plan and moves on to Certificates', async () => {
    const api = window.registryWizard as unknown as Awaited<ReturnType<typeof resetAll>>
    api.checkSans.mockResolvedValue(
      ok({
        sans: [
          { type: 'ip', value: '10.1.2.3' },
          { type: 'dns', value: 'reg.lan' },
        ],
        findings: [],
      }),
    )
    api.savePlan.mockImplementation((plan) =>
      Promise.resolve(ok({ plan: plan as never, knownCas: [], knownCerts: [] })),
    )
    const user = userEvent.setup()
    render(<PlanStep />)
    await user.click(await screen.findByRole('button', { name: '+ 10.1.2.3' }))
    await user.type(screen.getByLabelText('IP address or DNS name'), 'reg.lan{Enter}')
    expect(screen.getByRole('list', { name: 'Planned addresses' }).textContent).toContain('reg.lan')
    await user.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(() => expect(useAppStore.getState().screen).toBe('certificates'))
    expect(api.savePlan).toHaveBeenCalledWith({
      addresses: ['10.1.2.3', 'reg.lan'],
      port: 5000,
      docker: { kind: 'local' },
    })
  })

  it('shows the core’s refusal next to the address field, and does not move on', async () => {
    const api = window.registryWizard as unknown as Awaited<ReturnType<typeof resetAll>>
    api.checkSans.mockResolvedValue({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        field: 'addresses',
        params: { value: '"999.1.1.1"', allowed: 'an IP address or a DNS name' },
        message: 'addresses: "999.1.1.1" is not valid; an IP address or a DNS name',
      },
    })
    const user = userEvent.setup()
    render(<PlanStep />)
    await user.type(screen.getByLabelText('IP address or DNS name'), '999.1.1.1{Enter}')
    await user.click(screen.getByRole('button', { name: 'Save and continue' }))
    const input = screen.getByLabelText('IP address or DNS name')
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'))
    expect(document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /999\.1\.1\.1/,
    )
    expect(api.savePlan).not.toHaveBeenCalled()
    expect(useAppStore.getState().screen).toBe('home')
  })

  it('checks the port locally and says what is allowed', async () => {
    const user = userEvent.setup()
    render(<PlanStep />)
    await user.type(screen.getByLabelText('IP address or DNS name'), '10.0.0.1{Enter}')
    await user.clear(screen.getByLabelText('Port'))
    await user.type(screen.getByLabelText('Port'), '70000')
    await user.click(screen.getByRole('button', { name: 'Save and continue' }))
    expect(await screen.findByText('Enter a port from 1 to 65535.')).toBeTruthy()
  })

  it('tcp:// without TLS: a checkbox with the warning, carried into the saved plan only when ticked', async () => {
    const api = window.registryWizard as unknown as Awaited<ReturnType<typeof resetAll>>
    api.checkSans.mockResolvedValue(ok({ sans: [{ type: 'ip', value: '10.0.0.1' }], findings: [] }))
    api.savePlan.mockImplementation((plan) =>
      Promise.resolve(ok({ plan: plan as never, knownCas: [], knownCerts: [] })),
    )
    const user = userEvent.setup()
    render(<PlanStep />)
    expect(screen.queryByRole('checkbox', { name: 'Allow an engine without TLS (insecure)' })).toBeNull()
    await user.type(screen.getByLabelText('IP address or DNS name'), '10.0.0.1{Enter}')
    await user.click(screen.getByRole('radio', { name: /Over TCP with TLS/ }))
    await user.type(screen.getByLabelText('Engine address'), 'tcp://10.0.0.1:2375')
    const box = screen.getByRole<HTMLInputElement>('checkbox', {
      name: 'Allow an engine without TLS (insecure)',
    })
    expect(box.checked).toBe(false)
    expect(document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /private key \(domain\.key\) and the password file are sent to the engine in clear text/,
    )
    await user.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(() => expect(api.savePlan).toHaveBeenCalledTimes(1))
    expect(api.savePlan).toHaveBeenLastCalledWith({
      addresses: ['10.0.0.1'],
      port: 5000,
      docker: { kind: 'tcp', url: 'tcp://10.0.0.1:2375' },
    })
    await user.click(box)
    await user.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(() => expect(api.savePlan).toHaveBeenCalledTimes(2))
    expect(api.savePlan).toHaveBeenLastCalledWith({
      addresses: ['10.0.0.1'],
      port: 5000,
      docker: { kind: 'tcp', url: 'tcp://10.0.0.1:2375', insecure: true },
    })
  })

  it('labels the engine-without-TLS choice and its warning in Chinese', async () => {
    await resetAll('zh-CN')
    const user = userEvent.setup()
    render(<PlanStep />)
    await user.click(screen.getByRole('radio', { name: /通过 TCP \+ TLS/ }))
    const box = screen.getByRole('checkbox', { name: '允许不带 TLS 的引擎（不安全）' })
    expect(document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
      '私钥（domain.key）和密码文件会以明文发送到引擎',
    )
  })
})
