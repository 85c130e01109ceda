import { promises as fs } from 'node:fs'
import { resolve } from 'node:path'
import type { CopyBundleOptions, RemovableDrive } from '../drives/index'
import { AppError, invalidInput } from '../errors'

/** Where a CLI run reads and writes: injected so tests run the CLI in-process with captured output. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
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
}

export function makeContext(io: CliIo, setExitCode: (code: number) => void): CommandContext {
  return { io, setExitCode, path: (p) => resolve(io.cwd, p) }
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
    throw invalidInput(field, path, 'its first line is empty; put the secret on its first line')
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

/** Input files (certificates, keys, chains) are read up to this size: a PEM certificate is a few KB. */
export const MAX_INPUT_FILE_BYTES = 4 * 1024 * 1024
const MAX_SECRET_FILE_BYTES = 64 * 1024

function errnoOf(err: unknown): string {
  return err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : 'unreadable'
}

/** Reads at most `max` bytes of a file (so /dev/zero or a huge file fails fast) as UTF-8; more is invalid input. */
async function readBounded(ctx: CommandContext, path: string, field: string, max: number): Promise<string> {
  let handle: fs.FileHandle
  try {
    handle = await fs.open(ctx.path(path), 'r')
  } catch (err) {
    throw invalidInput(field, path, `the file must exist and be readable (${errnoOf(err)})`)
  }
  try {
    const buf = Buffer.allocUnsafe(max + 1)
    let total = 0
    for (;;) {
      const { bytesRead } = await handle.read(buf, total, buf.length - total, null)
      if (bytesRead === 0) break
      total += bytesRead
      if (total > max) {
        throw invalidInput(
          field,
          path,
          `the file is larger than ${Math.round(max / 1024)} KiB; give the PEM file itself (a certificate is a few KB)`,
          'INPUT_TOO_LARGE',
        )
      }
    }
    return buf.subarray(0, total).toString('utf8')
  } catch (err) {
    if (err instanceof AppError) throw err
    throw invalidInput(field, path, `the file must be a readable file (${errnoOf(err)})`)
  } finally {
    await handle.close()
  }
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
  if (!/^\d+$/.test(value.trim()))
    throw invalidInput(field, value, `a whole number from 1 to ${max} is allowed`)
  const n = Number(value)
  if (n < 1 || n > max) throw invalidInput(field, value, `a whole number from 1 to ${max} is allowed`)
  return n
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

export { AppError }
