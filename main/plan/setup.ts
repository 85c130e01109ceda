import { runJob, type JobDefinition, type ProgressListener } from '../jobs/runner'
import { bundleStep } from './steps/bundle-step'
import { caStep } from './steps/ca-step'
import { certificateStep } from './steps/certificate-step'
import { registryStep, registryWork } from './steps/registry-step'
import { trustStep } from './steps/trust-step'
import { verifyStep } from './steps/verify-step'
import type { SetupInput } from './setup-input'
import { SETUP_STEPS, type SetupDeps, type SetupState, type SetupStepId } from './setup-types'

/** After the certificate step, the registry start begins (it waits on the engine for seconds; see SETUP_STEPS). */
async function certificateThenStart(s: SetupState, signal: AbortSignal): Promise<void> {
  await certificateStep(s)
  if (s.dryRun) return
  const work = registryWork(s, signal)
  // Reported (and its failure thrown) by the registry step; handled here so an earlier stop leaves no stray rejection.
  work.catch(() => undefined)
  s.registryWork = work
}

const RUN: Record<SetupStepId, (s: SetupState, signal: AbortSignal) => Promise<void>> = {
  ca: caStep,
  certificate: certificateThenStart,
  trust: trustStep,
  bundle: bundleStep,
  registry: registryStep,
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
    await s.registryWork?.catch(() => undefined)
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
