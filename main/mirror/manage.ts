// Managing the mirror: the same docker/manage functions as `registry status|logs|stop|restart|remove`, after a
// check that the container IS a mirror (so `mirror stop` never stops the registry by mistake).
import {
  inspectRegistry,
  registryStatus,
  removeRegistry,
  restartAndCheck,
  stopRegistry,
  type ContainerInfo,
  type Engine,
  type HealthResult,
  type RegistryStatus,
  type RemoveResult,
} from '../docker'
import { AppError } from '../errors'
import {
  LABEL_ROLE,
  LABEL_TTL,
  LABEL_UPSTREAM,
  LABEL_UPSTREAM_CA,
  LABEL_UPSTREAM_USER,
  ROLE_MIRROR,
} from './labels'

/** What the labels say about a mirror's proxy (never its password: that is in its config file only). */
export interface ProxyInfo {
  upstream: string
  upstreamUser?: string | undefined
  upstreamCa: boolean
  ttl?: string | undefined
}

export interface MirrorStatus extends RegistryStatus {
  /** Always true: a pull-through mirror (registry proxy mode), which takes no pushes. */
  proxy: true
  upstream: string
  upstreamUser?: string | undefined
  upstreamCa: boolean
  ttl?: string | undefined
}

/** The proxy facts of a container's labels; undefined when it is not a mirror of ours. */
export function proxyInfo(info: ContainerInfo): ProxyInfo | undefined {
  const labels = info.Config.Labels
  if (labels[LABEL_ROLE] !== ROLE_MIRROR) return undefined
  const user = labels[LABEL_UPSTREAM_USER] ?? ''
  const ttl = labels[LABEL_TTL] ?? ''
  return {
    upstream: labels[LABEL_UPSTREAM] ?? '',
    ...(user === '' ? {} : { upstreamUser: user }),
    upstreamCa: labels[LABEL_UPSTREAM_CA] === 'true',
    ...(ttl === '' ? {} : { ttl }),
  }
}

/** The mirror container (docker/manage's inspect: REGISTRY_NOT_FOUND when absent), refused when it is no mirror. */
export async function inspectMirror(
  engine: Engine,
  name: string,
): Promise<{ info: ContainerInfo; proxy: ProxyInfo }> {
  const info = await inspectRegistry(engine, name)
  const proxy = proxyInfo(info)
  if (proxy === undefined) throw new AppError({ code: 'MIRROR_NOT_A_MIRROR', params: { name } })
  return { info, proxy }
}

export async function mirrorStatus(engine: Engine, name: string, now?: Date): Promise<MirrorStatus> {
  const { proxy } = await inspectMirror(engine, name)
  return { ...(await registryStatus(engine, name, now)), proxy: true, ...proxy }
}

export async function stopMirror(engine: Engine, name: string): Promise<void> {
  await inspectMirror(engine, name)
  await stopRegistry(engine, name)
}

export async function restartMirror(
  engine: Engine,
  name: string,
  caPem: string,
  opts: { registryHost?: string | undefined; healthTimeoutMs?: number | undefined } = {},
): Promise<HealthResult> {
  await inspectMirror(engine, name)
  return restartAndCheck(engine, name, caPem, opts)
}

/** Removes the mirror with its certificate and config volumes (the upstream password goes with it); data stays. */
export async function removeMirror(
  engine: Engine,
  name: string,
  opts: { deleteData?: boolean } = {},
): Promise<RemoveResult> {
  await inspectMirror(engine, name)
  return removeRegistry(engine, name, opts)
}
