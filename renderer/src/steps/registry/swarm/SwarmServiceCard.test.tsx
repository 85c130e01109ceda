import { act, render, screen, waitFor } from '@testing-library/react'
import i18next from 'i18next'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { CaSummary, SwarmStatusInfo } from '../../../../../main/ipc/contract'
import { useCertsStore } from '../../../stores/certs-store'
import { usePlanStore } from '../../../stores/plan-store'
import { ok, resetAll } from '../../../test-support/fake-api'
import { issuedFor } from '../../../test-support/trust-setup'
import { RegistryStep } from '../../RegistryStep'

// The running service's card in the Registry step (Swarm mode): replace-cert from either source (the CA the
// Certificates step opened, with its passphrase, or the pair in the certificate folder), the update order and the
// domain's notices after restart / replace-cert, in English and Chinese; and no host storage path in Swarm mode.
const certDir = '/home/u/Registry Wizard/certs/192.168.20.10_5000'
const caDir = '/home/u/Registry Wizard/ca'
const service: SwarmStatusInfo = {
  name: 'registry',
  image: 'registry@sha256:abc',
  replicas: 1,
  running: 1,
  publishMode: 'host',
  port: 5000,
  tasks: [{ id: 't1', slot: 1, state: 'running', nodeId: 'node0000000001' }],
}
const stopFirst = { key: 'swarm.notice.stopFirst', params: { port: 5000, nodes: 1 } }
const replaced = {
  notAfter: '2027-12-01T00:00:00.000Z',
  fingerprint: 'AB:CD:EF:01:23:45:67:89:AB:CD',
  previousFingerprint: '00:11',
  updateOrder: 'stop-first' as const,
  notices: [stopFirst],
}

async function setUp(
  language: 'en' | 'zh-CN',
  ca: { encrypted: boolean } | undefined,
): Promise<Awaited<ReturnType<typeof resetAll>>> {
  const api = await resetAll(language)
  usePlanStore.getState().load({ addresses: ['192.168.20.10'], port: 5000, docker: { kind: 'local' } })
  useCertsStore.setState({ issued: issuedFor(certDir) })
  if (ca) {
    const certificate = { commonName: 'Example Corp CA', subject: 'CN=Example Corp CA' }
    useCertsStore.setState({
      ca: { dir: caDir, encrypted: ca.encrypted, certificate } as unknown as CaSummary,
    })
  }
  api.swarmAvailable.mockResolvedValue(ok({ manager: true }))
  api.swarmStatus.mockResolvedValue(ok({ service }))
  return api
}

async function swarmMode(user: ReturnType<typeof userEvent.setup>, name: string): Promise<void> {
  await user.click(await screen.findByRole('radio', { name }))
}

describe('Swarm service card: replace-cert and its outcome', () => {
  it('issues from the CA: the passphrase is asked first, sent once, cleared; stop-first and its notice shown', async () => {
    const api = await setUp('en', { encrypted: true })
    api.swarmReplaceCert.mockResolvedValue(ok(replaced))
    const user = userEvent.setup()
    render(<RegistryStep />)
    await swarmMode(user, 'Docker Swarm service')
    const fromCa = await screen.findByRole<HTMLInputElement>('radio', {
      name: 'Issue a new pair now from the CA Example Corp CA, for the planned addresses',
    })
    expect(fromCa.checked).toBe(true)
    await screen.findByText(/1 of 1 tasks running/)
    await user.click(screen.getByRole('button', { name: 'Replace certificate' }))
    const field = screen.getByLabelText<HTMLInputElement>('CA passphrase')
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'))
    expect(screen.getByText(/the private key is encrypted and no passphrase was given/)).toBeTruthy()
    expect(api.swarmReplaceCert).not.toHaveBeenCalled()
    await user.type(field, 'correct horse')
    await user.click(screen.getByRole('button', { name: 'Replace certificate' }))
    await screen.findByText(/Now serves AB:CD:EF:01:23:4… until 2027-12-01/)
    const req = api.swarmReplaceCert.mock.calls[0]?.[0] as Record<string, unknown>
    expect(req).toMatchObject({ certDir, caDir, passphrase: 'correct horse' })
    expect(Object.keys(req).sort()).toEqual(['caDir', 'certDir', 'jobId', 'passphrase', 'plan'])
    expect(field.value).toBe('')
    expect(screen.getByTestId('swarm-update-order').textContent).toMatch(/^Rolled stop-first: each old task/)
    expect(screen.getByText(/Updates are stop-first: host mode holds port 5000 on each node/)).toBeTruthy()
  })

  it('the pair in the certificate folder: no CA folder, no passphrase in the request', async () => {
    const api = await setUp('en', { encrypted: true })
    api.swarmReplaceCert.mockResolvedValue(ok({ ...replaced, updateOrder: 'start-first', notices: [] }))
    const user = userEvent.setup()
    render(<RegistryStep />)
    await swarmMode(user, 'Docker Swarm service')
    await screen.findByText(/1 of 1 tasks running/)
    await user.click(screen.getByRole('radio', { name: /Use the pair in the certificate folder/ }))
    expect(screen.queryByLabelText('CA passphrase')).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Replace certificate' }))
    await screen.findByText(/Now serves/)
    const req = api.swarmReplaceCert.mock.calls[0]?.[0] as Record<string, unknown>
    expect(Object.keys(req).sort()).toEqual(['certDir', 'jobId', 'plan'])
    expect(screen.getByTestId('swarm-update-order').textContent).toMatch(/^Rolled start-first/)
    expect(screen.queryByText(/Updates are stop-first/)).toBeNull()
    // The outcome is kept as keys and parameters: a language switch shows it in the new language.
    await act(() => i18next.changeLanguage('zh-CN'))
    expect(screen.getByTestId('swarm-outcome').textContent).toMatch(
      /现在提供 AB:CD:EF:01:23:4…，有效期至 2027-12-01/,
    )
    expect(screen.getByTestId('swarm-update-order').textContent).toMatch(/^按 start-first 滚动/)
  })

  it('with no CA open: only the folder pair can be chosen', async () => {
    await setUp('en', undefined)
    const user = userEvent.setup()
    render(<RegistryStep />)
    await swarmMode(user, 'Docker Swarm service')
    const fromCa = await screen.findByRole<HTMLInputElement>('radio', {
      name: /open the CA on the Certificates/,
    })
    expect(fromCa.disabled).toBe(true)
    const files = screen.getByRole<HTMLInputElement>('radio', {
      name: /Use the pair in the certificate folder/,
    })
    expect(files.checked).toBe(true)
  })

  it('restart shows its update order; zh-CN: the order and the notice in Chinese', async () => {
    const api = await setUp('zh-CN', { encrypted: false })
    api.swarmRestart.mockResolvedValue(
      ok({ status: 200, elapsedMs: 42, updateOrder: 'stop-first', notices: [stopFirst] }),
    )
    const user = userEvent.setup()
    render(<RegistryStep />)
    await swarmMode(user, 'Docker Swarm 服务')
    await screen.findByText(/1 个任务中 1 个正在运行/)
    expect(screen.queryByLabelText('CA 口令')).toBeNull()
    await user.click(screen.getByRole('button', { name: '重启（滚动）' }))
    await screen.findByText(/已重启：\/v2\/ 在 42 毫秒内返回 200/)
    expect(screen.getByTestId('swarm-update-order').textContent).toMatch(/^按 stop-first 滚动/)
    const outcome = screen.getByTestId('swarm-outcome').textContent
    expect(outcome).toContain(
      '更新将先停止旧任务：主机模式在每个节点上占用端口 5000，而 1 个节点没有空闲的节点',
    )
    expect(outcome).not.toMatch(/Updates are|host mode/)
  })
})

describe('Options card in Swarm mode', () => {
  it('the host storage path shows for a container only', async () => {
    await setUp('en', undefined)
    const user = userEvent.setup()
    render(<RegistryStep />)
    await waitFor(() => expect(screen.getByLabelText(/Data folder on the engine's host/)).toBeTruthy())
    await swarmMode(user, 'Docker Swarm service')
    expect(screen.queryByLabelText(/Data folder on the engine's host/)).toBeNull()
    expect(screen.getByLabelText('Data volume')).toBeTruthy()
    await user.click(screen.getByRole('radio', { name: 'Single container' }))
    expect(screen.getByLabelText(/Data folder on the engine's host/)).toBeTruthy()
  })
})
