import type { Message } from '../../messages/index'
import type { MirrorTargetId, RegistryAddress, TargetPlan, TargetStatus, TrustCa, TrustEnv } from '../types'

export interface MirrorContext {
  env: TrustEnv
  ca: TrustCa
  /** The pull-through mirror, `HOST:PORT`; its certificate is issued by `ca`. */
  mirror: RegistryAddress
  force: boolean
}

/** One client's Docker Hub mirror setting, in the shape of the trust targets: plan install, uninstall, status. */
export interface MirrorTarget {
  id: MirrorTargetId
  label: Message
  isPresent(env: TrustEnv): Promise<boolean>
  install(ctx: MirrorContext): Promise<TargetPlan>
  uninstall(ctx: MirrorContext): Promise<TargetPlan>
  isInstalled(ctx: MirrorContext): Promise<TargetStatus>
}

/** The mirror as clients name it in their configs: `https://HOST:PORT`. */
export function mirrorUrl(mirror: RegistryAddress): string {
  return `https://${mirror.hostPort}`
}

export function mirrorPlan(target: MirrorTargetId, label: Message): TargetPlan {
  return { target, label, steps: [], warnings: [], notes: [] }
}
