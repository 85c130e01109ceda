import type { CertMaterial, Engine, EngineSpec } from '../docker'
import { message, type Message, type Params } from '../messages/index'
import type { TrustPolicy } from '../trust/apply-trust'
import type { CheckResult, VerifyReport } from '../verify'
import type { SetupInput } from './setup-input'

/**
 * The steps of `setup`, in the order they run (`progress.setup.<step>` in the catalogue). Trust and the bundle need
 * only the CA: they come before the registry step and run while the engine starts the container (begun right after
 * the certificate step), so the wait on the engine is not added to theirs.
 */
export const SETUP_STEPS = ['ca', 'certificate', 'trust', 'bundle', 'registry', 'verify'] as const
export type SetupStepId = (typeof SETUP_STEPS)[number]

/**
 * What a step did: `kept` (already as planned: nothing changed), `created`, `changed` (replaced or updated),
 * `skipped` (not in the plan), `checked` (verify passed); a dry run says `wouldCreate` / `wouldChange` / `wouldCheck` instead.
 */
export type SetupStatus =
  'kept' | 'created' | 'changed' | 'skipped' | 'checked' | 'wouldCreate' | 'wouldChange' | 'wouldCheck'

export interface SetupOutcome {
  step: SetupStepId
  status: SetupStatus
  /** What was found or done, in the catalogue's words (`plan.outcome.<step>.<status>`). */
  detail: Message
}

/** What the front end brings: how trust may be changed, the engine connection, where to report. */
export interface SetupDeps {
  trustPolicy: TrustPolicy
  env: NodeJS.ProcessEnv
  platform?: NodeJS.Platform | undefined
  home?: string | undefined
  /** Default: main/docker connectEngine. */
  connect?: ((spec: EngineSpec, env: NodeJS.ProcessEnv) => Engine) | undefined
  /** Each step's outcome, as soon as it is known. */
  onOutcome?: ((outcome: SetupOutcome) => void) | undefined
  /** What a step is doing within (the registry start's own progress texts, as the GUI shows them). */
  onDetail?: ((step: SetupStepId, text: Message) => void) | undefined
}

/** The job's shared state. */
export interface SetupState {
  input: SetupInput
  dryRun: boolean
  deps: SetupDeps
  engine?: Engine | undefined
  /** The root clients trust (the certificate folder's ca.crt), once the certificate step has it. */
  rootPem?: string | undefined
  certs?: CertMaterial | undefined
  /** The certificate step wrote a new pair (or would): a running registry serves the old one. */
  certChanged: boolean
  outcomes: SetupOutcome[]
  registryUrl?: string | undefined
  /**
   * The registry work, begun with the job: its engine look-ups run beside the CA and certificate steps, its start
   * right after the certificate step (the engine takes seconds to start a container; trust and the bundle need only
   * the CA, so they run meanwhile). The registry step waits for it and reports it.
   */
  registryWork?: Promise<{ status: SetupStatus; params: Params }> | undefined
  /** The registry work's gate: opened by the certificate step, closed (rejected) when the job stops before. */
  certified?: { open: () => void; close: (err: unknown) => void } | undefined
  /** Resolves when the registry work only waits on the engine (its container start sent) or has ended. */
  engineWaits?: Promise<void> | undefined
  /**
   * Resolves when the registry answered healthy (verify's checks that ask it may start; the storage write check runs
   * meanwhile) or the work ended well; rejects when the work failed first.
   */
  registryHealthy?: Promise<void> | undefined
  /** Verify, begun while the registry starts (verify-step.ts beginVerify): its report, results given in order. */
  verifying?:
    { roundTrip: boolean; report: (onResult: (r: CheckResult) => void) => Promise<VerifyReport> } | undefined
  report?: VerifyReport | undefined
}

/** Records a step's outcome and tells the front end. */
export function outcome(s: SetupState, step: SetupStepId, status: SetupStatus, params: Params = {}): void {
  const o: SetupOutcome = { step, status, detail: message(`plan.outcome.${step}.${status}`, params) }
  s.outcomes.push(o)
  s.deps.onOutcome?.(o)
}
