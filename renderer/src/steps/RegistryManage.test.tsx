import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CaSummary, Events, Plan, RegistryStatusInfo } from '../../../main/ipc/contract'
import { ok, resetAll } from '../test-support/fake-api'
import { useCertsStore } from '../stores/certs-store'
import { startEventSubscriptions } from '../events'
import { useJobsStore } from '../stores/jobs-store'
import { RegistryManage } from './RegistryManage'

type Fake = Awaited<ReturnType<typeof resetAll>>
const plan: Plan = {
  addresses: ['192.168.20.10', 'registry.example.lan'],
  port: 5000,
  docker: { kind: 'ssh', url: 'ssh://root@192.168.20.10' },
}
const certDir = '/home/u/Registry Wizard/certs/192.168.20.10_5000'
const running: RegistryStatusInfo = {
  name: 'registry',
  state: 'running',
  running: true,
  uptimeSeconds: 3720,
  image: 'registry:2',
  port: 5000,
  storage: { kind: 'volume', source: 'registry-data' },
  servedCert: { notAfter: '2027-03-01T00:00:00.000Z', daysLeft: 92, subject: 'CN=192.168.20.10' },
}
const api = (): Fake => window.registryWizard as unknown as Fake

describe('RegistryManage', () => {
  beforeEach(async () => {
    await resetAll()
    api().registryStatus.mockResolvedValue(ok(running))
  })

  it('shows the live status: state, uptime, image, port, storage and the served certificate’s expiry', async () => {
    render(<RegistryManage plan={plan} certDir={certDir} />)
    const status = await screen.findByLabelText('Container status')
    await waitFor(() => expect(status.textContent).toContain('running'))
    for (const text of ['1 h 2 min', 'registry:2', '5000', 'volume registry-data', '92 days left', '2027'])
      expect(status.textContent).toContain(text)
    expect(api().registryStatus).toHaveBeenCalledWith({ plan })
  })

  it('polls the status, so a container that stops shows stopped', async () => {
    render(<RegistryManage plan={plan} certDir={certDir} pollMs={20} />)
    await screen.findByText('running')
    api().registryStatus.mockResolvedValue(
      ok({ ...running, state: 'exited', running: false, uptimeSeconds: undefined }),
    )
    await screen.findByText('stopped')
    expect(screen.getByRole('button', { name: 'Stop' })).toHaveProperty('disabled', true)
  })

  it('says when there is no container yet, and offers no action', async () => {
    api().registryStatus.mockResolvedValue({
      ok: false,
      error: { code: 'REGISTRY_NOT_FOUND', message: 'No container named "registry"' },
    })
    render(<RegistryManage plan={plan} certDir={certDir} />)
    await screen.findByText('No registry container on this engine yet.')
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull()
  })

  it('wires Stop, Restart (a job, with the CA folder for the health check) and Remove (keeps data unless asked)', async () => {
    api().registryStop.mockResolvedValue(ok({ ...running, state: 'exited', running: false }))
    api().registryRestart.mockResolvedValue(ok({ status: 200, elapsedMs: 300 }))
    api().registryRemove.mockResolvedValue(ok({ removedVolumes: ['registry-certs'] }))
    const user = userEvent.setup()
    render(<RegistryManage plan={plan} certDir={certDir} />)
    await user.click(await screen.findByRole('button', { name: 'Stop' }))
    expect(api().registryStop).toHaveBeenCalledWith({ plan })
    await screen.findByText(/Registry stopped/)
    await user.click(screen.getByRole('button', { name: 'Restart' }))
    expect(api().registryRestart).toHaveBeenCalledWith({
      jobId: expect.stringMatching(/^restart-/) as unknown,
      plan,
      certDir,
    })
    await screen.findByText(/restarted and healthy/)
    await user.click(screen.getByLabelText('Also delete the stored images (the data volume)'))
    await user.click(screen.getByRole('button', { name: 'Remove the container' }))
    // A confirmation first (the data goes too): Cancel removes nothing, Remove does.
    const dialog = await screen.findByRole('alertdialog')
    expect(dialog.textContent).toContain('every image stored in this registry is deleted')
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(api().registryRemove).not.toHaveBeenCalled()
    await user.click(screen.getByRole('button', { name: 'Remove the container' }))
    await user.click(await screen.findByRole('button', { name: 'Remove' }))
    expect(api().registryRemove).toHaveBeenCalledWith({ plan, deleteData: true })
    await screen.findByText(/Container and its data removed\./)
  })

  it('follows the log as a job and stops following by cancelling that job', async () => {
    let finish: (v: ReturnType<typeof ok<{ lines: number }>>) => void = () => undefined
    api().followRegistryLogs.mockImplementation(() => new Promise((res) => (finish = res)))
    api().cancelJob.mockImplementation(() => {
      finish(ok({ lines: 2 }))
      return Promise.resolve(ok({ cancelled: true }))
    })
    const user = userEvent.setup()
    render(<RegistryManage plan={plan} certDir={certDir} />)
    await user.click(await screen.findByRole('button', { name: 'Follow logs' }))
    const req = api().followRegistryLogs.mock.calls[0]?.[0] as { jobId: string }
    useJobsStore.getState().onLog(req.jobId, 'level=info msg="listening on [::]:5000, tls"')
    useJobsStore.getState().onLog(req.jobId, 'level=info msg="response completed" http.response.status=200')
    const log = await screen.findByLabelText('Registry log')
    expect(log.textContent).toContain('listening on [::]:5000, tls')
    await user.click(screen.getByRole('button', { name: 'Stop following logs' }))
    expect(api().cancelJob).toHaveBeenCalledWith({ jobId: req.jobId })
    await screen.findByRole('button', { name: 'Follow logs' })
  })

  it('replaces the certificate as ONE main-side job (CA and passphrase sent, never kept; no issue from the renderer)', async () => {
    const ca = { dir: '/home/u/Registry Wizard/ca', encrypted: true, certificate: {} } as unknown as CaSummary
    useCertsStore.setState({ ca })
    api().registryReplaceCert.mockResolvedValue(ok({ notAfter: '2028-01-01T00:00:00.000Z', status: 200 }))
    const user = userEvent.setup()
    render(<RegistryManage plan={plan} certDir={certDir} />)
    const section = within(await screen.findByRole('region', { name: 'Running registry' }))
    // The replace form appears once the first status read has answered.
    await user.type(await section.findByLabelText('CA passphrase'), 'correct horse')
    await user.click(section.getByRole('button', { name: 'Replace the certificate' }))
    await screen.findByText(/New certificate served/)
    expect(api().registryReplaceCert).toHaveBeenCalledWith({
      jobId: expect.stringMatching(/^replace-/) as unknown,
      plan,
      certDir,
      caDir: ca.dir,
      passphrase: 'correct horse',
    })
    expect(api().issueServerCert).not.toHaveBeenCalled()
    expect(section.getByLabelText<HTMLInputElement>('CA passphrase').value).toBe('')
    expect(JSON.stringify(useCertsStore.getState())).not.toContain('correct horse')
  })

  it('asks for the passphrase before starting, and shows a wrong one from main at the passphrase field', async () => {
    const ca = { dir: '/ca', encrypted: true, certificate: {} } as unknown as CaSummary
    useCertsStore.setState({ ca })
    const user = userEvent.setup()
    render(<RegistryManage plan={plan} certDir={certDir} />)
    const button = await screen.findByRole('button', { name: 'Replace the certificate' })
    await user.click(button)
    expect(api().registryReplaceCert).not.toHaveBeenCalled()
    expect(screen.getByLabelText('CA passphrase').getAttribute('aria-invalid')).toBe('true')
    api().registryReplaceCert.mockResolvedValue({
      ok: false,
      error: { code: 'BAD_PASSPHRASE', field: 'passphrase', message: 'wrong passphrase' },
    })
    await user.type(screen.getByLabelText('CA passphrase'), 'nope')
    await user.click(button)
    await waitFor(() => expect(api().registryReplaceCert).toHaveBeenCalledTimes(1))
    expect(screen.getByLabelText('CA passphrase').getAttribute('aria-invalid')).toBe('true')
  })

  it('offers Cancel for the replace job (cancellable) and none for a restart (not cancellable)', async () => {
    useCertsStore.setState({ ca: { dir: '/ca', encrypted: false, certificate: {} } as unknown as CaSummary })
    const answer: Record<string, (v: never) => void> = {}
    api().registryRestart.mockImplementation(() => new Promise((r) => (answer['restart'] = r)))
    api().registryReplaceCert.mockImplementation(() => new Promise((r) => (answer['replace'] = r)))
    api().cancelJob.mockImplementation(() => {
      answer['replace']?.({ ok: false, error: { code: 'CANCELLED', message: 'cancelled' } } as never)
      return Promise.resolve(ok({ cancelled: true }))
    })
    const user = userEvent.setup()
    render(<RegistryManage plan={plan} certDir={certDir} />)
    await user.click(await screen.findByRole('button', { name: 'Restart' }))
    await screen.findByRole('progressbar', { name: 'Restarting and checking health' })
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull()
    answer['restart']?.(ok({ status: 200, elapsedMs: 1 }) as never)
    await screen.findByText(/restarted and healthy/)

    await user.click(screen.getByRole('button', { name: 'Replace the certificate' }))
    const req = api().registryReplaceCert.mock.calls[0]?.[0] as { jobId: string }
    useJobsStore.getState().onProgress({
      jobId: req.jobId,
      step: 'health',
      percent: 80,
      message: { key: 'progress.replaceCert.health' },
    })
    await screen.findByText('Checking health')
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(api().cancelJob).toHaveBeenCalledWith({ jobId: req.jobId })
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull())
  })

  it('shows the job’s step messages in Chinese', async () => {
    await resetAll('zh-CN')
    api().registryStatus.mockResolvedValue(ok(running))
    useCertsStore.setState({ ca: { dir: '/ca', encrypted: false, certificate: {} } as unknown as CaSummary })
    api().registryReplaceCert.mockImplementation(() => new Promise(() => undefined))
    const user = userEvent.setup()
    render(<RegistryManage plan={plan} certDir={certDir} />)
    const button = await screen.findByRole('button', { name: '更换证书' })
    await user.click(button)
    const req = api().registryReplaceCert.mock.calls[0]?.[0] as { jobId: string }
    useJobsStore.getState().onProgress({
      jobId: req.jobId,
      step: 'issue',
      percent: 30,
      message: { key: 'progress.replaceCert.issue' },
    })
    await screen.findByText('正在签发新证书')
  })
  it.each([
    ['en', 'Container removed; the stored images were kept (host path /srv/registry).'],
    ['zh-CN', '容器已删除；存储的镜像已保留（主机路径 /srv/registry）。'],
  ] as const)('Remove says where the data stays, from the structured answer (%s)', async (lang, line) => {
    await resetAll(lang)
    api().registryStatus.mockResolvedValue(ok(running))
    api().registryRemove.mockResolvedValue(
      ok({ removedVolumes: [], keptStorage: { kind: 'hostPath' as const, path: '/srv/registry' } }),
    )
    const user = userEvent.setup()
    render(<RegistryManage plan={plan} certDir={certDir} />)
    await user.click(
      await screen.findByRole('button', { name: lang === 'en' ? 'Remove the container' : '删除容器' }),
    )
    expect((await screen.findByRole('alertdialog')).textContent).toContain(
      lang === 'en' ? 'the stored images stay' : '已存储的镜像保留',
    )
    await user.click(screen.getByRole('button', { name: lang === 'en' ? 'Remove' : '删除' }))
    expect(api().registryRemove).toHaveBeenCalledWith({ plan, deleteData: false })
    expect((await screen.findByRole('status')).textContent).toBe(`✓ ${line}`)
  })

  it('a job:log line that carries a message is shown in the window’s language; a raw line as it is', async () => {
    await resetAll('zh-CN')
    api().registryStatus.mockResolvedValue(ok(running))
    api().followRegistryLogs.mockImplementation(() => new Promise(() => undefined))
    const stop = startEventSubscriptions()
    const onLog = api().on.mock.calls.find((c) => c[0] === 'job:log')?.[1] as (e: Events['job:log']) => void
    const user = userEvent.setup()
    render(<RegistryManage plan={plan} certDir={certDir} />)
    await user.click(await screen.findByRole('button', { name: '跟踪日志' }))
    const { jobId } = api().followRegistryLogs.mock.calls[0]?.[0] as { jobId: string }
    onLog({
      jobId,
      line: 'check: Checking the new certificate',
      message: { key: 'progress.replaceCert.check' },
    })
    onLog({ jobId, line: 'level=info msg="listening on [::]:5000, tls"' })
    const log = await screen.findByLabelText('镜像仓库日志')
    await waitFor(() =>
      expect(log.textContent).toBe('正在检查新证书\nlevel=info msg="listening on [::]:5000, tls"'),
    )
    stop()
  })
})
