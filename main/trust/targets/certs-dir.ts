import { join } from 'node:path'
import { message, type Message } from '../../messages/index'
import { CA_CERT_FILE } from '../../pki/file-names'
import { planPlaceFile, planRemoveOwnedFile, readIfExists, removeDirIfEmpty } from '../file-plan'
import { underRoot } from '../paths'
import type { RegistryAddress, TargetContext, TargetId, TargetPlan, TargetStatus, TrustEnv } from '../types'

/** A `certs.d` root on the target system, and how it names one registry's folder. */
export interface CertsDirLocation {
  /** Path segments of the certs.d folder, relative to the system root. */
  segments: string[]
  folderName: (registry: RegistryAddress) => string
}

/** The `certs.d/HOST:PORT/ca.crt` files a target owns for the given registries. */
export function caFiles(
  env: TrustEnv,
  locations: CertsDirLocation[],
  registries: RegistryAddress[],
): string[] {
  return locations.flatMap((loc) =>
    registries.map((r) => join(underRoot(env, ...loc.segments), loc.folderName(r), CA_CERT_FILE)),
  )
}

/** Install / uninstall / status for stores that read `certs.d/HOST:PORT/ca.crt` (Docker, Podman / CRI-O). */
export function certsDirOps(id: TargetId, label: Message, locations: (env: TrustEnv) => CertsDirLocation[]) {
  return {
    async install(ctx: TargetContext): Promise<TargetPlan> {
      const plan: TargetPlan = { target: id, label, steps: [], warnings: [], notes: [] }
      for (const path of caFiles(ctx.env, locations(ctx.env), ctx.registries)) {
        plan.steps.push(...(await planPlaceFile({ path, content: ctx.ca.pem, force: ctx.force })))
      }
      if (plan.steps.length > 0) plan.notes.push(message('trust.note.certsDir', { label }))
      return plan
    },
    async uninstall(ctx: TargetContext): Promise<TargetPlan> {
      const plan: TargetPlan = { target: id, label, steps: [], warnings: [], notes: [] }
      for (const path of caFiles(ctx.env, locations(ctx.env), ctx.registries)) {
        const { steps, warning } = await planRemoveOwnedFile({ path, content: ctx.ca.pem })
        plan.steps.push(...steps)
        if (steps.length > 0) plan.steps.push(removeDirIfEmpty(path))
        if (warning) plan.warnings.push(warning)
      }
      return plan
    },
    async isInstalled(ctx: TargetContext): Promise<TargetStatus> {
      const items = await Promise.all(
        caFiles(ctx.env, locations(ctx.env), ctx.registries).map(async (path) => ({
          what: path,
          installed: (await readIfExists(path)) === ctx.ca.pem,
        })),
      )
      return { target: id, label, installed: items.every((i) => i.installed), items, warnings: [] }
    },
  }
}
