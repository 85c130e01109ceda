/**
 * POSIX shell quoting, one rule for every script and command line we print or run: a word of only safe characters
 * stays bare; anything else is single-quoted (nothing inside expands; a quote becomes '\''). NUL cannot be passed.
 */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/

export function shellQuote(arg: string): string {
  if (arg.includes('\0')) throw new Error('internal error: a shell argument cannot hold a NUL byte')
  return SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}

/** A command line: each argument quoted, joined with spaces. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ')
}
