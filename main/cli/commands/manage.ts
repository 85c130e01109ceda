// The day-2 top-level commands: catalog, delete, prune (one group: loaded when the command line names one of them).
import type { Command } from 'commander'
import type { CommandContext } from '../context'
import { registerCatalogCommand } from './catalog'
import { registerDeleteCommand } from './delete'
import { registerPruneCommand } from './prune'

export function registerManageCommands(program: Command, ctx: CommandContext): void {
  registerCatalogCommand(program, ctx)
  registerDeleteCommand(program, ctx)
  registerPruneCommand(program, ctx)
}
