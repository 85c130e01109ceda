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
import { craftedPem } from '../support/crafted-pem'
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
    await fs.writeFile(join(work, 'stubs', cmd), `#!/bin/sh\necho "${cmd} $*" >> "$STUB_LOG"\n`, {
      mode: 0o755,
    })
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
  const r = spawnSync(
    shell[0] ?? 'sh',
    [...shell.slice(1), join(bundleDir, 'install.sh'), '--root', root, ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(work, 'stubs')}:${process.env.PATH ?? ''}`, STUB_LOG: log },
    },
  )
  const calls = (await fs.readFile(log, 'utf8').catch(() => ''))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}`, calls }
}

/** Rewrites SHA256SUMS over the bundle's files, as someone who changed a file on purpose would. */
async function rehash(dir: string): Promise<void> {
  const files = (await listFiles(dir)).filter((f) => f !== 'SHA256SUMS')
  const r = spawnSync('sha256sum', files, { cwd: dir, encoding: 'utf8' })
  await fs.writeFile(join(dir, 'SHA256SUMS'), r.stdout)
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
  return Promise.all(
    files.map(async (f) => `${f} ${(await fs.readFile(join(root, f))).toString('base64').slice(0, 40)}`),
  )
}

describe('install.sh', () => {
  it('passes shellcheck (install.sh and install-macos.sh)', () => {
    const r = spawnSync(
      'shellcheck',
      ['-s', 'sh', join(TEMPLATES, 'install.sh'), join(TEMPLATES, 'install-macos.sh')],
      { encoding: 'utf8' },
    )
    expect(r.stdout + r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it.each([
    [
      'dash',
      ['dash'],
      'ID="centos"\nID_LIKE="rhel fedora"',
      'etc/pki/ca-trust/source/anchors',
      'update-ca-trust extract',
    ],
    [
      'busybox sh',
      ['busybox', 'sh'],
      'ID="centos"\nID_LIKE="rhel fedora"',
      'etc/pki/ca-trust/source/anchors',
      'update-ca-trust extract',
    ],
    ['dash', ['dash'], 'ID="sles"\nID_LIKE="suse"', 'etc/pki/trust/anchors', 'update-ca-certificates'],
    [
      'busybox sh',
      ['busybox', 'sh'],
      'ID="opensuse-leap"\nID_LIKE="suse opensuse"',
      'etc/pki/trust/anchors',
      'update-ca-certificates',
    ],
    [
      'bash --posix',
      ['bash', '--posix'],
      'ID=ubuntu\nID_LIKE=debian',
      'usr/local/share/ca-certificates',
      'update-ca-certificates',
    ],
  ])(
    '%s, %j: installs, is idempotent, uninstalls exactly, agrees with the CLI',
    async (_name, shell, osRelease, anchors, update) => {
      const root = await makeRoot(osRelease, ['etc/containers', 'etc/containerd'])
      const before = await snapshot(root)

      // Under --root the host's own store update is never run (it would rebuild this machine's bundle): it is printed,
      // with the command to run inside that system. The stubs on PATH record any call.
      const advice = `not run (root prefix ${root}): ${update}; run it inside that system, e.g. chroot ${root} ${update}`
      const dry = await run(shell, root, ['--dry-run'])
      expect(dry.code, dry.out).toBe(0)
      expect(dry.out).toContain(`would write: ${root}/etc/docker/certs.d/192.168.20.10:5000/ca.crt`)
      expect(dry.out).toContain(advice)
      expect(dry.calls).toEqual([])
      expect(await snapshot(root)).toEqual(before)

      const first = await run(shell, root, [])
      expect(first.code, first.out).toBe(0)
      expect(first.calls).toEqual([])
      expect(first.out).toContain(advice)
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
      expect(un.calls).toEqual([])
      expect(un.out).toContain(advice)
      expect(await snapshot(root)).toEqual(before)
      expect((await run(shell, root, ['--uninstall'])).calls).toEqual([])
    },
  )

  it('--registry replaces registries.txt and may be repeated', async () => {
    const root = await makeRoot('ID=debian')
    const r = await run(['dash'], root, ['--registry', '10.1.2.3:5000', '--registry=reg2.lan:443'])
    expect(r.code, r.out).toBe(0)
    expect(await listFiles(join(root, 'etc/docker/certs.d'))).toEqual([
      '10.1.2.3:5000/ca.crt',
      'reg2.lan:443/ca.crt',
    ])
    const bad = await run(['dash'], root, ['--registry', 'a b'])
    expect(bad.code).not.toBe(0)
    expect(bad.out).toMatch(/--registry: "a b" is not valid/)
  })

  it('refuses a tampered ca.crt before doing anything', async () => {
    const copy = join(work, 'tampered')
    await fs.cp(bundle, copy, { recursive: true })
    const other = parseTrustCa((await makeTestCa('Attacker CA')).certPem)
    await fs.writeFile(join(copy, 'ca.crt'), other.pem)
    await rehash(copy) // an attacker who also rewrites SHA256SUMS still meets the fingerprint check
    for (const shell of [['dash'], ['busybox', 'sh']]) {
      const root = await makeRoot('ID=debian')
      const before = await snapshot(root)
      const r = await run(shell, root, [], copy)
      expect(r.code).toBe(1)
      expect(r.out).toMatch(/does not match its fingerprint/)
      expect(r.calls).toEqual([])
      expect(await snapshot(root)).toEqual(before)
    }
    // A second certificate appended after the genuine one is refused too (a CA renewal's two-CA ca.crt comes with
    // a fingerprint line for each: tests/lifecycle/renew-ca.test.ts).
    await fs.writeFile(join(copy, 'ca.crt'), ca.pem + other.pem)
    await rehash(copy)
    const r2 = await run(['dash'], await makeRoot('ID=debian'), [], copy)
    expect(r2.code).toBe(1)
    expect(r2.out).toMatch(/one SHA-256 fingerprint line .* per certificate of ca\.crt/)
    // And a private key in ca.crt.
    await fs.writeFile(
      join(copy, 'ca.crt'),
      `${ca.pem}-----BEGIN PRIVATE KEY-----\nAA\n-----END PRIVATE KEY-----\n`,
    )
    await rehash(copy)
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
    expect(r.stdout).toContain(
      `security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${bundle}/ca.crt`,
    )
    expect(r.stdout).toContain('.docker/certs.d/192.168.20.10:5000/ca.crt')
    const copy = join(work, 'tampered-mac')
    await fs.cp(bundle, copy, { recursive: true })
    await fs.writeFile(join(copy, 'ca.crt'), parseTrustCa((await makeTestCa('Evil')).certPem).pem)
    await rehash(copy)
    const bad = spawnSync('dash', [join(copy, 'install-macos.sh'), '--dry-run'], { encoding: 'utf8' })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/does not match its fingerprint/)
  })

  it.each([
    ['dash', ['dash']],
    ['busybox sh', ['busybox', 'sh']],
  ])(
    '%s: checks SHA256SUMS before anything: a changed, missing or unlisted file is refused, nothing written',
    async (_n, shell) => {
      const cases: [string, (dir: string) => Promise<void>, RegExp][] = [
        [
          'tampered registries.txt',
          (d) => fs.appendFile(join(d, 'registries.txt'), '..\nevil.lan:5000\n'),
          /registries\.txt does not match SHA256SUMS .*Nothing was done/,
        ],
        [
          'missing SHA256SUMS',
          (d) => fs.rm(join(d, 'SHA256SUMS')),
          /SHA256SUMS is missing beside install\.sh/,
        ],
        [
          'missing registries.txt',
          (d) => fs.rm(join(d, 'registries.txt')),
          /registries\.txt is missing beside install\.sh/,
        ],
        [
          'missing ca.crt.sha256',
          (d) => fs.rm(join(d, 'ca.crt.sha256')),
          /ca\.crt\.sha256 is missing beside install\.sh/,
        ],
        [
          'registries.txt not listed',
          async (d) =>
            fs.writeFile(
              join(d, 'SHA256SUMS'),
              (await fs.readFile(join(d, 'SHA256SUMS'), 'utf8')).replace(/^.*registries\.txt\n/m, ''),
            ),
          /SHA256SUMS does not list registries\.txt/,
        ],
        [
          'tampered install.sh',
          (d) => fs.appendFile(join(d, 'install.sh'), '\ntouch /tmp/never\n'),
          /install\.sh does not match SHA256SUMS/,
        ],
      ]
      for (const [name, tamper, message] of cases) {
        const copy = await fs.mkdtemp(join(work, 'sums-'))
        await fs.cp(bundle, copy, { recursive: true })
        await tamper(copy)
        const root = await makeRoot('ID=debian', ['etc/containerd'])
        const before = await snapshot(root)
        const r = await run(shell, root, [], copy)
        expect(r.code, name).toBe(1)
        expect(r.out, name).toMatch(message)
        expect(r.out, name).not.toContain('fingerprint OK') // refused before the fingerprint step, i.e. before anything
        expect(r.calls, name).toEqual([])
        expect(await snapshot(root), name).toEqual(before)
      }
    },
  )

  it('install-macos.sh checks SHA256SUMS before anything too', async () => {
    const copy = await fs.mkdtemp(join(work, 'sums-mac-'))
    await fs.cp(bundle, copy, { recursive: true })
    await fs.appendFile(join(copy, 'registries.txt'), 'evil.lan:5000\n')
    const r = spawnSync('dash', [join(copy, 'install-macos.sh'), '--dry-run'], { encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/registries\.txt does not match SHA256SUMS/)
    expect(r.stdout).toBe('')
  })

  it('refuses . and .. (and anything with /) as registry names, from --registry and from registries.txt', async () => {
    for (const bad of ['.', '..', '../x:5000', 'a/b:5000', '-x']) {
      const root = await makeRoot('ID=debian')
      const before = await snapshot(root)
      const r = await run(['dash'], root, ['--registry', bad])
      expect(r.code, bad).not.toBe(0)
      expect(r.out, bad).toContain(`--registry: "${bad}" is not valid`)
      expect(await snapshot(root), bad).toEqual(before)
    }
    // A registries.txt holding ".." (checksums rewritten to match) is refused as well: certs.d/../ca.crt is never written.
    const copy = await fs.mkdtemp(join(work, 'dotdot-'))
    await fs.cp(bundle, copy, { recursive: true })
    await fs.writeFile(join(copy, 'registries.txt'), '..\n')
    await rehash(copy)
    const root = await makeRoot('ID=debian')
    const before = await snapshot(root)
    const r = await run(['dash'], root, [], copy)
    expect(r.code).toBe(1)
    expect(r.out).toContain('--registry: ".." is not valid')
    expect(await snapshot(root)).toEqual(before)
  })

  it('the installers never eval, source or paste file contents (no heredoc, no Invoke-Expression)', async () => {
    for (const name of ['install.sh', 'install-macos.sh', 'install.ps1']) {
      const text = (await fs.readFile(join(TEMPLATES, name), 'utf8'))
        .split('\n')
        .filter((l) => !/^\s*#/.test(l))
        .join('\n')
      expect(text, name).not.toMatch(/\beval\b/)
      expect(text, name).not.toMatch(/<</)
      expect(text, name).not.toMatch(/^\s*(\.|source)\s+\S/m)
      expect(text, name).not.toMatch(/(&&|\|\||;|then|do)\s+(\.|source)\s+["$/]/)
      expect(text, name).not.toMatch(/\$\(\s*cat\b|`cat\b/)
      expect(text, name).not.toMatch(/Invoke-Expression|\biex\b|ScriptBlock|Add-Content|Set-Content/i)
    }
    // install.ps1 cannot run here: its SHA256SUMS check covers the files it uses and comes before it reads any of them.
    const ps1 = await fs.readFile(join(TEMPLATES, 'install.ps1'), 'utf8')
    const sumsCheck = ps1.indexOf(
      "foreach ($name in @('install.ps1', 'ca.crt', 'ca.crt.sha256', 'registries.txt'))",
    )
    expect(sumsCheck).toBeGreaterThan(0)
    expect(ps1).toContain('Get-FileHash -LiteralPath $path -Algorithm SHA256')
    for (const later of [
      "Join-Path $bundle 'registries.txt'",
      'Get-Content -Raw $caFile',
      'Import-Certificate',
      'Copy-Item',
    ]) {
      expect(ps1.indexOf(later), later).toBeGreaterThan(sumsCheck)
    }
    // ca.crt only ever goes to its destinations by copying the file.
    const sh = await fs.readFile(join(TEMPLATES, 'install.sh'), 'utf8')
    expect(sh).toMatch(/cp "\$1" "\$2\.tmp\.\$\$"/)
  })

  it('a crafted ca.crt (shell after a "-" line inside the block) is re-encoded: the bundle and install.sh carry only the certificate', async () => {
    const marker = join(work, 'pwned-bundle')
    const real = (await makeTestCa('Crafted Source CA')).certPem
    const text = craftedPem(real, [
      'REGISTRY_WIZARD_EOF',
      `touch ${marker}`,
      "'; touch " + marker + "; '",
      `$(touch ${marker})`,
    ])
    const crafted = parseTrustCa(text, { sourcePath: 'crafted.crt' })
    const canonical = parseTrustCa(real)
    expect(crafted.fingerprintSha256).toBe(canonical.fingerprintSha256) // the same certificate, as OpenSSL sees it
    expect(crafted.pem).toBe(canonical.pem)
    expect(crafted.pem).not.toContain('touch')
    const out = await fs.mkdtemp(join(work, 'crafted-'))
    const b = await exportBundle({ ca: crafted, registries, outDir: out })
    const grep = spawnSync('grep', ['-rl', 'touch', b.dir], { encoding: 'utf8' })
    expect(grep.stdout).toBe('')
    expect(await fs.readFile(join(b.dir, 'ca.crt'), 'utf8')).toBe(canonical.pem)
    for (const shell of [['dash'], ['sh']]) {
      const root = await makeRoot('ID=debian')
      const r = await run(shell, root, [], b.dir)
      expect(r.code, r.out).toBe(0)
      expect(await fs.readFile(join(root, 'etc/docker/certs.d/192.168.20.10:5000/ca.crt'), 'utf8')).toBe(
        canonical.pem,
      )
      await expect(fs.access(marker)).rejects.toThrow()
    }
  })

  it('no bundle file holds a PEM private key (every file scanned)', async () => {
    const files = await listFiles(bundle)
    expect(files.length).toBeGreaterThan(8)
    expect(await findPrivateKeys(bundle)).toEqual([])
    const grep = spawnSync('grep', ['-rlE', '-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----', bundle], {
      encoding: 'utf8',
    })
    expect(grep.stdout).toBe('')
  })
})
