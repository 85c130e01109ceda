// The certificate commands' command lines, as the tests of tests/pki (and others) run them: one place for the
// options every run of them names.

/** `cert issue --ca-dir CA --out OUT ...rest`. */
export function issueArgs(caDir: string, out: string, ...rest: string[]): string[] {
  return ['cert', 'issue', '--ca-dir', caDir, '--out', out, ...rest]
}

/** `ca import --dir DIR --cert CERT --key KEY ...rest` (`--chain`, `--passphrase-file`, `--json`...). */
export function importArgs(dir: string, cert: string, key: string, ...rest: string[]): string[] {
  return ['ca', 'import', '--dir', dir, '--cert', cert, '--key', key, ...rest]
}
