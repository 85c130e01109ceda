import { invalidInput } from '../errors'
import { applyPlans, type ApplyResult } from './apply-plan'
import { fsFailure } from './fs-errors'
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

/** Parses `--targets docker,podman,containerd,os`. */
export function parseTargets(value: string, field = 'targets'): TargetId[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const allowed = `a comma-separated list of ${TARGET_IDS.join(', ')} is allowed`
  if (ids.length === 0) throw invalidInput(field, value, allowed)
  for (const id of ids)
    if (!(TARGET_IDS as readonly string[]).includes(id))
      throw invalidInput(field, value, `"${id}" is not a target; ${allowed}`)
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
    throw fsFailure(err, {
      action: 'use',
      path: (err as NodeJS.ErrnoException).path ?? req.env.root,
      codePrefix: 'TRUST_PLAN',
    })
  }
  return plans
}

export interface TrustOutcome extends ApplyResult {
  plans: TargetPlan[]
}

/** Plans, then applies: the one entry point the CLI and the IPC handlers call. */
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
