import { join } from 'node:path'
import { parse, stringify, type TomlTable } from 'smol-toml'
import { AppError } from '../../errors'
import { message } from '../../messages/index'
import { CA_CERT_FILE } from '../../pki/file-names'
import { planPlaceFile, planRemoveOwnedFile, readIfExists, removeDirIfEmpty } from '../file-plan'
import { systemPath, underRoot } from '../paths'
import type { RegistryAddress, TargetPlan, TargetStatus, TrustEnv } from '../types'
import { configPathWarning, containerdTarget } from './containerd'
import { mergedInstalled, planMergeInstall, planMergeUninstall, type MergedFile } from './mirror-file'
import { mirrorPlan, mirrorUrl, type MirrorContext, type MirrorTarget } from './mirror-types'

const CERTS_D = ['etc', 'containerd', 'certs.d']
export const DOCKER_HUB_SERVER = 'https://registry-1.docker.io'
export const MIRROR_MARKER = '# Written by Registry Wizard'

/** The CA the mirror's host entry names: `certs.d/HOST:PORT/ca.crt`, where the registry trust target puts CAs too. */
function caSegments(mirror: RegistryAddress): string[] {
  return [...CERTS_D, mirror.hostPort, CA_CERT_FILE]
}

/** certs.d/docker.io/hosts.toml when there was none; install.sh writes the very same text. */
export function mirrorHostsToml(env: TrustEnv, mirror: RegistryAddress): string {
  return [
    `${MIRROR_MARKER}: pull Docker Hub images through the mirror ${mirror.hostPort} first, then Docker Hub.`,
    `server = "${DOCKER_HUB_SERVER}"`,
    '',
    `[host."${mirrorUrl(mirror)}"]`,
    '  capabilities = ["pull", "resolve"]',
    `  ca = "${systemPath(env, ...caSegments(mirror))}"`,
    '',
  ].join('\n')
}

function parseHosts(path: string, text: string): { doc: TomlTable; hosts: TomlTable } {
  let doc: TomlTable
  try {
    doc = parse(text)
  } catch (err) {
    const detail = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)
    throw new AppError({ code: 'MIRROR_CONFIG_INVALID', params: { path, format: 'TOML', detail } })
  }
  const hosts = doc.host ?? {}
  if (typeof hosts !== 'object' || Array.isArray(hosts) || hosts instanceof Date)
    throw new AppError({
      code: 'MIRROR_CONFIG_SHAPE',
      params: { path, detail: message('trust.mirror.shape.hostTable') },
    })
  return { doc, hosts }
}

/** docker.io/hosts.toml with the mirror as the first host (pull, resolve); other hosts and keys kept. */
export function hostsTomlFile(env: TrustEnv, mirror: RegistryAddress): MergedFile {
  const path = join(underRoot(env, ...CERTS_D), 'docker.io', 'hosts.toml')
  const url = mirrorUrl(mirror)
  const entry = { capabilities: ['pull', 'resolve'], ca: systemPath(env, ...caSegments(mirror)) }
  return {
    path,
    fresh: mirrorHostsToml(env, mirror),
    merge(existing) {
      const { doc, hosts } = parseHosts(path, existing)
      if (url in hosts) return undefined
      // Hosts are tried in the order listed, then `server`: the mirror goes first.
      return `${stringify({ ...doc, host: { [url]: entry, ...hosts } })}\n`
    },
    unmerge(existing) {
      const { doc, hosts } = parseHosts(path, existing)
      if (!(url in hosts)) return undefined
      const rest = Object.fromEntries(Object.entries(hosts).filter(([k]) => k !== url))
      const others = Object.fromEntries(Object.entries(doc).filter(([k]) => k !== 'host'))
      return `${stringify(Object.keys(rest).length > 0 ? { ...others, host: rest } : others)}\n`
    },
  }
}

function caFile(ctx: MirrorContext): string {
  return underRoot(ctx.env, ...caSegments(ctx.mirror))
}

const LABEL = message('trust.mirror.target.containerd')

/** containerd (and ctr --hosts-dir, nerdctl, CRI): `certs.d/docker.io/hosts.toml`, read on every pull. */
export const containerdMirrorTarget: MirrorTarget = {
  id: 'containerd',
  label: LABEL,
  isPresent: (env) => containerdTarget.isPresent(env),
  async install(ctx): Promise<TargetPlan> {
    const plan = mirrorPlan('containerd', LABEL)
    plan.steps.push(...(await planPlaceFile({ path: caFile(ctx), content: ctx.ca.pem, force: ctx.force })))
    const hosts = await planMergeInstall(hostsTomlFile(ctx.env, ctx.mirror))
    plan.steps.push(...hosts)
    const warning = await configPathWarning(ctx.env)
    if (warning) plan.warnings.push(warning)
    if (hosts.length > 0) plan.notes.push(message('trust.mirror.note.containerd'))
    return plan
  },
  async uninstall(ctx): Promise<TargetPlan> {
    const plan = mirrorPlan('containerd', LABEL)
    const file = hostsTomlFile(ctx.env, ctx.mirror)
    const hosts = await planMergeUninstall(file)
    const ca = await planRemoveOwnedFile({ path: caFile(ctx), content: ctx.ca.pem })
    plan.steps.push(...hosts.steps, ...ca.steps)
    if (hosts.steps.some((s) => s.kind === 'remove' && s.path === file.path))
      plan.steps.push(removeDirIfEmpty(file.path))
    if (ca.steps.length > 0) plan.steps.push(removeDirIfEmpty(caFile(ctx)))
    for (const w of [hosts.warning, ca.warning]) if (w) plan.warnings.push(w)
    return plan
  },
  async isInstalled(ctx): Promise<TargetStatus> {
    const file = hostsTomlFile(ctx.env, ctx.mirror)
    const items = [
      { what: caFile(ctx), installed: (await readIfExists(caFile(ctx))) === ctx.ca.pem },
      { what: file.path, installed: await mergedInstalled(file) },
    ]
    const warning = await configPathWarning(ctx.env)
    return {
      target: 'containerd',
      label: LABEL,
      installed: items.every((i) => i.installed),
      items,
      warnings: warning ? [warning] : [],
    }
  },
}
