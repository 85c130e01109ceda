import type { MirrorTargetId, RegistryAddress, TargetPlan, TargetStatus, TrustCa, TrustEnv } from '../types'
import { containerdMirrorTarget } from './mirror-containerd'
import { dockerMirrorTarget } from './mirror-docker'
import { k3sMirrorTarget } from './mirror-k3s'
import { podmanMirrorTarget } from './mirror-podman'
import { mirrorPlan, mirrorUrl, type MirrorContext, type MirrorTarget } from './mirror-types'
import { message } from '../../messages/index'

export const MIRROR_TARGETS: readonly MirrorTarget[] = [
  dockerMirrorTarget,
  containerdMirrorTarget,
  podmanMirrorTarget,
  k3sMirrorTarget,
]

/** The requested mirror targets (explicit ones even when not detected), else every one present on the system. */
export async function selectMirrorTargets(
  env: TrustEnv,
  requested?: readonly string[],
): Promise<MirrorTarget[]> {
  if (requested) return MIRROR_TARGETS.filter((t) => requested.includes(t.id))
  const present = await Promise.all(MIRROR_TARGETS.map((t) => t.isPresent(env)))
  return MIRROR_TARGETS.filter((_, i) => present[i])
}

export interface MirrorRequest {
  env: TrustEnv
  ca: TrustCa
  mirror?: RegistryAddress | undefined
  targets?: readonly string[] | undefined
  force?: boolean | undefined
}

function context(req: MirrorRequest, mirror: RegistryAddress): MirrorContext {
  return { env: req.env, ca: req.ca, mirror, force: req.force ?? false }
}

/** The mirror's plans (none without a mirror): client configs pointing Docker Hub pulls at it, its CA beside them. */
export async function planMirror(action: 'install' | 'uninstall', req: MirrorRequest): Promise<TargetPlan[]> {
  const mirror = req.mirror
  if (mirror === undefined) return []
  if (req.env.platform !== 'linux') {
    // Docker Desktop keeps registry-mirrors in its own settings: nothing to write here, say where it goes.
    const plan = mirrorPlan('docker', dockerMirrorTarget.label)
    plan.warnings.push(message('trust.mirror.warning.desktop', { mirror: mirrorUrl(mirror) }))
    return [plan]
  }
  const ctx = context(req, mirror)
  const plans: TargetPlan[] = []
  for (const t of await selectMirrorTargets(req.env, req.targets))
    plans.push(action === 'install' ? await t.install(ctx) : await t.uninstall(ctx))
  return plans
}

export async function mirrorStatus(req: MirrorRequest): Promise<TargetStatus[]> {
  const mirror = req.mirror
  if (mirror === undefined) return []
  const out: TargetStatus[] = []
  for (const t of await selectMirrorTargets(req.env, req.targets))
    out.push(await t.isInstalled(context(req, mirror)))
  return out
}

export type { MirrorTarget, MirrorTargetId }
