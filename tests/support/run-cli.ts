import { runCli } from '../../main/cli/program'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI in-process with captured output (same code path as the bin entry). */
export async function cli(args: string[], cwd = process.cwd()): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: process.env,
    cwd,
  })
  return { code, stdout, stderr }
}
