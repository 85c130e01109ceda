import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { englishWords } from '../support/english-words'
import { makeTmpDir, snapshotDir } from '../support/fs-snapshot'
import { runCliIn } from '../support/run-cli'
import { makeTestCa } from './fixtures'

// The Docker Hub mirror's client configs, written by `trust install --mirror` under a root prefix: every target's
// file, merged into what is there (other keys kept, in order), idempotent, and undone byte for byte.
const MIRROR = '10.20.30.40:5001'
const URL = `https://${MIRROR}`
const ALL = 'docker,containerd,podman,k3s'
let work: string
let caFile: string
let caPem: string

beforeAll(async () => {
  work = makeTmpDir('rw-trust-mirror-')
  caPem = (await makeTestCa('Mirror Files Test CA')).certPem
  caFile = join(work, 'ca.crt')
  await fs.writeFile(caFile, caPem)
})
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true })
})

async function newRoot(name: string): Promise<string> {
  const root = join(work, name)
  await fs.mkdir(root)
  return root
}

function trust(action: 'install' | 'uninstall', root: string, extra: string[] = []) {
  return runCliIn(work, ['trust', action, '--ca', caFile, '--mirror', MIRROR, '--root', root, ...extra], {})
}

const read = (root: string, path: string): Promise<string> => fs.readFile(join(root, path), 'utf8')

async function put(root: string, path: string, content: string, mode = 0o644): Promise<void> {
  await fs.mkdir(join(root, path, '..'), { recursive: true })
  await fs.writeFile(join(root, path), content, { mode })
}

describe('trust install --mirror under a root prefix', () => {
  it('writes all four targets on an empty system, is idempotent, and uninstall leaves the root as it was', async () => {
    const root = await newRoot('fresh')
    const before = await snapshotDir(root)
    const r = await trust('install', root, ['--targets', ALL])
    expect(r.code, r.out + r.err).toBe(0)
    expect(r.out).toContain(`Set up the Docker Hub mirror ${MIRROR}`)
    expect(r.out).toContain('systemctl reload docker')
    expect(r.out).toContain('systemctl restart k3s')
    expect(JSON.parse(await read(root, 'etc/docker/daemon.json'))).toEqual({ 'registry-mirrors': [URL] })
    expect(await read(root, `etc/docker/certs.d/${MIRROR}/ca.crt`)).toBe(caPem)
    const hosts = parseToml(await read(root, 'etc/containerd/certs.d/docker.io/hosts.toml'))
    expect(hosts).toEqual({
      server: 'https://registry-1.docker.io',
      host: { [URL]: { capabilities: ['pull', 'resolve'], ca: `/etc/containerd/certs.d/${MIRROR}/ca.crt` } },
    })
    expect(await read(root, `etc/containerd/certs.d/${MIRROR}/ca.crt`)).toBe(caPem)
    const dropIn = parseToml(
      await read(root, 'etc/containers/registries.conf.d/50-registry-wizard-mirror.conf'),
    )
    expect(dropIn).toEqual({
      registry: [{ prefix: 'docker.io', location: 'docker.io', mirror: [{ location: MIRROR }] }],
    })
    expect(await read(root, `etc/containers/certs.d/${MIRROR}/ca.crt`)).toBe(caPem)
    const yaml = parseYaml(await read(root, 'etc/rancher/k3s/registries.yaml')) as unknown
    const k3sCa = '/etc/rancher/k3s/registry-wizard-10.20.30.40_5001-ca.crt'
    expect(yaml).toEqual({
      mirrors: { 'docker.io': { endpoint: [URL] } },
      configs: { [MIRROR]: { tls: { ca_file: k3sCa } } },
    })
    expect(await read(root, k3sCa)).toBe(caPem)

    const snap = await snapshotDir(root)
    const again = await trust('install', root, ['--targets', ALL])
    expect(again.code).toBe(0)
    expect(again.out).toContain('Nothing to change: already installed.')
    expect(await snapshotDir(root)).toEqual(snap)

    const un = await trust('uninstall', root, ['--targets', ALL])
    expect(un.code, un.out + un.err).toBe(0)
    const left = Object.keys(await snapshotDir(root)).filter((k) => !k.endsWith('/'))
    expect(left).toEqual(Object.keys(before))
  })

  it('merges into an existing daemon.json (other keys kept in their order, mirror first), backs it up, and uninstall restores it byte for byte', async () => {
    const root = await newRoot('daemon-json')
    const original =
      '{\n    "log-driver": "json-file",\n    "registry-mirrors": ["https://old.example"],\n    "insecure-registries": [],\n    "debug": true,\n    "log-opts": {"max-size": "10m"}\n}\n'
    await put(root, 'etc/docker/daemon.json', original, 0o600)
    const r = await trust('install', root, ['--targets', 'docker'])
    expect(r.code, r.out + r.err).toBe(0)
    const merged = await read(root, 'etc/docker/daemon.json')
    expect(Object.keys(JSON.parse(merged) as object)).toEqual([
      'log-driver',
      'registry-mirrors',
      'insecure-registries',
      'debug',
      'log-opts',
    ])
    expect(JSON.parse(merged)).toMatchObject({
      'registry-mirrors': [URL, 'https://old.example'],
      'log-opts': { 'max-size': '10m' },
      debug: true,
    })
    expect((await fs.stat(join(root, 'etc/docker/daemon.json'))).mode & 0o777).toBe(0o600)
    expect(await read(root, 'etc/docker/daemon.json.before-registry-wizard')).toBe(original)
    // Idempotent: the mirror is there once.
    const again = await trust('install', root, ['--targets', 'docker'])
    expect(again.out).toContain('Nothing to change')
    expect(await read(root, 'etc/docker/daemon.json')).toBe(merged)

    expect((await trust('uninstall', root, ['--targets', 'docker'])).code).toBe(0)
    expect(await read(root, 'etc/docker/daemon.json')).toBe(original)
    expect((await fs.stat(join(root, 'etc/docker/daemon.json'))).mode & 0o777).toBe(0o600)
    await expect(fs.access(join(root, 'etc/docker/daemon.json.before-registry-wizard'))).rejects.toThrow()
    await expect(fs.access(join(root, `etc/docker/certs.d/${MIRROR}`))).rejects.toThrow()
  })

  it('a daemon.json changed after install: uninstall takes only the mirror out and says so', async () => {
    const root = await newRoot('changed-since')
    await put(root, 'etc/docker/daemon.json', '{"debug": false}\n')
    await trust('install', root, ['--targets', 'docker'])
    const now = JSON.parse(await read(root, 'etc/docker/daemon.json')) as Record<string, unknown>
    await put(root, 'etc/docker/daemon.json', JSON.stringify({ ...now, 'max-concurrent-downloads': 5 }))
    const un = await trust('uninstall', root, ['--targets', 'docker'])
    expect(un.code, un.out + un.err).toBe(0)
    expect(un.out).toContain('was changed after install: only the mirror was taken out of it')
    expect(JSON.parse(await read(root, 'etc/docker/daemon.json'))).toEqual({
      debug: false,
      'max-concurrent-downloads': 5,
    })
  })

  it('a broken daemon.json is refused with a clear error and nothing is written (in Chinese too)', async () => {
    const root = await newRoot('broken')
    await put(root, 'etc/docker/daemon.json', '{"debug": true,, }\n')
    const before = await snapshotDir(root)
    const r = await trust('install', root, ['--targets', ALL])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${join(root, 'etc/docker/daemon.json')} is not valid JSON`)
    expect(r.err).toContain('nothing was written')
    expect(await snapshotDir(root)).toEqual(before)
    const zh = await runCliIn(
      work,
      ['--lang', 'zh-CN', 'trust', 'install', '--ca', caFile, '--mirror', MIRROR, '--root', root],
      {},
    )
    expect(zh.code).toBe(1)
    expect(zh.err).toContain('不是有效的 JSON')
    // A top level that is no object, and registry-mirrors that is no list, are refused the same way.
    await put(root, 'etc/docker/daemon.json', '["a"]\n')
    expect((await trust('install', root, ['--targets', 'docker'])).err).toContain(
      'the top level is not a JSON object',
    )
    await put(root, 'etc/docker/daemon.json', '{"registry-mirrors": "https://x"}\n')
    expect((await trust('install', root, ['--targets', 'docker'])).err).toContain(
      '"registry-mirrors" is not a list of URLs',
    )
    expect(Object.keys(await snapshotDir(root))).toEqual(Object.keys(before))
  })

  it('keeps the other hosts of an existing docker.io hosts.toml and the other entries of registries.yaml; uninstall restores both byte for byte', async () => {
    const root = await newRoot('toml-yaml')
    const toml =
      '# our own mirror list\nserver = "https://registry-1.docker.io"\n\n[host."https://other.mirror:443"]\n  capabilities = ["pull"]\n'
    const yaml =
      '# cluster registries\nmirrors:\n  quay.io:\n    endpoint:\n      - "https://quay.mirror"\n  docker.io:\n    endpoint:\n      - "https://old.mirror"\nconfigs:\n  "quay.mirror":\n    auth:\n      username: u\n'
    await put(root, 'etc/containerd/certs.d/docker.io/hosts.toml', toml)
    await put(root, 'etc/rancher/rke2/registries.yaml', yaml)
    const r = await trust('install', root, ['--targets', 'containerd,k3s'])
    expect(r.code, r.out + r.err).toBe(0)
    expect(r.out).toContain('systemctl restart rke2')
    const hosts = parseToml(await read(root, 'etc/containerd/certs.d/docker.io/hosts.toml'))
    expect(Object.keys(hosts.host as object)).toEqual([URL, 'https://other.mirror:443'])
    expect(hosts.server).toBe('https://registry-1.docker.io')
    const reg = parseYaml(await read(root, 'etc/rancher/rke2/registries.yaml')) as {
      mirrors: Record<string, { endpoint: string[] }>
      configs: Record<string, unknown>
    }
    expect(reg.mirrors['docker.io']?.endpoint).toEqual([URL, 'https://old.mirror'])
    expect(reg.mirrors['quay.io']?.endpoint).toEqual(['https://quay.mirror'])
    expect(reg.configs).toEqual({
      'quay.mirror': { auth: { username: 'u' } },
      [MIRROR]: { tls: { ca_file: '/etc/rancher/rke2/registry-wizard-10.20.30.40_5001-ca.crt' } },
    })
    expect(await read(root, 'etc/rancher/rke2/registries.yaml')).toContain('# cluster registries')
    // Only rke2 is installed: k3s's folder is left alone.
    await expect(fs.access(join(root, 'etc/rancher/k3s'))).rejects.toThrow()

    expect((await trust('uninstall', root, ['--targets', 'containerd,k3s'])).code).toBe(0)
    expect(await read(root, 'etc/containerd/certs.d/docker.io/hosts.toml')).toBe(toml)
    expect(await read(root, 'etc/rancher/rke2/registries.yaml')).toBe(yaml)
    const left = Object.keys(await snapshotDir(root)).filter((k) => !k.endsWith('/'))
    expect(left.sort()).toEqual([
      'etc/containerd/certs.d/docker.io/hosts.toml',
      'etc/rancher/rke2/registries.yaml',
    ])
  })

  it('a broken hosts.toml or registries.yaml is refused before anything is written', async () => {
    const root = await newRoot('broken-toml')
    await put(root, 'etc/containerd/certs.d/docker.io/hosts.toml', 'server = \n[host\n')
    const before = await snapshotDir(root)
    const r = await trust('install', root, ['--targets', ALL])
    expect(r.code).toBe(1)
    expect(r.err).toContain('is not valid TOML')
    expect(await snapshotDir(root)).toEqual(before)
    const root2 = await newRoot('broken-yaml')
    await put(root2, 'etc/rancher/k3s/registries.yaml', 'mirrors: [\n')
    const before2 = await snapshotDir(root2)
    const r2 = await trust('install', root2, ['--targets', ALL])
    expect(r2.err).toContain('is not valid YAML')
    expect(await snapshotDir(root2)).toEqual(before2)
  })

  it('needs a registry or a mirror, and the mirror needs its port (exit 2, nothing written)', async () => {
    const root = await newRoot('input')
    const none = await runCliIn(work, ['trust', 'install', '--ca', caFile, '--root', root], {})
    expect(none.code).toBe(2)
    expect(none.err).toContain('--registry HOST:PORT, --mirror HOST:PORT, or both')
    const noPort = await runCliIn(
      work,
      ['trust', 'install', '--ca', caFile, '--mirror', '10.0.0.1', '--root', root],
      {},
    )
    expect(noPort.code).toBe(2)
    expect(noPort.err).toContain('--mirror: 10.0.0.1 has no port')
    expect(await snapshotDir(root)).toEqual({})
  })

  it('--dry-run writes nothing; status says installed after install and not after uninstall', async () => {
    const root = await newRoot('status')
    const dry = await trust('install', root, ['--targets', ALL, '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.out).toContain(`would write ${join(root, 'etc/docker/daemon.json')}`)
    expect(await snapshotDir(root)).toEqual({})
    const status = (): Promise<{ code: number; out: string }> =>
      runCliIn(
        work,
        ['trust', 'status', '--ca', caFile, '--mirror', MIRROR, '--root', root, '--targets', ALL],
        {},
      )
    expect((await status()).code).toBe(1)
    await trust('install', root, ['--targets', ALL])
    const after = await status()
    expect(after.code, after.out).toBe(0)
    expect(after.out).toContain('Docker Hub mirror: k3s / RKE2 (registries.yaml): installed')
    await trust('uninstall', root, ['--targets', ALL])
    expect((await status()).code).toBe(1)
  })

  it('prints in Chinese with --lang zh-CN: no English words from the domain', async () => {
    const root = await newRoot('zh')
    const r = await runCliIn(
      work,
      [
        '--lang',
        'zh-CN',
        'trust',
        'install',
        '--ca',
        caFile,
        '--mirror',
        MIRROR,
        '--root',
        root,
        '--targets',
        ALL,
      ],
      {},
    )
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain(`配置 Docker Hub 镜像加速器 ${MIRROR}`)
    expect(r.out).toContain('dockerd 收到 SIGHUP 时会重新读取 `registry-mirrors`')
    const words = englishWords(r.out, [
      root,
      'Mirror Files Test CA',
      'Hub',
      'Mirrors',
      'Registry',
      'RKE',
      'k3s',
    ])
    expect(
      words.filter((w) => !['Hub', 'Registry', 'Mirrors', 'RKE', 'CRI', 'SIGHUP', 'URL'].includes(w)),
    ).toEqual([])
  })
})
