// Shared by the mirror suites (also helper E's client test): an "upstream" registry started by our startRegistry
// with a test CA, holding library/hello:latest (a FROM scratch image pushed with skopeo), and a mirror of it.
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { connectEngine, readCertDir, startRegistry, type Credential, type Engine } from '../../main/docker'
import { startMirror, type StartMirrorInput, type StartMirrorResult } from '../../main/mirror'
import { curlStatus, freePort, makeCerts, run } from '../support/rw-reg-fixtures'
import { startTokenService, tokenRegistryRunArgs, type TokenService } from '../support/token-service'

export const HELLO = 'library/hello:latest'

/** A unique name with this suite's docker prefix. */
export function mirName(what: string): string {
  return `rw-mir-${what}-${randomBytes(3).toString('hex')}`
}

/** The default bridge's gateway: where a container reaches ports published on this host. */
export async function bridgeGateway(): Promise<string> {
  const { stdout } = await run('docker', [
    'network',
    'inspect',
    'bridge',
    '--format',
    '{{(index .IPAM.Config 0).Gateway}}',
  ])
  return stdout.trim()
}

export interface Upstream {
  name: string
  port: number
  /** https://GATEWAY:PORT: the address a mirror container uses. */
  url: string
  caPem: string
  caFile: string
  /** A folder with ca.crt only (skopeo --dest-cert-dir). */
  trustDir: string
}

/** A FROM scratch image (one small text file) as a docker-archive: no pull. */
export async function helloArchive(root: string): Promise<string> {
  const dir = join(root, 'hello-build')
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'hello.txt'), `hello from the upstream ${randomBytes(4).toString('hex')}\n`)
  await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /\n')
  const tag = `${mirName('hello')}:latest`
  await run('docker', ['build', '-q', '-t', tag, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' } })
  const tar = join(root, 'hello.tar')
  await run('docker', ['save', tag, '-o', tar])
  await run('docker', ['rmi', '-f', tag]).catch(() => undefined)
  return tar
}

/** Pushes hello (built here) into the upstream at 127.0.0.1:PORT, trusting trustDir, with an optional login. */
async function seedHello(root: string, port: number, trustDir: string, user?: Credential): Promise<void> {
  const creds = user ? ['--dest-creds', `${user.user}:${user.password}`] : []
  await run('skopeo', [
    'copy',
    '--quiet',
    '--dest-cert-dir',
    trustDir,
    ...creds,
    `docker-archive:${await helloArchive(root)}`,
    `docker://127.0.0.1:${port}/${HELLO}`,
  ])
}

/** The upstream's CA (its server certificate names the bridge gateway and 127.0.0.1) and a trust folder for it. */
async function upstreamCerts(
  root: string,
  name: string,
  gateway: string,
): Promise<{ certDir: string; caPem: string; trustDir: string }> {
  const { certDir } = await makeCerts(root, [gateway, '127.0.0.1'], `ca-up-${randomBytes(2).toString('hex')}`)
  const trustDir = join(root, `${name}-trust`)
  await mkdir(trustDir, { recursive: true })
  const caPem = await readFile(join(certDir, 'ca.crt'), 'utf8')
  await writeFile(join(trustDir, 'ca.crt'), caPem)
  return { certDir, caPem, trustDir }
}

/** The upstream registry (our startRegistry, TLS from its own CA, optional htpasswd users) with hello pushed. */
export async function startUpstream(root: string, users?: Credential[]): Promise<Upstream> {
  const gateway = await bridgeGateway()
  const name = mirName('up')
  const { certDir, caPem, trustDir } = await upstreamCerts(root, name, gateway)
  const port = await freePort()
  await startRegistry(engine(), {
    name,
    port,
    certs: await readCertDir(certDir),
    registryHost: '127.0.0.1',
    users,
  })
  await seedHello(root, port, trustDir, users?.[0])
  return { name, port, url: `https://${gateway}:${port}`, caPem, caFile: join(certDir, 'ca.crt'), trustDir }
}

export interface TokenUpstream extends Upstream {
  /** The upstream's token service (its realm on the bridge gateway, TLS from the upstream's CA). */
  tokens: TokenService
}

/**
 * An upstream the way Docker Hub and Harbor are: a registry:2 with token auth (REGISTRY_AUTH=token) whose realm is a
 * token service made here, both on the bridge gateway (reachable from a mirror container) with certificates from
 * the upstream's CA, so a mirror trusts both through the same SSL_CERT_FILE. hello is pushed with users[0].
 */
export async function startTokenUpstream(root: string, users: Credential[]): Promise<TokenUpstream> {
  const gateway = await bridgeGateway()
  const name = mirName('up')
  const { certDir, caPem, trustDir } = await upstreamCerts(root, name, gateway)
  const read = (f: string): Promise<string> => readFile(join(certDir, f), 'utf8')
  const tokens = await startTokenService({
    dir: root,
    tls: { key: await read('domain.key'), cert: await read('domain.crt') },
    host: gateway,
    users,
  })
  const port = await freePort()
  await run('docker', [
    'run',
    '-d',
    '--name',
    name,
    '-p',
    `${port}:5000`,
    ...tokenRegistryRunArgs(tokens, certDir),
    'registry:2',
  ])
  for (let i = 0; i < 100; i++) {
    const status = await curlStatus(`https://127.0.0.1:${port}/v2/`, join(certDir, 'ca.crt')).catch(
      () => '000',
    )
    if (status === '401') break
    await new Promise((r) => setTimeout(r, 200))
  }
  await seedHello(root, port, trustDir, users[0])
  const url = `https://${gateway}:${port}`
  return { name, port, url, caPem, caFile: join(certDir, 'ca.crt'), trustDir, tokens }
}

export function engine(): Engine {
  return connectEngine({})
}

export interface Mirror {
  result: StartMirrorResult
  name: string
  port: number
  certDir: string
  caFile: string
  caPem: string
}

/** Our mirror of `up` with the upstream's CA; its own server certificate from another test CA (127.0.0.1). */
export async function startTestMirror(
  root: string,
  up: Upstream,
  more: Partial<StartMirrorInput> = {},
): Promise<Mirror> {
  const { certDir } = await makeCerts(root, ['127.0.0.1'], `ca-mir-${randomBytes(2).toString('hex')}`)
  const name = mirName('m')
  const port = await freePort()
  const result = await startMirror(engine(), {
    name,
    port,
    certs: await readCertDir(certDir),
    upstream: up.url,
    upstreamCaPem: up.caPem,
    ...more,
  })
  const caFile = join(certDir, 'ca.crt')
  return { result, name, port, certDir, caFile, caPem: await readFile(caFile, 'utf8') }
}

/** Removes test containers with their volumes (NAME-data, -certs, -auth, -config). */
export async function removeAll(names: string[]): Promise<void> {
  if (names.length > 0) await run('docker', ['rm', '-f', ...names]).catch(() => undefined)
  for (const n of names)
    for (const v of ['data', 'certs', 'auth', 'config'])
      await run('docker', ['volume', 'rm', '-f', `${n}-${v}`]).catch(() => undefined)
}
