// `registry-wizard delete HOST:PORT/REPO:TAG|HOST:PORT/REPO@DIGEST`: deletes the manifest (main/manage/delete.ts);
// every tag that pointed at it goes too, and the output says which. Destructive: --yes, or "y" on a terminal.
import type { Command } from 'commander'
import { AppError } from '../../errors'
import { deleteImage, type DeletedManifest } from '../../manage/index'
import { printJson, type CommandContext } from '../context'
import { withInterrupt } from './engine'
import { confirm, connect, say, withClient, type ConnOpts } from './manage-common'

interface DeleteOpts extends ConnOpts {
  yes?: boolean
}

const REPO = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/
const TAG = /^\w[\w.-]{0,127}$/
const DIGEST = /^sha256:[0-9a-f]{64}$/

export interface DeleteTarget {
  registry: string
  repository: string
  tag?: string
  digest?: string
}

/** HOST:PORT/REPO:TAG or HOST:PORT/REPO@sha256:...; anything else is invalid input naming the argument. */
export function parseDeleteTarget(text: string): DeleteTarget {
  const bad = (): AppError =>
    new AppError({
      code: 'MANAGE_REFERENCE_INVALID',
      kind: 'input',
      field: 'reference',
      params: { value: JSON.stringify(text) },
    })
  const slash = text.indexOf('/')
  if (slash <= 0) throw bad()
  const registry = text.slice(0, slash)
  const rest = text.slice(slash + 1)
  const at = rest.indexOf('@')
  if (at >= 0) {
    const repository = rest.slice(0, at)
    const digest = rest.slice(at + 1)
    if (!REPO.test(repository) || !DIGEST.test(digest)) throw bad()
    return { registry, repository, digest }
  }
  const colon = rest.lastIndexOf(':')
  const repository = colon < 0 ? rest : rest.slice(0, colon)
  const tag = colon < 0 ? '' : rest.slice(colon + 1)
  if (!REPO.test(repository) || !TAG.test(tag)) throw bad()
  return { registry, repository, tag }
}

function printDeleted(ctx: CommandContext, d: DeletedManifest, json: boolean | undefined): void {
  if (json) {
    printJson(ctx, d)
    return
  }
  ctx.io.stdout(`${say(ctx, 'delete.done', { repository: d.repository, digest: d.digest })}\n`)
  if (d.tags.length > 0) ctx.io.stdout(`${say(ctx, 'delete.tagsGone', { tags: d.tags })}\n`)
  if (d.children.length > 0) ctx.io.stdout(`${say(ctx, 'delete.children', { count: d.children.length })}\n`)
  ctx.io.stdout(`${say(ctx, 'delete.gcNote')}\n`)
}

export function registerDeleteCommand(program: Command, ctx: CommandContext): void {
  program
    .command('delete')
    .description(say(ctx, 'delete.description'))
    .argument('<reference>', say(ctx, 'delete.reference'))
    .requiredOption('--ca <file>', say(ctx, 'option.ca'))
    .option('--user <user>', say(ctx, 'option.user'))
    .option('--password-file <file>', say(ctx, 'option.passwordFile'))
    .option('--yes', say(ctx, 'option.yes'))
    .option('--json', say(ctx, 'option.json'))
    .action(async (reference: string, o: DeleteOpts) => {
      const target = parseDeleteTarget(reference)
      const client = await connect(ctx, target.registry, o, 'reference')
      await confirm(ctx, o.yes, say(ctx, 'delete.confirm', { reference }))
      const d = await withClient(client, (c) =>
        withInterrupt((signal) =>
          deleteImage({
            client: c,
            repository: target.repository,
            tag: target.tag,
            digest: target.digest,
            signal,
          }),
        ),
      )
      printDeleted(ctx, d, o.json)
    })
}
