// The real CLI's commands and options, read from commander's own definitions (every group loaded, as for --help):
// what tests check the flags and commands named in hints, fixes and docs against.
import type { Command } from 'commander'
import { buildProgram } from '../../main/cli/program'
import { makeContext } from '../../main/cli/context'

export interface CliCommand {
  /** "registry start"; "" for the program itself. */
  path: string
  /** Long options, with the ones commander adds (--help everywhere, --version on the program). */
  options: Set<string>
  commands: Map<string, CliCommand>
}

function walk(cmd: Command, path: string): CliCommand {
  const options = new Set(cmd.options.flatMap((o) => (o.long === undefined ? [] : [o.long])))
  options.add('--help')
  if (path === '') options.add('--version')
  const commands = new Map<string, CliCommand>()
  for (const sub of cmd.commands)
    commands.set(sub.name(), walk(sub, path === '' ? sub.name() : `${path} ${sub.name()}`))
  return { path, options, commands }
}

let tree: Promise<CliCommand> | undefined

/** The whole command tree (built once per test file). */
export function cliTree(): Promise<CliCommand> {
  tree ??= (async () => {
    const quiet = (): void => undefined
    const ctx = makeContext({ stdout: quiet, stderr: quiet, env: {}, cwd: process.cwd() }, quiet)
    return walk(await buildProgram(ctx, ['--help']), '')
  })()
  return tree
}

/** Every long option of every command, with the commands that define it ("(program)" for the program). */
export function optionsByFlag(root: CliCommand): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const visit = (c: CliCommand): void => {
    for (const f of c.options) out.set(f, [...(out.get(f) ?? []), c.path || '(program)'])
    for (const sub of c.commands.values()) visit(sub)
  }
  visit(root)
  return out
}
