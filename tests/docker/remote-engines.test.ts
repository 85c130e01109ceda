import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/program'
import { captureIo, curlStatus, ensureRegistryImage, freePort, issueMore, makeCerts, REPO, run, rwName, tempDir } from '../support/rw-reg-fixtures'

let root: { path: string; cleanup: () => Promise<void> }
let certDir: string
let engineCa: { caDir: string; certDir: string }
let clientDir: string
let tcpPort: number
let sshPort: number
const d2 = (): string => join(root.path, 'dockerd2')
const sshd = (): string => join(root.path, 'sshd')
const sshKey = (): string => join(root.path, 'id_ed25519')

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = captureIo(root.path)
  const code = await runCli(args, c.io)
  return { code, out: c.out(), err: c.err() }
}

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
  await run('bash', [join(REPO, 'tests/support/rw-reg-sshd.sh'), 'start', sshd(), String(sshPort), `${sshKey()}.pub`])
}, 240_000)

afterAll(async () => {
  await run('bash', [join(REPO, 'tests/support/rw-reg-sshd.sh'), 'stop', sshd()]).catch(() => undefined)
  await run('bash', [join(REPO, 'tests/support/rw-reg-dockerd2.sh'), 'stop', d2()]).catch(() => undefined)
  await root.cleanup()
}, 120_000)

describe('a second dockerd on tcp://127.0.0.1 with --tlsverify and certs from our core', () => {
  it('engine check reports version, API and OS/arch', async () => {
    const r = await cli(['engine', 'check', ...tlsArgs(), '--json'])
    expect(r.err).toBe('')
    expect(JSON.parse(r.out)).toMatchObject({ engine: `tcp://127.0.0.1:${tcpPort}`, kind: 'tcp+tls', os: 'linux' })
  })

  it('TLS refused: no client certificate, or one from another CA', async () => {
    const plain = await cli(['engine', 'check', '--docker-host', `tcp://127.0.0.1:${tcpPort}`])
    expect(plain.code).toBe(1)
    expect(plain.err).toContain(`error: Cannot reach the Docker engine at tcp://127.0.0.1:${tcpPort}: TLS refused (`)
    expect(plain.err).toContain('hint: The engine expects TLS: give --tls-ca, --tls-cert and --tls-key.')
    const stranger = join(root.path, 'stranger-client')
    const other = await makeCerts(root.path, ['127.0.0.1'], 'stranger-ca')
    await issueMore(other.caDir, stranger, ['someone'], 'client')
    const args = tlsArgs()
    args[args.indexOf('--tls-cert') + 1] = join(stranger, 'client.crt')
    args[args.indexOf('--tls-key') + 1] = join(stranger, 'client.key')
    const bad = await cli(['engine', 'check', ...args])
    expect(bad.code).toBe(1)
    expect(bad.err).toContain(`error: Cannot reach the Docker engine at tcp://127.0.0.1:${tcpPort}: TLS refused (`)
  })

  it('starts the registry through the TLS engine: image loaded from a tar, certs copied into a volume, curl 200', async () => {
    const tarFile = join(root.path, 'registry-2.tar')
    await run('docker', ['save', 'registry:2', '-o', tarFile])
    const name = rwName('tcp')
    const port = await freePort()
    const r = await cli(['registry', 'start', ...tlsArgs(), '--certs', certDir, '--name', name, '--port', String(port), '--image-tar', tarFile, '--no-pull', '--cert-store', 'volume', '--json'])
    expect(r.err).not.toContain('error:')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({ imageSource: 'loaded', certStore: { kind: 'volume', name: `${name}-certs` } })
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
    const bad = await cli(['engine', 'check', '--docker-host', `ssh://root@127.0.0.1:${sshPort}`, '--ssh-key', wrongKey])
    expect(bad.code).toBe(1)
    expect(bad.err).toBe(
      `error: Cannot reach the Docker engine at ssh://root@127.0.0.1:${sshPort}: SSH authentication failed\nhint: Give the right key with --ssh-key, load it into ssh-agent, or add its public key to the user's authorized_keys.\n`,
    )
  })

  it('starts the registry through ssh with the certs copied into a volume; curl 200', async () => {
    const name = rwName('ssh')
    const port = await freePort()
    try {
      const r = await cli(['registry', 'start', ...sshArgs(), '--certs', certDir, '--name', name, '--port', String(port), '--cert-store', 'volume'])
      expect(r.err).not.toContain('error:')
      expect(r.code).toBe(0)
      expect(await curlStatus(`https://127.0.0.1:${port}/v2/`, join(certDir, 'ca.crt'))).toBe('200')
      const { stdout } = await run('docker', ['inspect', name, '--format', '{{json .Mounts}}'])
      expect(stdout).toContain(`"Name":"${name}-certs"`)
    } finally {
      await cli(['registry', 'remove', ...sshArgs(), '--name', name, '--delete-data'])
    }
  })
})
