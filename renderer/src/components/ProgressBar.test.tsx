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

  it.each(JOB_CHANNELS)(
    'offers Cancel for %s exactly when the contract says it is cancellable',
    async (channel) => {
      api.cancelJob.mockResolvedValue(ok({ cancelled: true }))
      render(<JobProgress jobId="j-1" label="Working" channel={channel} />)
      const button = screen.queryByRole('button', { name: 'Cancel' })
      expect(button !== null).toBe(JOB_CANCELLABLE[channel])
      if (button === null) return
      await userEvent.setup().click(button)
      expect(api.cancelJob).toHaveBeenCalledWith({ jobId: 'j-1' })
    },
  )

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
