import { isMap, isSeq, parseDocument, Scalar, YAMLMap, type Document, type YAMLSeq } from 'yaml'
import { pathExists } from '../../fs/atomic-write'
import { AppError } from '../../errors'
import { message } from '../../messages/index'
import { planPlaceFile, planRemoveOwnedFile, readIfExists } from '../file-plan'
import { systemPath, underRoot } from '../paths'
import type { RegistryAddress, TargetPlan, TargetStatus, TrustEnv } from '../types'
import { MIRROR_MARKER } from './mirror-containerd'
import { mergedInstalled, planMergeInstall, planMergeUninstall, type MergedFile } from './mirror-file'
import { mirrorPlan, mirrorUrl, type MirrorContext, type MirrorTarget } from './mirror-types'

/** k3s and RKE2 keep registries.yaml in /etc/rancher/k3s and /etc/rancher/rke2. */
export const RANCHER_DISTROS = ['k3s', 'rke2'] as const
export type RancherDistro = (typeof RANCHER_DISTROS)[number]

/** The mirror's CA beside registries.yaml: one file per mirror, named for it (main/cluster/k8s names registries' so). */
export function caSegments(distro: RancherDistro, mirror: RegistryAddress): string[] {
  return ['etc', 'rancher', distro, `registry-wizard-${mirror.fileSafe}-ca.crt`]
}

/** registries.yaml when there was none; install.sh writes the very same text. */
export function registriesYaml(env: TrustEnv, distro: RancherDistro, mirror: RegistryAddress): string {
  return [
    `${MIRROR_MARKER}: pull Docker Hub images through the mirror ${mirror.hostPort} first, then Docker Hub.`,
    'mirrors:',
    '  docker.io:',
    '    endpoint:',
    `      - "${mirrorUrl(mirror)}"`,
    'configs:',
    `  "${mirror.hostPort}":`,
    '    tls:',
    `      ca_file: "${systemPath(env, ...caSegments(distro, mirror))}"`,
    '',
  ].join('\n')
}

function parseYaml(path: string, text: string): Document {
  const doc = parseDocument(text)
  const first = doc.errors[0]
  if (first !== undefined)
    throw new AppError({
      code: 'MIRROR_CONFIG_INVALID',
      params: { path, format: 'YAML', detail: first.message.split('\n')[0] ?? '' },
    })
  if (doc.contents !== null && !isMap(doc.contents))
    throw new AppError({
      code: 'MIRROR_CONFIG_SHAPE',
      params: { path, detail: message('trust.mirror.shape.yamlMap') },
    })
  return doc
}

/** The map at `key` in `map`, created when missing; a key holding something else is a clear error. */
function mapAt(doc: Document, map: YAMLMap, key: string, path: string): YAMLMap {
  const found = map.get(key, true)
  if (found === undefined) {
    const made = new YAMLMap()
    const k = new Scalar(key)
    k.type = 'QUOTE_DOUBLE'
    map.add(doc.createPair(k, made))
    return made
  }
  if (isMap(found)) return found
  throw new AppError({
    code: 'MIRROR_CONFIG_SHAPE',
    params: { path, detail: message('trust.mirror.shape.yamlKey', { key }) },
  })
}

function endpoints(doc: Document): YAMLSeq | undefined {
  const ep = doc.getIn(['mirrors', 'docker.io', 'endpoint'], true)
  return isSeq(ep) ? ep : undefined
}

/** Removes `key` from the map at `keys` when that map is empty, walking up. */
function pruneEmpty(doc: Document, keys: string[]): void {
  for (let n = keys.length; n > 0; n--) {
    const node = doc.getIn(keys.slice(0, n), true)
    if (isMap(node) && node.items.length === 0) doc.deleteIn(keys.slice(0, n))
    else if (isSeq(node) && node.items.length === 0) doc.deleteIn(keys.slice(0, n))
    else return
  }
}

/** registries.yaml with the mirror as docker.io's first endpoint and its CA; other mirrors and configs kept. */
export function registriesYamlFile(
  env: TrustEnv,
  distro: RancherDistro,
  mirror: RegistryAddress,
): MergedFile {
  const path = underRoot(env, 'etc', 'rancher', distro, 'registries.yaml')
  const url = mirrorUrl(mirror)
  const caFile = systemPath(env, ...caSegments(distro, mirror))
  return {
    path,
    fresh: registriesYaml(env, distro, mirror),
    merge(existing) {
      const doc = parseYaml(path, existing)
      if (endpoints(doc)?.items.some((i) => String((i as Scalar).value) === url) === true) return undefined
      if (doc.contents === null) doc.contents = new YAMLMap()
      const top = doc.contents as unknown as YAMLMap
      const dockerIo = mapAt(doc, mapAt(doc, top, 'mirrors', path), 'docker.io', path)
      const ep = dockerIo.get('endpoint', true)
      if (isSeq(ep)) ep.items.unshift(doc.createNode(url))
      else dockerIo.set('endpoint', doc.createNode([url]))
      const tls = mapAt(doc, mapAt(doc, mapAt(doc, top, 'configs', path), mirror.hostPort, path), 'tls', path)
      tls.set('ca_file', caFile)
      return String(doc)
    },
    unmerge(existing) {
      const doc = parseYaml(path, existing)
      const ep = endpoints(doc)
      const at = ep?.items.findIndex((i) => String((i as Scalar).value) === url) ?? -1
      if (ep === undefined || at < 0) return undefined
      ep.items.splice(at, 1)
      pruneEmpty(doc, ['mirrors', 'docker.io', 'endpoint'])
      if (doc.getIn(['configs', mirror.hostPort, 'tls', 'ca_file']) === caFile) {
        doc.deleteIn(['configs', mirror.hostPort, 'tls', 'ca_file'])
        pruneEmpty(doc, ['configs', mirror.hostPort, 'tls'])
      }
      return String(doc)
    },
  }
}

/** The distributions to write for: those installed (their /etc/rancher folder), else k3s. */
async function distros(env: TrustEnv): Promise<RancherDistro[]> {
  const present: RancherDistro[] = []
  for (const d of RANCHER_DISTROS) if (await pathExists(underRoot(env, 'etc', 'rancher', d))) present.push(d)
  return present.length > 0 ? present : ['k3s']
}

const LABEL = message('trust.mirror.target.k3s')

/** k3s / RKE2: registries.yaml (read at start: the service must be restarted) and the CA beside it. */
export const k3sMirrorTarget: MirrorTarget = {
  id: 'k3s',
  label: LABEL,
  async isPresent(env) {
    if (env.platform !== 'linux') return false
    for (const d of RANCHER_DISTROS) if (await pathExists(underRoot(env, 'etc', 'rancher', d))) return true
    return false
  },
  async install(ctx: MirrorContext): Promise<TargetPlan> {
    const plan = mirrorPlan('k3s', LABEL)
    for (const d of await distros(ctx.env)) {
      const ca = underRoot(ctx.env, ...caSegments(d, ctx.mirror))
      plan.steps.push(...(await planPlaceFile({ path: ca, content: ctx.ca.pem, force: ctx.force })))
      const yaml = await planMergeInstall(registriesYamlFile(ctx.env, d, ctx.mirror))
      plan.steps.push(...yaml)
      if (yaml.length > 0) plan.notes.push(message('trust.mirror.note.restartK3s', { service: d }))
    }
    return plan
  },
  async uninstall(ctx: MirrorContext): Promise<TargetPlan> {
    const plan = mirrorPlan('k3s', LABEL)
    for (const d of await distros(ctx.env)) {
      const yaml = await planMergeUninstall(registriesYamlFile(ctx.env, d, ctx.mirror))
      const ca = underRoot(ctx.env, ...caSegments(d, ctx.mirror))
      const caOut = await planRemoveOwnedFile({ path: ca, content: ctx.ca.pem })
      plan.steps.push(...yaml.steps, ...caOut.steps)
      for (const w of [yaml.warning, caOut.warning]) if (w) plan.warnings.push(w)
      if (yaml.steps.length > 0)
        plan.notes.push(message('trust.mirror.note.restartK3sRemoved', { service: d }))
    }
    return plan
  },
  async isInstalled(ctx: MirrorContext): Promise<TargetStatus> {
    const items = []
    for (const d of await distros(ctx.env)) {
      const ca = underRoot(ctx.env, ...caSegments(d, ctx.mirror))
      items.push({ what: ca, installed: (await readIfExists(ca)) === ctx.ca.pem })
      const file = registriesYamlFile(ctx.env, d, ctx.mirror)
      items.push({ what: file.path, installed: await mergedInstalled(file) })
    }
    return { target: 'k3s', label: LABEL, installed: items.every((i) => i.installed), items, warnings: [] }
  },
}
