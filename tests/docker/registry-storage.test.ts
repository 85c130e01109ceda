import { copyFile, mkdir, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/program'
import { connectEngine, followLogs, readContainerFile } from '../../main/docker'
import {
  captureIo,
  runCliIn,
  trackRegistry,
  curlStatus,
  dockerCleanup,
  ensureRegistryImage,
  ensureTestImage,
  freePort,
  makeCerts,
  REPO,
  run,
  rwName,
  tempDir,
} from '../support/rw-reg-fixtures'

const engine = connectEngine({})
let root: { path: string; cleanup: () => Promise<void> }
let certDir: string
const containers: string[] = []
const volumes: string[] = []
const mounts: string[] = []

const cli = (args: string[]): ReturnType<typeof runCliIn> => runCliIn(root.path, args)
const track = (name: string): string => trackRegistry(containers, volumes, name)

async function push(port: number, repo: string): Promise<void> {
  const trust = join(root.path, `trust-${port}`)
  await mkdir(trust, { recursive: true })
  await copyFile(join(certDir, 'ca.crt'), join(trust, 'ca.crt'))
  await run('skopeo', [
    'copy',
    '--dest-cert-dir',
    trust,
    'docker-daemon:rw-reg-busybox:1',
    `docker://127.0.0.1:${port}/${repo}`,
  ])
}

beforeAll(async () => {
  await ensureRegistryImage()
  await ensureTestImage('rw-reg-busybox:1')
  await run('bash', [join(REPO, 'tests/support/rw-reg-registry3-image.sh'), 'rw-reg-registry:3'])
  root = await tempDir()
  ;({ certDir } = await makeCerts(root.path))
}, 120_000)

afterAll(async () => {
  await dockerCleanup(containers, volumes)
  for (const m of mounts) await run('umount', [m]).catch(() => undefined)
  await root.cleanup()
})

/** `registry start` of this suite's certificates on PORT as NAME. */
const startArgs = (port: number, name: string): string[] => [
  'registry',
  'start',
  '--certs',
  certDir,
  '--port',
  String(port),
  '--name',
  name,
]

describe('storage', () => {
  it('--data /HOST/PATH: the pushed image lands in that directory; status shows it; remove keeps it', async () => {
    const name = track(rwName('hostdata'))
    const port = await freePort()
    const data = join(root.path, 'registry-data')
    const r = await cli([...startArgs(port, name), '--data', data, '--json'])
    expect(r.err).toContain('storage: checking that the registry can write its storage')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({ storage: { kind: 'hostPath', path: data } })
    await push(port, 'rw-test/busybox:1')
    expect(await readdir(join(data, 'docker/registry/v2/repositories/rw-test/busybox'))).toEqual(
      expect.arrayContaining(['_layers', '_manifests']),
    )
    // The write check's upload never shows as a repository.
    const { stdout } = await run('curl', [
      '-sS',
      '--cacert',
      join(certDir, 'ca.crt'),
      `https://127.0.0.1:${port}/v2/_catalog`,
    ])
    expect(JSON.parse(stdout)).toEqual({ repositories: ['rw-test/busybox'] })
    const status = await cli(['registry', 'status', '--name', name])
    expect(status.out).toContain(`storage      hostPath ${data}\n`)
    const removed = await cli(['registry', 'remove', '--name', name, '--delete-data'])
    expect(removed.out).toBe(`removed ${name}\nkept the data: host path ${data}\n`)
    expect((await stat(join(data, 'docker/registry/v2/repositories/rw-test/busybox'))).isDirectory()).toBe(
      true,
    )
  })

  it("a read-only storage path: a plain error with the container's log line (as root, so a read-only file system)", async () => {
    const ro = join(root.path, 'readonly-data')
    await mkdir(ro, { recursive: true })
    await run('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'rw-reg-ro', ro])
    mounts.push(ro)
    const name = track(rwName('rodata'))
    const port = await freePort()
    const r = await cli([...startArgs(port, name), '--data', ro])
    expect(r.code).toBe(1)
    expect(r.err).toContain(
      `error: The registry at https://127.0.0.1:${port}/v2/ cannot write its storage (host path ${ro} on the engine's host): a test upload got HTTP 500 (`,
    )
    expect(r.err).toContain('container log (last lines):\n')
    expect(r.err).toContain('err.detail="filesystem: mkdir /var/lib/registry/docker: read-only file system"')
    expect(r.err).toContain(
      `hint: Give the registry a writable directory: ${ro} must be on a writable file system (not a read-only mount)`,
    )
    // Nothing broken is left running (restart=always would keep it): the container this start made is gone.
    expect(r.err).toContain(`cleanup: removed the container ${name} that this start created`)
    await expect(run('docker', ['inspect', name])).rejects.toThrow()
  })
})

describe('--reuse', () => {
  it('reuses a stopped container (starts it, checks health) and a running one, without creating another', async () => {
    const name = track(rwName('reuse'))
    const port = await freePort()
    const data = join(root.path, 'reuse-data')
    const first = await cli([...startArgs(port, name), '--data', data, '--json'])
    expect(first.code).toBe(0)
    const id = (JSON.parse(first.out) as { id: string }).id
    expect((await cli(['registry', 'stop', '--name', name])).out).toBe(`stopped ${name}\n`)
    const again = await cli([...startArgs(port, name), '--reuse', '--json'])
    expect(again.err).not.toContain('error')
    expect(again.code).toBe(0)
    expect(JSON.parse(again.out)).toMatchObject({ id, reused: true, health: { status: 200 } })
    expect(await curlStatus(`https://127.0.0.1:${port}/v2/`, join(certDir, 'ca.crt'))).toBe('200')
    const running = await cli([...startArgs(port, name), '--reuse', '--json'])
    // What the container really mounts is reported, not the default the command line would give.
    expect(JSON.parse(running.out)).toMatchObject({
      id,
      reused: true,
      storage: { kind: 'hostPath', path: data },
    })
    const { stdout } = await run('docker', ['ps', '-a', '--filter', `name=^/${name}$`, '--format', '{{.ID}}'])
    expect(stdout.trim().split('\n')).toHaveLength(1)
    // Without --reuse or --replace the name clash is reported.
    const clash = await cli(['registry', 'start', '--certs', certDir, '--port', String(port), '--name', name])
    expect(clash.err).toContain(
      `error: A container named "${name}" already exists (running, image registry:2, made by Registry Wizard)`,
    )
  })
})

describe('logs --follow', () => {
  let name: string
  let port: number

  beforeAll(async () => {
    name = track(rwName('logs'))
    port = await freePort()
    expect(
      (await cli(['registry', 'start', '--certs', certDir, '--port', String(port), '--name', name])).code,
    ).toBe(0)
  })

  it('followLogs streams new lines as they come and stops cleanly on abort', async () => {
    const lines: string[] = []
    const controller = new AbortController()
    const following = followLogs(engine, name, {
      tail: 1,
      follow: true,
      signal: controller.signal,
      onLine: (l) => lines.push(l),
    })
    await curlStatus(`https://127.0.0.1:${port}/v2/rw-follow-marker/tags/list`, join(certDir, 'ca.crt'))
    await expect.poll(() => lines.some((l) => l.includes('rw-follow-marker')), { timeout: 10_000 }).toBe(true)
    const t = Date.now()
    controller.abort()
    await following
    expect(Date.now() - t).toBeLessThan(1000)
    const seen = lines.length
    await curlStatus(`https://127.0.0.1:${port}/v2/rw-after-abort/tags/list`, join(certDir, 'ca.crt'))
    await new Promise((r) => setTimeout(r, 500))
    expect(lines.length).toBe(seen)
  })

  it('registry logs --follow prints new lines and exits 0 on Ctrl+C (SIGINT)', async () => {
    const others = process.rawListeners('SIGINT') as ((...a: unknown[]) => void)[]
    process.removeAllListeners('SIGINT')
    try {
      const c = captureIo(root.path)
      const running = runCli(['registry', 'logs', '--name', name, '--tail', '1', '--follow'], c.io)
      await expect.poll(() => process.listenerCount('SIGINT'), { timeout: 10_000 }).toBe(1)
      await curlStatus(`https://127.0.0.1:${port}/v2/rw-cli-marker/tags/list`, join(certDir, 'ca.crt'))
      await expect.poll(() => c.out().includes('rw-cli-marker'), { timeout: 10_000 }).toBe(true)
      process.emit('SIGINT')
      expect(await running).toBe(0)
      expect(c.err()).toBe('')
      expect(process.listenerCount('SIGINT')).toBe(0)
    } finally {
      for (const l of others) process.on('SIGINT', l)
    }
  })
})

describe('registry:3 (config at /etc/distribution/config.yml)', () => {
  it('starts from a registry:3-like image with its own CMD; REGISTRY_* env (TLS, auth) works the same; takes a push', async () => {
    const name = track(rwName('r3'))
    const port = await freePort()
    const pw = join(root.path, 'bob.pw')
    await run('sh', ['-c', `printf 'b0b-Secret\\n' > '${pw}'`])
    const r = await cli([
      ...startArgs(port, name),
      '--image',
      'rw-reg-registry:3',
      '--user',
      'bob',
      '--password-file',
      pw,
      '--json',
    ])
    expect(r.err).not.toContain('error')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({
      image: 'rw-reg-registry:3',
      imageSource: 'present',
      auth: true,
      health: { status: 401 },
    })
    // The image's own command is kept: the config is read from /etc/distribution, and the registry:2 path is absent.
    const { stdout } = await run('docker', ['inspect', name, '--format', '{{json .Args}}'])
    expect(JSON.parse(stdout)).toEqual(['serve', '/etc/distribution/config.yml'])
    expect(await readContainerFile(engine, name, '/etc/docker/registry/config.yml')).toBeUndefined()
    expect(await readContainerFile(engine, name, '/etc/distribution/config.yml')).toContain(
      'rootdirectory: /var/lib/registry',
    )
    const ca = join(certDir, 'ca.crt')
    expect(await curlStatus(`https://127.0.0.1:${port}/v2/`, ca)).toBe('401')
    expect(await curlStatus(`https://127.0.0.1:${port}/v2/`, ca, ['-u', 'bob:b0b-Secret'])).toBe('200')
    const trust = join(root.path, 'trust-r3')
    await mkdir(trust, { recursive: true })
    await copyFile(ca, join(trust, 'ca.crt'))
    await run('skopeo', [
      'copy',
      '--dest-cert-dir',
      trust,
      '--dest-creds',
      'bob:b0b-Secret',
      'docker-daemon:rw-reg-busybox:1',
      `docker://127.0.0.1:${port}/rw-test/busybox:3`,
    ])
    const { stdout: tags } = await run('curl', [
      '-sS',
      '--cacert',
      ca,
      '-u',
      'bob:b0b-Secret',
      `https://127.0.0.1:${port}/v2/rw-test/busybox/tags/list`,
    ])
    expect(JSON.parse(tags)).toEqual({ name: 'rw-test/busybox', tags: ['3'] })
  })
})
