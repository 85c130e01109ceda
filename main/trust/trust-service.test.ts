import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { englishTranslator, type Message } from '../messages/index'
import { makeTestCa } from '../../tests/trust/fixtures'
import { craftedPem } from '../../tests/support/crafted-pem'
import { osStoreFileName, parseTrustCa } from './ca-certificate'
import { parseRegistryAddresses } from './registry-address'
import type { CommandRunner } from './runner'
import { planTrust, runTrust, trustStatus, type TrustRequest } from './trust-service'
import type { TrustCa, TrustEnv } from './types'

const english = (m: Message): string => englishTranslator().render(m)
let ca: TrustCa
let otherCa: TrustCa
const roots: string[] = []

beforeAll(async () => {
  ca = parseTrustCa((await makeTestCa()).certPem, { sourcePath: '/media/usb/ca.crt' })
  otherCa = parseTrustCa((await makeTestCa('Other CA')).certPem)
})

afterEach(async () => {
  for (const r of roots.splice(0)) await fs.rm(r, { recursive: true, force: true })
})

/** A runner that records privileged commands instead of touching this machine's real stores. */
function recordingRunner(): CommandRunner & { calls: string[][] } {
  const calls: string[][] = []
  return {
    calls,
    run: (argv) => (calls.push([...argv]), Promise.resolve({ code: 0, stdout: '', stderr: '' })),
  }
}

async function tempRoot(osRelease: string): Promise<string> {
  const root = await fs.mkdtemp(join(tmpdir(), 'rw-trust-root-'))
  roots.push(root)
  await fs.mkdir(join(root, 'etc'), { recursive: true })
  await fs.writeFile(join(root, 'etc', 'os-release'), osRelease)
  return root
}

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = []
  async function walk(dir: string): Promise<void> {
    for (const e of await fs.readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      if (e.isDirectory()) await walk(p)
      out.push(relative(root, p) + (e.isDirectory() ? '/' : ''))
    }
  }
  await walk(root)
  return out.sort()
}

const registries = parseRegistryAddresses(['192.168.20.10:5000', 'registry.lan:5000'])

describe('every local target under a temp root', () => {
  it.each([
    ['ID=debian', 'usr/local/share/ca-certificates', ['update-ca-certificates']],
    [
      'ID="rocky"\nID_LIKE="rhel centos fedora"',
      'etc/pki/ca-trust/source/anchors',
      ['update-ca-trust', 'extract'],
    ],
    ['ID="opensuse-leap"\nID_LIKE="suse opensuse"', 'etc/pki/trust/anchors', ['update-ca-certificates']],
    ['ID=arch', 'etc/ca-certificates/trust-source/anchors', ['update-ca-trust']],
  ])(
    '%s: installs, reports installed, is idempotent, uninstalls exactly',
    async (osRelease, anchors, update) => {
      const root = await tempRoot(osRelease)
      const before = await listFiles(root)
      const runner = recordingRunner()
      const env: TrustEnv = { root, platform: 'linux', home: '/root', runner }
      const req: TrustRequest = { env, ca, registries, targets: ['docker', 'podman', 'containerd', 'os'] }

      const notInstalled = await trustStatus(req)
      expect(notInstalled.map((s) => s.installed)).toEqual([false, false, false, false])

      const first = await runTrust('install', req)
      expect(first.changed).toBe(true)
      expect(runner.calls).toEqual([update])
      expect(
        first.plans
          .flatMap((p) => p.notes)
          .map(english)
          .join('\n'),
      ).toMatch(/restart/)
      expect(
        first.plans
          .find((p) => p.target === 'containerd')
          ?.warnings.map(english)
          .join(''),
      ).toMatch(/config_path/)
      for (const rel of [
        'etc/docker/certs.d/192.168.20.10:5000/ca.crt',
        'etc/docker/certs.d/registry.lan:5000/ca.crt',
        'etc/containers/certs.d/192.168.20.10:5000/ca.crt',
        'etc/containerd/certs.d/registry.lan:5000/ca.crt',
      ]) {
        expect(await fs.readFile(join(root, rel), 'utf8')).toBe(ca.pem)
      }
      const hosts = await fs.readFile(
        join(root, 'etc/containerd/certs.d/192.168.20.10:5000/hosts.toml'),
        'utf8',
      )
      expect(hosts).toContain('server = "https://192.168.20.10:5000"')
      expect(hosts).toContain('ca = "/etc/containerd/certs.d/192.168.20.10:5000/ca.crt"')
      const anchorFiles = await fs.readdir(join(root, anchors))
      expect(anchorFiles).toEqual([expect.stringMatching(/^registry-wizard-[0-9a-f]{16}\.crt$/)])
      const modes = await fs.stat(join(root, 'etc/docker/certs.d/192.168.20.10:5000/ca.crt'))
      expect(modes.mode & 0o777).toBe(0o644)

      const status = await trustStatus(req)
      expect(status.map((s) => s.installed)).toEqual([true, true, true, true])

      // Twice changes nothing: no step planned, no command run.
      const installed = await listFiles(root)
      const again = await runTrust('install', req)
      expect(again.changed).toBe(false)
      expect(again.plans.flatMap((p) => p.steps)).toEqual([])
      expect(runner.calls).toHaveLength(1)
      expect(await listFiles(root)).toEqual(installed)

      const removed = await runTrust('uninstall', req)
      expect(removed.changed).toBe(true)
      expect(runner.calls).toEqual([update, update])
      expect(
        removed.plans
          .find((p) => p.target === 'os')
          ?.notes.map(english)
          .join(''),
      ).toMatch(/restart/)
      // Exactly what install added is gone; the (now empty) certs.d parents it created stay as plain folders.
      const after = (await listFiles(root)).filter((f) => !f.endsWith('/'))
      expect(after).toEqual(before.filter((f) => !f.endsWith('/')))
      expect((await trustStatus(req)).map((s) => s.installed)).toEqual([false, false, false, false])

      const twice = await runTrust('uninstall', req)
      expect(twice.changed).toBe(false)
      expect(runner.calls).toHaveLength(2)
    },
  )

  it('Debian: uninstall also removes the /etc/ssl/certs links update-ca-certificates made for our file', async () => {
    const root = await tempRoot('ID=debian')
    const env: TrustEnv = { root, platform: 'linux', home: '/root', runner: recordingRunner() }
    const req: TrustRequest = { env, ca, registries, targets: ['os'] }
    await runTrust('install', req)
    const certs = join(root, 'etc/ssl/certs')
    const pem = `${(await fs.readdir(join(root, 'usr/local/share/ca-certificates')))[0]?.replace(/\.crt$/, '') ?? ''}.pem`
    await fs.mkdir(certs, { recursive: true })
    await fs.symlink(`/usr/local/share/ca-certificates/${pem.replace(/\.pem$/, '.crt')}`, join(certs, pem))
    await fs.symlink(pem, join(certs, '46d2a17a.0'))
    await fs.symlink('other.pem', join(certs, '11111111.0'))
    await runTrust('uninstall', req)
    expect((await fs.readdir(certs)).sort()).toEqual(['11111111.0'])
  })

  it('a dry run (planTrust) writes nothing and lists files and commands', async () => {
    const root = await tempRoot('ID=debian')
    const before = await listFiles(root)
    const plans = await planTrust('install', {
      env: { root, platform: 'linux', home: '/root' },
      ca,
      registries,
      targets: ['docker', 'os'],
    })
    expect(await listFiles(root)).toEqual(before)
    const steps = plans.flatMap((p) => p.steps)
    expect(steps.filter((s) => s.kind === 'write')).toHaveLength(3)
    expect(steps.flatMap((s) => (s.kind === 'run' ? [s.argv] : []))).toEqual([['update-ca-certificates']])
  })

  it('without a runner, commands are reported as pending, never run', async () => {
    const root = await tempRoot('ID=debian')
    const out = await runTrust('install', {
      env: { root, platform: 'linux', home: '/root' },
      ca,
      registries,
      targets: ['os'],
    })
    expect(out.pending).toEqual([{ argv: ['update-ca-certificates'], why: { key: 'trust.why.rebuild' } }])
  })

  it('detects targets by what exists when none are named', async () => {
    const root = await tempRoot('ID=debian')
    const env: TrustEnv = { root, platform: 'linux', home: '/root', runner: recordingRunner() }
    let plans = await planTrust('install', { env, ca, registries })
    expect(plans.map((p) => p.target)).toEqual(['docker', 'os'])
    await fs.mkdir(join(root, 'etc/containerd'))
    await fs.writeFile(
      join(root, 'etc/containerd/config.toml'),
      '[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "/etc/containerd/certs.d"\n',
    )
    await fs.mkdir(join(root, 'etc/containers'))
    plans = await planTrust('install', { env, ca, registries })
    expect(plans.map((p) => p.target)).toEqual(['docker', 'podman', 'containerd', 'os'])
    expect(plans.find((p) => p.target === 'containerd')?.warnings).toEqual([])
  })

  it('refuses to replace a different ca.crt unless forced, then keeps a backup; uninstall leaves a foreign file', async () => {
    const root = await tempRoot('ID=debian')
    const env: TrustEnv = { root, platform: 'linux', home: '/root', runner: recordingRunner() }
    const file = join(root, 'etc/docker/certs.d/192.168.20.10:5000/ca.crt')
    await fs.mkdir(join(file, '..'), { recursive: true })
    await fs.writeFile(file, otherCa.pem)
    const req: TrustRequest = { env, ca, registries: registries.slice(0, 1), targets: ['docker'] }
    await expect(runTrust('install', req)).rejects.toMatchObject({ code: 'TRUST_CONFLICT' })
    expect(await fs.readFile(file, 'utf8')).toBe(otherCa.pem)
    const un = await runTrust('uninstall', req)
    expect(un.plans[0]?.warnings.map(english).join('')).toMatch(/left in place/)
    expect(await fs.readFile(file, 'utf8')).toBe(otherCa.pem)
    await runTrust('install', { ...req, force: true })
    expect(await fs.readFile(file, 'utf8')).toBe(ca.pem)
    const backups = (await fs.readdir(join(file, '..'))).filter((f) => f.startsWith('ca.crt.bak-'))
    expect(backups).toHaveLength(1)
  })

  it('Windows: ProgramData certs.d without colons, Import-Certificate into LocalMachine\\Root', async () => {
    const root = await fs.mkdtemp(join(tmpdir(), 'rw-trust-root-'))
    roots.push(root)
    const runner = recordingRunner()
    const req: TrustRequest = {
      env: { root, platform: 'win32', home: 'Users/admin', runner },
      ca,
      registries,
      targets: ['docker', 'os'],
    }
    await runTrust('install', req)
    expect(await fs.readFile(join(root, 'ProgramData/docker/certs.d/192.168.20.105000/ca.crt'), 'utf8')).toBe(
      ca.pem,
    )
    expect(runner.calls[0]?.join(' ')).toMatch(
      /Import-Certificate -FilePath '\/media\/usb\/ca.crt' -CertStoreLocation Cert:\\LocalMachine\\Root/,
    )
    await runTrust('uninstall', req)
    expect(runner.calls[1]?.join(' ')).toContain(
      `Remove-Item -Path 'Cert:\\LocalMachine\\Root\\${ca.thumbprintSha1}'`,
    )
  })

  it('macOS: Docker Desktop ~/.docker/certs.d and the System keychain', async () => {
    const root = await fs.mkdtemp(join(tmpdir(), 'rw-trust-root-'))
    roots.push(root)
    const runner = recordingRunner()
    let inKeychain = false
    const env: TrustEnv = {
      root,
      platform: 'darwin',
      home: '/Users/admin',
      runner,
      query: () =>
        Promise.resolve({
          code: 0,
          stdout: inKeychain ? `SHA-1 hash: ${ca.thumbprintSha1}\n` : '',
          stderr: '',
        }),
    }
    const req: TrustRequest = { env, ca, registries, targets: ['docker', 'os'] }
    await runTrust('install', req)
    expect(
      await fs.readFile(join(root, 'Users/admin/.docker/certs.d/registry.lan:5000/ca.crt'), 'utf8'),
    ).toBe(ca.pem)
    expect(runner.calls).toEqual([
      [
        'security',
        'add-trusted-cert',
        '-d',
        '-r',
        'trustRoot',
        '-k',
        '/Library/Keychains/System.keychain',
        '/media/usb/ca.crt',
      ],
    ])
    inKeychain = true
    expect((await trustStatus(req)).map((s) => s.installed)).toEqual([true, true])
    expect((await runTrust('install', req)).changed).toBe(false)
    await runTrust('uninstall', req)
    expect(runner.calls[1]).toEqual([
      'security',
      'delete-certificate',
      '-Z',
      ca.thumbprintSha1,
      '/Library/Keychains/System.keychain',
    ])
  })

  it('macOS and Windows: a --ca file that is not exactly the canonical PEM is never given to the store command', async () => {
    const real = (await makeTestCa('Chain Source')).certPem
    const crafted = parseTrustCa(craftedPem(real, ['REGISTRY_WIZARD_EOF', 'touch /tmp/pwned']), {
      sourcePath: '/media/usb/crafted.crt',
    })
    for (const platform of ['darwin', 'win32'] as const) {
      const root = await fs.mkdtemp(join(tmpdir(), 'rw-trust-root-'))
      roots.push(root)
      const runner = recordingRunner()
      const env: TrustEnv = {
        root,
        platform,
        home: 'Users/admin',
        runner,
        query: () => Promise.resolve({ code: 0, stdout: 'no', stderr: '' }),
      }
      await runTrust('install', { env, ca: crafted, registries, targets: ['os'] })
      const copy = join(tmpdir(), osStoreFileName(crafted))
      expect(runner.calls).toHaveLength(1)
      expect(runner.calls[0]?.join(' ')).toContain(platform === 'darwin' ? ` ${copy}` : `-FilePath '${copy}'`)
      expect(runner.calls[0]?.join(' ')).not.toContain('/media/usb/crafted.crt')
      expect(await fs.readFile(copy, 'utf8')).toBe(parseTrustCa(real).pem)
      await fs.rm(copy, { force: true })
    }
  })

  it('an unknown Linux family fails clearly for the os target', async () => {
    const root = await tempRoot('ID=gentoo')
    await expect(
      planTrust('install', {
        env: { root, platform: 'linux', home: '/root' },
        ca,
        registries,
        targets: ['os'],
      }),
    ).rejects.toMatchObject({
      code: 'TRUST_UNKNOWN_OS',
    })
  })
})
