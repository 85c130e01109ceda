import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { SwarmStatusInfo } from '../../../../../main/ipc/contract'
import { useCertsStore } from '../../../stores/certs-store'
import { usePlanStore } from '../../../stores/plan-store'
import { ok, resetAll } from '../../../test-support/fake-api'
import { RegistryStep } from '../../RegistryStep'
import { issuedFor } from '../../../test-support/trust-setup'

const certDir = '/home/u/Registry Wizard/certs/192.168.20.10_5000'
const service: SwarmStatusInfo = {
  name: 'registry',
  image: 'registry@sha256:abc',
  replicas: 2,
  running: 2,
  publishMode: 'ingress',
  port: 5000,
  tasks: [
    { id: 't1', slot: 1, state: 'running', nodeId: 'node0000000001' },
    { id: 't2', slot: 2, state: 'running', nodeId: 'node0000000002' },
  ],
}

async function setUp(
  language: 'en' | 'zh-CN',
  manager: boolean,
): Promise<Awaited<ReturnType<typeof resetAll>>> {
  const api = await resetAll(language)
  usePlanStore.getState().load({ addresses: ['192.168.20.10'], port: 5000, docker: { kind: 'local' } })
  const issued = issuedFor(certDir)
  useCertsStore.setState({ issued })
  if (manager) api.swarmAvailable.mockResolvedValue(ok({ manager: true }))
  else api.swarmAvailable.mockResolvedValue(ok({ manager: false }))
  api.swarmStatus.mockResolvedValue(ok({ service: null }))
  return api
}

describe('Registry step: Docker Swarm service', () => {
  it('is not offered when the engine is not a Swarm manager', async () => {
    const api = await setUp('en', false)
    render(<RegistryStep />)
    await waitFor(() => expect(api.swarmAvailable).toHaveBeenCalled())
    expect(screen.queryByRole('radio', { name: 'Docker Swarm service' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Start the registry' })).toBeTruthy()
  })

  it('on a manager: the choice, the options, a start with names and numbers only, then the tasks', async () => {
    const api = await setUp('en', true)
    api.startSwarmRegistry.mockResolvedValue(
      ok({
        name: 'registry',
        url: 'https://192.168.20.10:5000',
        replicas: 3,
        updateOrder: 'start-first',
        publishMode: 'ingress' as const,
        endpoints: [],
        secrets: ['registry-cert-1'],
        volume: 'shared-data',
        notices: [],
      }),
    )
    const user = userEvent.setup()
    render(<RegistryStep />)
    await user.click(await screen.findByRole('radio', { name: 'Docker Swarm service' }))
    expect(screen.queryByRole('button', { name: 'Start the registry' })).toBeNull()
    const replicas = screen.getByLabelText('Replicas')
    await user.clear(replicas)
    await user.type(replicas, '3')
    await user.type(screen.getByLabelText('Data volume'), 'shared-data')
    await user.type(screen.getByLabelText('Volume driver'), 'local')
    await user.type(screen.getByLabelText('Driver options'), 'type=nfs{Enter}o=addr=10.0.0.5')
    api.swarmStatus.mockResolvedValue(ok({ service }))
    await user.click(screen.getByRole('button', { name: 'Start the service' }))
    await screen.findByText(/Service registry runs 3 replicas at https:\/\/192\.168\.20\.10:5000/)
    const req = api.startSwarmRegistry.mock.calls[0]?.[0] as Record<string, unknown>
    expect(req).toMatchObject({
      certDir,
      replicas: 3,
      publishMode: 'ingress',
      volume: { name: 'shared-data', driver: 'local', options: { type: 'nfs', o: 'addr=10.0.0.5' } },
    })
    expect(Object.keys(req).sort()).toEqual(['certDir', 'jobId', 'plan', 'publishMode', 'replicas', 'volume'])
    expect(await screen.findByText(/2 of 2 tasks running/)).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Restart (rolling)' })).toBeTruthy()
  })

  it('a line that is not key=value stops the start', async () => {
    await setUp('en', true)
    const user = userEvent.setup()
    render(<RegistryStep />)
    await user.click(await screen.findByRole('radio', { name: 'Docker Swarm service' }))
    await user.type(screen.getByLabelText('Driver options'), 'novalue')
    expect(screen.getByText('Not key=value: novalue')).toBeTruthy()
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Start the service' }).disabled).toBe(true)
  })

  it('in zh-CN', async () => {
    const api = await setUp('zh-CN', true)
    api.swarmStatus.mockResolvedValue(ok({ service }))
    const user = userEvent.setup()
    render(<RegistryStep />)
    expect(await screen.findByRole('radio', { name: '单个容器' })).toBeTruthy()
    await user.click(screen.getByRole('radio', { name: 'Docker Swarm 服务' }))
    expect(screen.getByLabelText('副本数')).toBeTruthy()
    expect(screen.getByRole('button', { name: '启动服务' })).toBeTruthy()
    expect(await screen.findByText(/2 个任务中 2 个正在运行/)).toBeTruthy()
    expect(screen.getByRole('button', { name: '移除服务' })).toBeTruthy()
  })
})
