import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { CLI_BIN } from './cli'
import { median, report } from './stats'
import { dockerCleanup, ensureRegistryImage, freePort, tempDir } from '../support/rw-reg-fixtures'

const run = promisify(execFile)

// `registry-wizard setup --plan` from nothing to a verified registry (ECDSA CA and certificate, registry:2 already on
// the engine, started and healthy, this machine's trust under a temp root, the bundle, verify with the push/pull round
// trip), beside the runbook's manual command sequence run as one script in the same run, alternating.
// The target's reference is the runbook's commands as written: RSA 2048 keys (`openssl genrsa -out server.key 2048`;
// the CA's from `req -new -x509` with openssl.cnf's default_bits), made non-interactive (-nodes -subj), with `openssl
// x509 -req` for its `openssl ca` (which needs an index and a serial file), then `docker run`, a curl poll every 0.1 s
// until /v2/ answers (the runbook has none: a person waits by hand) and the cp of ca.crt into certs.d.
// The same script with ECDSA P-256 keys (openssl's fastest) is timed too and printed beside it for information: there
// only the tools differ, not the key type the wizard picks by default.

type KeyKind = 'rsa' | 'ecdsa'

const CA_KEY: Record<KeyKind, string> = {
  rsa: '-newkey rsa:2048',
  ecdsa: '-newkey ec -pkeyopt ec_paramgen_curve:P-256',
}
const SERVER_KEY: Record<KeyKind, string> = {
  rsa: 'openssl genrsa -out certs/domain.key 2048 2>/dev/null',
  ecdsa: 'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out certs/domain.key',
}

/** The runbook's commands (/work/shared/RUNBOOK.md), as a person would paste them into a script. */
function manualScript(keys: KeyKind): string {
  return `set -e
cd "$1"; NAME="$2"; PORT="$3"
cat > openssl.cnf <<EOF
[req]
distinguished_name = dn
[dn]
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
[v3_req]
basicConstraints = CA:FALSE
keyUsage = digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1
EOF
openssl req -new -x509 -days 3650 ${CA_KEY[keys]} -nodes -keyout ca.key -out ca.crt \\
  -subj "/CN=Manual Registry CA" -config openssl.cnf -extensions v3_ca 2>/dev/null
mkdir -p certs
${SERVER_KEY[keys]}
openssl req -new -key certs/domain.key -out domain.csr -subj "/CN=127.0.0.1" -config openssl.cnf
openssl x509 -req -in domain.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out certs/domain.crt -days 825 \\
  -extfile openssl.cnf -extensions v3_req 2>/dev/null
docker run -d --restart=always --name "$NAME" -p "$PORT:5000" -v "$NAME-data:/var/lib/registry" \\
  -v "$PWD/certs:/certs:ro" -e REGISTRY_HTTP_TLS_CERTIFICATE=/certs/domain.crt \\
  -e REGISTRY_HTTP_TLS_KEY=/certs/domain.key registry:2 >/dev/null
until [ "$(curl -s -o /dev/null -w '%{http_code}' --cacert ca.crt "https://127.0.0.1:$PORT/v2/")" = 200 ]; do sleep 0.1; done
mkdir -p "root/etc/docker/certs.d/127.0.0.1:$PORT"
cp ca.crt "root/etc/docker/certs.d/127.0.0.1:$PORT/ca.crt"
`
}

function plan(name: string, port: number): string {
  return `version: 1
registry: { addresses: [127.0.0.1], port: ${port}, name: ${name}, volume: ${name}-data }
engine: { host: local }
ca: { dir: ./ca, create: { cn: Bench Registry CA, keyType: ecdsa-p256 } }
certificate: { dir: ./certs }
trust: { targets: [docker], root: ./root }
bundle: { out: ./bundle }
verify: { push: true }
`
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

export interface SetupBench {
  firstMs: number[]
  secondMs: number[]
  /** The runbook's commands as written (RSA 2048 keys): the target's reference. */
  manualMs: number[]
  /** The same commands with ECDSA P-256 keys: for information. */
  manualEcdsaMs: number[]
  ratio: number
  ok: boolean
}

/** Ours from nothing, then the second run on the same plan; the container and its volume are removed after. */
async function oursRun(root: string, id: string, out: SetupBench): Promise<void> {
  const name = `rw-plan-bench-${id}`
  try {
    const dir = join(root, `ours-${id}`)
    await fs.mkdir(dir)
    await fs.writeFile(join(dir, 'plan.yaml'), plan(name, await freePort()))
    const setup = () => run('node', [CLI_BIN, 'setup', '--plan', 'plan.yaml'], { cwd: dir })
    out.firstMs.push(await timed(setup))
    const second = await timed(async () => {
      const r = await setup()
      if (!r.stdout.includes('Nothing changed'))
        throw new Error(`second setup run changed something:\n${r.stdout}`)
    })
    out.secondMs.push(second)
  } finally {
    await dockerCleanup([name], [`${name}-data`])
  }
}

/** The manual script with `keys`, from nothing (its own folder, container and volume, removed after). */
async function manualRun(root: string, id: string, keys: KeyKind, into: number[]): Promise<void> {
  const mdir = join(root, `manual-${keys}-${id}`)
  await fs.mkdir(mdir)
  const port = String(await freePort())
  const name = `rw-plan-manual-${keys}-${id}`
  try {
    into.push(await timed(() => run('bash', ['-c', manualScript(keys), 'manual', mdir, name, port])))
  } finally {
    await dockerCleanup([name], [`${name}-data`])
  }
}

/**
 * One round: ours, the runbook's script and its ECDSA variant, each from nothing and each followed by the removal of
 * what it made (so every timed run comes after the same engine work); who goes first turns with the round.
 */
async function round(root: string, i: number, out: SetupBench): Promise<void> {
  const id = `${i}-${randomBytes(3).toString('hex')}`
  const runs = [
    () => oursRun(root, id, out),
    () => manualRun(root, id, 'rsa', out.manualMs),
    () => manualRun(root, id, 'ecdsa', out.manualEcdsaMs),
  ]
  for (let k = 0; k < runs.length; k++) await runs[(i + k) % runs.length]?.()
}

/**
 * Prints four lines: setup vs the runbook's commands (target <= 1.0x), vs the same commands with ECDSA keys (for
 * information: no target), setup's absolute time (target < 3 s) and the second run's (target < 1 s).
 */
export async function benchSetup(runs = 3): Promise<SetupBench> {
  await ensureRegistryImage()
  const root = await tempDir('rw-plan-bench-')
  const out: SetupBench = {
    firstMs: [],
    secondMs: [],
    manualMs: [],
    manualEcdsaMs: [],
    ratio: 0,
    ok: false,
  }
  try {
    for (let i = 0; i < runs; i++) await round(root.path, i, out)
  } finally {
    await root.cleanup()
  }
  const vsManual = report(
    'setup --plan, nothing to verified (vs runbook commands)',
    out.firstMs,
    out.manualMs,
    1.0,
  )
  const ecdsa = median(out.firstMs) / median(out.manualEcdsaMs)
  process.stdout.write(
    `  for information, vs the same commands with ECDSA P-256 keys: ${Math.round(median(out.manualEcdsaMs))} ms, ratio ${ecdsa.toFixed(2)} (no target)\n`,
  )
  const absolute = report('setup --plan, nothing to verified (vs 3 s)', out.firstMs, [3000], 1.0)
  const second = report('setup --plan, second run: nothing to do (vs 1 s)', out.secondMs, [1000], 1.0)
  out.ratio = Number(vsManual.ratio.toFixed(2))
  out.ok = vsManual.ok && absolute.ok && second.ok
  process.stdout.write(
    `  medians: first ${Math.round(median(out.firstMs))} ms, second ${Math.round(median(out.secondMs))} ms, manual ${Math.round(median(out.manualMs))} ms (ECDSA keys ${Math.round(median(out.manualEcdsaMs))} ms)\n`,
  )
  return out
}

if (process.argv[1]?.endsWith('setup.ts')) {
  void benchSetup(Number(process.env['BENCH_RUNS'] ?? 3)).then((r) => {
    process.exitCode = r.ok ? 0 : 1
  })
}
