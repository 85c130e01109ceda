import type { Command } from 'commander'
import type { RemovableDrive } from '../../drives/list-drives'
import { listRemovableDrives } from '../../drives/list-drives'
import { printJson, type CommandContext } from '../context'

function gib(n: number | undefined): string {
  return n === undefined ? '?' : `${(n / 1024 ** 3).toFixed(1)} GiB`
}

function driveLine(ctx: CommandContext, d: RemovableDrive): string {
  const label = d.label || ctx.tr.text('cli.trust.drives.noLabel')
  const free = ctx.tr.text('cli.trust.drives.free', { free: gib(d.freeBytes), size: gib(d.sizeBytes) })
  const readOnly = d.readOnly ? `  ${ctx.tr.text('cli.trust.drives.readOnly')}` : ''
  return `${d.mount}  ${label}  ${d.device}  ${d.fsType}  ${free}${readOnly}  ${d.model}`
}

export function registerDrivesCommands(program: Command, ctx: CommandContext): void {
  program
    .command('drives')
    .description(ctx.tr.text('cli.trust.help.drives'))
    .option('--json', ctx.tr.text('cli.trust.help.drivesJson'))
    .action(async (o: { json?: boolean }) => {
      const drives = await (ctx.io.drives?.list ?? listRemovableDrives)()
      if (o.json) printJson(ctx, drives)
      else if (drives.length === 0) ctx.io.stdout(`${ctx.tr.text('cli.trust.drives.none')}\n`)
      else for (const d of drives) ctx.io.stdout(`${driveLine(ctx, d)}\n`)
    })
}
