import { spawnSync } from 'node:child_process'
import { promises as fs, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../main/bundle/export-bundle'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { parseRegistryAddress, parseRegistryAddresses } from '../../main/trust/registry-address'
import { makeTmpDir, snapshotDir } from '../support/fs-snapshot'
import { runCliIn } from '../support/run-cli'
import { makeTestCa } from './fixtures'

// The bundle's install.sh with a Docker Hub mirror writes the very files `trust install --mirror` writes (daemon.json
// merged by python the way JSON.stringify writes it, hosts.toml, the registries.conf.d drop-in, registries.yaml, the
// CAs), and its uninstall puts daemon.json back byte for byte.
const REGISTRY = '192.168.20.10:5000'
const MIRROR = '10.20.30.40:5001'
const EXISTING =
  '{"debug":true,"labels":["zone=北京","tab\\there"],"log-opts":{"max-size":"10m","max-file":"3"},\n "registry-mirrors":["https://old.mirror.cn"],"insecure-registries":[],"default-address-pools":[{"base":"172.80.0.0/16","size":24}],"experimental":null,"shutdown-timeout":15}\n'
let work: string
let bundle: string
const shells = [['sh'], ['bash', '--posix'], ['busybox', 'sh']].filter(
  (s) => spawnSync(s[0] ?? 'sh', [...s.slice(1), '-c', 'true']).status === 0,
)

beforeAll(async () => {
  work = makeTmpDir('rw-trust-mirror-sh-')
  const ca = parseTrustCa((await makeTestCa('Mirror install.sh Test CA')).certPem)
  bundle = (
    await exportBundle({
      ca,
      registries: parseRegistryAddresses([REGISTRY]),
      mirror: parseRegistryAddress(MIRROR),
      outDir: work,
    })
  ).dir
  // A PATH without python, for the refusal (every other tool of /usr/bin and /bin linked in).
  const noPy = join(work, 'no-python')
  await fs.mkdir(noPy)
  for (const dir of ['/usr/bin', '/bin'])
    for (const name of readdirSync(dir))
      if (!name.startsWith('python'))
        await fs.symlink(join(dir, name), join(noPy, name)).catch(() => undefined)
})
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true })
})

/** A system root with Debian's os-release, containerd, Podman and k3s present (their /etc folders). */
async function makeRoot(name: string, daemonJson?: string): Promise<string> {
  const root = join(work, name)
  for (const d of ['etc/containerd', 'etc/containers', 'etc/rancher/k3s', 'etc/docker'])
    await fs.mkdir(join(root, d), { recursive: true })
  await fs.writeFile(join(root, 'etc/os-release'), 'ID=debian\nVERSION_ID="12"\n')
  if (daemonJson !== undefined)
    await fs.writeFile(join(root, 'etc/docker/daemon.json'), daemonJson, { mode: 0o640 })
  return root
}

function installSh(shell: string[], root: string, args: string[], path = process.env.PATH ?? '') {
  const r = spawnSync(
    shell[0] ?? 'sh',
    [...shell.slice(1), join(bundle, 'install.sh'), '--root', root, ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, PATH: path },
    },
  )
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` }
}

function cli(action: 'install' | 'uninstall', root: string) {
  const ca = join(bundle, 'ca.crt')
  return runCliIn(
    work,
    ['trust', action, '--ca', ca, '--registry', REGISTRY, '--mirror', MIRROR, '--root', root],
    {},
  )
}

/** Files only (the shell also removes an emptied certs.d folder, the CLI leaves it). */
async function files(root: string): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await snapshotDir(root)).filter(([k]) => !k.endsWith('/')))
}

describe.each(shells)(
  'install.sh --mirror (%s) and trust install --mirror write the same files',
  (...shell) => {
    const tag = shell.join('-').replace(/[^a-z]/g, '')
    for (const [what, existing] of [
      ['no daemon.json yet', undefined],
      ['a daemon.json with other keys', EXISTING],
    ] as const) {
      it(`${what}: the same files after install, and after uninstall the root as it was`, async () => {
        const a = await makeRoot(`${tag}-${what.length}-cli`, existing)
        const b = await makeRoot(`${tag}-${what.length}-sh`, existing)
        const before = await files(b)
        const c = await cli('install', a)
        expect(c.code, c.out + c.err).toBe(0)
        // The bundle's mirror.txt is the default: no --mirror needed.
        const s = installSh(shell, b, [])
        expect(s.code, s.out).toBe(0)
        expect(s.out).toContain(`Docker Hub mirror ${MIRROR}`)
        expect(s.out).toContain('systemctl reload docker')
        expect(s.out).toContain('systemctl restart k3s')
        expect(await files(b)).toEqual(await files(a))
        const daemon = await fs.readFile(join(b, 'etc/docker/daemon.json'), 'utf8')
        expect((JSON.parse(daemon) as { 'registry-mirrors': string[] })['registry-mirrors'][0]).toBe(
          `https://${MIRROR}`,
        )

        const again = installSh(shell, b, [])
        expect(again.out).toContain('no changes')

        expect((await cli('uninstall', a)).code).toBe(0)
        const u = installSh(shell, b, ['--uninstall'])
        expect(u.code, u.out).toBe(0)
        expect(await files(b)).toEqual(await files(a))
        expect(await files(b)).toEqual(before)
        if (existing !== undefined)
          expect(await fs.readFile(join(b, 'etc/docker/daemon.json'), 'utf8')).toBe(existing)
      })
    }

    it('a broken daemon.json, or one to merge without python, is refused before anything is written', async () => {
      const broken = await makeRoot(`${tag}-broken`, '{"debug": true,,}\n')
      const snap = await snapshotDir(broken)
      const r = installSh(shell, broken, ['--mirror', MIRROR])
      expect(r.code).not.toBe(0)
      expect(r.out).toContain('daemon.json is not valid JSON')
      expect(r.out).toContain('nothing was written')
      expect(await snapshotDir(broken)).toEqual(snap)

      const noPy = await makeRoot(`${tag}-nopy`, EXISTING)
      const snap2 = await snapshotDir(noPy)
      const n = installSh(shell, noPy, [], join(work, 'no-python'))
      expect(n.code).not.toBe(0)
      expect(n.out).toContain('needs python')
      expect(n.out).toContain(`"registry-mirrors": ["https://${MIRROR}"]`)
      expect(await snapshotDir(noPy)).toEqual(snap2)
      // Without python, a system that has no daemon.json yet still gets the mirror (written, not merged).
      const fresh = await makeRoot(`${tag}-nopy-fresh`)
      expect(installSh(shell, fresh, [], join(work, 'no-python')).code).toBe(0)
      expect(JSON.parse(await fs.readFile(join(fresh, 'etc/docker/daemon.json'), 'utf8'))).toEqual({
        'registry-mirrors': [`https://${MIRROR}`],
      })
    })

    it('another hosts.toml for docker.io is left alone: refused, with what to do', async () => {
      const root = await makeRoot(`${tag}-toml`)
      await fs.mkdir(join(root, 'etc/containerd/certs.d/docker.io'), { recursive: true })
      await fs.writeFile(join(root, 'etc/containerd/certs.d/docker.io/hosts.toml'), 'server = "https://x"\n')
      const snap = await snapshotDir(root)
      const r = installSh(shell, root, [])
      expect(r.code).not.toBe(0)
      expect(r.out).toContain(`registry-wizard trust install --mirror ${MIRROR}`)
      expect(await snapshotDir(root)).toEqual(snap)
      // --no-mirror skips the bundle's default mirror.
      expect(installSh(shell, root, ['--no-mirror']).out).not.toContain('Docker Hub mirror')
    })
  },
)

describe('bundle export --mirror without a registry', () => {
  it('names the bundle for the mirror, bakes mirror.txt, and its install.sh sets up only the mirror', async () => {
    const out = join(work, 'mirror-only')
    const e = await runCliIn(
      work,
      ['bundle', 'export', '--ca', join(bundle, 'ca.crt'), '--mirror', MIRROR, '--out', out],
      {},
    )
    expect(e.code, e.out + e.err).toBe(0)
    expect(e.out).toContain(`install.sh sets up the Docker Hub mirror ${MIRROR} by default (mirror.txt).`)
    const dir = join(out, 'registry-trust-10.20.30.40_5001')
    const root = await makeRoot('mirror-only-root')
    const r = spawnSync('sh', [join(dir, 'install.sh'), '--root', root], { encoding: 'utf8' })
    expect(r.status, r.stdout + r.stderr).toBe(0)
    const written = Object.keys(await files(root)).sort()
    expect(written).toEqual(
      [
        'etc/containerd/certs.d/10.20.30.40:5001/ca.crt',
        'etc/containerd/certs.d/docker.io/hosts.toml',
        'etc/containers/certs.d/10.20.30.40:5001/ca.crt',
        'etc/containers/registries.conf.d/50-registry-wizard-mirror.conf',
        'etc/docker/certs.d/10.20.30.40:5001/ca.crt',
        'etc/docker/daemon.json',
        'etc/os-release',
        'etc/rancher/k3s/registries.yaml',
        'etc/rancher/k3s/registry-wizard-10.20.30.40_5001-ca.crt',
      ].sort(),
    )
    // A bad --mirror is refused before anything is written.
    const bad = spawnSync('sh', [join(dir, 'install.sh'), '--root', root, '--mirror', '10.0.0.1'], {
      encoding: 'utf8',
    })
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toContain('--mirror: "10.0.0.1" has no port')
  })
})
