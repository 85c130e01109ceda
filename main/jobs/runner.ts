import { AppError, isAppError } from '../errors'
import { englishTranslator, message, type Message, type Params } from '../messages/index'
import { cancelled, isAbort, throwIfAborted } from './abort'

/** What a job reports while it runs: the step id, the whole job's percent, and the step's text as a message. */
export interface StepProgress {
  step: string
  /** 0..100 over the whole job; undefined while undoing. */
  percent: number | undefined
  message: Message
}
export type ProgressListener = (progress: StepProgress) => void

/** What a step gets besides the job's state: the job's abort signal and a progress reporter for this step. */
export interface StepContext {
  readonly signal: AbortSignal
  /** `percent` within this step (0..100); `params` fill the step's text. */
  progress: (percent: number, params?: Params) => void
}

/**
 * One named step of a job. `run` works on the job's shared state; `undo` puts back what `run` changed. `undo` is
 * called for every step that STARTED (the failing one too, in reverse order), so it must cope with a step that
 * stopped halfway. Undo is never cancelled: it runs to the end.
 */
export interface JobStep<S> {
  readonly id: string
  run(state: S, ctx: StepContext): Promise<void>
  undo?(state: S): Promise<void>
}

export interface JobDefinition<S> {
  /** The message area of the step texts: step `issue` of kind `replaceCert` reads `progress.replaceCert.issue`. */
  readonly kind: string
  readonly steps: readonly JobStep<S>[]
  /** Always runs last, success or not (after the undo): removes what only the job needed, e.g. a staging folder. */
  readonly cleanup?: ((state: S) => Promise<void>) | undefined
}

export interface RunJobOptions {
  /** Aborting it stops the job before its next step (steps pass it on to their work) and undoes the done steps. */
  signal?: AbortSignal | undefined
  onProgress?: ProgressListener | undefined
}

export const stepMessage = (kind: string, step: string, params?: Params): Message =>
  message(`progress.${kind}.${step}`, params)

/**
 * Runs a job's steps in order. When a step fails or the signal aborts, the steps that started are undone in reverse
 * order and the job fails with the step's error (CANCELLED when aborted). When an undo fails too, the job fails
 * with JOB_ROLLBACK_FAILED naming the step and both reasons: what is left is then for a person to check.
 */
export async function runJob<S>(def: JobDefinition<S>, state: S, opts: RunJobOptions = {}): Promise<S> {
  const signal = opts.signal ?? new AbortController().signal
  const started: JobStep<S>[] = []
  const total = def.steps.length
  try {
    for (const [i, step] of def.steps.entries()) {
      throwIfAborted(signal)
      const progress = (percent: number, params?: Params): void =>
        opts.onProgress?.({
          step: step.id,
          percent: Math.round(((i + Math.min(100, Math.max(0, percent)) / 100) / total) * 100),
          message: stepMessage(def.kind, step.id, params),
        })
      started.push(step)
      progress(0)
      await step.run(state, { signal, progress })
    }
    opts.onProgress?.({ step: 'done', percent: 100, message: message('progress.jobs.done') })
    return state
  } catch (err) {
    const failure = isAbort(err, signal) && !isCancelled(err) ? cancelled(err) : err
    await undoAll(def.kind, started, state, failure, opts.onProgress)
    throw failure
  } finally {
    await def.cleanup?.(state)
  }
}

const isCancelled = (err: unknown): boolean => isAppError(err) && err.code === 'CANCELLED'

async function undoAll<S>(
  kind: string,
  started: readonly JobStep<S>[],
  state: S,
  failure: unknown,
  onProgress: ProgressListener | undefined,
): Promise<void> {
  const toUndo = started.filter((s) => s.undo !== undefined).reverse()
  if (toUndo.length === 0) return
  onProgress?.({ step: 'rollback', percent: undefined, message: message('progress.jobs.rollback') })
  for (const step of toUndo) {
    try {
      await step.undo?.(state)
    } catch (undoErr) {
      throw new AppError({
        code: 'JOB_ROLLBACK_FAILED',
        params: { step: stepMessage(kind, step.id), failure: reason(failure), reason: reason(undoErr) },
        cause: undoErr,
      })
    }
  }
}

/** An error as a parameter: a coded error as its message (rendered in the reader's language), else its text. */
export function reason(err: unknown): Message | string {
  if (isAppError(err) && englishTranslator().has(`error.${err.code}.message`)) {
    const params: Params = err.field === undefined ? {} : { field: err.field }
    return message(`error.${err.code}.message`, { ...params, ...err.params })
  }
  return err instanceof Error ? err.message : String(err)
}
