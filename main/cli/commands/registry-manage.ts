// `registry gc`, `registry usage` and `registry enable-delete` (main/manage): registered by registry.ts.
import type { Command } from 'commander'
import { checkContainerName, DEFAULT_NAME } from '../../docker/index'
import { formatBytes } from '../../images/format-bytes'
import type { StepProgress } from '../../jobs/runner'
import {
  enableDelete,
  garbageCollect,
  storageUsage,
  type GcResult,
  type StorageUsage,
} from '../../manage/index'
import { parsePositiveInt, printJson, type CommandContext } from '../context'
import { addEngineOptions, withEngine, withInterrupt, type EngineOpts } from './engine'
import { confirm, say, table } from './manage-common'

interface NameOpts extends EngineOpts {
  name: string
  json?: boolean
}

interface GcOpts extends NameOpts {
  dryRun?: boolean
  deleteUntagged?: boolean
  yes?: boolean
  healthTimeout: string
}

const jobPrinter =
  (ctx: CommandContext) =>
  (p: StepProgress): void => {
    if (p.step !== 'done') ctx.io.stderr(`${ctx.tr.render(p.message)}\n`)
  }

function nameOptions(ctx: CommandContext, cmd: Command): Command {
  return addEngineOptions(
    ctx,
    cmd
      .option('--name <name>', ctx.tr.text('cli.docker.registry.option.name'), DEFAULT_NAME)
      .option('--json', say(ctx, 'option.json')),
  )
}

function printGc(ctx: CommandContext, r: GcResult): void {
  for (const w of r.warnings)
    ctx.io.stderr(`${ctx.tr.text('cli.common.label.warning')}: ${ctx.tr.render(w.message)}\n`)
  const size = (n: number | undefined): string => formatBytes(n ?? 0)
  if (r.dryRun)
    ctx.io.stdout(
      `${say(ctx, 'gc.wouldFree', { blobs: r.eligibleBlobs, size: size(r.wouldFreeBytes), before: size(r.beforeBytes) })}\n`,
    )
  else
    ctx.io.stdout(
      `${say(ctx, 'gc.done', { name: r.name, freed: size(r.freedBytes), before: size(r.beforeBytes), after: size(r.afterBytes), blobs: r.eligibleBlobs })}\n`,
    )
}

function registerGc(ctx: CommandContext, registry: Command): void {
  const h = (key: string): string => say(ctx, `gc.option.${key}`)
  nameOptions(
    ctx,
    registry
      .command('gc')
      .description(say(ctx, 'gc.description'))
      .option('--dry-run', h('dryRun'))
      .option('--delete-untagged', h('deleteUntagged'))
      .option('--yes', say(ctx, 'option.yes'))
      .option('--health-timeout <seconds>', ctx.tr.text('cli.docker.registry.option.healthTimeout'), '60'),
  ).action(async (o: GcOpts) => {
    const name = checkContainerName(o.name)
    const healthTimeoutMs = parsePositiveInt('healthTimeout', o.healthTimeout, 3600) * 1000
    // --delete-untagged deletes manifests too (multi-platform images among them): asked first.
    if (o.deleteUntagged === true && o.dryRun !== true)
      await confirm(ctx, o.yes, say(ctx, 'gc.confirmUntagged'))
    const r = await withEngine(ctx, o, (engine) =>
      withInterrupt((signal) =>
        garbageCollect(
          { engine, name, dryRun: o.dryRun, deleteUntagged: o.deleteUntagged, healthTimeoutMs },
          {
            signal,
            onProgress: jobPrinter(ctx),
            onLog: o.json ? undefined : (l) => ctx.io.stderr(`  ${l}\n`),
          },
        ),
      ),
    )
    if (o.json) printJson(ctx, r)
    else printGc(ctx, r)
  })
}

export function printUsage(ctx: CommandContext, u: StorageUsage): void {
  const rows = u.repositories.map((r) => [r.name, r.blobs, formatBytes(r.bytes), formatBytes(r.uniqueBytes)])
  if (rows.length > 0)
    ctx.io.stdout(`${table(ctx, 'usage.head', ['repository', 'blobs', 'size', 'unique'], rows)}\n`)
  const storage =
    u.storage === undefined
      ? say(ctx, 'usage.noStorage')
      : u.storage.kind === 'volume'
        ? ctx.tr.render({ key: 'docker.storage.volume', params: { name: u.storage.name } })
        : ctx.tr.render({ key: 'docker.storage.hostPath', params: { path: u.storage.path } })
  ctx.io.stdout(
    `${say(ctx, 'usage.total', { name: u.name, storage, total: formatBytes(u.totalBytes), blobs: u.blobCount, unlinked: formatBytes(u.unlinkedBytes) })}\n`,
  )
}

function registerUsage(ctx: CommandContext, registry: Command): void {
  nameOptions(ctx, registry.command('usage').description(say(ctx, 'usage.description'))).action(
    async (o: NameOpts) => {
      const name = checkContainerName(o.name)
      const u = await withEngine(ctx, o, (engine) => storageUsage(engine, name))
      if (o.json) printJson(ctx, u)
      else printUsage(ctx, u)
    },
  )
}

function registerEnableDelete(ctx: CommandContext, registry: Command): void {
  nameOptions(
    ctx,
    registry.command('enable-delete').description(say(ctx, 'enableDelete.description')),
  ).action(async (o: NameOpts) => {
    const name = checkContainerName(o.name)
    const r = await withEngine(ctx, o, (engine) =>
      withInterrupt((signal) => enableDelete({ engine, name }, { signal, onProgress: jobPrinter(ctx) })),
    )
    if (o.json) printJson(ctx, r)
    else ctx.io.stdout(`${say(ctx, r.changed ? 'enableDelete.done' : 'enableDelete.already', { name })}\n`)
  })
}

/** The day-2 sub-commands of `registry`. */
export function registerRegistryManageCommands(ctx: CommandContext, registry: Command): void {
  registerGc(ctx, registry)
  registerUsage(ctx, registry)
  registerEnableDelete(ctx, registry)
}
