import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { JOB_CANCELLABLE, JOB_CHANNELS } from '../../../main/ipc/contract'
import { ok, resetAll } from '../test-support/fake-api'
import { useJobsStore } from '../stores/jobs-store'
import { JobProgress } from './ProgressBar'

type Fake = Awaited<ReturnType<typeof resetAll>>
let api: Fake

describe('JobProgress', () => {
  beforeEach(async () => {
    api = await resetAll()
  })

  const cancellable = JOB_CHANNELS.filter((c) => JOB_CANCELLABLE[c])
  const notCancellable = JOB_CHANNELS.filter((c) => !JOB_CANCELLABLE[c])

  it('knows both kinds (the table is not all one way)', () => {
    expect(cancellable).toContain('registryReplaceCert')
    // gc, prune and enable-delete run to their end or roll back themselves: stopping them halfway would leave the
    // registry read-only, a plan half applied, or a container half re-created.
    expect(notCancellable).toEqual([
      'createCa',
      'issueServerCert',
      'registryRestart',
      'mirrorRestart',
      'applyTrust',
      'prune',
      'enableDelete',
      'garbageCollect',
      'swarmRestart',
    ])
  })

  it.each(notCancellable)('offers no Cancel for %s (its work would not stop)', (channel) => {
    render(<JobProgress jobId="j-1" label="Working" channel={channel} />)
    expect(screen.getByRole('progressbar', { name: 'Working' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull()
  })

  it.each(cancellable)('offers Cancel for %s, which cancels that job', async (channel) => {
    api.cancelJob.mockResolvedValue(ok({ cancelled: true }))
    render(<JobProgress jobId="j-1" label="Working" channel={channel} />)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Cancel' }))
    expect(api.cancelJob).toHaveBeenCalledWith({ jobId: 'j-1' })
  })

  it('shows a runner step message in the UI language, and the renderer’s own step text otherwise', async () => {
    render(<JobProgress jobId="j-2" label="Working" channel="registryReplaceCert" />)
    expect(screen.getByText('Starting…')).toBeTruthy()
    useJobsStore
      .getState()
      .onProgress({ jobId: 'j-2', step: 'swap', message: { key: 'progress.replaceCert.swap' } })
    await screen.findByText('Putting the new certificate in place')
    useJobsStore.getState().onProgress({ jobId: 'j-2', step: 'restart', percent: 10 })
    await screen.findByText('Restarting…')
  })
})
