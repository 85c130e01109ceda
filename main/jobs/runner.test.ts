import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { createTranslator } from '../messages/index'
import { runJob, type JobStep, type StepProgress } from './runner'

/** A step that records its run and undo in `log`, and fails when told. */
const step = (id: string, log: string[], fail?: Error): JobStep<unknown> => ({
  id,
  run: (_s, { progress }) => {
    log.push(`run ${id}`)
    progress(50)
    return fail ? Promise.reject(fail) : Promise.resolve()
  },
  undo: () => {
    log.push(`undo ${id}`)
    return Promise.resolve()
  },
})

describe('runJob', () => {
  it('runs the steps in order and reports each as a message key with the percent of the whole job', async () => {
    const log: string[] = []
    const seen: StepProgress[] = []
    await runJob(
      { kind: 'replaceCert', steps: [step('prepare', log), step('issue', log)] },
      {},
      { onProgress: (p) => seen.push(p) },
    )
    expect(log).toEqual(['run prepare', 'run issue'])
    expect(seen.map((p) => `${p.message.key}:${p.percent}`)).toEqual([
      'progress.replaceCert.prepare:0',
      'progress.replaceCert.prepare:25',
      'progress.replaceCert.issue:50',
      'progress.replaceCert.issue:75',
      'progress.jobs.done:100',
    ])
  })

  it('undoes every started step in reverse (the failing one too), runs cleanup, and fails with the step error', async () => {
    const log: string[] = []
    const boom = new AppError({ code: 'UNEXPECTED', params: { detail: 'health said no' } })
    const err = await runJob(
      {
        kind: 'replaceCert',
        steps: [step('prepare', log), step('swap', log), step('health', log, boom), step('never', log)],
        cleanup: () => Promise.resolve(void log.push('cleanup')),
      },
      {},
    ).catch((e: unknown) => e)
    expect(err).toBe(boom)
    expect(log).toEqual([
      'run prepare',
      'run swap',
      'run health',
      'undo health',
      'undo swap',
      'undo prepare',
      'cleanup',
    ])
  })

  it('stops at the next step when the signal aborts, undoes what was done, and fails with CANCELLED', async () => {
    const log: string[] = []
    const controller = new AbortController()
    const cancelling: JobStep<unknown> = {
      id: 'swap',
      run: () => {
        controller.abort()
        return Promise.resolve()
      },
      undo: () => Promise.resolve(void log.push('undo swap')),
    }
    const err = await runJob(
      { kind: 'replaceCert', steps: [step('prepare', log), cancelling, step('health', log)] },
      {},
      { signal: controller.signal },
    ).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'CANCELLED' })
    expect(log).toEqual(['run prepare', 'undo swap', 'undo prepare'])
  })

  it('names the step whose undo failed, with both reasons in the reader’s language', async () => {
    const log: string[] = []
    const broken: JobStep<unknown> = {
      id: 'swap',
      run: () => Promise.resolve(),
      undo: () => Promise.reject(new AppError({ code: 'JOB_RUNNING', params: { jobId: 'x-1' } })),
    }
    const failure = new AppError({ code: 'CANCELLED' })
    const err = await runJob(
      { kind: 'replaceCert', steps: [step('prepare', log), broken, step('health', log, failure)] },
      {},
    ).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'JOB_ROLLBACK_FAILED' })
    expect(log).toEqual(['run prepare', 'run health', 'undo health'])
    const e = err as AppError
    expect(e.message).toBe(
      'The job failed (The operation was cancelled.), and undoing the step "Putting the new certificate in place" failed too: The job x-1 is already running.',
    )
    const zh = createTranslator('zh-CN').text(`error.${e.code}.message`, e.params)
    expect(zh).toBe('任务失败（操作已取消。），撤销步骤“正在换上新证书”时也失败了：任务 x-1 已在运行。')
  })
})
