import { exec } from '@vscode/sudo-prompt'
import { shellQuote } from '../shell/quote'

/** One privileged command: program and arguments, never a shell string built from user input. */
export interface PrivilegedCommand {
  program: string
  args: string[]
}

export interface CommandOutput {
  stdout: string
  stderr: string
}

/** The runner the trust core takes: runs commands (as root on Linux/macOS, elevated on Windows). */
export type PrivilegedRunner = (commands: PrivilegedCommand[]) => Promise<CommandOutput>

/** Windows: PowerShell-style quoting for cmd /c through sudo-prompt's elevation. */
function windowsQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./\\-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '""')}"`
}

export function toShellLine(
  commands: PrivilegedCommand[],
  platform: NodeJS.Platform = process.platform,
): string {
  const quote = platform === 'win32' ? windowsQuote : shellQuote
  return commands.map((c) => [c.program, ...c.args].map(quote).join(' ')).join(' && ')
}

type Exec = typeof exec

/**
 * An elevating runner: all the commands of one trust change go through ONE prompt (pkexec / osascript / UAC via
 * @vscode/sudo-prompt), joined with && so a failure stops the rest. `execImpl` is injectable for tests.
 */
export function createElevatedRunner(appName = 'Registry Wizard', execImpl: Exec = exec): PrivilegedRunner {
  return (commands) =>
    new Promise((resolve, reject) => {
      if (commands.length === 0) {
        resolve({ stdout: '', stderr: '' })
        return
      }
      execImpl(toShellLine(commands), { name: appName }, (error, stdout, stderr) => {
        const out = { stdout: String(stdout ?? ''), stderr: String(stderr ?? '') }
        if (error) reject(Object.assign(error, out))
        else resolve(out)
      })
    })
}
