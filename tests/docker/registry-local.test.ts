import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, readCertDir, registryStatus, startRegistry } from '../../main/docker'
import { AppError } from '../../main/errors'
import {
  runCliIn,
  trackRegistry,
  curlStatus,
  dockerCleanup,
  ensureRegistryImage,
  ensureTestImage,
  freePort,
  issueMore,
  makeCerts,
  run,
  rwName,
  tempDir,
} from '../support/rw-reg-fixtures'

const engine = connectEngine({})
let root: { path: string; cleanup: () => Promise<void> }
let caDir: string
let certDir: string
const containers: string[] = []
const volumes: string[] = []
const images: string[] = []

const cli = (args: string[]): ReturnType<typeof runCliIn> => runCliIn(root.path, args)
const track = (name: string): string => trackRegistry(containers, volumes, name)

beforeAll(async () => {
  await ensureRegistryImage()
  await ensureTestImage('rw-reg-busybox:1')
  root = await tempDir()
  ;({ caDir, certDir } = await makeCerts(root.path))
})

afterAll(async () => {
  await dockerCleanup(containers, volumes, images)
  await root.cleanup()
})

describe('registry start on the local engine', () => {
  it('starts from our certs, serves TLS that curl trusts with ca.crt, takes a skopeo push, reports status, replaces the cert', async () => {
    const name = track(rwName('main'))
    const port = await freePort()
    const started = await cli([
      'registry',
      'start',
      '--certs',
      certDir,
      '--port',
      String(port),
      '--name',
      name,
      '--json',
    ])
    expect(started.err).toContain('health: waiting for')
    expect(started.code).toBe(0)
    const result = JSON.parse(started.out) as { certStore: { kind: string }; health: { status: number } }
    expect(result.certStore.kind).toBe('bind')
    expect(result.health.status).toBe(200)
    const caFile = join(certDir, 'ca.crt')
    expect(await curlStatus(`https://127.0.0.1:${port}/v2/`, caFile)).toBe('200')

    // skopeo with a cert dir holding only ca.crt: verification on, trust from our CA alone.
    const trustDir = join(root.path, 'skopeo-trust')
    await mkdir(trustDir, { recursive: true })
    await copyFile(caFile, join(trustDir, 'ca.crt'))
    await run('skopeo', [
      'copy',
      '--dest-cert-dir',
      trustDir,
      'docker-daemon:rw-reg-busybox:1',
      `docker://127.0.0.1:${port}/rw-test/busybox:1`,
    ])
    const { stdout: tags } = await run('curl', [
      '-sS',
      '--cacert',
      caFile,
      `https://127.0.0.1:${port}/v2/rw-test/busybox/tags/list`,
    ])
    expect(JSON.parse(tags)).toEqual({ name: 'rw-test/busybox', tags: ['1'] })

    const status = await registryStatus(engine, name)
    expect(status).toMatchObject({
      running: true,
      port,
      image: 'registry:2',
      managed: true,
      storage: { kind: 'volume', source: `${name}-data` },
    })
    expect(status.servedCert?.daysLeft).toBeGreaterThan(15)
    const statusCli = await cli(['registry', 'status', '--name', name])
    expect(statusCli.out).toMatch(/state +running/)

    const logs = await cli(['registry', 'logs', '--name', name, '--tail', '5'])
    expect(logs.code).toBe(0)
    expect(logs.out).toContain('GET /v2/')

    // Replace with a new cert from the same CA: clients keep trusting (curl with the same ca.crt).
    const newDir = join(root.path, 'renewed')
    await issueMore(caDir, newDir, ['127.0.0.1'])
    const before = await readFile(join(certDir, 'domain.crt'), 'utf8')
    const replaced = await cli(['registry', 'replace-cert', '--name', name, '--certs', newDir])
    // The replace job's steps (main/lifecycle) on stderr; a failure would undo them.
    expect(replaced.err).toBe(
      'Reading the certificate in use\nChecking the new certificate\nPutting the new certificate in place\nChecking health\n',
    )
    expect(replaced.code).toBe(0)
    expect(await readFile(join(certDir, 'domain.crt'), 'utf8')).toBe(
      await readFile(join(newDir, 'domain.crt'), 'utf8'),
    )
    expect(before).not.toBe(await readFile(join(certDir, 'domain.crt'), 'utf8'))
    expect(await curlStatus(`https://127.0.0.1:${port}/v2/`, caFile)).toBe('200')

    // A pair from another CA is refused before anything changes.
    const other = await makeCerts(root.path, ['127.0.0.1'], 'other-ca')
    const refused = await cli(['registry', 'replace-cert', '--name', name, '--certs', other.certDir])
    expect(refused.code).toBe(2)
    expect(refused.err).toContain(
      "error: --certs: the registry's current certificate was not issued by this ca.crt, so clients would have to trust a new CA",
    )

    const removed = await cli(['registry', 'remove', '--name', name])
    expect(removed.out).toBe(`removed ${name}\nkept the data: volume ${name}-data\n`)
    await run('docker', ['volume', 'inspect', `${name}-data`])
  })

  it('htpasswd auth: 401 without credentials, 200 with them (bcrypt, certs copied into a volume)', async () => {
    const name = track(rwName('auth'))
    const port = await freePort()
    const pw = join(root.path, 'alice.pw')
    await writeFile(pw, 's3cret-Pass\n', { mode: 0o600 })
    const r = await cli([
      'registry',
      'start',
      '--certs',
      certDir,
      '--port',
      String(port),
      '--name',
      name,
      '--user',
      'alice',
      '--password-file',
      pw,
      '--cert-store',
      'volume',
      '--delete-enabled',
    ])
    expect(r.err).not.toContain('error')
    expect(r.code).toBe(0)
    const caFile = join(certDir, 'ca.crt')
    const url = `https://127.0.0.1:${port}/v2/`
    expect(await curlStatus(url, caFile)).toBe('401')
    expect(await curlStatus(url, caFile, ['-u', 'alice:wrong'])).toBe('401')
    expect(await curlStatus(url, caFile, ['-u', 'alice:s3cret-Pass'])).toBe('200')
    const { stdout } = await run('docker', ['inspect', name, '--format', '{{json .Config.Env}}'])
    expect(stdout).toContain('REGISTRY_STORAGE_DELETE_ENABLED=true')
    expect(stdout).not.toContain('SETTINGS_FLAVOUR')
  })

  it('air-gapped: docker save, rmi, then loads the image back from the tar through our code', async () => {
    const tag = `${rwName('airgap')}:2`
    images.push(tag)
    await run('docker', ['tag', 'registry:2', tag])
    const tarFile = join(root.path, 'registry.tar')
    await run('docker', ['save', tag, '-o', tarFile])
    await run('docker', ['rmi', tag])
    const name = track(rwName('air'))
    const port = await freePort()
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
      tag,
      '--image-tar',
      tarFile,
      '--no-pull',
      '--json',
    ])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({ imageSource: 'loaded', image: tag })
    expect(r.err).toContain('load: sending')
    expect(await curlStatus(`https://127.0.0.1:${port}/v2/`, join(certDir, 'ca.crt'))).toBe('200')
  })
})

describe('faults, each with its message', () => {
  it('engine unreachable', async () => {
    const r = await cli(['engine', 'check', '--docker-host', 'unix:///nonexistent/docker.sock'])
    expect(r.code).toBe(1)
    expect(r.err).toBe(
      'error: Cannot reach the Docker engine at unix:///nonexistent/docker.sock: the socket does not exist\nhint: Start Docker (systemctl start docker) or give --docker-host.\n',
    )
    const port = await freePort()
    const t = Date.now()
    const refused = await cli(['engine', 'check', '--docker-host', `tcp://127.0.0.1:${port}`])
    expect(refused.err).toContain(
      `error: Cannot reach the Docker engine at tcp://127.0.0.1:${port}: connection refused`,
    )
    expect(Date.now() - t).toBeLessThan(5500)
  })

  it('port taken by another container, and by another program on the host', async () => {
    const holder = track(rwName('holder'))
    const port = await freePort()
    await run('docker', [
      'run',
      '-d',
      '--name',
      holder,
      '-p',
      `${port}:80`,
      'rw-reg-busybox:1',
      '/bin/busybox',
      'sleep',
      '600',
    ])
    const name = rwName('porttaken')
    const r = await cli(['registry', 'start', '--certs', certDir, '--port', String(port), '--name', name])
    expect(r.code).toBe(1)
    expect(r.err).toContain(
      `error: Port ${port} is already in use on the engine's host (published by container "${holder}")\nhint: Choose another --port, or stop what uses port ${port}.\n`,
    )

    const port2 = await freePort()
    const server: Server = createServer()
    await new Promise<void>((res) => server.listen(port2, '0.0.0.0', res))
    try {
      const r2 = await cli(['registry', 'start', '--certs', certDir, '--port', String(port2), '--name', name])
      expect(r2.err).toContain(
        `error: Port ${port2} is already in use on the engine's host (another program listens on it)`,
      )
    } finally {
      server.close()
    }
    await expect(run('docker', ['inspect', name])).rejects.toThrow()
  })

  it('name clash shows the state of the existing container', async () => {
    const name = track(rwName('clash'))
    await run('docker', ['create', '--name', name, 'rw-reg-busybox:1'])
    const r = await cli([
      'registry',
      'start',
      '--certs',
      certDir,
      '--port',
      String(await freePort()),
      '--name',
      name,
    ])
    expect(r.code).toBe(1)
    expect(r.err).toContain(
      `error: A container named "${name}" already exists (created, image rw-reg-busybox:1)\n`,
    )
  })

  it('image missing and no tar', async () => {
    const ref = `${rwName('missing')}:1`
    const r = await cli([
      'registry',
      'start',
      '--certs',
      certDir,
      '--port',
      String(await freePort()),
      '--name',
      rwName('nomg'),
      '--image',
      ref,
      '--no-pull',
    ])
    expect(r.code).toBe(1)
    expect(r.err).toContain(
      `error: Image ${ref} is not on the engine and no image tar was given (pulling is switched off)\n`,
    )
    // With pulling on, the pull fails (no registry reachable for it) and the same advice is given.
    const e = await startRegistry(engine, {
      name: rwName('nomg'),
      image: `127.0.0.1:1/${ref}`,
      port: await freePort(),
      certs: await readCertDir(certDir),
    }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('IMAGE_MISSING')
    expect((e as AppError).message).toMatch(
      /^Image 127\.0\.0\.1:1\/rw-reg-missing-\w+:1 is not on the engine and no image tar was given \(Pulling .* failed: /,
    )
  })

  it('bad tar: not an image archive, or without the wanted tag', async () => {
    const startFromTar = async (tar: string): ReturnType<typeof cli> =>
      cli([
        'registry',
        'start',
        '--certs',
        certDir,
        '--name',
        rwName('badtar'),
        '--port',
        String(await freePort()),
        '--image',
        'rw-reg-not-here:2',
        '--image-tar',
        tar,
      ])
    const junk = join(root.path, 'junk.tar')
    await writeFile(junk, 'this is not a tar\n')
    const r = await startFromTar(junk)
    expect(r.code).toBe(2)
    expect(r.err).toContain(
      `error: --image-tar: ${junk} is not a Docker image archive (no manifest.json inside)\n`,
    )
    const other = join(root.path, 'busybox.tar')
    await run('docker', ['save', 'rw-reg-busybox:1', '-o', other])
    const r2 = await startFromTar(other)
    expect(r2.code).toBe(2)
    expect(r2.err).toContain(
      `error: --image-tar: ${other} does not contain rw-reg-not-here:2; it holds rw-reg-busybox:1\n`,
    )
  })

  it('cert/key mismatch: refused in preflight, and shown from the container log when files change under a running registry', async () => {
    const mixed = join(root.path, 'mixed')
    const second = join(root.path, 'second')
    await issueMore(caDir, second, ['127.0.0.1'])
    await mkdir(mixed, { recursive: true })
    for (const f of ['domain.crt', 'ca.crt']) await copyFile(join(certDir, f), join(mixed, f))
    await copyFile(join(second, 'domain.key'), join(mixed, 'domain.key'))
    const r = await cli([
      'registry',
      'start',
      '--certs',
      mixed,
      '--name',
      rwName('mm'),
      '--port',
      String(await freePort()),
    ])
    expect(r.code).toBe(2)
    expect(r.err).toContain(
      "error: --certs: domain.key does not belong to domain.crt (the key does not match the certificate's public key)\n",
    )

    // Start good (bind mount), then swap the key on disk and restart: the health check reports the container's log.
    const live = join(root.path, 'live')
    await mkdir(live, { recursive: true })
    for (const f of ['domain.crt', 'domain.key', 'ca.crt']) await copyFile(join(certDir, f), join(live, f))
    const name = track(rwName('mmlive'))
    const port = await freePort()
    expect(
      (await cli(['registry', 'start', '--certs', live, '--name', name, '--port', String(port)])).code,
    ).toBe(0)
    await copyFile(join(second, 'domain.key'), join(live, 'domain.key'))
    const restarted = await cli([
      'registry',
      'restart',
      '--name',
      name,
      '--certs',
      live,
      '--health-timeout',
      '20',
    ])
    expect(restarted.code).toBe(1)
    expect(restarted.err).toContain(
      `error: The registry at https://127.0.0.1:${port}/v2/ is not healthy: the container `,
    )
    expect(restarted.err).toContain('container log (last lines):')
    expect(restarted.err).toContain('tls: private key does not match public key')
  })
})
