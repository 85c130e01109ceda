import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, tempDir } from '../support/rw-reg-fixtures'

// What `setup` loads from node_modules (the speed of its first run, issue 15): yaml and smol-toml are bundled into the
// CLI, and what setup never uses (debug output without DEBUG, bcrypt without logins, tar without an archive, the
// build-context ignore files, ajv formats no Kubernetes model has) is not loaded at all. Timings are in `npm run bench` (tests/bench/setup.ts).

const ROOT = resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'out/cli/registry-wizard.js')
const NOT_LOADED = [
  'yaml',
  'smol-toml',
  'debug',
  'bcryptjs',
  'tar',
  '@balena/dockerignore',
  // ajv formats no Kubernetes model uses (the bundle's manifests load the validator: see vite.cli.config.ts)
  'ajv-formats-draft2019',
  'is-cidr',
]

let dir: Awaited<ReturnType<typeof tempDir>>

beforeAll(async () => {
  dir = await tempDir('rw-plan-startup-')
  const port = await freePort()
  await writeFile(
    join(dir.path, 'plan.yaml'),
    `version: 1
registry: { addresses: [127.0.0.1], port: ${port}, name: rw-plan-startup }
engine: { host: local }
ca: { dir: ./ca, create: { cn: Startup Test CA } }
certificate: { dir: ./certs }
trust: { targets: [docker, containerd], root: ./root }
bundle: { out: ./bundle }
`,
  )
})

afterAll(async () => {
  await dir.cleanup()
})

/** npm packages the built bin loaded for `args` in the plan's folder. */
function packagesLoaded(args: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build:cli\` first`)
  const out = join(dir.path, 'loaded.txt')
  execFileSync(
    process.execPath,
    ['--import', join(ROOT, 'tests/release/loaded-packages.mjs'), BIN, ...args],
    { cwd: dir.path, env: { ...env, RW_LOADED_OUT: out }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const names = readFileSync(out, 'utf8')
    .split('\n')
    .map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1])
    .filter((n): n is string => n !== undefined)
  return [...new Set(names)].sort()
}

describe('setup --plan loads only what it uses', () => {
  it('a dry run (every step looked at, the engine asked) loads none of yaml, smol-toml, debug, bcryptjs, tar', () => {
    const env = { ...process.env, DEBUG: '' }
    const loaded = packagesLoaded(['setup', '--plan', 'plan.yaml', '--dry-run'], env)
    // The engine was asked (its client's own package shows); the plan itself was read with yaml (bundled); the
    // bundle step loaded the Kubernetes models' validator (ajv).
    expect(loaded).toContain('split-ca')
    expect(loaded).toContain('ajv')
    expect(loaded.filter((p) => NOT_LOADED.includes(p))).toEqual([])
  })

  it('with DEBUG set, the Docker client prints its debug output as before (debug loads)', () => {
    const loaded = packagesLoaded(['setup', '--plan', 'plan.yaml', '--dry-run'], {
      ...process.env,
      DEBUG: 'rw-none',
    })
    expect(loaded).toContain('debug')
  })
})
