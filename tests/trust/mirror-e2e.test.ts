import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { request } from 'node:https'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, startRegistry, type CertMaterial } from '../../main/docker'
import { startMirror } from '../../main/mirror'
import { makeTmpDir } from '../support/fs-snapshot'
import { startNetnsClient, type NetnsClient } from '../support/rw-verify-netns'
import { dockerCleanup, freePort } from '../support/rw-reg-fixtures'
import { runCliIn } from '../support/run-cli'
import { issueServerCert, makeTestCa } from './fixtures'

// The issue's end-to-end test: an "upstream" registry standing in for Docker Hub holds library/hello:latest; a
// pull-through mirror (main/mirror) proxies it, trusting the upstream's CA; a client dockerd on a non-loopback address
// in its own network namespace, whose daemon.json and certs.d were written by OUR `trust install --mirror` under its
// private root, pulls `hello` (a Docker Hub name) through the mirror; ctr and podman pull through it too, with the
// hosts.toml and registries.conf.d drop-in the same command wrote. No traffic leaves the machine: Docker Hub itself
// is unreachable here, so a pull that works went through the mirror.
const run = promisify(execFile)
const id = randomBytes(3).toString('hex')
const UPSTREAM = `rw-trust-mirror-up-${id}`
const MIRROR = `rw-trust-mirror-${id}`
const IMAGE = `rw-trust-mirror-hello-${id}:built`
const CTR_NS = `rw-trust-mirror-${id}`
const CTR_SOCK = '/var/run/docker/containerd/containerd.sock'
const ORIGINAL_DAEMON_JSON = '{\n    "debug": false,\n    "max-concurrent-downloads": 3\n}\n'

let client: NetnsClient | undefined
let work: string
let caFile: string
let caPem: string
let mirror: string
let mirrorPort: number
let upstreamPort: number
let available = true

async function has(cmd: string, args: string[]): Promise<boolean> {
  return run(cmd, args).then(
    () => true,
    () => false,
  )
}

/** A file system image FROM scratch (legacy builder: no pull), saved as a docker-archive and copied in by skopeo. */
async function seedUpstream(): Promise<void> {
  const ctx = join(work, 'image')
  await fs.mkdir(ctx)
  await fs.writeFile(join(ctx, 'hello.txt'), `hello from the upstream ${id}\n`)
  await fs.writeFile(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\nCMD ["/hello"]\n')
  await run('docker', ['build', '-q', '-t', IMAGE, ctx], { env: { ...process.env, DOCKER_BUILDKIT: '0' } })
  const archive = join(work, 'hello.tar')
  await run('docker', ['save', '-o', archive, IMAGE])
  const certDir = join(work, 'skopeo-certs')
  await fs.mkdir(certDir)
  await fs.writeFile(join(certDir, 'ca.crt'), caPem)
  await run('skopeo', [
    'copy',
    '--dest-cert-dir',
    certDir,
    `docker-archive:${archive}`,
    `docker://127.0.0.1:${upstreamPort}/library/hello:latest`,
  ])
}

async function certs(sans: string[]): Promise<CertMaterial> {
  return { ...(await issueServerCert({ certPem: caPem, keyPem: caKey }, sans)), caPem }
}
let caKey: string

function httpsGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, { ca: caPem }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => (body += d.toString()))
      res.on('end', () => resolve(body))
    })
      .on('error', reject)
      .end()
  })
}

/** Runs a command in the client's network namespace with the client root's /etc/SUB bind-mounted over /etc/SUB. */
function inClient(c: NetnsClient, sub: string, argv: string[]) {
  const pid = join(dirname(c.root), 'dockerd.pid')
  const script =
    'mount --bind "$1" "$2" && pid=$(cat "$3") && shift 3 && exec nsenter --net=/proc/$pid/ns/net "$@"'
  return run(
    'unshare',
    [
      '-m',
      '--propagation',
      'private',
      'sh',
      '-c',
      script,
      'rw-mirror',
      join(c.root, 'etc', sub),
      `/etc/${sub}`,
      pid,
      ...argv,
    ],
    {
      timeout: 180_000,
    },
  )
}

async function sighupDockerd(c: NetnsClient): Promise<void> {
  const pid = Number((await fs.readFile(join(dirname(c.root), 'dockerd.pid'), 'utf8')).trim())
  process.kill(pid, 'SIGHUP')
}

async function dockerMirrors(c: NetnsClient): Promise<string[]> {
  const info = (await c.docker.info()) as { RegistryConfig?: { Mirrors?: string[] } }
  return info.RegistryConfig?.Mirrors ?? []
}

async function waitFor(what: string, ok: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await ok()) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`timed out waiting for ${what}`)
}

beforeAll(async () => {
  const tools = await Promise.all([
    has('docker', ['image', 'inspect', 'registry:2']),
    has('skopeo', ['--version']),
    has('ctr', ['--version']),
    has('podman', ['--version']),
    has('nsenter', ['--version']),
  ])
  available = tools.every(Boolean) && process.getuid?.() === 0
  if (!available) {
    if (process.env.CI === 'true')
      throw new Error('CI=true: root, docker + registry:2, skopeo, ctr, podman are required')
    return
  }
  work = makeTmpDir('rw-trust-mirror-e2e-')
  const ca = await makeTestCa('Mirror E2E Test CA')
  caPem = ca.certPem
  caKey = ca.keyPem
  caFile = join(work, 'ca.crt')
  await fs.writeFile(caFile, caPem)
  client = await startNetnsClient()
  const engine = connectEngine({})
  upstreamPort = await freePort()
  // The mirror reaches the upstream on the host side of the veth pair: both certificates name that address.
  await startRegistry(engine, {
    name: UPSTREAM,
    port: upstreamPort,
    certs: await certs([client.hostIp, '127.0.0.1']),
  })
  await seedUpstream()
  mirrorPort = await freePort()
  await startMirror(engine, {
    name: MIRROR,
    port: mirrorPort,
    certs: await certs([client.hostIp, '127.0.0.1']),
    upstream: `https://${client.hostIp}:${upstreamPort}`,
    upstreamCaPem: caPem,
  })
  mirror = `${client.hostIp}:${mirrorPort}`
}, 300_000)

afterAll(async () => {
  if (!available) return
  await run('ctr', ['-a', CTR_SOCK, '-n', CTR_NS, 'images', 'rm', 'docker.io/library/hello:latest']).catch(
    () => undefined,
  )
  const content = await run('ctr', ['-a', CTR_SOCK, '-n', CTR_NS, 'content', 'ls', '-q']).catch(() => ({
    stdout: '',
  }))
  for (const d of content.stdout.split('\n').filter(Boolean))
    await run('ctr', ['-a', CTR_SOCK, '-n', CTR_NS, 'content', 'rm', d]).catch(() => undefined)
  const snaps = await run('ctr', ['-a', CTR_SOCK, '-n', CTR_NS, 'snapshots', 'ls']).catch(() => ({
    stdout: '',
  }))
  for (const line of snaps.stdout.split('\n').slice(1).filter(Boolean).reverse())
    await run('ctr', ['-a', CTR_SOCK, '-n', CTR_NS, 'snapshots', 'rm', line.split(/\s+/)[0] ?? '']).catch(
      () => undefined,
    )
  await run('ctr', ['-a', CTR_SOCK, 'namespaces', 'rm', CTR_NS]).catch(() => undefined)
  await dockerCleanup(
    [UPSTREAM, MIRROR],
    [`${UPSTREAM}-data`, `${UPSTREAM}-certs`, `${MIRROR}-data`, `${MIRROR}-certs`, `${MIRROR}-config`],
    [IMAGE],
  )
  await client?.down()
  if (work) await fs.rm(work, { recursive: true, force: true })
}, 120_000)

describe('a Docker Hub name pulled through our mirror by clients our trust install --mirror configured', () => {
  it('docker (own netns, non-loopback), ctr --hosts-dir and podman pull hello via the mirror; uninstall restores daemon.json byte for byte', async (t) => {
    if (!available || client === undefined) return t.skip()
    const c = client
    const daemonJson = join(c.root, 'etc/docker/daemon.json')
    await fs.writeFile(daemonJson, ORIGINAL_DAEMON_JSON)
    // Podman's own policy file (not ours): the client root's /etc/containers replaces the host's for the pull.
    await fs.mkdir(join(c.root, 'etc/containers'), { recursive: true })
    await fs.writeFile(
      join(c.root, 'etc/containers/policy.json'),
      '{"default":[{"type":"insecureAcceptAnything"}]}\n',
    )

    const args = [
      '--ca',
      caFile,
      '--mirror',
      mirror,
      '--root',
      c.root,
      '--targets',
      'docker,containerd,podman',
    ]
    const install = await runCliIn(work, ['trust', 'install', ...args], {})
    expect(install.code, install.out + install.err).toBe(0)
    expect(install.out).toContain('systemctl reload docker')
    expect(JSON.parse(await fs.readFile(daemonJson, 'utf8'))).toEqual({
      debug: false,
      'max-concurrent-downloads': 3,
      'registry-mirrors': [`https://${mirror}`],
    })

    // dockerd re-reads registry-mirrors on SIGHUP.
    await sighupDockerd(c)
    await waitFor('dockerd to list the mirror', async () =>
      (await dockerMirrors(c)).includes(`https://${mirror}/`),
    )
    const stream = await c.docker.pull('hello')
    await new Promise<void>((resolve, reject) =>
      c.docker.modem.followProgress(stream, (err: unknown) =>
        err ? reject(err instanceof Error ? err : new Error('pull failed')) : resolve(),
      ),
    )
    const pulled = await c.docker.getImage('hello:latest').inspect()
    expect(pulled.RepoTags).toContain('hello:latest')
    const catalog = JSON.parse(await httpsGet(`https://127.0.0.1:${mirrorPort}/v2/_catalog`)) as {
      repositories: string[]
    }
    expect(catalog.repositories).toContain('library/hello')
    const { stdout: upLog, stderr: upErr } = await run('docker', ['logs', UPSTREAM])
    expect(`${upLog}${upErr}`).toMatch(/"GET \/v2\/library\/hello\/blobs\/sha256:[0-9a-f]{64} HTTP/)

    // containerd: the docker.io hosts.toml our install wrote (its ca = /etc/containerd/certs.d/HOST:PORT/ca.crt).
    const ctr = await inClient(c, 'containerd', [
      'ctr',
      '-a',
      CTR_SOCK,
      '-n',
      CTR_NS,
      'image',
      'pull',
      '--hosts-dir',
      '/etc/containerd/certs.d',
      'docker.io/library/hello:latest',
    ])
    expect(ctr.stdout).toMatch(/done/)
    const { stdout: ctrImages } = await run('ctr', ['-a', CTR_SOCK, '-n', CTR_NS, 'images', 'ls', '-q'])
    expect(ctrImages).toContain('docker.io/library/hello:latest')

    // Podman: our registries.conf.d drop-in and /etc/containers/certs.d/HOST:PORT/ca.crt, nothing else configured.
    const pod = join(work, 'podman')
    await inClient(c, 'containers', [
      'podman',
      '--root',
      join(pod, 'root'),
      '--runroot',
      join(pod, 'run'),
      '--storage-driver',
      'vfs',
      '--cgroup-manager',
      'cgroupfs',
      '--events-backend',
      'none',
      'pull',
      '-q',
      'docker.io/library/hello:latest',
    ])
    const { stdout: podImages } = await inClient(c, 'containers', [
      'podman',
      '--root',
      join(pod, 'root'),
      '--runroot',
      join(pod, 'run'),
      '--storage-driver',
      'vfs',
      '--events-backend',
      'none',
      'images',
      '--format',
      '{{.Repository}}:{{.Tag}}',
    ])
    expect(podImages).toContain('docker.io/library/hello:latest')

    const un = await runCliIn(work, ['trust', 'uninstall', ...args], {})
    expect(un.code, un.out + un.err).toBe(0)
    expect(await fs.readFile(daemonJson, 'utf8')).toBe(ORIGINAL_DAEMON_JSON)
    // A reload keeps dockerd's mirrors once registry-mirrors is gone from daemon.json (seen here): the note says restart.
    expect(un.out).toContain('systemctl restart docker')
    await expect(fs.access(join(c.root, 'etc/containerd/certs.d/docker.io'))).rejects.toThrow()
    await expect(
      fs.access(join(c.root, 'etc/containers/registries.conf.d/50-registry-wizard-mirror.conf')),
    ).rejects.toThrow()
  }, 300_000)
})
