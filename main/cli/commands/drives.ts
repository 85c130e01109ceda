import type { Command } from 'commander'
import { listRemovableDrives } from '../../drives/list-drives'
import { printJson, type CommandContext } from '../context'

function gib(n: number | undefined): string {
  return n === undefined ? '?' : `${(n / 1024 ** 3).toFixed(1)} GiB`
}

export function registerDrivesCommands(program: Command, ctx: CommandContext): void {
  program
    .command('drives')
    .description(
      'List mounted removable drives a trust bundle can be written to (system drives are never listed)',
    )
    .option('--json', 'print the list as JSON')
    .action(async (o: { json?: boolean }) => {
      const drives = await (ctx.io.drives?.list ?? listRemovableDrives)()
      if (o.json) {
        printJson(ctx, drives)
        return
      }
      if (drives.length === 0) {
        ctx.io.stdout(
          'No removable drive is mounted. Plug in a USB stick (and mount it), or use `bundle export --out DIR`.\n',
        )
        return
      }
      for (const d of drives) {
        ctx.io.stdout(
          `${d.mount}  ${d.label || '(no label)'}  ${d.device}  ${d.fsType}  ${gib(d.freeBytes)} free of ${gib(d.sizeBytes)}${d.readOnly ? '  READ-ONLY' : ''}  ${d.model}\n`,
        )
      }
    })
}
