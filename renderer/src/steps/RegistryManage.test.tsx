import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CaSummary, IssuedServerCert, Plan, RegistryStatusInfo } from '../../../main/ipc/contract'
import { ok, resetAll } from '../test-support/fake-api'
import { useCertsStore } from '../stores/certs-store'
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
    api().registryRemove.mockResolvedValue(ok({ removedVolumes: ['registry-certs'], keptData: undefined }))
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

  it('replaces the certificate: a new one from the same CA (passphrase asked, never kept), then into the registry', async () => {
    const ca = { dir: '/home/u/Registry Wizard/ca', encrypted: true, certificate: {} } as unknown as CaSummary
    useCertsStore.setState({ ca })
    const issued = {
      outDir: certDir,
      certPath: `${certDir}/domain.crt`,
      keyPath: `${certDir}/domain.key`,
      caCertPath: `${certDir}/ca.crt`,
      certificate: { sans: [] },
      lint: [],
    } as unknown as IssuedServerCert
    api().issueServerCert.mockResolvedValue(ok(issued))
    api().registryReplaceCert.mockResolvedValue(ok({ notAfter: '2028-01-01T00:00:00.000Z', status: 200 }))
    const user = userEvent.setup()
    render(<RegistryManage plan={plan} certDir={certDir} />)
    const section = within(await screen.findByRole('region', { name: 'Running registry' }))
    // The replace form appears once the first status read has answered.
    await user.type(await section.findByLabelText('CA passphrase'), 'correct horse')
    await user.click(section.getByRole('button', { name: 'Replace the certificate' }))
    await screen.findByText(/New certificate served/)
    expect(api().issueServerCert).toHaveBeenCalledWith(
      expect.objectContaining({
        caDir: ca.dir,
        outDir: certDir,
        sans: plan.addresses,
        passphrase: 'correct horse',
        force: true,
      }),
    )
    expect(api().registryReplaceCert).toHaveBeenCalledWith({
      jobId: expect.stringMatching(/^replace-/) as unknown,
      plan,
      certDir,
    })
    expect(JSON.stringify(useCertsStore.getState())).not.toContain('correct horse')
  })
})
