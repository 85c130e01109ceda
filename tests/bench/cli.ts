import { execFileSync } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeTmpDir } from '../support/fs-snapshot'
import { report, timeRuns } from './stats'

/**
 * BENCH_ONLY (comma-separated; unset = everything): is this figure (or group) selected? `cli` selects every CLI
 * figure, `cli-issue` both `cert issue` figures, `cli-issue-ec` / `cli-issue-rsa` one of them.
 */
export function benchSelected(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const only = (env['BENCH_ONLY'] ?? '')
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '')
  if (only.length === 0) return true
  return only.some((w) => w === name || w.startsWith(`${name}-`) || name.startsWith(`${w}-`))
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const CLI_BIN = join(ROOT, process.env['RW_CLI_DIR'] ?? 'out/cli', 'registry-wizard.js')

/**
 * The built CLI's start-up and `cert issue`, each beside its reference in the same run (alternated, median of RUNS):
 * - `registry-wizard --version` and `cert inspect FILE` against `node -e 0` (target <= 2x: command groups load lazily);
 * - `cert issue` with the default ECDSA P-256 key from an ECDSA CA, against `openssl req -newkey ec -pkeyopt
 *   ec_paramgen_curve:P-256` + `openssl x509 -req` with the same SANs and the same CA (for the record), and
 *   against `node -e 0` (target <= 2x: openssl finishes before Node has started);
 * - `cert issue --key-type rsa-2048` from an RSA 4096 CA, against `openssl req -newkey rsa:2048` + `openssl x509 -req`
 *   (target <= 1x).
 */
export async function benchCli(runs = 20): Promise<boolean> {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: run \`npm run build:cli\` first`)
  const dir = makeTmpDir('rw-bench-cli-')
  try {
    return await pairs(dir, runs)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The runbook's two commands: a key and CSR, then the CA signs it with the SANs. */
function opensslIssue(dir: string) {
  const openssl = (args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' })
  }
  return (ca: string, name: string, newkey: string[], extfile: string) => (i: number) => {
    const out = (f: string): string => join(dir, `openssl-${name}-${i}.${f}`)
    openssl([
      'req',
      '-new',
      ...newkey,
      '-nodes',
      '-keyout',
      out('key'),
      '-out',
      out('csr'),
      '-subj',
      '/CN=192.168.20.10',
    ])
    openssl([
      'x509',
      '-req',
      '-in',
      out('csr'),
      '-CA',
      join(ca, 'ca.crt'),
      '-CAkey',
      join(ca, 'ca.key'),
      '-CAcreateserial',
      '-CAserial',
      join(dir, `${name}.srl`),
      '-days',
      '825',
      '-sha256',
      '-extfile',
      extfile,
      '-out',
      out('crt'),
    ])
  }
}

/** The CAs, a leaf to inspect, and `cert issue` by us and by the runbook's openssl commands, all in `dir`. */
function commands(dir: string) {
  const node = (args: string[]): void => {
    execFileSync(process.execPath, args, { cwd: dir, stdio: 'ignore' })
  }
  const caDir = join(dir, 'ca')
  node([CLI_BIN, 'ca', 'create', '--dir', caDir, '--cn', 'Bench CA', '--key-type', 'rsa-4096'])
  const ecCaDir = join(dir, 'ec-ca')
  node([CLI_BIN, 'ca', 'create', '--dir', ecCaDir, '--cn', 'Bench ECDSA CA'])
  const leaf = join(dir, 'leaf')
  node([CLI_BIN, 'cert', 'issue', '--ca-dir', caDir, '--out', leaf, '--ip', '192.168.20.10'])
  const ext = (usage: string): string => {
    const file = join(dir, `ext-${usage}.cnf`)
    writeFileSync(
      file,
      `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,${usage}\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:192.168.20.10,DNS:registry.lan\nauthorityKeyIdentifier=keyid\n`,
    )
    return file
  }
  const rsaExt = ext('digitalSignature,keyEncipherment')
  const ecExt = ext('digitalSignature')
  const ours = (ca: string, name: string, flags: string[]) => (i: number) =>
    node([
      CLI_BIN,
      'cert',
      'issue',
      '--ca-dir',
      ca,
      '--out',
      join(dir, `ours-${name}-${i}`),
      '--ip',
      '192.168.20.10',
      '--dns',
      'registry.lan',
      ...flags,
    ])
  const theirs = opensslIssue(dir)
  return { node, ours, theirs, caDir, ecCaDir, leaf, rsaExt, ecExt }
}

async function pairs(dir: string, runs: number): Promise<boolean> {
  const { node, ours, theirs, caDir, ecCaDir, leaf, rsaExt, ecExt } = commands(dir)
  const ok: boolean[] = []
  const pair = async (
    key: string,
    name: string,
    target: number,
    ours: (i: number) => void,
    reference: (i: number) => void,
  ) => {
    if (!benchSelected(key)) return
    const a: number[] = []
    const b: number[] = []
    for (let i = 0; i < runs; i++) {
      a.push(...(await timeRuns(1, () => ours(i))))
      b.push(...(await timeRuns(1, () => reference(i))))
    }
    ok.push(report(name, a, b, target).ok)
  }
  const nodeBaseline = (): void => node(['-e', '0'])

  await pair(
    'cli-version',
    'CLI --version (vs node -e 0)',
    2,
    () => node([CLI_BIN, '--version']),
    nodeBaseline,
  )
  await pair(
    'cli-inspect',
    'CLI cert inspect FILE (vs node -e 0)',
    2,
    () => node([CLI_BIN, 'cert', 'inspect', join(leaf, 'domain.crt')]),
    nodeBaseline,
  )
  // ECDSA: openssl's two commands (~10 ms each) finish before Node itself has started, so the honest reference for
  // "instant" is a cold start: issuing costs no more than `--version` may (<= 2x node -e 0). openssl's figure is
  // printed beside it for the record.
  await pair(
    'cli-issue-ec',
    'CLI cert issue ECDSA P-256 (vs node -e 0)',
    2,
    ours(ecCaDir, 'ec', []),
    nodeBaseline,
  )
  await pair(
    'cli-issue-ec',
    'CLI cert issue ECDSA P-256 (vs openssl req -newkey ec P-256 + x509; for the record, no target)',
    Number.POSITIVE_INFINITY,
    ours(ecCaDir, 'ec-rec', []),
    theirs(ecCaDir, 'ec-rec', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], ecExt),
  )
  await pair(
    'cli-issue-rsa',
    'CLI cert issue RSA 2048 (vs openssl req -newkey rsa:2048 + x509)',
    1,
    ours(caDir, 'rsa', ['--key-type', 'rsa-2048']),
    theirs(caDir, 'rsa', ['-newkey', 'rsa:2048'], rsaExt),
  )
  return ok.every(Boolean)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void benchCli(Number(process.env['BENCH_RUNS'] ?? 20)).then((ok) => {
    process.exitCode = ok ? 0 : 1
  })
}
