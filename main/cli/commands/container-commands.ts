// `status|logs|stop|restart|remove` of a registry container we run: one set of commands for `registry` and
// `mirror`, which differ only in their texts, the default name and the domain functions they call.
import { join } from 'node:path'
import type { Command } from 'commander'
import {
  CA_FILE,
  checkContainerName,
  followLogs,
  type Engine,
  type HealthResult,
  type LogSource,
  type RemoveResult,
} from '../../docker'
import type { SwarmRemoveResult } from '../../cluster/swarm/index'
import { printSwarmRemoved } from './registry-swarm'
import { message, type Params } from '../../messages/index'
import { parsePositiveInt, printJson, readInputFile, type CommandContext } from '../context'
import { addEngineOptions, withEngine, withInterrupt, type EngineOpts } from './engine'

export interface CommonOpts extends EngineOpts {
  name: string
  json?: boolean
}

/** What differs between `registry` and `mirror`: texts of the group, default name, and the domain calls. */
export interface ContainerCommands<S> {
  /** The group's own texts (`cli.docker.registry.*` or `cli.mirror.*`): descriptions and option help. */
  say: (key: string, params?: Params) => string
  defaultName: string
  status: (engine: Engine, name: string) => Promise<S>
  statusLines: (s: S) => string[]
  /** Refuses a container that is not of this kind (before logs are followed). */
  check: (engine: Engine, name: string) => Promise<unknown>
  stop: (engine: Engine, name: string) => Promise<unknown>
  restart: (
    engine: Engine,
    name: string,
    caPem: string,
    o: { registryHost?: string | undefined; healthTimeoutMs: number },
  ) => Promise<HealthResult>
  remove: (
    engine: Engine,
    name: string,
    o: { deleteData: boolean },
  ) => Promise<RemoveResult | SwarmRemoveResult>
  /** Whose logs NAME has (a Swarm service's for `registry` on a service); default a container's. */
  logSource?: ((engine: Engine, name: string) => Promise<LogSource>) | undefined
}

/** `cli.docker.registry.*`: the lines both groups print the same way. */
const shared = (ctx: CommandContext, key: string, params?: Params): string =>
  ctx.tr.text(`cli.docker.registry.${key}`, params)

export function commonOptions<S>(ctx: CommandContext, k: ContainerCommands<S>, cmd: Command): Command {
  return addEngineOptions(
    ctx,
    cmd.option('--name <name>', k.say('option.name'), k.defaultName).option('--json', k.say('option.json')),
  )
}

export const healthTimeoutOption = <S>(k: ContainerCommands<S>, cmd: Command): Command =>
  cmd.option('--health-timeout <seconds>', k.say('option.healthTimeout'), '60')

/** Reads DIR/ca.crt: the only trust anchor used to check the registry's health. */
export async function readCaPem(ctx: CommandContext, dir: string): Promise<string> {
  return readInputFile(ctx, join(ctx.path(dir), CA_FILE), 'certs')
}

function registerStatus<S>(ctx: CommandContext, k: ContainerCommands<S>, group: Command): void {
  commonOptions(ctx, k, group.command('status').description(k.say('status.description'))).action(
    async (o: CommonOpts) => {
      const name = checkContainerName(o.name)
      const s = await withEngine(ctx, o, (engine) => k.status(engine, name))
      if (o.json) printJson(ctx, s)
      else ctx.io.stdout(`${k.statusLines(s).join('\n')}\n`)
    },
  )
}

function registerLogs<S>(ctx: CommandContext, k: ContainerCommands<S>, group: Command): void {
  const cmd = group
    .command('logs')
    .description(k.say('logs.description'))
    .option('--tail <n>', shared(ctx, 'logs.tail'), '100')
    .option('--follow', shared(ctx, 'logs.follow'))
  commonOptions(ctx, k, cmd).action(async (o: CommonOpts & { tail: string; follow?: boolean }) => {
    const name = checkContainerName(o.name)
    const tail = parsePositiveInt('tail', o.tail, 100000)
    await withEngine(ctx, o, async (engine) => {
      await k.check(engine, name)
      const from = await k.logSource?.(engine, name)
      const onLine = (l: string): void => ctx.io.stdout(`${l}\n`)
      await withInterrupt((signal) =>
        followLogs(engine, name, { tail, follow: o.follow === true, signal, onLine, from }),
      )
    })
  })
}

function registerStop<S>(ctx: CommandContext, k: ContainerCommands<S>, group: Command): void {
  commonOptions(ctx, k, group.command('stop').description(k.say('stop.description'))).action(
    async (o: CommonOpts) => {
      const name = checkContainerName(o.name)
      await withEngine(ctx, o, (engine) => k.stop(engine, name))
      if (o.json) printJson(ctx, { stopped: name })
      else ctx.io.stdout(`${shared(ctx, 'stop.done', { name })}\n`)
    },
  )
}

function registerRestart<S>(ctx: CommandContext, k: ContainerCommands<S>, group: Command): void {
  const cmd = group
    .command('restart')
    .description(k.say('restart.description'))
    .requiredOption('--certs <dir>', k.say('restart.certs'))
    .option('--registry-host <host>', k.say('restart.registryHost'))
  type Opts = CommonOpts & { certs: string; registryHost?: string; healthTimeout: string }
  commonOptions(ctx, k, healthTimeoutOption(k, cmd)).action(async (o: Opts) => {
    const name = checkContainerName(o.name)
    const caPem = await readCaPem(ctx, o.certs)
    const healthTimeoutMs = parsePositiveInt('healthTimeout', o.healthTimeout, 3600) * 1000
    const health = await withEngine(ctx, o, (engine) =>
      k.restart(engine, name, caPem, { registryHost: o.registryHost, healthTimeoutMs }),
    )
    if (o.json) printJson(ctx, { restarted: name, health })
    else {
      const params = { name, status: health.status, ms: health.elapsedMs }
      ctx.io.stdout(`${shared(ctx, 'restart.done', params)}\n`)
    }
  })
}

function registerRemove<S>(ctx: CommandContext, k: ContainerCommands<S>, group: Command): void {
  const cmd = group
    .command('remove')
    .description(k.say('remove.description'))
    .option('--delete-data', k.say('remove.deleteData'))
  commonOptions(ctx, k, cmd).action(async (o: CommonOpts & { deleteData?: boolean }) => {
    const name = checkContainerName(o.name)
    const r = await withEngine(ctx, o, (engine) =>
      k.remove(engine, name, { deleteData: o.deleteData === true }),
    )
    printRemoved(ctx, r, o.json)
  })
}

/** Adds status, logs, stop, restart and remove to `group`. */
export function registerContainerCommands<S>(
  ctx: CommandContext,
  k: ContainerCommands<S>,
  group: Command,
): void {
  registerStatus(ctx, k, group)
  registerLogs(ctx, k, group)
  registerStop(ctx, k, group)
  registerRestart(ctx, k, group)
  registerRemove(ctx, k, group)
}

/** What a remove did (`registry remove`, `mirror remove`): the container, its volumes, and the data kept. */
export function printRemoved(
  ctx: CommandContext,
  r: RemoveResult | SwarmRemoveResult,
  json: boolean | undefined,
): void {
  if ('removedSecrets' in r) {
    printSwarmRemoved(ctx, r, json)
    return
  }
  if (json) {
    printJson(ctx, r)
    return
  }
  const volumes = r.removedVolumes
  const done =
    volumes.length > 0
      ? shared(ctx, 'remove.doneVolumes', { name: r.removed, volumes })
      : shared(ctx, 'remove.done', { name: r.removed })
  ctx.io.stdout(`${done}\n`)
  const kept = r.keptStorage
  if (kept === undefined) return
  const data =
    kept.kind === 'volume'
      ? message('docker.storage.volume', { name: kept.name })
      : message('docker.storage.keptHostPath', { path: kept.path })
  ctx.io.stdout(`${shared(ctx, 'remove.keptData', { data })}\n`)
}
