import { AppError } from '../../errors'
import { message } from '../../messages/index'
import { underRoot } from '../paths'
import type { RegistryAddress, TargetPlan, TargetStatus } from '../types'
import { certsDirOps } from './certs-dir'
import { dockerLocations } from './docker'
import { mergedInstalled, planMergeInstall, planMergeUninstall, type MergedFile } from './mirror-file'
import { mirrorPlan, mirrorUrl, type MirrorContext, type MirrorTarget } from './mirror-types'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
const KEY = 'registry-mirrors'

/** How daemon.json is written: two-space JSON and a newline (install.sh's python merge writes the very same). */
export function daemonJsonText(o: Json): string {
  return `${JSON.stringify(o, null, 2)}\n`
}

/** The object in daemon.json, with registry-mirrors checked to be a list of URLs; a broken file is a clear error. */
function parseDaemonJson(path: string, text: string): { [key: string]: Json } {
  let o: Json
  try {
    o = JSON.parse(text) as Json
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    throw new AppError({ code: 'MIRROR_CONFIG_INVALID', params: { path, format: 'JSON', detail } })
  }
  if (o === null || typeof o !== 'object' || Array.isArray(o))
    throw new AppError({
      code: 'MIRROR_CONFIG_SHAPE',
      params: { path, detail: message('trust.mirror.shape.jsonObject') },
    })
  const list = o[KEY]
  if (list !== undefined && (!Array.isArray(list) || list.some((x) => typeof x !== 'string')))
    throw new AppError({
      code: 'MIRROR_CONFIG_SHAPE',
      params: { path, detail: message('trust.mirror.shape.mirrorList', { key: KEY }) },
    })
  return o
}

const same = (url: string) => (x: Json) => x === url || x === `${url}/`

/** daemon.json with the mirror in `registry-mirrors` (first, once); every other key kept, in its order. */
export function daemonJsonFile(path: string, mirror: RegistryAddress): MergedFile {
  const url = mirrorUrl(mirror)
  return {
    path,
    fresh: daemonJsonText({ [KEY]: [url] }),
    merge(existing) {
      const o = parseDaemonJson(path, existing)
      const list = (o[KEY] ?? []) as Json[]
      if (list.some(same(url))) return undefined
      o[KEY] = [url, ...list]
      return daemonJsonText(o)
    },
    unmerge(existing) {
      const o = parseDaemonJson(path, existing)
      const list = (o[KEY] ?? []) as Json[]
      if (!list.some(same(url))) return undefined
      const rest = list.filter((x) => !same(url)(x))
      const others = Object.fromEntries(Object.entries(o).filter(([k]) => k !== KEY))
      return daemonJsonText(rest.length > 0 ? { ...o, [KEY]: rest } : others)
    },
  }
}

const LABEL = message('trust.mirror.target.docker')
const caOps = certsDirOps('docker', LABEL, dockerLocations)

function daemonJson(ctx: MirrorContext): MergedFile {
  return daemonJsonFile(underRoot(ctx.env, 'etc', 'docker', 'daemon.json'), ctx.mirror)
}

/** Docker: `/etc/docker/daemon.json` registry-mirrors (dockerd re-reads it on SIGHUP) and the CA in certs.d. */
export const dockerMirrorTarget: MirrorTarget = {
  id: 'docker',
  label: LABEL,
  isPresent: (env) => Promise.resolve(env.platform === 'linux'),
  async install(ctx): Promise<TargetPlan> {
    const plan = mirrorPlan('docker', LABEL)
    const ca = await caOps.install({ ...ctx, registries: [ctx.mirror] })
    const json = await planMergeInstall(daemonJson(ctx))
    plan.steps.push(...ca.steps, ...json)
    if (json.length > 0)
      plan.notes.push(message('trust.mirror.note.reloadDocker', { mirror: mirrorUrl(ctx.mirror) }))
    return plan
  },
  async uninstall(ctx): Promise<TargetPlan> {
    const plan = mirrorPlan('docker', LABEL)
    const json = await planMergeUninstall(daemonJson(ctx))
    const ca = await caOps.uninstall({ ...ctx, registries: [ctx.mirror] })
    plan.steps.push(...json.steps, ...ca.steps)
    plan.warnings.push(...(json.warning ? [json.warning] : []), ...ca.warnings)
    if (json.steps.length > 0) plan.notes.push(message('trust.mirror.note.reloadDockerRemoved'))
    return plan
  },
  async isInstalled(ctx): Promise<TargetStatus> {
    const file = daemonJson(ctx)
    const ca = await caOps.isInstalled({ ...ctx, registries: [ctx.mirror] })
    const items = [...ca.items, { what: file.path, installed: await mergedInstalled(file) }]
    return { target: 'docker', label: LABEL, installed: items.every((i) => i.installed), items, warnings: [] }
  },
}
