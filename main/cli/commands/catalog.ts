// `registry-wizard catalog`: what the registry holds, per repository its tags with digest, type, platforms, size and
// created time (main/manage/catalog.ts), as a table or --json.
import type { Command } from 'commander'
import { formatBytes } from '../../images/format-bytes'
import { readCatalog, type CatalogResult, type TagEntry } from '../../manage/index'
import { printJson, type CommandContext } from '../context'
import { withInterrupt } from './engine'
import { connect, say, table, withClient, type ConnOpts } from './manage-common'

interface CatalogOpts extends ConnOpts {
  registry: string
  repo?: string
}

const short = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12)

function platformsCell(t: TagEntry): string {
  if (t.kind === 'image') return t.platforms[0]?.platform ?? ''
  return t.platforms.map((p) => `${p.platform} ${formatBytes(p.size)}`).join('\n')
}

export function printCatalog(ctx: CommandContext, r: CatalogResult): void {
  if (r.repositories.length === 0) {
    ctx.io.stdout(`${say(ctx, 'catalog.empty')}\n`)
    return
  }
  const rows = r.repositories.flatMap((repo) =>
    repo.tags.map((t) => [
      repo.name,
      t.tag,
      short(t.digest),
      say(ctx, `catalog.kind.${t.kind}`),
      platformsCell(t),
      formatBytes(t.size),
      t.created?.replace(/\.\d+Z$/, 'Z') ?? '-',
    ]),
  )
  const cols = ['repository', 'tag', 'digest', 'kind', 'platforms', 'size', 'created']
  ctx.io.stdout(`${table(ctx, 'catalog.head', cols, rows)}\n`)
  const tags = r.repositories.reduce((n, x) => n + x.tags.length, 0)
  const bytes = r.repositories.reduce((n, x) => n + x.distinctSize, 0)
  ctx.io.stdout(
    `${say(ctx, 'catalog.summary', { repositories: r.repositories.length, tags, size: formatBytes(bytes) })}\n`,
  )
}

export function registerCatalogCommand(program: Command, ctx: CommandContext): void {
  const h = (key: string): string => say(ctx, `catalog.option.${key}`)
  program
    .command('catalog')
    .description(say(ctx, 'catalog.description'))
    .requiredOption('--registry <host:port>', h('registry'))
    .requiredOption('--ca <file>', say(ctx, 'option.ca'))
    .option('--repo <name>', h('repo'))
    .option('--user <user>', say(ctx, 'option.user'))
    .option('--password-file <file>', say(ctx, 'option.passwordFile'))
    .option('--json', say(ctx, 'option.json'))
    .action(async (o: CatalogOpts) => {
      const client = await connect(ctx, o.registry, o)
      const r = await withClient(client, (c) =>
        withInterrupt((signal) => readCatalog({ client: c, repo: o.repo, signal })),
      )
      if (o.json) printJson(ctx, r)
      else printCatalog(ctx, r)
    })
}
