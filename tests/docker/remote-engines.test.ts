import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeEngine, connectEngine, followLogs, readCertDir, startRegistry } from '../../main/docker'
import {
  runCliIn,
  curlStatus,
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  issueMore,
  makeCerts,
  REPO,
  run,
  rwName,
  tempDir,
} from '../support/rw-reg-fixtures'

let root: { path: string; cleanup: () => Promise<void> }
let certDir: string
let engineCa: { caDir: string; certDir: string }
let clientDir: string
let tcpPort: number
let sshPort: number
const d2 = (): string => join(root.path, 'dockerd2')
const sshd = (): string => join(root.path, 'sshd')
const sshKey = (): string => join(root.path, 'id_ed25519')
/** HOME for the CLI: its .ssh/known_hosts holds the sshd's host key (plain [127.0.0.1]:PORT entry from ssh-keyscan). */
const home = (): string => join(root.path, 'home')
let hostFp: string

const cli = (args: string[], env: NodeJS.ProcessEnv = { HOME: home() }): ReturnType<typeof runCliIn> =>
  runCliIn(root.path, args, env)

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
const sshArgs = (): string[] => ['--docker-host', `ssh://root@127.0.0.1:${sshPort}`, '--ssh-key', sshKey()]

beforeAll(async () => {
  await ensureRegistryImage()
  root = await tempDir()
  ;({ certDir } = await makeCerts(root.path))
  // The engine's TLS: server cert for 127.0.0.1 and a client cert, both from our core.
  engineCa = await makeCerts(root.path, ['127.0.0.1'], 'engine-ca')
  clientDir = join(root.path, 'client')
  await issueMore(engineCa.caDir, clientDir, ['rw-reg-test-client'], 'client')
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
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', sshKey()])
  sshPort = await freePort()
  await run('bash', [
    join(REPO, 'tests/support/rw-reg-sshd.sh'),
    'start',
    sshd(),
    String(sshPort),
    `${sshKey()}.pub`,
  ])
  await mkdir(join(home(), '.ssh'), { recursive: true })
  const { stdout: scanned } = await run('ssh-keyscan', ['-p', String(sshPort), '127.0.0.1'])
  expect(scanned).toContain(`[127.0.0.1]:${sshPort} ssh-ed25519 `)
  await writeFile(join(home(), '.ssh/known_hosts'), scanned)
  hostFp = (await run('ssh-keygen', ['-lf', join(sshd(), 'host_key.pub')])).stdout.split(' ')[1] ?? ''
}, 240_000)

/** How many SSH logins the private sshd has accepted so far (its log, LogLevel INFO). */
async function sshLogins(): Promise<number> {
  const log = await readFile(join(sshd(), 'sshd.log'), 'utf8')
  return log.split('\n').filter((l) => l.includes('Accepted publickey for root')).length
}

afterAll(async () => {
  await run('bash', [join(REPO, 'tests/support/rw-reg-sshd.sh'), 'stop', sshd()]).catch(() => undefined)
  await run('bash', [join(REPO, 'tests/support/rw-reg-dockerd2.sh'), 'stop', d2()]).catch(() => undefined)
  await root.cleanup()
}, 120_000)

describe('a second dockerd on tcp://127.0.0.1 with --tlsverify and certs from our core', () => {
  it('engine check reports version, API and OS/arch', async () => {
    const r = await cli(['engine', 'check', ...tlsArgs(), '--json'])
    expect(r.err).toBe('')
    expect(JSON.parse(r.out)).toMatchObject({
      engine: `tcp://127.0.0.1:${tcpPort}`,
      kind: 'tcp+tls',
      os: 'linux',
    })
  })

  it('TLS refused: no client certificate, or one from another CA', async () => {
    const plain = await cli(['engine', 'check', '--docker-host', `tcp://127.0.0.1:${tcpPort}`])
    expect(plain.code).toBe(1)
    expect(plain.err).toContain(
      `error: Cannot reach the Docker engine at tcp://127.0.0.1:${tcpPort}: TLS refused (`,
    )
    expect(plain.err).toContain('hint: The engine expects TLS: give --tls-ca, --tls-cert and --tls-key.')
    const stranger = join(root.path, 'stranger-client')
    const other = await makeCerts(root.path, ['127.0.0.1'], 'stranger-ca')
    await issueMore(other.caDir, stranger, ['someone'], 'client')
    const args = tlsArgs()
    args[args.indexOf('--tls-cert') + 1] = join(stranger, 'client.crt')
    args[args.indexOf('--tls-key') + 1] = join(stranger, 'client.key')
    const bad = await cli(['engine', 'check', ...args])
    expect(bad.code).toBe(1)
    expect(bad.err).toContain(
      `error: Cannot reach the Docker engine at tcp://127.0.0.1:${tcpPort}: TLS refused (`,
    )
  })

  it('starts the registry through the TLS engine: image loaded from a tar, certs copied into a volume, curl 200', async () => {
    const tarFile = join(root.path, 'registry-2.tar')
    await run('docker', ['save', 'registry:2', '-o', tarFile])
    const name = rwName('tcp')
    const port = await freePort()
    const r = await cli([
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
      '--json',
    ])
    expect(r.err).not.toContain('error:')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({
      imageSource: 'loaded',
      certStore: { kind: 'volume', name: `${name}-certs` },
    })
    expect(await curlStatus(`https://127.0.0.1:${port}/v2/`, join(certDir, 'ca.crt'))).toBe('200')
    // Not on the machine's own engine: only on the second one.
    await expect(run('docker', ['inspect', name])).rejects.toThrow()
    const status = await cli(['registry', 'status', ...tlsArgs(), '--name', name, '--json'])
    expect(JSON.parse(status.out)).toMatchObject({ running: true, port, certStore: 'volume' })
    const removed = await cli(['registry', 'remove', ...tlsArgs(), '--name', name, '--delete-data'])
    expect(removed.code).toBe(0)
  })
})

describe('ssh:// through a private openssh-server on loopback with a generated key', () => {
  it('engine check over ssh, and a clear message when the key is refused', async () => {
    const ok = await cli(['engine', 'check', ...sshArgs(), '--json'])
    expect(ok.err).toBe('')
    expect(JSON.parse(ok.out)).toMatchObject({ engine: `ssh://root@127.0.0.1:${sshPort}`, kind: 'ssh' })
    const wrongKey = join(root.path, 'wrong_key')
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrongKey])
    const bad = await cli([
      'engine',
      'check',
      '--docker-host',
      `ssh://root@127.0.0.1:${sshPort}`,
      '--ssh-key',
      wrongKey,
    ])
    expect(bad.code).toBe(1)
    expect(bad.err).toBe(
      `error: Cannot reach the Docker engine at ssh://root@127.0.0.1:${sshPort}: SSH authentication failed\nhint: Give the right key with --ssh-key, load it into ssh-agent, or add its public key to the user's authorized_keys.\n`,
    )
  })

  it('starts the registry through ssh over ONE ssh connection, fast; certs copied into a volume; curl 200', async () => {
    const name = rwName('ssh')
    const port = await freePort()
    try {
      const logins = await sshLogins()
      const t0 = performance.now()
      const r = await cli([
        'registry',
        'start',
        ...sshArgs(),
        '--certs',
        certDir,
        '--name',
        name,
        '--port',
        String(port),
        '--cert-store',
        'volume',
      ])
      const ms = Math.round(performance.now() - t0)
      expect(r.err).not.toContain('error:')
      expect(r.code).toBe(0)
      // docker-modem's own ssh transport logged in once per API call (~38 s for a start); ours logs in once.
      expect(await sshLogins()).toBe(logins + 1)
      console.log(`registry start over ssh:// to healthy: ${ms} ms`)
      expect(ms).toBeLessThan(20_000)
      expect(await curlStatus(`https://127.0.0.1:${port}/v2/`, join(certDir, 'ca.crt'))).toBe('200')
      const { stdout } = await run('docker', ['inspect', name, '--format', '{{json .Mounts}}'])
      expect(stdout).toContain(`"Name":"${name}-certs"`)
    } finally {
      await cli(['registry', 'remove', ...sshArgs(), '--name', name, '--delete-data'])
      // The ssh engine is this machine's dockerd: whatever a failed run left is removed here too.
      await dockerCleanup([name], [`${name}-certs`, `${name}-data`])
    }
  })

  it('the engine keeps its one connection across calls and closes it when disposed', async () => {
    const engine = connectEngine(
      { host: `ssh://root@127.0.0.1:${sshPort}`, ssh: { privateKey: await readFile(sshKey(), 'utf8') } },
      { HOME: home() },
    )
    const name = rwName('sshapi')
    try {
      // More calls at once than OpenSSH's MaxSessions (10) allows channels on one connection: they queue, none fails.
      const many = await Promise.all(Array.from({ length: 12 }, () => engine.docker.version()))
      expect(many.every((v) => v.ApiVersion !== '')).toBe(true)
      const port = await freePort()
      const r = await startRegistry(engine, {
        name,
        port,
        certs: await readCertDir(certDir),
        certStore: 'volume',
      })
      expect(r.health.status).toBe(200)
      // A followed log is a long-lived channel: new lines arrive through it, and abort closes just that channel.
      const lines: string[] = []
      const controller = new AbortController()
      const following = followLogs(engine, name, {
        tail: 1,
        follow: true,
        signal: controller.signal,
        onLine: (l) => lines.push(l),
      })
      await curlStatus(`https://127.0.0.1:${port}/v2/rw-ssh-follow/tags/list`, join(certDir, 'ca.crt'))
      await expect.poll(() => lines.some((l) => l.includes('rw-ssh-follow')), { timeout: 10_000 }).toBe(true)
      controller.abort()
      await following
      expect((await engine.docker.version()).ApiVersion).not.toBe('')
      expect(engine.sshAgent?.connections).toBe(1)
    } finally {
      await engine.docker
        .getContainer(name)
        .remove({ force: true })
        .catch(() => undefined)
      for (const v of [`${name}-certs`, `${name}-data`])
        await engine.docker
          .getVolume(v)
          .remove()
          .catch(() => undefined)
      closeEngine(engine)
    }
    await expect(engine.docker.version()).rejects.toThrow('the SSH connection to the engine was closed')
    // The server side sees the session end.
    await expect
      .poll(
        async () =>
          (await readFile(join(sshd(), 'sshd.log'), 'utf8')).match(
            /Disconnected from user root|Received disconnect/g,
          )?.length ?? 0,
      )
      .toBeGreaterThan(0)
  })
})

describe('ssh:// to a server without the docker CLI', () => {
  it('says that the SSH user cannot run docker system dial-stdio', async () => {
    const dir = join(root.path, 'sshd-nodocker')
    const port = await freePort()
    await run('bash', [
      join(REPO, 'tests/support/rw-reg-sshd.sh'),
      'start',
      dir,
      String(port),
      `${sshKey()}.pub`,
      '/nonexistent',
    ])
    try {
      const fp = (await run('ssh-keygen', ['-lf', join(dir, 'host_key.pub')])).stdout.split(' ')[1] ?? ''
      const r = await cli([
        'engine',
        'check',
        '--docker-host',
        `ssh://root@127.0.0.1:${port}`,
        '--ssh-key',
        sshKey(),
        '--ssh-host-key-fingerprint',
        fp,
      ])
      expect(r.code).toBe(1)
      expect(r.err).toContain(
        `error: Cannot reach the Docker engine at ssh://root@127.0.0.1:${port}: the SSH user cannot run "docker system dial-stdio" ("docker system dial-stdio" failed on the server (exit 127): `,
      )
      expect(r.err).toMatch(/docker: (command )?not found/)
      expect(r.err).toContain('hint: Install the docker CLI on the server and let the SSH user run it.')
    } finally {
      await run('bash', [join(REPO, 'tests/support/rw-reg-sshd.sh'), 'stop', dir]).catch(() => undefined)
    }
  })
})

describe('ssh:// host keys are verified like OpenSSH', () => {
  const host = (): string => `ssh://root@127.0.0.1:${sshPort}`

  it('an unknown host key is refused with its SHA256 fingerprint and how to accept it; nothing logs in', async () => {
    const empty = join(root.path, 'empty-home')
    await mkdir(empty, { recursive: true })
    const logins = await sshLogins()
    const r = await cli(['engine', 'check', ...sshArgs()], { HOME: empty })
    expect(r.code).toBe(1)
    expect(r.err).toBe(
      `error: Cannot reach the Docker engine at ${host()}: the SSH host key of [127.0.0.1]:${sshPort} is not known (server offered ED25519 key ${hostFp})\n` +
        `hint: Compare ${hostFp} with the server's own key, out of band (on the server: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). ` +
        `If it is the same, accept it with \`ssh-keyscan -p ${sshPort} 127.0.0.1 >> ~/.ssh/known_hosts\`, or pass --ssh-host-key-fingerprint ${hostFp}.\n`,
    )
    expect(await sshLogins()).toBe(logins)
    // Accepting it as the hint says: the pinned fingerprint works with an empty known_hosts.
    const pinned = await cli(
      ['engine', 'check', ...sshArgs(), '--ssh-host-key-fingerprint', hostFp, '--json'],
      { HOME: empty },
    )
    expect(pinned.err).toBe('')
    expect(JSON.parse(pinned.out)).toMatchObject({ kind: 'ssh' })
  })

  it('a hashed known_hosts entry (ssh-keyscan -H) is accepted', async () => {
    const file = join(root.path, 'hashed_known_hosts')
    const { stdout } = await run('ssh-keyscan', ['-H', '-p', String(sshPort), '127.0.0.1'])
    expect(stdout).not.toContain('127.0.0.1')
    await writeFile(file, stdout)
    const r = await cli(['engine', 'check', ...sshArgs(), '--ssh-known-hosts', file, '--json'], {
      HOME: join(root.path, 'empty-home'),
    })
    expect(r.err).toBe('')
    expect(JSON.parse(r.out)).toMatchObject({ kind: 'ssh' })
  })

  it('a changed host key fails loudly (possible man-in-the-middle), and so does a wrong pin', async () => {
    const impostor = join(root.path, 'impostor_host_key')
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', impostor])
    const pub = (await readFile(`${impostor}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ')
    const oldFp = (await run('ssh-keygen', ['-lf', `${impostor}.pub`])).stdout.split(' ')[1] ?? ''
    const file = join(root.path, 'stale_known_hosts')
    await writeFile(file, `# stale\n[127.0.0.1]:${sshPort} ${pub}\n`)
    const logins = await sshLogins()
    const r = await cli(['engine', 'check', ...sshArgs(), '--ssh-known-hosts', file])
    expect(r.code).toBe(1)
    expect(r.err).toContain(
      `error: Cannot reach the Docker engine at ${host()}: WARNING, THE SSH HOST KEY OF [127.0.0.1]:${sshPort} HAS CHANGED: the server offered ED25519 key ${hostFp}, but ${file}:2 holds ${oldFp}. Someone may be intercepting the connection (man-in-the-middle)`,
    )
    expect(r.err).toContain(`hint: Do not connect until the server's administrator confirms ${hostFp}.`)
    const pin = await cli(['engine', 'check', ...sshArgs(), '--ssh-host-key-fingerprint', oldFp])
    expect(pin.code).toBe(1)
    expect(pin.err).toContain(
      `does not match the pinned fingerprint: the server offered ${hostFp}, --ssh-host-key-fingerprint is ${oldFp}.`,
    )
    expect(await sshLogins()).toBe(logins)
    const bad = await cli(['engine', 'check', ...sshArgs(), '--ssh-host-key-fingerprint', 'MD5:12:34'])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('error: --ssh-host-key-fingerprint: "MD5:12:34" is not valid; allowed: SHA256:')
  })
})
