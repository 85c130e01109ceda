// Failed starts leave nothing running; helper containers leave no anonymous volume; an --image-tar that is not
// needed is reported. The dangling-volume count is taken on a private second dockerd (tcp+TLS, its own data-root),
// so other suites running at the same time cannot change it.
import { mkdtempSync, rmSync } from 'node:fs'
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startIpc } from '../support/ipc-harness'
import {
  dockerCleanup,
  ensureRegistryImage,
  ensureTestImage,
  freePort,
  issueMore,
  makeCerts,
  REPO,
  run,
  runCliIn,
  rwName,
  tempDir,
  trackRegistry,
} from '../support/rw-reg-fixtures'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

let root: { path: string; cleanup: () => Promise<void> }
let caDir: string
let certDir: string
let engineCa: { caDir: string; certDir: string }
let clientDir: string
let tcpPort: number
const containers: string[] = []
const volumes: string[] = []
const mounts: string[] = []
const d2 = (): string => join(root.path, 'dockerd2')

const cli = (args: string[]): ReturnType<typeof runCliIn> => runCliIn(root.path, args)
const track = (name: string): string => trackRegistry(containers, volumes, name)
const tlsArgs = (): string[] => [
  '--docker-host',
  `tcp://127.0.0.1:${tcpPort}`,
  '--tls-ca',
  join(engineCa.caDir, 'ca.crt'),
  '--tls-cert',
  join(clientDir, 'client.crt'),
  '--tls-key',
  join(clientDir, 'client.key'),
]
/** The docker CLI against the second dockerd. */
const docker2 = async (args: string[]): Promise<string> =>
  (
    await run('docker', [
      '-H',
      `tcp://127.0.0.1:${tcpPort}`,
      '--tlsverify',
      '--tlscacert',
      join(engineCa.caDir, 'ca.crt'),
      '--tlscert',
      join(clientDir, 'client.crt'),
      '--tlskey',
      join(clientDir, 'client.key'),
      ...args,
    ])
  ).stdout
const dangling2 = async (): Promise<string[]> =>
  (await docker2(['volume', 'ls', '-qf', 'dangling=true'])).split('\n').filter((l) => l !== '')

async function exists(name: string): Promise<boolean> {
  return run('docker', ['inspect', name]).then(
    () => true,
    () => false,
  )
}

beforeAll(async () => {
  await ensureRegistryImage()
  await ensureTestImage('rw-reg-busybox:1')
  root = await tempDir()
  ;({ caDir, certDir } = await makeCerts(root.path))
  engineCa = await makeCerts(root.path, ['127.0.0.1'], 'engine-ca')
  clientDir = join(root.path, 'client')
  await issueMore(engineCa.caDir, clientDir, ['rw-reg-cleanup-client'], 'client')
  tcpPort = await freePort()
  await run('bash', [
    join(REPO, 'tests/support/rw-reg-dockerd2.sh'),
    'start',
    d2(),
    String(tcpPort),
    join(engineCa.caDir, 'ca.crt'),
    join(engineCa.certDir, 'domain.crt'),
    join(engineCa.certDir, 'domain.key'),
  ])
}, 240_000)

afterAll(async () => {
  await dockerCleanup(containers, volumes)
  for (const m of mounts) await run('umount', [m]).catch(() => undefined)
  await run('bash', [join(REPO, 'tests/support/rw-reg-dockerd2.sh'), 'stop', d2()]).catch(() => undefined)
  await root.cleanup()
}, 120_000)

describe('a start whose health check fails leaves no running container', () => {
  it('a created container that keeps restarting (restart=always) is removed, and the message says so', async () => {
    const name = track(rwName('loop'))
    const port = await freePort()
    // An image that exits at once: with restart=always the engine would restart it forever.
    const r = await cli([
      'registry',
      'start',
      '--certs',
      certDir,
      '--port',
      String(port),
      '--name',
      name,
      '--image',
      'rw-reg-busybox:1',
      '--health-timeout',
      '30',
    ])
    expect(r.code).toBe(1)
    expect(r.err).toContain(
      `error: The registry at https://127.0.0.1:${port}/v2/ is not healthy: the container `,
    )
    expect(r.err).toContain(
      `cleanup: removed the container ${name} that this start created, so nothing is left running`,
    )
    // Once as the progress line, once in the error message.
    expect(r.err.split(`cleanup: removed the container ${name}`).length - 1).toBe(2)
    expect(await exists(name)).toBe(false)
  })

  it('a reused container that is not healthy is stopped (not removed), and the message says so', async () => {
    const live = join(root.path, 'reuse-live')
    const second = join(root.path, 'reuse-second')
    await mkdir(live, { recursive: true })
    for (const f of ['domain.crt', 'domain.key', 'ca.crt']) await copyFile(join(certDir, f), join(live, f))
    await issueMore(caDir, second, ['127.0.0.1'])
    const name = track(rwName('reusebad'))
    const port = await freePort()
    expect(
      (await cli(['registry', 'start', '--certs', live, '--port', String(port), '--name', name])).code,
    ).toBe(0)
    expect((await cli(['registry', 'stop', '--name', name])).code).toBe(0)
    // The mounted key no longer matches the mounted certificate: the registry cannot start.
    await copyFile(join(second, 'domain.key'), join(live, 'domain.key'))
    const r = await cli([
      'registry',
      'start',
      '--certs',
      certDir,
      '--port',
      String(port),
      '--name',
      name,
      '--reuse',
      '--health-timeout',
      '20',
    ])
    expect(r.code).toBe(1)
    expect(r.err).toContain('tls: private key does not match public key')
    expect(r.err).toContain(
      `cleanup: stopped the existing container ${name} (it was reused and is not healthy)`,
    )
    const { stdout } = await run('docker', [
      'inspect',
      name,
      '--format',
      '{{.State.Running}} {{.State.Restarting}}',
    ])
    expect(stdout.trim()).toBe('false false')
  })

  it('through the IPC handlers (the Registry step): a read-only storage path fails the storage check, the container goes', async () => {
    const ro = join(root.path, 'ipc-readonly')
    await mkdir(ro, { recursive: true })
    await run('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'rw-reg-cleanup-ro', ro])
    mounts.push(ro)
    const name = track(rwName('ipcro'))
    const dir = mkdtempSync(join(tmpdir(), 'rw-reg-ipc-'))
    const ipc = startIpc({ dir, deps: { containerName: name } })
    try {
      const api = ipc.api
      const lines: string[] = []
      const off = api.on('job:log', (l) => lines.push(l.line))
      const port = await freePort()
      const plan = { addresses: ['127.0.0.1'], port, docker: { kind: 'local' as const } }
      const r = await ipc.fromApp(() => api.startRegistry({ jobId: 'ro-1', plan, certDir, storagePath: ro }))
      off()
      expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE_NOT_WRITABLE' } })
      if (r.ok) throw new Error('unreachable')
      expect(r.error.message).toContain(`cleanup: removed the container ${name}`)
      expect(lines.some((l) => l.startsWith(`cleanup: removed the container ${name}`))).toBe(true)
      expect(await exists(name)).toBe(false)
    } finally {
      ipc.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('no anonymous volume left behind; an unneeded --image-tar is reported (private second dockerd)', () => {
  it('start (volume cert store, auth) + remove: the dangling volumes before and after match', async () => {
    const tarFile = join(root.path, 'registry-2.tar')
    await run('docker', ['save', 'registry:2', '-o', tarFile])
    const pw = join(root.path, 'alice.pw')
    await writeFile(pw, 'al1ce-Secret\n', { mode: 0o600 })
    const before = await dangling2()
    const name = rwName('nodangle')
    const port = await freePort()
    const start = (): ReturnType<typeof cli> =>
      cli([
        'registry',
        'start',
        ...tlsArgs(),
        '--certs',
        certDir,
        '--name',
        name,
        '--port',
        String(port),
        '--image-tar',
        tarFile,
        '--no-pull',
        '--cert-store',
        'volume',
        '--user',
        'alice',
        '--password-file',
        pw,
        '--json',
      ])
    const first = await start()
    expect(first.err).not.toContain('error')
    expect(first.code).toBe(0)
    expect(JSON.parse(first.out)).toMatchObject({ imageSource: 'loaded', notices: [] })
    expect(await dangling2()).toEqual(before)

    // Same again with --replace: the image is there now, so the tar is not used, and that is said.
    const second = await cli([
      'registry',
      'start',
      ...tlsArgs(),
      '--certs',
      certDir,
      '--name',
      name,
      '--port',
      String(port),
      '--image-tar',
      tarFile,
      '--cert-store',
      'volume',
      '--replace',
    ])
    expect(second.code).toBe(0)
    // The first start's htpasswd volume is not used by the new container: it goes, not left orphaned.
    expect(second.err).toContain(
      `replace: removed the volume ${name}-auth the old container used and the new one does not`,
    )
    const notice = `registry:2 is already on the engine, so ${tarFile} was not used`
    expect(second.err).toContain(`image: ${notice}`)
    expect(second.out).toContain(`note: ${notice}`)
    const json = await cli([
      'registry',
      'start',
      ...tlsArgs(),
      '--certs',
      certDir,
      '--name',
      name,
      '--port',
      String(port),
      '--image-tar',
      tarFile,
      '--cert-store',
      'volume',
      '--replace',
      '--json',
    ])
    expect(JSON.parse(json.out)).toMatchObject({
      imageSource: 'present',
      notices: [expect.stringContaining(notice)],
    })

    expect((await cli(['registry', 'remove', ...tlsArgs(), '--name', name, '--delete-data'])).code).toBe(0)
    expect(await dangling2()).toEqual(before)
    expect(await docker2(['ps', '-aq'])).toBe('')
  })
})
