import type { JobProgress } from './contract'

export type ProgressSink = (progress: JobProgress) => void

/** What a long-running handler gets: an abort signal and a progress reporter for its job id. */
export interface JobHandle {
  readonly jobId: string
  readonly signal: AbortSignal
  progress(step: string, percent?: number, detail?: string): void
}

/**
 * Long work keyed by a renderer-chosen job id. Each job gets an AbortController (`cancel(jobId)` aborts it) and a
 * throttled progress reporter: a change of step is always sent at once, percent updates within the same step at
 * most every `throttleMs`.
 */
export class JobRegistry {
  private readonly running = new Map<string, AbortController>()

  constructor(
    private readonly throttleMs = 100,
    private readonly clock: () => number = Date.now,
  ) {}

  async run<T>(jobId: string, sink: ProgressSink, work: (job: JobHandle) => Promise<T>): Promise<T> {
    if (this.running.has(jobId)) throw new Error(`job ${jobId} is already running`)
    const controller = new AbortController()
    this.running.set(jobId, controller)
    let lastStep: string | undefined
    let lastSent = -Infinity
    const handle: JobHandle = {
      jobId,
      signal: controller.signal,
      progress: (step, percent, detail) => {
        const now = this.clock()
        if (step === lastStep && now - lastSent < this.throttleMs && percent !== 100) return
        lastStep = step
        lastSent = now
        sink({ jobId, step, percent, detail })
      },
    }
    try {
      return await work(handle)
    } finally {
      this.running.delete(jobId)
    }
  }

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId)
    if (!controller) return false
    controller.abort()
    return true
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId)
  }
}
