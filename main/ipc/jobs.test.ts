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
    ).rejects.toMatchObject({ code: 'JOB_RUNNING', params: { jobId: 'dup' } })
    expect(jobs.cancel('nope')).toBe(false)
    release()
    await first
  })

  it('cancels only a running cancellable job: its signal aborts; a non-cancellable one says false and goes on', async () => {
    const jobs = new JobRegistry()
    const signals: Record<string, AbortSignal> = {}
    const releases: (() => void)[] = []
    const start = (id: string, cancellable: boolean): Promise<string> =>
      jobs.run(
        id,
        () => undefined,
        (job) =>
          new Promise<string>((resolve) => {
            signals[id] = job.signal
            releases.push(() => resolve(job.signal.aborted ? 'aborted' : 'finished'))
          }),
        { cancellable },
      )
    const issue = start('issue-1', false)
    const verify = start('verify-1', true)
    expect(jobs.cancel('issue-1')).toBe(false)
    expect(signals['issue-1']?.aborted).toBe(false)
    expect(jobs.cancel('verify-1')).toBe(true)
    expect(signals['verify-1']?.aborted).toBe(true)
    for (const release of releases) release()
    expect(await issue).toBe('finished')
    expect(await verify).toBe('aborted')
    expect(jobs.cancel('verify-1')).toBe(false) // no longer running
  })

  it('sends a runner step report as a message with the job id', async () => {
    const jobs = new JobRegistry(0)
    const sent: JobProgress[] = []
    await jobs.run(
      'r',
      (p) => sent.push(p),
      (job) => {
        job.report({ step: 'issue', percent: 40, message: { key: 'progress.replaceCert.issue' } })
        return Promise.resolve()
      },
    )
    expect(sent).toEqual([
      { jobId: 'r', step: 'issue', percent: 40, message: { key: 'progress.replaceCert.issue' } },
    ])
  })
})
