// `registry-wizard prune`: retention rules (main/manage/retention.ts). --dry-run lists what would go; the real run
// plans the same way and deletes exactly that list (--yes, or "y" on a terminal after the list).
import type { Command } from 'commander'
import { invalidInput } from '../../errors'
import { message } from '../../messages/index'
import {
  checkRules,
  planRetention,
  readCatalog,
  applyDelete,
  type PlannedDelete,
  type RetentionPlan,
} from '../../manage/index'
import { collect, printJson, type CommandContext } from '../context'
import { withInterrupt } from './engine'
import { confirm, connect, needYes, parseCount, say, table, withClient, type ConnOpts } from './manage-common'

interface PruneOpts extends ConnOpts {
  registry: string
  repo?: string
  keepLast?: string
  olderThan?: string
  protect?: string[]
  dryRun?: boolean
  yes?: boolean
}

const short = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12)

function printPlan(ctx: CommandContext, plan: RetentionPlan, dryRun: boolean): void {
  if (plan.deletes.length === 0) {
    ctx.io.stdout(`${say(ctx, 'prune.nothing')}\n`)
    return
  }
  const rows = plan.deletes.map((d: PlannedDelete) => [
    d.repository,
    d.tags.join(', ') || '-',
    short(d.digest),
    d.created?.replace(/\.\d+Z$/, 'Z') ?? '-',
  ])
  ctx.io.stdout(
    `${say(ctx, dryRun ? 'prune.wouldDelete' : 'prune.willDelete', { count: plan.deletes.length })}\n`,
  )
  ctx.io.stdout(`${table(ctx, 'prune.head', ['repository', 'tags', 'digest', 'created'], rows)}\n`)
}

function rulesOf(o: PruneOpts): Parameters<typeof checkRules>[0] {
  if (o.dryRun === true && o.yes === true)
    throw invalidInput('--dry-run/--yes', '--dry-run --yes', message('cli.manage.allowed.dryRunOrYes'))
  const rules = {
    keepLast: parseCount('keepLast', o.keepLast, 1_000_000),
    olderThanDays: parseCount('olderThan', o.olderThan, 100_000),
    protect: o.protect ?? [],
  }
  checkRules(rules)
  return rules
}

export function registerPruneCommand(program: Command, ctx: CommandContext): void {
  const h = (key: string): string => say(ctx, `prune.option.${key}`)
  program
    .command('prune')
    .description(say(ctx, 'prune.description'))
    .requiredOption('--registry <host:port>', say(ctx, 'catalog.option.registry'))
    .requiredOption('--ca <file>', say(ctx, 'option.ca'))
    .option('--repo <name>', say(ctx, 'catalog.option.repo'))
    .option('--keep-last <n>', h('keepLast'))
    .option('--older-than <days>', h('olderThan'))
    .option('--protect <glob>', h('protect'), collect)
    .option('--dry-run', h('dryRun'))
    .option('--yes', say(ctx, 'option.yes'))
    .option('--user <user>', say(ctx, 'option.user'))
    .option('--password-file <file>', say(ctx, 'option.passwordFile'))
    .option('--json', say(ctx, 'option.json'))
    .action(async (o: PruneOpts) => {
      const rules = rulesOf(o)
      const dryRun = o.dryRun === true
      if (!dryRun) needYes(ctx, o.yes) // refused before anything is read without a terminal
      const client = await connect(ctx, o.registry, o)
      const result = await withClient(client, (c) =>
        withInterrupt(async (signal) => {
          const plan = planRetention(await readCatalog({ client: c, repo: o.repo, signal }), rules)
          if (!o.json) printPlan(ctx, plan, dryRun)
          if (dryRun || plan.deletes.length === 0) return { ...plan, dryRun, deleted: [] as PlannedDelete[] }
          if (o.yes !== true)
            await confirm(ctx, false, say(ctx, 'prune.confirm', { count: plan.deletes.length }))
          const deleted: PlannedDelete[] = []
          for (const d of plan.deletes) {
            await applyDelete(c, d, signal)
            deleted.push(d)
          }
          return { ...plan, dryRun, deleted }
        }),
      )
      if (o.json) printJson(ctx, result)
      else if (!dryRun && result.deleted.length > 0)
        ctx.io.stdout(
          `${say(ctx, 'prune.done', { count: result.deleted.length })}\n${say(ctx, 'delete.gcNote')}\n`,
        )
    })
}
