import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { connectEngine, readCertDir, startRegistry, type StartRegistryResult } from '../../main/docker'
import { makeHtpasswd } from '../../main/docker/htpasswd'
import type { CheckRow } from '../../main/ipc/contract'
import { createTranslator } from '../../main/messages/index'
import { createCa, issueCertificate, openCa, type LoadedCa, type PemPair } from '../../main/pki'

import { freePort } from '../support/rw-reg-fixtures'

/** A port nobody listens on right now: the Docker suites' helper. */
export { freePort }

export const run = promisify(execFile)
export const REPO = resolve(import.meta.dirname, '../..')
export const engine = connectEngine({})

/** A unique docker name with this suite's prefix. */
export function rwVer(what: string): string {
  return `rw-ver-${what}-${randomBytes(3).toString('hex')}`
}

export async function tempDir(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'rw-ver-'))
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) }
}

export interface TestCa extends PemPair {
  loaded: LoadedCa
}

/** A CA from our core (RSA 2048 for speed); `now` issues it in the past. */
export async function makeCa(cn: string, now?: Date): Promise<TestCa> {
  const pair = await createCa({ subject: { cn }, keySize: 2048, days: 400, now })
  return { ...pair, loaded: openCa(pair, undefined, now) }
}

/** A server certificate from our core, written as domain.crt / domain.key / ca.crt into `dir`. */
export async function issueTo(
  ca: TestCa,
  dir: string,
  sans: string[],
  opts: { days?: number; now?: Date } = {},
): Promise<{ dir: string; certPem: string }> {
  const issued = await issueCertificate(ca.loaded, {
    sans,
    keySize: 2048,
    days: opts.days ?? 200,
    now: opts.now,
  })
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'domain.crt'), issued.certPem)
  await writeFile(join(dir, 'domain.key'), issued.keyPem, { mode: 0o600 })
  await writeFile(join(dir, 'ca.crt'), ca.certPem)
  return { dir, certPem: issued.certPem }
}

/** A server certificate that names the server only in its CN (no SAN at all), made with openssl and signed by `ca`. */
export async function issueCnOnly(
  ca: TestCa,
  dir: string,
  cn: string,
): Promise<{ dir: string; certPem: string }> {
  await mkdir(dir, { recursive: true })
  const caKey = join(dir, 'ca.key')
  const { exportPrivateKeyPem } = await import('../../main/pki')
  await writeFile(caKey, exportPrivateKeyPem(ca.loaded.key), { mode: 0o600 })
  await writeFile(join(dir, 'ca.crt'), ca.certPem)
  await run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    join(dir, 'domain.key'),
    '-out',
    join(dir, 'domain.csr'),
    '-subj',
    `/CN=${cn}`,
  ])
  await writeFile(
    join(dir, 'ext.cnf'),
    'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
  )
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    join(dir, 'domain.csr'),
    '-CA',
    join(dir, 'ca.crt'),
    '-CAkey',
    caKey,
    '-set_serial',
    '0x1234',
    '-days',
    '100',
    '-sha256',
    '-extfile',
    join(dir, 'ext.cnf'),
    '-out',
    join(dir, 'domain.crt'),
  ])
  await rm(caKey)
  const { readFile } = await import('node:fs/promises')
  return { dir, certPem: await readFile(join(dir, 'domain.crt'), 'utf8') }
}

export async function ensureImages(): Promise<void> {
  await run('bash', [join(REPO, 'tests/support/registry-image.sh'), 'registry:2'])
}

/** The registry started by our own code (main/docker). */
export async function startOurRegistry(
  name: string,
  certDir: string,
  opts: {
    port?: number
    users?: { user: string; password: string }[]
    deleteEnabled?: boolean
    registryHost?: string
  } = {},
): Promise<StartRegistryResult> {
  const port = opts.port ?? (await freePort())
  return startRegistry(engine, {
    name,
    port,
    certs: await readCertDir(certDir),
    users: opts.users,
    deleteEnabled: opts.deleteEnabled ?? true,
    registryHost: opts.registryHost ?? '127.0.0.1',
    pull: false,
    healthTimeoutMs: 20_000,
  })
}

/**
 * registry:2 started directly (for what our start refuses on purpose: plain HTTP, an expired or CN-only
 * certificate). `certDir` bind-mounted at /certs when given.
 */
export async function startRawRegistry(
  name: string,
  opts: { certDir?: string; htpasswd?: { user: string; password: string }[] } = {},
): Promise<number> {
  const port = await freePort()
  const env: string[] = []
  const binds: string[] = []
  if (opts.certDir !== undefined) {
    env.push('REGISTRY_HTTP_TLS_CERTIFICATE=/certs/domain.crt', 'REGISTRY_HTTP_TLS_KEY=/certs/domain.key')
    binds.push(`${opts.certDir}:/certs:ro`)
  }
  if (opts.htpasswd !== undefined) {
    const dir = await mkdtemp(join(tmpdir(), 'rw-ver-auth-'))
    await writeFile(join(dir, 'htpasswd'), await makeHtpasswd(opts.htpasswd))
    env.push(
      'REGISTRY_AUTH=htpasswd',
      'REGISTRY_AUTH_HTPASSWD_REALM=test',
      'REGISTRY_AUTH_HTPASSWD_PATH=/auth/htpasswd',
    )
    binds.push(`${dir}:/auth:ro`)
  }
  const c = await engine.docker.createContainer({
    name,
    Image: 'registry:2',
    Env: env,
    ExposedPorts: { '5000/tcp': {} },
    HostConfig: { Binds: binds, PortBindings: { '5000/tcp': [{ HostIp: '', HostPort: String(port) }] } },
  })
  await c.start()
  await waitListening(port)
  return port
}

/**
 * Waits until the registry itself answers on 127.0.0.1:port (docker-proxy accepts TCP before the registry is up, so
 * a bare connect is not enough): a plain HTTP request gets an answer from both a TLS and a plain registry.
 */
export async function waitListening(port: number, ms = 15_000): Promise<void> {
  const { Socket } = await import('node:net')
  const start = Date.now()
  for (;;) {
    const ok = await new Promise<boolean>((res) => {
      const s = new Socket()
      s.setTimeout(1000, () => {
        s.destroy()
        res(false)
      })
      s.once('data', () => {
        s.destroy()
        res(true)
      })
      s.once('error', () => {
        res(false)
      })
      s.once('close', () => {
        res(false)
      })
      s.connect(port, '127.0.0.1', () => {
        s.write('GET /v2/ HTTP/1.0\r\n\r\n')
      })
    })
    if (ok) return
    if (Date.now() - start > ms) throw new Error(`the registry on ${port} does not answer after ${ms} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Removes containers and their volumes by exact name. */
export async function removeContainers(names: string[]): Promise<void> {
  for (const n of names) {
    await engine.docker
      .getContainer(n)
      .remove({ force: true, v: true })
      .catch(() => undefined)
    for (const suffix of ['-data', '-certs', '-auth'])
      await engine.docker
        .getVolume(`${n}${suffix}`)
        .remove()
        .catch(() => undefined)
  }
}

const EN = createTranslator('en')
const ZH = createTranslator('zh-CN')

/** An IPC row as the GUI shows it, in English and in Chinese (`reasonZh`, `fixZh`). */
export interface RowText {
  id: string
  status: CheckRow['status']
  title: string
  reason: string | undefined
  reasonZh: string | undefined
  fix: string | undefined
  fixZh: string | undefined
}

export function rowText(row: CheckRow): RowText {
  const both = (m: CheckRow['reason']): [string | undefined, string | undefined] =>
    m === undefined ? [undefined, undefined] : [EN.render(m), ZH.render(m)]
  const [reason, reasonZh] = both(row.reason)
  const [fix, fixZh] = both(row.fix)
  return { id: row.id, status: row.status, title: EN.render(row.title), reason, reasonZh, fix, fixZh }
}
