import { AppError } from '../errors'
import type { StepProgress } from '../jobs/runner'
import type { JobProgress } from './contract'

export type ProgressSink = (progress: JobProgress) => void

/** What a long-running handler gets: an abort signal and progress reporters for its job id. */
export interface JobHandle {
  readonly jobId: string
  readonly signal: AbortSignal
  progress(step: string, percent?: number, detail?: string): void
  /** A main/jobs runner's progress (step id, percent, message) as a `job:progress` event: pass it as onProgress. */
  report: (progress: StepProgress) => void
}

export interface RunJobOptions {
  /** Whether cancelJob may stop it (the contract's JOB_CANCELLABLE for its channel); default false. */
  cancellable?: boolean | undefined
}

/**
 * The IPC side of jobs: long work keyed by a renderer-chosen job id. Each job gets an AbortController (`cancel`
 * aborts it when the job is cancellable) and a throttled progress reporter: a change of step is always sent at
 * once, percent updates within the same step at most every `throttleMs`. The work itself is main/jobs' runner.
 */
export class JobRegistry {
  private readonly running = new Map<string, { controller: AbortController; cancellable: boolean }>()

  constructor(
    private readonly throttleMs = 100,
    private readonly clock: () => number = Date.now,
  ) {}

  async run<T>(
    jobId: string,
    sink: ProgressSink,
    work: (job: JobHandle) => Promise<T>,
    options: RunJobOptions = {},
  ): Promise<T> {
    if (this.running.has(jobId)) throw new AppError({ code: 'JOB_RUNNING', params: { jobId } })
    const controller = new AbortController()
    this.running.set(jobId, { controller, cancellable: options.cancellable === true })
    try {
      return await work(this.handle(jobId, controller.signal, sink))
    } finally {
      this.running.delete(jobId)
    }
  }

  private handle(jobId: string, signal: AbortSignal, sink: ProgressSink): JobHandle {
    let lastStep: string | undefined
    let lastSent = -Infinity
    const send = (p: Omit<JobProgress, 'jobId'>): void => {
      const now = this.clock()
      if (p.step === lastStep && now - lastSent < this.throttleMs && p.percent !== 100) return
      lastStep = p.step
      lastSent = now
      sink({ jobId, ...p })
    }
    return {
      jobId,
      signal,
      progress: (step, percent, detail) => send({ step, percent, detail }),
      report: ({ step, percent, message }) => send({ step, percent, message }),
    }
  }

  /** True only when the job is running and cancellable: its signal is then aborted. */
  cancel(jobId: string): boolean {
    const job = this.running.get(jobId)
    if (job === undefined || !job.cancellable) return false
    job.controller.abort()
    return true
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId)
  }
}
