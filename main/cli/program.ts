import { Command, CommanderError } from 'commander'
import { explainError } from '../diagnostics'
import { isAppError } from '../errors'
import { registerCaCommands } from './commands/ca'
import { registerCertCommands } from './commands/cert'
import { registerRegistryCommands } from './commands/registry'
import { registerVerifyCommands } from './commands/verify'
import { registerClientTrustCommands } from './commands/trust'
import { makeContext, type CliIo, type CommandContext } from './context'

/** Each command group registers itself here (one line per group). */
const groups: ((program: Command, ctx: CommandContext) => void)[] = [
  registerCaCommands,
  registerCertCommands,
  registerRegistryCommands,
  registerVerifyCommands,
  registerClientTrustCommands,
]

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_INVALID = 2

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
  }
}

function buildProgram(ctx: CommandContext): Command {
  const program = new Command('registry-wizard')
    .description('Private Docker registry with TLS: certificates, registry, client trust, verification.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: ctx.io.stdout, writeErr: ctx.io.stderr })
  for (const register of groups) register(program, ctx)
  // Sub-commands inherit exit override and output configuration.
  const apply = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({ writeOut: ctx.io.stdout, writeErr: ctx.io.stderr })
    cmd.commands.forEach(apply)
  }
  program.commands.forEach(apply)
  return program
}

/**
 * Runs the CLI in-process and returns its exit code: 0 done, 1 operation failed, 2 invalid input.
 * Used by the bin entry and by tests.
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = EXIT_OK
  const ctx = makeContext(io, (code) => {
    exitCode = Math.max(exitCode, code)
  })
  const program = buildProgram(ctx)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) {
        return EXIT_OK
      }
      if (err.code === 'commander.help') return EXIT_OK
      return EXIT_INVALID
    }
    if (isAppError(err)) {
      io.stderr(`error: ${err.message}\n`)
      if (err.hint) io.stderr(`hint: ${err.hint}\n`)
      explainForCli(err, io)
      return err.kind === 'input' ? EXIT_INVALID : EXIT_FAILED
    }
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`)
    explainForCli(err, io)
    return EXIT_FAILED
  }
}

/**
 * Known Docker / Go / x509 / Node failures read the same in the CLI as in the app and in verify: the shared error
 * table's plain explanation and fix, in Chinese when the locale (LC_ALL, LC_MESSAGES, LANG) is Chinese (in English only
 * where our own hint does not already say what to do).
 */
function explainForCli(err: unknown, io: CliIo): void {
  const locale = io.env['LC_ALL'] ?? io.env['LC_MESSAGES'] ?? io.env['LANG'] ?? ''
  const zh = locale.startsWith('zh')
  // An English hint of ours already says what to do; the table adds words for raw failures and for Chinese.
  if (isAppError(err) && err.hint !== undefined && !zh) return
  const known = explainError(err as Parameters<typeof explainError>[0])
  if (known === undefined) return
  const text = zh ? known.zhCN : known.en
  io.stderr(`why: ${text.explanation}\nfix (${known.step}): ${text.fix}\n`)
}
