import { execFile } from 'node:child_process'
import { AppError } from '../errors'
import { message, type Message } from '../messages/index'

export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs one privileged command (no shell: argv as given). The CLI uses {@link directRunner} when it already is root;
 * the GUI plugs in an elevation prompt. A failed command resolves with its exit code; callers decide.
 */
export interface CommandRunner {
  run(argv: readonly string[]): Promise<CommandResult>
}

/** Runs a read-only query command (status of the macOS keychain or the Windows store). */
export type QueryRunner = (argv: readonly string[]) => Promise<CommandResult>

function execArgv(argv: readonly string[]): Promise<CommandResult> {
  const [file, ...args] = argv
  if (file === undefined) return Promise.reject(new Error('empty command'))
  return new Promise((resolve) => {
    execFile(file, args, { encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) => {
      if (err === null) {
        resolve({ code: 0, stdout, stderr })
        return
      }
      const code = typeof err.code === 'number' ? err.code : 127
      resolve({ code, stdout, stderr: stderr || err.message })
    })
  })
}

/** Runs commands directly as the current user (the CLI, when root on the real system). */
export const directRunner: CommandRunner = { run: execArgv }

export const directQuery: QueryRunner = execArgv

/** A store command that exited non-zero; `undone` says what became of the earlier changes (set by applyPlans). */
export function commandFailed(
  argv: readonly string[],
  result: CommandResult,
  undone: Message = message('fs.undone.nothing'),
): AppError {
  const output = (result.stderr || result.stdout).trim().split('\n').slice(-5).join('\n')
  const params = {
    command: argv.join(' '),
    exitCode: result.code,
    output: output === '' ? message('trust.command.noOutput') : output,
    undone,
  }
  if (result.code === 127) {
    return new AppError({
      code: 'TRUST_COMMAND_NOT_FOUND',
      params: { ...params, program: argv[0] ?? '' },
    })
  }
  return new AppError({ code: 'TRUST_COMMAND_FAILED', params })
}
