import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { message, type Message } from '../../messages/index'
import { osStoreFileName } from '../ca-certificate'
import { planPlaceFile, planRemoveOwnedFile, readIfExists } from '../file-plan'
import type { LinuxFamily } from '../os-family'
import { underRoot } from '../paths'
import type { TargetContext, TargetPlan, TargetStatus } from '../types'

/** Where each Linux family keeps local CA anchors, and the command that rebuilds the system bundle. */
export const LINUX_STORES: Record<LinuxFamily, { label: string; anchors: string[]; update: string[] }> = {
  debian: {
    label: 'Debian / Ubuntu / Alpine',
    anchors: ['usr', 'local', 'share', 'ca-certificates'],
    update: ['update-ca-certificates'],
  },
  rhel: {
    label: 'RHEL / CentOS / Fedora / Rocky / Alma',
    anchors: ['etc', 'pki', 'ca-trust', 'source', 'anchors'],
    update: ['update-ca-trust', 'extract'],
  },
  suse: { label: 'SUSE', anchors: ['etc', 'pki', 'trust', 'anchors'], update: ['update-ca-certificates'] },
  arch: {
    label: 'Arch',
    anchors: ['etc', 'ca-certificates', 'trust-source', 'anchors'],
    update: ['update-ca-trust'],
  },
}

export const RESTART_DOCKERD = message('trust.note.restartDockerd')

/** /etc/ssl/certs links update-ca-certificates made for our anchor: NAME.pem and HASH.N pointing to it. */
async function debianLinks(ctx: TargetContext): Promise<string[]> {
  const dir = underRoot(ctx.env, 'etc', 'ssl', 'certs')
  const pem = osStoreFileName(ctx.ca).replace(/\.crt$/, '.pem')
  let names: string[]
  try {
    names = await fs.readdir(dir)
  } catch {
    return []
  }
  const out: string[] = []
  for (const name of names) {
    if (name !== pem && !/\.\d+$/.test(name)) continue
    const path = join(dir, name)
    try {
      if (!(await fs.lstat(path)).isSymbolicLink()) continue
      if (name === pem || (await fs.readlink(path)) === pem) out.push(path)
    } catch {
      // vanished meanwhile
    }
  }
  return out
}

function anchorFile(ctx: TargetContext, family: LinuxFamily): string {
  return join(underRoot(ctx.env, ...LINUX_STORES[family].anchors), osStoreFileName(ctx.ca))
}

function label(family: LinuxFamily): Message {
  return message('trust.target.osLinux', { distros: LINUX_STORES[family].label })
}

export async function linuxInstall(ctx: TargetContext, family: LinuxFamily): Promise<TargetPlan> {
  const store = LINUX_STORES[family]
  const plan: TargetPlan = { target: 'os', label: label(family), steps: [], warnings: [], notes: [] }
  plan.steps.push(
    ...(await planPlaceFile({ path: anchorFile(ctx, family), content: ctx.ca.pem, force: ctx.force })),
  )
  if (plan.steps.length > 0) {
    plan.steps.push({ kind: 'run', argv: store.update, why: message('trust.why.rebuild') })
    plan.notes.push(RESTART_DOCKERD)
  }
  return plan
}

export async function linuxUninstall(ctx: TargetContext, family: LinuxFamily): Promise<TargetPlan> {
  const store = LINUX_STORES[family]
  const plan: TargetPlan = { target: 'os', label: label(family), steps: [], warnings: [], notes: [] }
  const { steps, warning } = await planRemoveOwnedFile({ path: anchorFile(ctx, family), content: ctx.ca.pem })
  if (warning) plan.warnings.push(warning)
  if (steps.length > 0) {
    plan.steps.push(...steps)
    // Debian's update-ca-certificates leaves its links to the removed file (NAME.pem, HASH.0 -> NAME.pem) behind.
    if (family === 'debian')
      plan.steps.push(...(await debianLinks(ctx)).map((path) => ({ kind: 'remove' as const, path })))
    plan.steps.push({ kind: 'run', argv: store.update, why: message('trust.why.rebuildWithout') })
    plan.notes.push(RESTART_DOCKERD)
  }
  return plan
}

export async function linuxStatus(ctx: TargetContext, family: LinuxFamily): Promise<TargetStatus> {
  const path = anchorFile(ctx, family)
  const installed = (await readIfExists(path)) === ctx.ca.pem
  return { target: 'os', label: label(family), installed, items: [{ what: path, installed }], warnings: [] }
}
