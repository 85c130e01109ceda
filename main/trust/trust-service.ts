import { AppError, invalidInput } from '../errors'
import { fsFailure } from '../fs/errno'
import { message } from '../messages/index'
import { applyPlans, type ApplyResult } from './apply-plan'
import { containerdTarget } from './targets/containerd'
import { mirrorStatus, planMirror } from './targets/mirror-targets'
import { dockerTarget } from './targets/docker'
import { osStoreTarget } from './targets/os-store'
import { podmanTarget } from './targets/podman'
import {
  MIRROR_TARGET_IDS,
  TARGET_IDS,
  type MirrorTargetId,
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
  /** The registries to trust; may be empty when only a mirror is set up. */
  registries: RegistryAddress[]
  /** A Docker Hub pull-through mirror to point the clients at (targets/mirror-*.ts). */
  mirror?: RegistryAddress | undefined
  /** Explicit targets are used even when not detected; absent: every target present on the system. */
  targets?: (TargetId | MirrorTargetId)[] | undefined
  force?: boolean | undefined
}

/** Every target id `--targets` takes: the trust stores, and `k3s` (mirror only). */
const ALL_TARGET_IDS: readonly string[] = [...new Set([...TARGET_IDS, ...MIRROR_TARGET_IDS])]

/** Parses a target list: `docker,podman,containerd,os` (and `k3s`, for a mirror). */
export function parseTargets(value: string, field = 'targets'): (TargetId | MirrorTargetId)[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const allowed = message('trust.targets.allowed', { targets: [...ALL_TARGET_IDS] })
  if (ids.length === 0) throw invalidInput(field, value, allowed)
  for (const id of ids)
    if (!ALL_TARGET_IDS.includes(id))
      throw new AppError({
        code: 'TRUST_TARGET_UNKNOWN',
        kind: 'input',
        field,
        params: { value: JSON.stringify(value), target: id, allowed: [...ALL_TARGET_IDS] },
      })
  return [...new Set(ids as (TargetId | MirrorTargetId)[])]
}

export async function selectTargets(env: TrustEnv, requested?: readonly string[]): Promise<TrustTarget[]> {
  if (requested) return ALL_TARGETS.filter((t) => requested.includes(t.id))
  const present = await Promise.all(ALL_TARGETS.map((t) => t.isPresent(env)))
  return ALL_TARGETS.filter((_, i) => present[i])
}

/** Plans install or uninstall for every selected target, changing nothing (this is the dry run). */
export async function planTrust(action: 'install' | 'uninstall', req: TrustRequest): Promise<TargetPlan[]> {
  const ctx = { env: req.env, ca: req.ca, registries: req.registries, force: req.force ?? false }
  // Only a mirror given: the registry trust stores are left alone (the mirror's CA goes beside its client configs).
  const targets = req.registries.length > 0 ? await selectTargets(req.env, req.targets) : []
  const plans: TargetPlan[] = []
  try {
    for (const t of targets) plans.push(action === 'install' ? await t.install(ctx) : await t.uninstall(ctx))
    plans.push(...(await planMirror(action, req)))
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
  const targets = req.registries.length > 0 ? await selectTargets(req.env, req.targets) : []
  const out: TargetStatus[] = []
  for (const t of targets) out.push(await t.isInstalled(ctx))
  return [...out, ...(await mirrorStatus(req))]
}
