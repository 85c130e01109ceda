import { describe, expect, it } from 'vitest'
import type { JobProgress } from './contract'
import { JobRegistry } from './jobs'

describe('JobRegistry', () => {
  it('throttles percent updates within a step but always sends a step change and 100%', async () => {
    let now = 0
    const jobs = new JobRegistry(100, () => now)
    const sent: JobProgress[] = []
    await jobs.run(
      'j',
      (p) => sent.push(p),
      async (job) => {
        job.progress('pull', 1)
        now = 10
        job.progress('pull', 2) // dropped: same step, within 100 ms
        now = 20
        job.progress('extract', 3) // step change: sent
        now = 200
        job.progress('extract', 50) // sent: throttle window passed
        now = 201
        job.progress('extract', 100) // sent: completion
        return Promise.resolve()
      },
    )
    expect(sent.map((p) => `${p.step}:${p.percent}`)).toEqual([
      'pull:1',
      'extract:3',
      'extract:50',
      'extract:100',
    ])
    expect(jobs.isRunning('j')).toBe(false)
  })

  it('refuses a second job with the same id and reports cancel of unknown ids as false', async () => {
    const jobs = new JobRegistry()
    let release: () => void = () => undefined
    const first = jobs.run(
      'dup',
      () => undefined,
      () => new Promise<void>((r) => (release = r)),
    )
    await expect(
      jobs.run(
        'dup',
        () => undefined,
        () => Promise.resolve(),
      ),
    ).rejects.toThrow(/already running/)
    expect(jobs.cancel('nope')).toBe(false)
    release()
    await first
  })
})
