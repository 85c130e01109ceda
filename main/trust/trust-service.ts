import { AppError, invalidInput } from '../errors'
import { fsFailure } from '../fs/errno'
import { message } from '../messages/index'
import { applyPlans, type ApplyResult } from './apply-plan'
import { containerdTarget } from './targets/containerd'
import { dockerTarget } from './targets/docker'
import { osStoreTarget } from './targets/os-store'
import { podmanTarget } from './targets/podman'
import {
  TARGET_IDS,
  type RegistryAddress,
  type TargetId,
  type TargetPlan,
  type TargetStatus,
  type TrustCa,
  type TrustEnv,
  type TrustTarget,
} from './types'

export const ALL_TARGETS: readonly TrustTarget[] = [
  dockerTarget,
  podmanTarget,
  containerdTarget,
  osStoreTarget,
]

export interface TrustRequest {
  env: TrustEnv
  ca: TrustCa
  registries: RegistryAddress[]
  /** Explicit targets are used even when not detected; absent: every target present on the system. */
  targets?: TargetId[] | undefined
  force?: boolean | undefined
}

/** Parses a target list: `docker,podman,containerd,os`. */
export function parseTargets(value: string, field = 'targets'): TargetId[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const allowed = message('trust.targets.allowed', { targets: [...TARGET_IDS] })
  if (ids.length === 0) throw invalidInput(field, value, allowed)
  for (const id of ids)
    if (!(TARGET_IDS as readonly string[]).includes(id))
      throw new AppError({
        code: 'TRUST_TARGET_UNKNOWN',
        kind: 'input',
        field,
        params: { value: JSON.stringify(value), target: id, allowed: [...TARGET_IDS] },
      })
  return [...new Set(ids as TargetId[])]
}

export async function selectTargets(env: TrustEnv, requested?: TargetId[]): Promise<TrustTarget[]> {
  if (requested) return ALL_TARGETS.filter((t) => requested.includes(t.id))
  const present = await Promise.all(ALL_TARGETS.map((t) => t.isPresent(env)))
  return ALL_TARGETS.filter((_, i) => present[i])
}

/** Plans install or uninstall for every selected target, changing nothing (this is the dry run). */
export async function planTrust(action: 'install' | 'uninstall', req: TrustRequest): Promise<TargetPlan[]> {
  const ctx = { env: req.env, ca: req.ca, registries: req.registries, force: req.force ?? false }
  const targets = await selectTargets(req.env, req.targets)
  const plans: TargetPlan[] = []
  try {
    for (const t of targets) plans.push(action === 'install' ? await t.install(ctx) : await t.uninstall(ctx))
  } catch (err) {
    throw fsFailure(err, { field: 'root', path: (err as NodeJS.ErrnoException).path ?? req.env.root })
  }
  return plans
}

export interface TrustOutcome extends ApplyResult {
  plans: TargetPlan[]
}

/** Plans, then applies with the env's runner (applyTrust chooses that runner for the front ends). */
export async function runTrust(action: 'install' | 'uninstall', req: TrustRequest): Promise<TrustOutcome> {
  const plans = await planTrust(action, req)
  const result = await applyPlans(plans, req.env)
  return { plans, ...result }
}

export async function trustStatus(req: TrustRequest): Promise<TargetStatus[]> {
  const ctx = { env: req.env, ca: req.ca, registries: req.registries, force: false }
  const targets = await selectTargets(req.env, req.targets)
  const out: TargetStatus[] = []
  for (const t of targets) out.push(await t.isInstalled(ctx))
  return out
}
