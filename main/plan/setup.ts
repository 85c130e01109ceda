import { cancelled, throwIfAborted } from '../jobs/abort'
import { runJob, type JobDefinition, type ProgressListener } from '../jobs/runner'
import { bundleStep } from './steps/bundle-step'
import { caStep } from './steps/ca-step'
import { certificateStep } from './steps/certificate-step'
import { registryStep, registryWork } from './steps/registry-step'
import { trustStep } from './steps/trust-step'
import { beginVerify, verifyStep } from './steps/verify-step'
import type { SetupInput } from './setup-input'
import { SETUP_STEPS, type SetupDeps, type SetupState, type SetupStepId } from './setup-types'

interface Deferred<T> {
  promise: Promise<T>
  resolve: (value: T) => void
  reject: (err: unknown) => void
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined
  let reject: (err: unknown) => void = () => undefined
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  // Settled without a reader when the job stops early: no stray rejection.
  promise.catch(() => undefined)
  return { promise, resolve, reject }
}

/**
 * The registry work begins with the job (before the CA step): its engine look-ups (the connection, the container of
 * that name and how it is made) run beside the CA and certificate steps, and it goes on past them only once the
 * certificate step has the pair (the `certified` gate). Its outcome, or its failure, is reported by the registry
 * step in its turn; a failure of an earlier step closes the gate, so nothing is created or started on the engine.
 * `engineWaits` resolves once the work only waits on the engine (the container start sent: see registryWork) or has
 * ended: trust and the bundle (their modules' load and their files, ~0.1-0.3 s of this thread) run from then on,
 * while the engine starts the container, and no longer delay the engine calls before it.
 */
function beginRegistryWork(s: SetupState, signal: AbortSignal): void {
  const certified = deferred<undefined>()
  const waits = deferred<undefined>()
  const healthy = deferred<undefined>()
  s.certified = { open: () => certified.resolve(undefined), close: certified.reject }
  s.engineWaits = waits.promise
  s.registryHealthy = healthy.promise
  const work = registryWork(s, signal, certified.promise, {
    waiting: () => waits.resolve(undefined),
    healthy: () => healthy.resolve(undefined),
  })
  // Reported (and its failure thrown) by the registry step; handled here so an earlier stop leaves no stray rejection.
  work.then(
    () => healthy.resolve(undefined),
    (err: unknown) => healthy.reject(err),
  )
  void work.finally(() => waits.resolve(undefined)).catch(() => undefined)
  s.registryWork = work
}

async function caFirst(s: SetupState, signal: AbortSignal): Promise<void> {
  beginRegistryWork(s, signal)
  await caStep(s)
}

async function certificateThenStart(s: SetupState): Promise<void> {
  await certificateStep(s)
  s.certified?.open()
}

async function trustWhileStarting(s: SetupState, signal: AbortSignal): Promise<void> {
  await s.engineWaits
  // Cancelled meanwhile (the registry work ends at the abort): no trust is changed.
  throwIfAborted(signal)
  await trustStep(s)
}

/** The registry step, with verify begun beside it (its checks that need no registry run while it starts). */
async function registryWithVerify(s: SetupState, signal: AbortSignal): Promise<void> {
  if (s.registryHealthy !== undefined && s.registryWork !== undefined)
    beginVerify(s, signal, s.registryHealthy, s.registryWork)
  // verify's modules load while the registry starts or is looked at (see verify-step.ts).
  if (!s.dryRun) void import('../verify').catch(() => undefined)
  await registryStep(s, signal)
}

const RUN: Record<SetupStepId, (s: SetupState, signal: AbortSignal) => Promise<void>> = {
  ca: caFirst,
  certificate: certificateThenStart,
  trust: trustWhileStarting,
  bundle: bundleStep,
  registry: registryWithVerify,
  verify: verifyStep,
}

/**
 * `setup`: the plan's steps in order (CA, server certificate, this machine's trust, bundle, registry, verify) as ONE
 * job on main/jobs/runner (progress `progress.setup.<step>`, the abort signal). Each step first looks at what is
 * there and keeps it when it is as planned, so a second run changes nothing and says so step by step. A failure
 * stops the job at that step (what earlier steps made stays: it is what the plan asks for, and the next run keeps
 * it). A dry run looks at everything and changes nothing.
 */
export const setupJob: JobDefinition<SetupState> = {
  kind: 'setup',
  steps: SETUP_STEPS.map((id) => ({ id, run: (s, ctx) => RUN[id](s, ctx.signal) })),
  cleanup: async (s) => {
    // Stopped before the certificate step ended: the registry work ends at its gate.
    s.certified?.close(cancelled())
    await s.registryWork?.catch(() => undefined)
    // Begun beside the registry step: its checks end at once when the registry work failed (see beginVerify).
    await s.verifying?.report(() => undefined).catch(() => undefined)
    s.engine?.close?.()
  },
}

export interface RunSetupOptions {
  dryRun?: boolean | undefined
  signal?: AbortSignal | undefined
  onProgress?: ProgressListener | undefined
}

/** Runs setup for a plan whose files were read (setupInput); the state holds each step's outcome and verify's report. */
export function runSetup(
  input: SetupInput,
  deps: SetupDeps,
  opts: RunSetupOptions = {},
): Promise<SetupState> {
  const state: SetupState = { input, dryRun: opts.dryRun === true, deps, certChanged: false, outcomes: [] }
  return runJob(setupJob, state, { signal: opts.signal, onProgress: opts.onProgress })
}
