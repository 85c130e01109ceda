import { resolve } from 'node:path'
import type { CopyBundleOptions, RemovableDrive } from '../drives/index'
import { AppError, invalidInput } from '../errors'
import { MAX_INPUT_FILE_BYTES, readInputText } from '../fs/read-input'
import {
  createTranslator,
  langFromEnv,
  message,
  pickLang,
  type Lang,
  type Translator,
} from '../messages/index'

/** Where a CLI run reads and writes: injected so tests run the CLI in-process with captured output. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
  /** stderr is a terminal: progress may rewrite one status line (else it prints whole lines only). */
  stderrTTY?: boolean | undefined
  /**
   * Tests only: the removable-drive lister (default: systeminformation; a test returns a real loop-mounted image)
   * and a hook between writing a drive and re-reading it (a test damages the image there).
   */
  drives?:
    { list?: () => Promise<RemovableDrive[]>; afterWrite?: CopyBundleOptions['afterWrite'] } | undefined
}

export interface CommandContext {
  io: CliIo
  /** Sets the exit code for a run that finished but found a failure (e.g. a failed check): 1. */
  setExitCode: (code: number) => void
  /** Resolves a user-given path against the run's working directory. */
  path: (p: string) => string
  /** The language every command prints in: `--lang`, else the locale (LC_ALL, LC_MESSAGES, LANG). */
  lang: Lang
  /** The catalogue in that language: `ctx.tr.text('cli.ca.created', { caDir })`. */
  tr: Translator
}

export function makeContext(io: CliIo, setExitCode: (code: number) => void, lang?: Lang): CommandContext {
  const chosen = lang ?? langFromEnv(io.env)
  return { io, setExitCode, path: (p) => resolve(io.cwd, p), lang: chosen, tr: createTranslator(chosen) }
}

/**
 * The language a command line asks for with `--lang X` / `--lang=X` (read before commander runs, so help and
 * every message are in that language), or undefined. Anything zh-* is simplified Chinese.
 */
export function langFromArgv(argv: readonly string[]): Lang | undefined {
  let lang: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (a === '--') break
    if (a === '--lang') lang = argv[i + 1]
    else if (a.startsWith('--lang=')) lang = a.slice('--lang='.length)
  }
  return lang === undefined ? undefined : pickLang(lang)
}

/** Request fields whose CLI flag is not simply the field in kebab case (`caDir` -> `--ca-dir`). */
const FIELD_FLAGS: Readonly<Record<string, string>> = {
  // Certificates (CreateCaRequest, ImportCaRequest, IssueServerCertRequest -> ca create/import, cert issue)
  commonName: '--cn',
  organization: '--org',
  organizationalUnit: '--ou',
  certPath: '--cert',
  chainPath: '--chain',
  keyPath: '--key',
  outDir: '--out',
  passphrase: '--passphrase-file',
  sans: '--ip/--dns',
  // Mirror (StartMirrorInput -> mirror start)
  upstreamCaPem: '--upstream-ca',
  upstreamPassword: '--upstream-password-file',
  // Images (ImportInput.files, ExportInput.refs -> images import FILE..., images export REF...)
  files: 'FILE',
  refs: 'REF',
  // Day 2 (delete REFERENCE, prune --older-than)
  reference: 'REFERENCE',
  olderThanDays: '--older-than',
}

/** How the CLI names a request field in messages: its flag. Fields already written as flags stay as they are. */
export function flagFor(field: string): string {
  const own = FIELD_FLAGS[field]
  if (own !== undefined) return own
  if (field.startsWith('-') || !/^[a-z][A-Za-z0-9]*$/.test(field)) return field
  return `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
}

/** Prints a value as stable, 2-space-indented JSON followed by a newline. */
export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.io.stdout(`${JSON.stringify(value, null, 2)}\n`)
}

/**
 * Reads a secret (passphrase, password) from a file given on the command line: secrets never go on the command
 * line itself, where `ps` and shell history would show them. The secret is the file's first line (without its line
 * end); anything after it is ignored.
 */
export async function readSecretFile(ctx: CommandContext, path: string, field: string): Promise<string> {
  const text = await readBounded(ctx, path, field, MAX_SECRET_FILE_BYTES)
  const secret = text.split(/\r?\n/, 1)[0] ?? ''
  if (secret.length === 0)
    throw new AppError({
      code: 'SECRET_FILE_EMPTY',
      kind: 'input',
      field,
      params: { value: JSON.stringify(path) },
    })
  return secret
}

/** readSecretFile for an optional option: undefined when the option was not given. */
export async function readOptionalSecretFile(
  ctx: CommandContext,
  path: string | undefined,
  field: string,
): Promise<string | undefined> {
  return path === undefined ? undefined : readSecretFile(ctx, path, field)
}

export { MAX_INPUT_FILE_BYTES }
const MAX_SECRET_FILE_BYTES = 64 * 1024

/** Reads at most `max` bytes of a file (so /dev/zero or a huge file fails fast) as UTF-8; more is invalid input. */
function readBounded(ctx: CommandContext, path: string, field: string, max: number): Promise<string> {
  return readInputText(ctx.path(path), field, { max, shown: path })
}

/**
 * Reads a text file named by an option, at most MAX_INPUT_FILE_BYTES; a missing, unreadable or oversized file is
 * invalid input naming the option.
 */
export async function readInputFile(ctx: CommandContext, path: string, field: string): Promise<string> {
  return readBounded(ctx, path, field, MAX_INPUT_FILE_BYTES)
}

/** Parses a whole positive number option (days, port...). */
export function parsePositiveInt(field: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  const allowed = message('input.allowed.wholeNumber', { max })
  if (!/^\d+$/.test(value.trim())) throw invalidInput(field, value, allowed)
  const n = Number(value)
  if (n < 1 || n > max) throw invalidInput(field, value, allowed)
  return n
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

export { AppError }

/** The service name of `check`'s status line (`REGISTRY OK - ...`), also on a command line it cannot run. */
export const CHECK_SERVICE = 'REGISTRY'
