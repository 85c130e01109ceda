import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { CheckRow, RegistryStatusInfo } from '../../../main/ipc/contract'
import { ok, resetAll } from '../test-support/fake-api'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import { useStagesStore } from '../stores/stages-store'
import { RegistryStep } from './RegistryStep'
import { issuedFor } from '../test-support/trust-setup'

const certDir = '/home/u/Registry Wizard/certs/192.168.20.10_5000'
const preflight: CheckRow[] = [
  {
    id: 'port',
    status: 'pass',
    title: { key: 'preflight.title.port', params: { port: 5000 } },
    reason: { key: 'preflight.port.free' },
  },
  {
    id: 'name',
    status: 'pass',
    title: { key: 'preflight.title.name', params: { name: 'registry' } },
    reason: { key: 'preflight.name.free' },
  },
]
const running: RegistryStatusInfo = {
  name: 'registry',
  state: 'running',
  running: true,
  image: 'registry:2',
  port: 5000,
}

async function setUp(): Promise<Awaited<ReturnType<typeof resetAll>>> {
  const api = await resetAll()
  usePlanStore.getState().load({ addresses: ['192.168.20.10'], port: 5000, docker: { kind: 'local' } })
  const issued = issuedFor(certDir)
  useCertsStore.setState({ issued })
  api.registryPreflight.mockResolvedValue(ok({ checks: preflight }))
  api.registryStatus.mockResolvedValue({
    ok: false,
    error: { code: 'REGISTRY_NOT_FOUND', message: 'no container' },
  })
  return api
}

describe('RegistryStep', () => {
  it('drops the preflight rows once the registry is started: "name is free" is no longer true', async () => {
    const api = await setUp()
    api.startRegistry.mockResolvedValue(
      ok({ containerId: 'abcdef0123456789', url: 'https://192.168.20.10:5000', imageSource: 'present' }),
    )
    const user = userEvent.setup()
    render(<RegistryStep />)
    await user.click(screen.getByRole('button', { name: 'Run preflight checks' }))
    await screen.findByText(/name is free/)
    await user.click(screen.getByRole('button', { name: 'Start the registry' }))
    await screen.findByText(/Registry running/)
    expect(screen.queryByText(/name is free/)).toBeNull()
    expect(useStagesStore.getState().preflight).toBeUndefined()
  })

  it('drops the preflight rows after the container is removed', async () => {
    const api = await setUp()
    api.registryStatus.mockResolvedValue(ok(running))
    api.registryRemove.mockResolvedValue(
      ok({
        removedVolumes: ['registry-certs'],
        keptStorage: { kind: 'volume' as const, name: 'registry-data' },
      }),
    )
    useStagesStore.setState({
      preflight: [
        {
          id: 'name',
          status: 'warn',
          title: { key: 'preflight.title.name', params: { name: 'registry' } },
          reason: { key: 'preflight.name.exists', params: { state: 'running', image: 'registry:2' } },
        },
      ],
    })
    const user = userEvent.setup()
    render(<RegistryStep />)
    await screen.findByText(/already exists \(running, image registry:2\)/)
    await user.click(await screen.findByRole('button', { name: 'Remove the container' }))
    await user.click(await screen.findByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(api.registryRemove).toHaveBeenCalled())
    await waitFor(() => expect(screen.queryByText(/already exists \(running, image registry:2\)/)).toBeNull())
  })

  it('after Remove, no longer says the registry is running, and keeps the removal message', async () => {
    const api = await setUp()
    api.registryStatus.mockResolvedValue(ok(running))
    api.registryRemove.mockResolvedValue(
      ok({
        removedVolumes: ['registry-certs'],
        keptStorage: { kind: 'volume' as const, name: 'registry-data' },
      }),
    )
    useStagesStore.setState({ containerId: 'abcdef0123456789' })
    const user = userEvent.setup()
    render(<RegistryStep />)
    await screen.findByText(/Registry running/)
    api.registryStatus.mockResolvedValue({
      ok: false,
      error: { code: 'REGISTRY_NOT_FOUND', message: 'no container' },
    })
    await user.click(await screen.findByRole('button', { name: 'Remove the container' }))
    await user.click(await screen.findByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(screen.queryByText(/Registry running/)).toBeNull())
    expect(useStagesStore.getState().containerId).toBeUndefined()
    expect(await screen.findByText(/images were kept/i)).toBeDefined()
  })
})
