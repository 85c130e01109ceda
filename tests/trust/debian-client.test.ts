import { spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../main/bundle/export-bundle'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { parseRegistryAddresses } from '../../main/trust/registry-address'
import type { CommandRunner } from '../../main/trust/runner'
import { runTrust, trustStatus, type TrustRequest } from '../../main/trust/trust-service'
import { debianImage, docker, dockerExec, removeQuietly, uniqueName } from './docker-helpers'
import { issueServerCert, makeTestCa } from './fixtures'

// A real Debian bookworm client (debootstrap --variant=minbase) and a real TLS server on a docker network this test
// creates. The server is `openssl s_server -www` with a certificate from our own core, reached by a DNS name that
// only exists on that network.
const HOST = 'registry.rwtest'
const PORT = 8443
const ADDRESS = `${HOST}:${PORT}`

let work: string
let image: string
let bundleDir: string
let caPem: string
const network = uniqueName('net')
const server = uniqueName('srv')
const containers: string[] = [server]

beforeAll(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'rw-trust-debian-'))
  image = debianImage()
  const ca = await makeTestCa()
  caPem = parseTrustCa(ca.certPem).pem
  const leaf = await issueServerCert(ca, [HOST])
  await fs.mkdir(join(work, 'tls'))
  await fs.writeFile(join(work, 'tls', 'domain.crt'), leaf.certPem)
  await fs.writeFile(join(work, 'tls', 'domain.key'), leaf.keyPem, { mode: 0o600 })
  bundleDir = (
    await exportBundle({
      ca: parseTrustCa(ca.certPem),
      registries: parseRegistryAddresses([ADDRESS]),
      outDir: work,
    })
  ).dir

  docker(['network', 'create', network])
  docker([
    'create',
    '--name',
    server,
    '--network',
    network,
    '--network-alias',
    HOST,
    image,
    'openssl',
    's_server',
    '-accept',
    String(PORT),
    '-www',
    '-cert',
    '/tls/domain.crt',
    '-key',
    '/tls/domain.key',
  ])
  docker(['cp', join(work, 'tls'), `${server}:/tls`])
  docker(['start', server])
}, 600_000)

afterAll(async () => {
  removeQuietly('container', containers)
  removeQuietly('network', [network])
  await fs.rm(work, { recursive: true, force: true })
})

function startClient(): string {
  const name = uniqueName('client')
  containers.push(name)
  docker(['run', '-d', '--name', name, '--network', network, image, 'sleep', 'infinity'])
  docker(['cp', bundleDir, `${name}:/bundle`])
  return name
}

function curl(client: string): { code: number; out: string } {
  // Retry briefly while the server starts; exit 60 = "SSL certificate problem" (untrusted issuer).
  let r = dockerExec(client, ['curl', '-sS', '--max-time', '5', `https://${ADDRESS}/v2/`])
  for (let i = 0; i < 20 && (r.code === 7 || r.code === 28); i++) {
    spawnSync('sleep', ['0.5'])
    r = dockerExec(client, ['curl', '-sS', '--max-time', '5', `https://${ADDRESS}/v2/`])
  }
  return r
}

function storeFingerprint(client: string): string {
  return dockerExec(client, [
    'sh',
    '-c',
    'find /etc/ssl/certs -printf "%p %l\\n" | sort | sha256sum; sha256sum /etc/ssl/certs/ca-certificates.crt; find /etc/docker /usr/local/share/ca-certificates -type f 2>/dev/null | sort | xargs -r sha256sum',
  ]).out
}

describe('a real Debian client', () => {
  it('install.sh: curl fails before, succeeds after through the system store, twice changes nothing, --uninstall reverts', () => {
    const client = startClient()
    const before = curl(client)
    expect(before.code, before.out).toBe(60)
    expect(before.out).toMatch(/certificate/)
    const pristine = storeFingerprint(client)

    const install = dockerExec(client, ['sh', '/bundle/install.sh'])
    expect(install.code, install.out).toBe(0)
    expect(install.out).toContain('ran: update-ca-certificates')
    expect(install.out).toMatch(/restart/)
    const after = curl(client)
    expect(after.code, after.out).toBe(0)
    expect(after.out).toMatch(/s_server|<HTML>|Ciphers/i)
    expect(dockerExec(client, ['cat', `/etc/docker/certs.d/${ADDRESS}/ca.crt`]).out).toBe(caPem)
    const installed = storeFingerprint(client)

    const again = dockerExec(client, ['sh', '/bundle/install.sh'])
    expect(again.code, again.out).toBe(0)
    expect(again.out).toContain('registry-trust: no changes')
    expect(storeFingerprint(client)).toBe(installed)

    const un = dockerExec(client, ['sh', '/bundle/install.sh', '--uninstall'])
    expect(un.code, un.out).toBe(0)
    expect(un.out).toContain('ran: update-ca-certificates')
    expect(curl(client).code).toBe(60)
    expect(dockerExec(client, ['test', '-e', `/etc/docker/certs.d/${ADDRESS}/ca.crt`]).code).toBe(1)
    expect(storeFingerprint(client)).toBe(pristine)
  }, 180_000)

  it("the app's own trust targets on the real system: root = the container's file system, runner = docker exec", async () => {
    const client = startClient()
    const merged = docker(['inspect', '-f', '{{.GraphDriver.Data.MergedDir}}', client]).trim()
    const calls: string[][] = []
    // A pluggable runner, as the GUI plugs in its elevation prompt: here it runs the command inside the client.
    const runner: CommandRunner = {
      run: (argv) => {
        calls.push([...argv])
        return Promise.resolve(dockerExec(client, [...argv])).then((r) => ({
          code: r.code,
          stdout: r.out,
          stderr: r.out,
        }))
      },
    }
    const req: TrustRequest = {
      env: { root: merged, platform: 'linux', home: '/root', runner },
      ca: parseTrustCa(caPem),
      registries: parseRegistryAddresses([ADDRESS]),
    }
    expect(curl(client).code).toBe(60)
    const pristine = storeFingerprint(client)
    const first = await runTrust('install', req)
    expect(first.plans.map((p) => p.target)).toEqual(['docker', 'os'])
    expect(calls).toEqual([['update-ca-certificates']])
    const after = curl(client)
    expect(after.code, after.out).toBe(0)
    expect(dockerExec(client, ['cat', `/etc/docker/certs.d/${ADDRESS}/ca.crt`]).out).toBe(caPem)
    expect((await trustStatus(req)).map((st) => st.installed)).toEqual([true, true])
    const installed = storeFingerprint(client)
    expect((await runTrust('install', req)).changed).toBe(false)
    expect(storeFingerprint(client)).toBe(installed)
    await runTrust('uninstall', req)
    expect(calls).toHaveLength(2)
    expect(curl(client).code).toBe(60)
    expect(storeFingerprint(client)).toBe(pristine)
  }, 180_000)

  it('the Ansible playbook passes --syntax-check and runs for real against the container (docker connection)', () => {
    const client = startClient()
    const playbook = join(bundleDir, 'ansible', 'registry-trust.yml')
    const env = {
      ...process.env,
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_LOCAL_TEMP: join(work, 'ansible-tmp'),
      ANSIBLE_RETRY_FILES_ENABLED: '0',
      ANSIBLE_PIPELINING: '1',
    }
    const syntax = spawnSync(
      'ansible-playbook',
      ['--syntax-check', '-i', join(bundleDir, 'ansible', 'inventory.example.ini'), playbook],
      { encoding: 'utf8', env },
    )
    expect(syntax.status, syntax.stdout + syntax.stderr).toBe(0)

    const play = (extra: string[]): { code: number; out: string } => {
      const r = spawnSync(
        'ansible-playbook',
        [
          '-i',
          `${client},`,
          '-c',
          'community.docker.docker',
          playbook,
          '-e',
          'trust_hosts=all',
          '-e',
          'trust_become=false',
          '-e',
          'ansible_python_interpreter=/usr/bin/python3',
          ...extra,
        ],
        { encoding: 'utf8', env },
      )
      return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` }
    }
    expect(curl(client).code).toBe(60)
    const first = play([])
    expect(first.code, first.out).toBe(0)
    expect(first.out).toMatch(/changed=[1-9]/)
    expect(curl(client).code).toBe(0)
    const second = play([])
    expect(second.code, second.out).toBe(0)
    expect(second.out).toMatch(/Install or remove the CA[\s\S]*?ok: \[/)
    const removed = play(['-e', 'trust_state=absent'])
    expect(removed.code, removed.out).toBe(0)
    expect(curl(client).code).toBe(60)
  }, 600_000)
})
