import { join } from 'node:path'
import { message } from '../../messages/index'
import { planPlaceFile, planRemoveOwnedFile, readIfExists } from '../file-plan'
import { underRoot } from '../paths'
import type { RegistryAddress, TargetPlan, TargetStatus } from '../types'
import { certsDirOps } from './certs-dir'
import { MIRROR_MARKER } from './mirror-containerd'
import { mirrorPlan, type MirrorContext, type MirrorTarget } from './mirror-types'
import { podmanLocations, podmanTarget } from './podman'

/** The drop-in's name: read after the distribution's own drop-ins (which use lower numbers or none). */
export const PODMAN_DROP_IN = '50-registry-wizard-mirror.conf'

/** The registries.conf.d drop-in for docker.io; install.sh writes the very same text. */
export function podmanDropIn(mirror: RegistryAddress): string {
  return [
    `${MIRROR_MARKER}: pull Docker Hub images through the mirror ${mirror.hostPort} first, then Docker Hub.`,
    '[[registry]]',
    'prefix = "docker.io"',
    'location = "docker.io"',
    '',
    '[[registry.mirror]]',
    `location = "${mirror.hostPort}"`,
    '',
  ].join('\n')
}

function dropInPath(ctx: MirrorContext): string {
  return join(underRoot(ctx.env, 'etc', 'containers', 'registries.conf.d'), PODMAN_DROP_IN)
}

const isOurs = (text: string): boolean => text.startsWith(MIRROR_MARKER)
const LABEL = message('trust.mirror.target.podman')
const caOps = certsDirOps('podman', LABEL, podmanLocations)

/** Podman, Buildah, Skopeo, CRI-O: a registries.conf.d drop-in, and the CA in /etc/containers/certs.d. */
export const podmanMirrorTarget: MirrorTarget = {
  id: 'podman',
  label: LABEL,
  isPresent: (env) => podmanTarget.isPresent(env),
  async install(ctx): Promise<TargetPlan> {
    const plan = mirrorPlan('podman', LABEL)
    const ca = await caOps.install({ ...ctx, registries: [ctx.mirror] })
    const path = dropInPath(ctx)
    const content = podmanDropIn(ctx.mirror)
    const dropIn = await planPlaceFile({ path, content, force: ctx.force, ours: isOurs })
    plan.steps.push(...ca.steps, ...dropIn)
    if (dropIn.length > 0) plan.notes.push(message('trust.mirror.note.podman'))
    return plan
  },
  async uninstall(ctx): Promise<TargetPlan> {
    const plan = mirrorPlan('podman', LABEL)
    const path = dropInPath(ctx)
    const dropIn = await planRemoveOwnedFile({ path, content: podmanDropIn(ctx.mirror) })
    const ca = await caOps.uninstall({ ...ctx, registries: [ctx.mirror] })
    plan.steps.push(...dropIn.steps, ...ca.steps)
    plan.warnings.push(...(dropIn.warning ? [dropIn.warning] : []), ...ca.warnings)
    return plan
  },
  async isInstalled(ctx): Promise<TargetStatus> {
    const ca = await caOps.isInstalled({ ...ctx, registries: [ctx.mirror] })
    const path = dropInPath(ctx)
    const items = [
      ...ca.items,
      { what: path, installed: (await readIfExists(path)) === podmanDropIn(ctx.mirror) },
    ]
    return { target: 'podman', label: LABEL, installed: items.every((i) => i.installed), items, warnings: [] }
  },
}
