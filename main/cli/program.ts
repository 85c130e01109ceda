// commander and the error table load lazily (runCli): the bin's first chunk stays small, so `cert issue` starts its
// key generation (startEarlyWork) about 30 ms sooner after Node is up; node:crypto loads only for `cert issue`.
import { writeSync } from 'node:fs'
import type { Command } from 'commander'
import { isAppError } from '../errors'
import type { EarlyWork } from './commands/cert'
import { startEarlyWork } from './early-work'
import { CHECK_SERVICE, flagFor, langFromArgv, makeContext, type CliIo, type CommandContext } from './context'
import { errorTexts } from '../messages/index'
import { version } from '../../package.json'

type Register = (program: Command, ctx: CommandContext, early: EarlyWork) => void

/**
 * Each command group, by the top-level commands it registers (one line per group). A group's module (and what it
 * pulls in: dockerode, ssh2, grpc, ...) is imported only when the command line names one of its commands, so
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
  { names: ['images'], load: async () => (await import('./commands/images')).registerImagesCommands },
  { names: ['mirror'], load: async () => (await import('./commands/mirror')).registerMirrorCommands },
  {
    names: ['catalog', 'delete', 'prune'],
    load: async () => (await import('./commands/manage')).registerManageCommands,
  },
  { names: ['check'], load: async () => (await import('./commands/check')).registerCheckCommands },
  { names: ['setup'], load: async () => (await import('./commands/setup')).registerSetupCommands },
  { names: ['k8s'], load: async () => (await import('./commands/k8s')).registerK8sCommands },
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

// `cert issue`'s early key generation: main/cli/early-work.ts (the bin starts it first thing, early-start.ts).
export { issueKeyType, startEarlyWork } from './early-work'

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_INVALID = 2
/** `check` follows the monitoring-plugin convention: a command line it cannot run is UNKNOWN (3), not 2. */
export const EXIT_UNKNOWN = 3
const invalidExit = (argv: readonly string[]): number =>
  argv.find((a, i) => !a.startsWith('-') && argv[i - 1] !== '--lang') === 'check'
    ? EXIT_UNKNOWN
    : EXIT_INVALID

/**
 * Writes to fd 1 or 2 with fs.writeSync: process.stdout / process.stderr are created only if a write cannot complete
 * at once (a non-blocking pipe that is full: EAGAIN), and from then on take every write, so the order stays. Creating
 * those streams loads Node's stream modules, a noticeable part of a short command's start (`--version`, `cert issue`).
 */
export function fdWriter(fd: 1 | 2, stream: () => NodeJS.WritableStream): (text: string) => void {
  let fallback: NodeJS.WritableStream | undefined
  return (text) => {
    if (fallback !== undefined) {
      fallback.write(text)
      return
    }
    let rest = Buffer.from(text)
    try {
      while (rest.length > 0) rest = rest.subarray(writeSync(fd, rest))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err
      fallback = stream()
      fallback.write(rest)
    }
  }
}

export function processIo(): CliIo {
  return {
    stdout: fdWriter(1, () => process.stdout),
    stderr: fdWriter(2, () => process.stderr),
    env: process.env,
    cwd: process.cwd(),
    // Read when a command asks (progress output, prompts): process.stderr is not created at start.
    get stderrTTY() {
      return process.stderr.isTTY
    },
  }
}

/** The program with the groups `argv` needs (every group for `['--help']`: what tests walking the CLI use). */
export async function buildProgram(
  ctx: CommandContext,
  argv: readonly string[],
  early: EarlyWork = {},
): Promise<Command> {
  const [{ Command }, registers] = await Promise.all([
    import('commander'),
    Promise.all(groupsFor(argv).map((g) => g.load())),
  ])
  const t = (key: string): string => ctx.tr.text(`cli.common.program.${key}`)
  const program = new Command('registry-wizard')
    .description(t('description'))
    .version(version, '-V, --version', t('version'))
    .option('--lang <lang>', t('lang'))
    .showHelpAfterError(t('helpAfterError'))
    .exitOverride()
  // Sub-commands inherit exit override, output, help words and help option (set on each, as commander copies
  // some settings only at creation).
  const apply = (cmd: Command): void => {
    cmd
      .exitOverride()
      .configureOutput({
        writeOut: ctx.io.stdout,
        writeErr: ctx.io.stderr,
        outputError: (text, write) => write(commanderError(ctx, text)),
      })
      .configureHelp({ styleTitle: (title) => helpTitle(ctx, title) })
      .helpOption('-h, --help', t('help'))
    cmd.commands.forEach(apply)
  }
  apply(program)
  program.helpCommand('help [command]', t('helpCommand'))
  for (const register of registers) register(program, ctx, early)
  program.commands.forEach(apply)
  return program
}

/** Commander's own parse errors (`error: unknown option '--x'`), by pattern: the catalogue key and its params. */
const COMMANDER_ERRORS: readonly [RegExp, string][] = [
  [/^error: unknown option '(?<option>[^']*)'/, 'unknownOption'],
  [/^error: unknown command '(?<command>[^']*)'/, 'unknownCommand'],
  [/^error: required option '(?<option>[^']*)' not specified/, 'requiredOption'],
  [/^error: missing required argument '(?<argument>[^']*)'/, 'missingArgument'],
  [/^error: option '(?<option>[^']*)' argument missing/, 'optionArgumentMissing'],
  [/^error: option '(?<option>[^']*)' argument '(?<value>[^']*)' is invalid/, 'optionArgumentInvalid'],
  [/^error: too many arguments/, 'tooManyArguments'],
]

/** A commander parse error in the run's language; its "(Did you mean --x?)" suggestion kept as data. */
function commanderError(ctx: CommandContext, text: string): string {
  if (ctx.lang === 'en') return text
  for (const [pattern, key] of COMMANDER_ERRORS) {
    const m = pattern.exec(text)
    if (m === null) continue
    const suggestion = /\(Did you mean (?<s>[^?]+)\?\)/.exec(text)?.groups?.['s']
    const line = `${ctx.tr.text('cli.common.label.error')}: ${ctx.tr.text(`cli.common.parse.${key}`, m.groups ?? {})}`
    const hint =
      suggestion === undefined ? '' : `\n${ctx.tr.text('cli.common.parse.didYouMean', { suggestion })}`
    return `${line}${hint}\n`
  }
  return text
}

/** Commander's help headings, in the run's language. */
const HELP_TITLES: Readonly<Record<string, string>> = {
  'Usage:': 'usage',
  'Options:': 'options',
  'Global Options:': 'globalOptions',
  'Commands:': 'commands',
  'Arguments:': 'arguments',
}
function helpTitle(ctx: CommandContext, title: string): string {
  const key = HELP_TITLES[title]
  return key === undefined ? title : ctx.tr.text(`cli.common.help.${key}`)
}

/**
 * Runs the CLI in-process and returns its exit code: 0 done, 1 operation failed, 2 invalid input.
 * Used by the bin entry and by tests.
 */
export async function runCli(
  argv: string[],
  io: CliIo = processIo(),
  // The bin passes what it started before this module loaded (early-start.ts); in-process callers start it here.
  early: EarlyWork = startEarlyWork(argv),
): Promise<number> {
  let exitCode = EXIT_OK
  const ctx = makeContext(
    io,
    (code) => {
      exitCode = Math.max(exitCode, code)
    },
    langFromArgv(argv),
  )
  try {
    const program = await buildProgram(ctx, argv, early)
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (err) {
    const { CommanderError } = await import('commander')
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) {
        return EXIT_OK
      }
      if (err.code === 'commander.help') return EXIT_OK
      const exit = invalidExit(argv)
      // A monitoring system reads stdout: the status line says UNKNOWN and why (commander wrote the details).
      if (exit === EXIT_UNKNOWN) {
        const why =
          commanderError(ctx, err.message)
            .replace(/^[^:]*:\s*/, '')
            .split('\n')[0]
            ?.trim() ?? ''
        io.stdout(`${CHECK_SERVICE} UNKNOWN - ${why}\n`)
      }
      return exit
    }
    const label = (k: string): string => ctx.tr.text(`cli.common.label.${k}`)
    if (isAppError(err)) {
      const texts = errorTexts(ctx.tr, err, 'cli', flagFor)
      io.stderr(`${label('error')}: ${texts.message}\n`)
      if (texts.hint !== undefined) io.stderr(`${label('hint')}: ${texts.hint}\n`)
      await explainForCli(err, ctx, texts.hint !== undefined)
      return err.kind === 'input' ? EXIT_INVALID : EXIT_FAILED
    }
    io.stderr(`${label('error')}: ${err instanceof Error ? err.message : String(err)}\n`)
    await explainForCli(err, ctx, false)
    return EXIT_FAILED
  }
}

/**
 * Known Docker / Go / x509 / Node failures read the same in the CLI as in the app and in verify: the catalogue's plain
 * explanation and fix of the diagnostics table's code (`explain.CODE`, the CLI's own fix where it names commands), in
 * the run's language (in English only where our own hint does not already say what to do).
 */
async function explainForCli(err: unknown, ctx: CommandContext, hinted: boolean): Promise<void> {
  // An English hint of ours already says what to do; the table adds words for raw failures and for Chinese.
  if (hinted && ctx.lang === 'en') return
  const { explainError, explainTexts } = await import('../diagnostics')
  const known = explainError(err as Parameters<typeof explainError>[0])
  if (known === undefined) return
  const text = explainTexts(ctx.tr, known, 'cli')
  const label = (k: string, params?: Record<string, string>): string =>
    ctx.tr.text(`cli.common.label.${k}`, params)
  ctx.io.stderr(`${label('why')}: ${text.explanation}\n${label('fix', { step: text.step })}: ${text.fix}\n`)
}
