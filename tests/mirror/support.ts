// Shared by the mirror suites (also helper E's client test): an "upstream" registry started by our startRegistry
// with a test CA, holding library/hello:latest (a FROM scratch image pushed with skopeo), and a mirror of it.
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { connectEngine, readCertDir, startRegistry, type Credential, type Engine } from '../../main/docker'
import { startMirror, type StartMirrorInput, type StartMirrorResult } from '../../main/mirror'
import { freePort, makeCerts, run } from '../support/rw-reg-fixtures'

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

/** The upstream registry (our startRegistry, TLS from its own CA, optional htpasswd users) with hello pushed. */
export async function startUpstream(root: string, users?: Credential[]): Promise<Upstream> {
  const gateway = await bridgeGateway()
  const { certDir } = await makeCerts(root, [gateway, '127.0.0.1'], `ca-up-${randomBytes(2).toString('hex')}`)
  const name = mirName('up')
  const port = await freePort()
  await startRegistry(engine(), {
    name,
    port,
    certs: await readCertDir(certDir),
    registryHost: '127.0.0.1',
    users,
  })
  const trustDir = join(root, `${name}-trust`)
  await mkdir(trustDir, { recursive: true })
  const caPem = await readFile(join(certDir, 'ca.crt'), 'utf8')
  await writeFile(join(trustDir, 'ca.crt'), caPem)
  const creds = users?.[0] ? ['--dest-creds', `${users[0].user}:${users[0].password}`] : []
  await run('skopeo', [
    'copy',
    '--quiet',
    '--dest-cert-dir',
    trustDir,
    ...creds,
    `docker-archive:${await helloArchive(root)}`,
    `docker://127.0.0.1:${port}/${HELLO}`,
  ])
  return { name, port, url: `https://${gateway}:${port}`, caPem, caFile: join(certDir, 'ca.crt'), trustDir }
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
