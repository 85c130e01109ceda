// Re-creating the registry container with a changed environment (delete on, read-only maintenance on/off): the same
// image, command, user, mounts (storage, certificates, auth, configuration), published port, restart policy and
// labels; only the variables named change. The old container is renamed and stopped first, and removed only when
// the new one answers; on any failure the new one is removed and the old one is back under its name and running.
import { randomBytes } from 'node:crypto'
import type { ContainerCreateOptions } from 'dockerode'
import { AppError } from '../errors'
import {
  containerAlive,
  engineCallFailed,
  engineMessage,
  inspectRegistry,
  LABEL_MANAGED,
  type ContainerInfo,
  type Engine,
} from '../docker/index'
import { throwIfAborted } from '../jobs/abort'
import { message } from '../messages/index'
import { waitAnswering } from './probe'

/** Variables to set (name -> value) and to remove. */
export interface EnvChange {
  set?: Readonly<Record<string, string>> | undefined
  unset?: readonly string[] | undefined
}

export interface RecreateOptions {
  healthTimeoutMs?: number | undefined
  signal?: AbortSignal | undefined
}

/** A list field of an inspection (the engine sends null where the types say a list; a string for a shell form). */
export function asList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v]
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined
}

/** The value of variable `key` in the container's environment, or undefined. */
export function envValue(info: ContainerInfo, key: string): string | undefined {
  const line = (asList(info.Config.Env) ?? []).find((e) => e.startsWith(`${key}=`))
  return line === undefined ? undefined : line.slice(key.length + 1)
}

export function changedEnv(env: readonly string[], change: EnvChange): string[] {
  const drop = new Set([...(change.unset ?? []), ...Object.keys(change.set ?? {})])
  const kept = env.filter((e) => !drop.has(e.slice(0, e.indexOf('='))))
  return [...kept, ...Object.entries(change.set ?? {}).map(([k, v]) => `${k}=${v}`)]
}

/** The create options of a container as it is, with the environment changed. */
export function sameContainer(info: ContainerInfo, name: string, env: string[]): ContainerCreateOptions {
  const h = info.HostConfig
  const ports: unknown = h.PortBindings
  const options: ContainerCreateOptions = {
    name,
    Image: info.Config.Image,
    Entrypoint: asList(info.Config.Entrypoint),
    Cmd: asList(info.Config.Cmd),
    User: info.Config.User,
    Env: env,
    ExposedPorts: info.Config.ExposedPorts,
    Labels: info.Config.Labels,
    HostConfig: {
      RestartPolicy: h.RestartPolicy,
      PortBindings: ports,
      Binds: asList(h.Binds),
      Mounts: Array.isArray(h.Mounts) ? h.Mounts : undefined,
      NetworkMode: h.NetworkMode,
    },
  }
  return options
}

/** Only containers we made are re-created (as remove: never touch what is not ours). */
export function checkManaged(info: ContainerInfo, name: string): void {
  if (info.Config.Labels[LABEL_MANAGED] !== 'true')
    throw new AppError({ code: 'NOT_MANAGED', params: { name } })
}

const act = (key: string, name: string): ReturnType<typeof message> =>
  message(key === 'renameContainer' ? 'manage.action.renameContainer' : `docker.action.${key}`, { name })

/** Puts the old container back: the new one (if any) removed, the old one renamed back and started. */
async function restoreOld(engine: Engine, name: string, oldName: string): Promise<void> {
  await engine.docker
    .getContainer(name)
    .remove({ force: true })
    .catch(() => undefined)
  const old = engine.docker.getContainer(oldName)
  await old.rename({ name }).catch((e: unknown) => {
    throw engineCallFailed(act('renameContainer', oldName), e)
  })
  await engine.docker
    .getContainer(name)
    .start()
    .catch((e: unknown) => {
      if (!/already started|304/i.test(engineMessage(e)))
        throw engineCallFailed(act('startContainer', name), e)
    })
}

/**
 * Re-creates the managed registry container `name` with the environment changed, and waits until it answers over
 * TLS with the certificate it mounts. Returns the new container's inspection. Rolls back on any failure.
 */
export async function recreateWithEnv(
  engine: Engine,
  name: string,
  change: EnvChange,
  o: RecreateOptions = {},
): Promise<ContainerInfo> {
  const info = await inspectRegistry(engine, name)
  checkManaged(info, name)
  throwIfAborted(o.signal)
  const options = sameContainer(info, name, changedEnv(asList(info.Config.Env) ?? [], change))
  const oldName = `${name}-rw-old-${randomBytes(3).toString('hex')}`
  const old = engine.docker.getContainer(info.Id)
  await old.rename({ name: oldName }).catch((e: unknown) => {
    throw engineCallFailed(act('renameContainer', name), e)
  })
  try {
    await old.stop({ t: 10 }).catch((e: unknown) => {
      if (!/not running|304/i.test(engineMessage(e))) throw engineCallFailed(act('stopContainer', name), e)
    })
    const created = await engine.docker.createContainer(options).catch((e: unknown) => {
      throw engineCallFailed(act('createContainer', name), e)
    })
    await created.start().catch((e: unknown) => {
      throw engineCallFailed(act('startContainer', name), e)
    })
    await waitAnswering(engine, name, { timeoutMs: o.healthTimeoutMs, alive: containerAlive(engine, name) })
  } catch (err) {
    await restoreOld(engine, name, oldName)
    throw err
  }
  await old.remove({ force: true }).catch((e: unknown) => {
    throw engineCallFailed(act('removeContainer', oldName), e)
  })
  return inspectRegistry(engine, name)
}
