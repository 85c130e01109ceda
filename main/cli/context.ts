import { promises as fs } from 'node:fs'
import { resolve } from 'node:path'
import { AppError, invalidInput } from '../errors'

/** Where a CLI run reads and writes: injected so tests run the CLI in-process with captured output. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
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
 * line itself, where `ps` and shell history would show them. One trailing newline is dropped.
 */
export async function readSecretFile(ctx: CommandContext, path: string, field: string): Promise<string> {
  let text: string
  try {
    text = await fs.readFile(ctx.path(path), 'utf8')
  } catch (err) {
    const reason =
      err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : 'unreadable'
    throw invalidInput(field, path, `the file must exist and be readable (${reason})`)
  }
  const secret = text.replace(/\r?\n$/, '')
  if (secret.length === 0)
    throw invalidInput(field, path, 'the file is empty; put the secret on its first line')
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

/** Reads a text file named by an option; a missing or unreadable file is invalid input naming the option. */
export async function readInputFile(ctx: CommandContext, path: string, field: string): Promise<string> {
  try {
    return await fs.readFile(ctx.path(path), 'utf8')
  } catch (err) {
    const reason =
      err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : 'unreadable'
    throw invalidInput(field, path, `the file must exist and be readable (${reason})`)
  }
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
