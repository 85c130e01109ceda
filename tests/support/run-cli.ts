import { runCli } from '../../main/cli/program'
import type { CliIo } from '../../main/cli/context'

/** An in-process CLI io that records what the run prints. */
export function captureIo(
  cwd: string,
  env: NodeJS.ProcessEnv,
): { io: CliIo; out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return {
    io: {
      stdout: (t) => {
        out += t
      },
      stderr: (t) => {
        err += t
      },
      env,
      cwd,
    },
    out: () => out,
    err: () => err,
  }
}

/** Runs the CLI in-process in `cwd` with exactly `env` (same code path as the bin entry); returns code and output. */
export async function runCliIn(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  const c = captureIo(cwd, env)
  const code = await runCli(args, c.io)
  return { code, out: c.out(), err: c.err() }
}

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI in-process with this process's environment. */
export async function cli(args: string[], cwd = process.cwd()): Promise<CliRun> {
  const r = await runCliIn(cwd, args, process.env)
  return { code: r.code, stdout: r.out, stderr: r.err }
}
