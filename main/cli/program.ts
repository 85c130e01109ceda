import { Command, CommanderError } from 'commander'
import { explainError } from '../diagnostics'
import { isAppError } from '../errors'
import { makeContext, type CliIo, type CommandContext } from './context'

type Register = (program: Command, ctx: CommandContext) => void

/**
 * Each command group, by the top-level commands it registers (one line per group). A group's module (and what it
 * pulls in: dockerode, ssh2, node-forge, ...) is imported only when the command line names one of its commands, so
 * `--version` or `cert inspect` do not pay for Docker's client at start-up.
 */
const groups: { names: readonly string[]; load: () => Promise<Register> }[] = [
  { names: ['ca'], load: async () => (await import('./commands/ca')).registerCaCommands },
  { names: ['cert'], load: async () => (await import('./commands/cert')).registerCertCommands },
  {
    names: ['engine', 'registry'],
    load: async () => (await import('./commands/registry')).registerRegistryCommands,
  },
  { names: ['verify'], load: async () => (await import('./commands/verify')).registerVerifyCommands },
  {
    names: ['trust', 'bundle', 'drives'],
    load: async () => (await import('./commands/trust')).registerClientTrustCommands,
  },
]

/**
 * The groups this command line needs: the one its first word names (also after `help`); none for a bare
 * `--version`; all of them otherwise (`--help`, no command, an unknown or misspelt command: commander then lists
 * or suggests every command).
 */
export function groupsFor(argv: readonly string[]): typeof groups {
  const words = argv.filter((a) => !a.startsWith('-'))
  const first = words[0] === 'help' ? words[1] : words[0]
  const named = groups.filter((g) => first !== undefined && g.names.includes(first))
  if (named.length > 0) return named
  if (words.length === 0 && argv.some((a) => a === '--version' || a === '-V')) return []
  return groups
}

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

/** The program with the groups `argv` needs (every group for `['--help']`: what tests walking the CLI use). */
export async function buildProgram(ctx: CommandContext, argv: readonly string[]): Promise<Command> {
  const registers = await Promise.all(groupsFor(argv).map((g) => g.load()))
  const program = new Command('registry-wizard')
    .description('Private Docker registry with TLS: certificates, registry, client trust, verification.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: ctx.io.stdout, writeErr: ctx.io.stderr })
  for (const register of registers) register(program, ctx)
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
  try {
    const program = await buildProgram(ctx, argv)
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
