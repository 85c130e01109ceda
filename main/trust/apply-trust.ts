import { resolve } from 'node:path'
import { AppError } from '../errors'
import type { Message } from '../messages/index'
import { stepsAsShell } from './apply-plan'
import { defaultRoot } from './paths'
import { directRunner, type CommandRunner } from './runner'
import { planTrust, runTrust, trustStatus, type TrustRequest } from './trust-service'
import type { TargetPlan, TargetStatus, TrustEnv } from './types'

/**
 * How the privileged part of a trust change runs, decided here for every front end:
 * - `prefix`: a root prefix (a test root, an image being built): files are written under it, store commands are only
 *   listed (run here they would change this machine);
 * - `direct`: privileged on the real system: everything is done here;
 * - `elevate`: not privileged, but an elevation prompt is at hand (the GUI): the change goes through it (Linux: the
 *   whole change as ONE script under one prompt; macOS / Windows: the store commands one by one);
 * - `print`: not privileged and no prompt (the CLI as a normal user): nothing is done; the script to run as root is
 *   handed back.
 */
export type TrustMode = 'prefix' | 'direct' | 'elevate' | 'print'

/** An elevation prompt (app/elevated-runner through the IPC handler). */
export interface Elevation {
  /** Runs a POSIX shell script as root under one prompt (Linux). */
  runScript(script: string): Promise<void>
  /** Runs one store command elevated (macOS, Windows). */
  runner: CommandRunner
}

export interface TrustPolicy {
  /** Root (euid 0), or an elevated Windows shell. */
  privileged: boolean
  elevation?: Elevation | undefined
}

export interface TrustApplied {
  mode: TrustMode
  plans: TargetPlan[]
  /** What was done here (files written, commands run), one message each. */
  done: Message[]
  /** Store commands not run (mode `prefix`): run them inside that system. */
  pending: { argv: string[]; why: Message }[]
  changed: boolean
  /** Mode `print`: the script that makes the change when run as root; undefined when there is nothing to do. */
  script?: string | undefined
}

/** The one decision: where the change is made, and who runs its privileged commands. */
export function trustMode(env: { root: string; platform: NodeJS.Platform }, policy: TrustPolicy): TrustMode {
  if (resolve(env.root) !== resolve(defaultRoot(env.platform))) return 'prefix'
  if (policy.privileged) return 'direct'
  if (policy.elevation !== undefined) return 'elevate'
  return 'print'
}

/** The env a mode acts with: a runner only where commands may run; queries only on the real system. */
function envFor(env: TrustEnv, mode: TrustMode, runner: CommandRunner | undefined): TrustEnv {
  return { ...env, runner, query: mode === 'prefix' ? undefined : env.query }
}

/**
 * Installs or removes trust the way the policy allows (see {@link TrustMode}); with `dryRun`, only plans it. The CLI
 * and the IPC handler both call this; neither decides on its own.
 */
export async function applyTrust(
  action: 'install' | 'uninstall',
  req: TrustRequest,
  policy: TrustPolicy,
  opts: { dryRun?: boolean | undefined } = {},
): Promise<TrustApplied> {
  const mode = trustMode(req.env, policy)
  const nothingDone = { done: [], pending: [], changed: false }
  if (opts.dryRun === true) {
    return {
      mode,
      plans: await planTrust(action, { ...req, env: envFor(req.env, mode, undefined) }),
      ...nothingDone,
    }
  }
  if (mode === 'print') {
    const plans = await planTrust(action, { ...req, env: envFor(req.env, mode, undefined) })
    const steps = plans.flatMap((p) => p.steps)
    return { mode, plans, ...nothingDone, script: steps.length > 0 ? stepsAsShell(steps) : undefined }
  }
  if (mode === 'elevate' && req.env.platform === 'linux' && policy.elevation !== undefined) {
    const plans = await planTrust(action, { ...req, env: envFor(req.env, mode, undefined) })
    const steps = plans.flatMap((p) => p.steps)
    if (steps.length > 0) await runElevated(policy.elevation, stepsAsShell(steps))
    return { mode, plans, ...nothingDone, changed: steps.length > 0 }
  }
  const runner = mode === 'direct' ? directRunner : mode === 'elevate' ? policy.elevation?.runner : undefined
  const out = await runTrust(action, { ...req, env: envFor(req.env, mode, runner) })
  return { mode, ...out }
}

/** Is the CA installed in each target? Store queries run only on the real system, never for a root prefix. */
export async function checkTrust(req: TrustRequest, policy: TrustPolicy): Promise<TargetStatus[]> {
  return trustStatus({ ...req, env: envFor(req.env, trustMode(req.env, policy), undefined) })
}

async function runElevated(elevation: Elevation, script: string): Promise<void> {
  try {
    await elevation.runScript(script)
  } catch (err) {
    const e = err as Error & { stderr?: string }
    const detail = (e.stderr ?? '').trim() || (e instanceof Error ? e.message : String(err))
    throw new AppError({ code: 'TRUST_ELEVATION_FAILED', params: { detail }, cause: err })
  }
}
