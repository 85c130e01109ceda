import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { groupsFor } from '../../main/cli/program'
import { makeTmpDir } from '../support/fs-snapshot'

/**
 * The built CLI loads a command group's code only when the command line names it: `--version` and `cert ...` must
 * not pay for dockerode / ssh2 / grpc at start-up (timings are in `npm run bench`; this checks what gets loaded).
 */
const ROOT = resolve(__dirname, '../..')
const BIN = join(ROOT, 'out/cli/registry-wizard.js')
// dockerode and docker-modem are bundled into the CLI's docker chunk; split-ca, a package of theirs left in
// node_modules, shows when that chunk loads.
const HEAVY = ['dockerode', 'docker-modem', 'split-ca', 'ssh2', '@grpc/grpc-js', 'systeminformation', 'archiver']
const work = makeTmpDir('rw-cli-startup-')

/** npm packages the built bin loaded for `args`, run from an unrelated working directory. */
function packagesLoaded(args: string[]): string[] {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build:cli\` first`)
  const out = join(work, 'loaded.txt')
  rmSync(out, { force: true })
  execFileSync(process.execPath, ['--import', join(__dirname, 'loaded-packages.mjs'), BIN, ...args], {
    cwd: work,
    env: { ...process.env, RW_LOADED_OUT: out },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const names = readFileSync(out, 'utf8')
    .split('\n')
    .map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1])
    .filter((n): n is string => n !== undefined)
  return [...new Set(names)].sort()
}

describe('CLI start-up loads only what the command needs', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('--version loads no command group and no npm package from node_modules, from any working directory', () => {
    // commander and i18next (the catalogue every command speaks through) are bundled into the bin.
    expect(packagesLoaded(['--version'])).toEqual([])
    expect(execFileSync(process.execPath, [BIN, '--version'], { cwd: work, encoding: 'utf8' }).trim()).toBe(
      (JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version,
    )
  })

  it('cert inspect loads none of dockerode, ssh2, grpc', () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(work, 'k.pem'), '-out', join(work, 'c.pem'), '-subj', '/CN=x', '-addext', 'subjectAltName=IP:192.168.20.10', '-days', '30'], { stdio: 'ignore' })
    const loaded = packagesLoaded(['cert', 'inspect', join(work, 'c.pem')])
    expect(loaded.filter((p) => HEAVY.includes(p))).toEqual([])
  })

  it('registry ... does load the Docker client (the check above can see it: split-ca comes with it)', () => {
    expect(packagesLoaded(['registry', '--help'])).toContain('split-ca')
  })

  it('--help and an unknown command see every group; a named group loads only itself', () => {
    const all = groupsFor(['--help']).flatMap((g) => g.names)
    expect(all).toEqual([
      'ca',
      'cert',
      'engine',
      'registry',
      'verify',
      'images',
      'mirror',
      'catalog',
      'delete',
      'prune',
      'check',
      'setup',
      'k8s',
      'trust',
      'bundle',
      'drives',
    ])
    expect(groupsFor([]).flatMap((g) => g.names)).toEqual(all)
    expect(groupsFor(['certs']).flatMap((g) => g.names)).toEqual(all)
    expect(groupsFor(['--version'])).toEqual([])
    expect(groupsFor(['cert', 'inspect', 'x.crt', '--json']).flatMap((g) => g.names)).toEqual(['cert'])
    expect(groupsFor(['help', 'drives']).flatMap((g) => g.names)).toEqual(['trust', 'bundle', 'drives'])
    const help = execFileSync(process.execPath, [BIN, '--help'], { cwd: work, encoding: 'utf8' })
    for (const name of all) expect(help).toMatch(new RegExp(`^  ${name}\\b`, 'm'))
  })
})
