import { engineCallFailed, rawError, type Engine } from '../../docker/index'
import { message } from '../../messages/index'
import { LABEL_KIND, LABEL_OWNER, networkName, redisName } from './names'
import { findService, ourService, ownedConfigs, ownedSecrets, removeWhenFree } from './objects'
import { serviceTasks } from './tasks'

export interface SwarmRemoveResult {
  removed: string
  removedServices: string[]
  removedSecrets: string[]
  removedConfigs: string[]
  removedNetworks: string[]
  removedVolumes: string[]
  /** The data volume left in place (the registry's content), unless deleteData. */
  keptVolume: string | undefined
}

async function removeService(engine: Engine, id: string, name: string): Promise<void> {
  try {
    await engine.docker.getService(id).remove()
  } catch (err) {
    if (rawError(err).statusCode !== 404)
      throw engineCallFailed(message('swarm.action.removeService', { name }), err)
  }
}

/** Waits until no task of the removed service has a container left (secrets, network and volume are free then). */
async function tasksGone(engine: Engine, serviceId: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const tasks = await serviceTasks(engine, serviceId).catch(() => [])
    if (tasks.length === 0) return
    await new Promise((r) => setTimeout(r, 300))
  }
}

function dataVolumeOf(spec: { TaskTemplate: unknown }): string | undefined {
  const mounts = (spec.TaskTemplate as { ContainerSpec?: { Mounts?: { Type?: string; Source?: string }[] } })
    .ContainerSpec?.Mounts
  return mounts?.find((m) => m.Type === 'volume')?.Source
}

/** Removes what the secrets and configs of the service NAME are (every one carrying our owner label). */
async function removeOwned(engine: Engine, name: string, out: SwarmRemoveResult): Promise<void> {
  for (const s of await ownedSecrets(engine, name)) {
    await removeWhenFree(() => engine.docker.getSecret(s.id).remove())
    out.removedSecrets.push(s.name)
  }
  for (const c of await ownedConfigs(engine, name)) {
    await removeWhenFree(() => engine.docker.getConfig(c.id).remove())
    out.removedConfigs.push(c.name)
  }
}

/**
 * Removes the registry service, its Redis service, every secret and config made for it, and its network; the data
 * volume stays unless deleteData (on this node only: other nodes' local volumes are theirs to remove).
 */
export async function removeSwarmRegistry(
  engine: Engine,
  name: string,
  opts: { deleteData?: boolean | undefined } = {},
): Promise<SwarmRemoveResult> {
  const s = await ourService(engine, name)
  const out: SwarmRemoveResult = {
    removed: name,
    removedServices: [],
    removedSecrets: [],
    removedConfigs: [],
    removedNetworks: [],
    removedVolumes: [],
    keptVolume: undefined,
  }
  const redis = await findService(engine, redisName(name))
  for (const svc of [s, redis]) {
    if (svc === undefined || svc.Spec.Labels?.[LABEL_OWNER] !== name) continue
    await removeService(engine, svc.ID, svc.Spec.Name)
    out.removedServices.push(svc.Spec.Name)
  }
  await tasksGone(engine, s.ID)
  if (redis !== undefined) await tasksGone(engine, redis.ID)
  await removeOwned(engine, name, out)
  await removeNetwork(engine, name, out)
  const volume = dataVolumeOf(s.Spec)
  if (volume !== undefined && opts.deleteData === true) {
    await removeWhenFree(() => engine.docker.getVolume(volume).remove())
    out.removedVolumes.push(volume)
  } else out.keptVolume = volume
  return out
}

async function removeNetwork(engine: Engine, name: string, out: SwarmRemoveResult): Promise<void> {
  const net = networkName(name)
  const info = (await engine.docker
    .getNetwork(net)
    .inspect()
    .catch(() => undefined)) as { Id: string; Labels?: Record<string, string> } | undefined
  if (info?.Labels?.[LABEL_OWNER] !== name || info.Labels[LABEL_KIND] === undefined) return
  await removeWhenFree(() => engine.docker.getNetwork(info.Id).remove())
  out.removedNetworks.push(net)
}
