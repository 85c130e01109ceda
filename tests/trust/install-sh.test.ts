import { spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../main/bundle/export-bundle'
import { findPrivateKeys, listFiles } from '../../main/bundle/verify-bundle'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { parseRegistryAddresses } from '../../main/trust/registry-address'
import { trustStatus } from '../../main/trust/trust-service'
import type { TrustCa } from '../../main/trust/types'
import { makeTestCa } from './fixtures'

const TEMPLATES = join(__dirname, '../../main/bundle/templates')
const registries = parseRegistryAddresses(['192.168.20.10:5000', 'registry.lan:5000'])
let work: string
let bundle: string
let ca: TrustCa

beforeAll(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'rw-trust-sh-'))
  ca = parseTrustCa((await makeTestCa()).certPem)
  bundle = (await exportBundle({ ca, registries, outDir: work })).dir
  // Stubs for the store update commands: they record their calls instead of touching this machine.
  await fs.mkdir(join(work, 'stubs'))
  for (const cmd of ['update-ca-trust', 'update-ca-certificates']) {
    await fs.writeFile(join(work, 'stubs', cmd), `#!/bin/sh\necho "${cmd} $*" >> "$STUB_LOG"\n`, { mode: 0o755 })
  }
})
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true })
})

interface Run {
  code: number
  out: string
  calls: string[]
}

async function run(shell: string[], root: string, args: string[], bundleDir = bundle): Promise<Run> {
  const log = join(work, `calls-${Date.now()}-${Math.random()}`)
  const r = spawnSync(shell[0] ?? 'sh', [...shell.slice(1), join(bundleDir, 'install.sh'), '--root', root, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${join(work, 'stubs')}:${process.env.PATH ?? ''}`, STUB_LOG: log },
  })
  const calls = (await fs.readFile(log, 'utf8').catch(() => '')).split('\n').map((l) => l.trim()).filter(Boolean)
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}`, calls }
}

async function makeRoot(osRelease: string, extraDirs: string[] = []): Promise<string> {
  const root = await fs.mkdtemp(join(work, 'root-'))
  await fs.mkdir(join(root, 'etc'), { recursive: true })
  await fs.writeFile(join(root, 'etc/os-release'), osRelease)
  for (const d of extraDirs) await fs.mkdir(join(root, d), { recursive: true })
  return root
}

async function snapshot(root: string): Promise<string[]> {
  const files = await listFiles(root)
  return Promise.all(files.map(async (f) => `${f} ${(await fs.readFile(join(root, f))).toString('base64').slice(0, 40)}`))
}

describe('install.sh', () => {
  it('passes shellcheck (install.sh and install-macos.sh)', () => {
    const r = spawnSync('shellcheck', ['-s', 'sh', join(TEMPLATES, 'install.sh'), join(TEMPLATES, 'install-macos.sh')], { encoding: 'utf8' })
    expect(r.stdout + r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it.each([
    ['dash', ['dash'], 'ID="centos"\nID_LIKE="rhel fedora"', 'etc/pki/ca-trust/source/anchors', 'update-ca-trust extract'],
    ['busybox sh', ['busybox', 'sh'], 'ID="centos"\nID_LIKE="rhel fedora"', 'etc/pki/ca-trust/source/anchors', 'update-ca-trust extract'],
    ['dash', ['dash'], 'ID="sles"\nID_LIKE="suse"', 'etc/pki/trust/anchors', 'update-ca-certificates'],
    ['busybox sh', ['busybox', 'sh'], 'ID="opensuse-leap"\nID_LIKE="suse opensuse"', 'etc/pki/trust/anchors', 'update-ca-certificates'],
    ['bash --posix', ['bash', '--posix'], 'ID=ubuntu\nID_LIKE=debian', 'usr/local/share/ca-certificates', 'update-ca-certificates'],
  ])('%s, %j: installs, is idempotent, uninstalls exactly, agrees with the CLI', async (_name, shell, osRelease, anchors, update) => {
    const root = await makeRoot(osRelease, ['etc/containers', 'etc/containerd'])
    const before = await snapshot(root)

    const dry = await run(shell, root, ['--dry-run'])
    expect(dry.code, dry.out).toBe(0)
    expect(dry.out).toContain(`would write: ${root}/etc/docker/certs.d/192.168.20.10:5000/ca.crt`)
    expect(dry.out).toContain(`would run: ${update}`)
    expect(dry.calls).toEqual([])
    expect(await snapshot(root)).toEqual(before)

    const first = await run(shell, root, [])
    expect(first.code, first.out).toBe(0)
    expect(first.calls).toEqual([update])
    expect(first.out).toMatch(/restart/)
    expect(first.out).toMatch(/config_path/)
    const anchorFiles = await fs.readdir(join(root, anchors))
    expect(anchorFiles).toHaveLength(1)
    expect(await fs.readFile(join(root, anchors, anchorFiles[0] ?? ''), 'utf8')).toBe(ca.pem)

    // The CLI's own status sees exactly what install.sh wrote (same files, same hosts.toml text).
    const status = await trustStatus({ env: { root, platform: 'linux', home: '/root' }, ca, registries })
    expect(status.map((s) => [s.target, s.installed])).toEqual([
      ['docker', true],
      ['podman', true],
      ['containerd', true],
      ['os', true],
    ])

    const installed = await snapshot(root)
    const second = await run(shell, root, [])
    expect(second.code, second.out).toBe(0)
    expect(second.calls).toEqual([])
    expect(second.out).toContain('registry-trust: no changes')
    expect(await snapshot(root)).toEqual(installed)

    const un = await run(shell, root, ['--uninstall'])
    expect(un.code, un.out).toBe(0)
    expect(un.calls).toEqual([update])
    expect(await snapshot(root)).toEqual(before)
    expect((await run(shell, root, ['--uninstall'])).calls).toEqual([])
  })

  it('--registry replaces registries.txt and may be repeated', async () => {
    const root = await makeRoot('ID=debian')
    const r = await run(['dash'], root, ['--registry', '10.1.2.3:5000', '--registry=reg2.lan:443'])
    expect(r.code, r.out).toBe(0)
    expect(await listFiles(join(root, 'etc/docker/certs.d'))).toEqual(['10.1.2.3:5000/ca.crt', 'reg2.lan:443/ca.crt'])
    const bad = await run(['dash'], root, ['--registry', 'a b'])
    expect(bad.code).not.toBe(0)
    expect(bad.out).toMatch(/--registry: "a b" is not valid/)
  })

  it('refuses a tampered ca.crt before doing anything', async () => {
    const copy = join(work, 'tampered')
    await fs.cp(bundle, copy, { recursive: true })
    const other = parseTrustCa((await makeTestCa('Attacker CA')).certPem)
    await fs.writeFile(join(copy, 'ca.crt'), other.pem)
    for (const shell of [['dash'], ['busybox', 'sh']]) {
      const root = await makeRoot('ID=debian')
      const before = await snapshot(root)
      const r = await run(shell, root, [], copy)
      expect(r.code).toBe(1)
      expect(r.out).toMatch(/does not match its fingerprint/)
      expect(r.calls).toEqual([])
      expect(await snapshot(root)).toEqual(before)
    }
    // A second certificate appended after the genuine one is refused too.
    await fs.writeFile(join(copy, 'ca.crt'), ca.pem + other.pem)
    const r2 = await run(['dash'], await makeRoot('ID=debian'), [], copy)
    expect(r2.out).toMatch(/exactly one certificate/)
    // And a private key in ca.crt.
    await fs.writeFile(join(copy, 'ca.crt'), `${ca.pem}-----BEGIN PRIVATE KEY-----\nAA\n-----END PRIVATE KEY-----\n`)
    const r3 = await run(['dash'], await makeRoot('ID=debian'), [], copy)
    expect(r3.out).toMatch(/private key/)
  })

  it('refuses to replace a different ca.crt unless --force, checking before writing anything', async () => {
    const root = await makeRoot('ID=debian')
    const other = parseTrustCa((await makeTestCa('Other CA')).certPem)
    const foreign = join(root, 'etc/docker/certs.d/registry.lan:5000/ca.crt')
    await fs.mkdir(join(foreign, '..'), { recursive: true })
    await fs.writeFile(foreign, other.pem)
    const before = await snapshot(root)
    const r = await run(['dash'], root, [])
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/--force/)
    expect(await snapshot(root)).toEqual(before)
    const forced = await run(['dash'], root, ['--force'])
    expect(forced.code, forced.out).toBe(0)
    expect(await fs.readFile(foreign, 'utf8')).toBe(ca.pem)
    expect(await fs.readFile(`${foreign}.bak-registry-wizard`, 'utf8')).toBe(other.pem)
  })

  it('install-macos.sh checks the fingerprint and lists its keychain command in a dry run', async () => {
    const r = spawnSync('dash', [join(bundle, 'install-macos.sh'), '--dry-run'], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain(`security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${bundle}/ca.crt`)
    expect(r.stdout).toContain('.docker/certs.d/192.168.20.10:5000/ca.crt')
    const copy = join(work, 'tampered-mac')
    await fs.cp(bundle, copy, { recursive: true })
    await fs.writeFile(join(copy, 'ca.crt'), parseTrustCa((await makeTestCa('Evil')).certPem).pem)
    const bad = spawnSync('dash', [join(copy, 'install-macos.sh'), '--dry-run'], { encoding: 'utf8' })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/does not match its fingerprint/)
  })

  it('no bundle file holds a PEM private key (every file scanned)', async () => {
    const files = await listFiles(bundle)
    expect(files.length).toBeGreaterThan(8)
    expect(await findPrivateKeys(bundle)).toEqual([])
    const grep = spawnSync('grep', ['-rlE', '-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----', bundle], { encoding: 'utf8' })
    expect(grep.stdout).toBe('')
  })
})
