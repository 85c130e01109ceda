// mirror start: bad input (exit 2, nothing started), an upstream login read from a file (never in docker inspect or
// the logs), and an upstream the mirror cannot use (it says why and leaves nothing running).
import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tar from 'tar'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCertDir } from '../../main/docker'
import { startMirror } from '../../main/mirror'
import { runVerify } from '../../main/verify'
import { AppError } from '../../main/errors'
import { preconditions } from '../registry-api/support'
import { freePort, makeCerts, run, runCliIn, tempDir } from '../support/rw-reg-fixtures'
import {
  engine,
  HELLO,
  mirName,
  removeAll,
  startTokenUpstream,
  startUpstream,
  type TokenUpstream,
  type Upstream,
} from './support'

const ok = await preconditions()
const names: string[] = []
let root: { path: string; cleanup: () => Promise<void> }
let certDir: string
let up: Upstream
let authUp: TokenUpstream | undefined

async function exists(name: string): Promise<boolean> {
  return run('docker', ['inspect', name]).then(
    () => true,
    () => false,
  )
}

/** One file out of a container (`docker cp NAME:PATH -`): its mode and its text. */
async function containerFile(name: string, path: string): Promise<{ mode: number; text: string }> {
  const { stdout } = await run('docker', ['cp', `${name}:${path}`, '-'], {
    encoding: 'buffer',
    maxBuffer: 1 << 20,
  })
  let mode = 0
  let text = ''
  await new Promise<void>((resolve, reject) => {
    const parser = new tar.Parser({
      onReadEntry: (e) => {
        mode = e.mode ?? 0
        e.on('data', (c: Buffer) => (text += c.toString('utf8')))
      },
    })
    parser.on('end', resolve)
    parser.on('error', reject)
    Readable.from(stdout).pipe(parser)
  })
  return { mode, text }
}

describe.skipIf(!ok)('mirror start: input, upstream login, upstream failures', () => {
  beforeAll(async () => {
    root = await tempDir('rw-mir-in-')
    certDir = (await makeCerts(root.path, ['127.0.0.1'], 'ca-mirror')).certDir
  }, 120_000)

  afterAll(async () => {
    await authUp?.tokens.close()
    await removeAll(names)
    await root.cleanup()
  }, 120_000)

  it('refuses bad input with exit 2 before anything is started (en and zh-CN)', async () => {
    const name = mirName('bad')
    await writeFile(join(root.path, 'not-a-ca.pem'), 'hello\n')
    const base = ['mirror', 'start', '--certs', certDir, '--name', name, '--port', String(await freePort())]
    const cases: [string[], RegExp][] = [
      [
        ['--upstream', 'http://10.0.0.1:5000'],
        /--upstream: "http:\/\/10\.0\.0\.1:5000" cannot be the upstream: only https:\/\//,
      ],
      [['--upstream', 'https://u:p@hub.example'], /a login in the URL would be written to the registry log/],
      [['--upstream', 'https://hub.example/v2/'], /without a path/],
      [['--upstream-user', 'bob'], /--upstream-user: the upstream user and its password go together/],
      [['--upstream-ca', join(root.path, 'not-a-ca.pem')], /--upstream-ca holds no PEM certificate/],
      [['--ttl', '5x'], /--ttl: "5x" is not valid/],
      [['--ttl', '168h'], /distribution 2\.8\.2\+ds1\) has no proxy TTL setting/],
      [['--data', 'relative/path'], /--data/],
    ]
    for (const [args, text] of cases) {
      const r = await runCliIn(root.path, [...base, ...args])
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(2)
      expect(r.err).toMatch(text)
      expect(await exists(name)).toBe(false)
    }
    const zh = await runCliIn(root.path, ['--lang', 'zh-CN', ...base, '--upstream', 'http://10.0.0.1:5000'])
    expect(zh.code).toBe(2)
    expect(zh.err).toContain('不能作为上游：只允许 https://')
    expect(zh.err).not.toMatch(/cannot|only|allowed/)
    expect((await run('docker', ['volume', 'ls', '-q'])).stdout).not.toContain(name)
  }, 120_000)

  it('an upstream whose CA it was not given: the mirror says the upstream failed and leaves nothing running', async () => {
    up = await startUpstream(root.path)
    names.push(up.name)
    const name = mirName('noca')
    names.push(name)
    const err = await startMirror(engine(), {
      name,
      port: await freePort(),
      certs: await readCertDir(certDir),
      upstream: up.url,
      healthTimeoutMs: 30_000,
    }).then(
      () => undefined,
      (e: unknown) => e as AppError,
    )
    expect(err).toBeInstanceOf(AppError)
    expect(err?.code).toBe('MIRROR_UPSTREAM_FAILED')
    expect(err?.params?.detail).toMatch(/x509|certificate/)
    expect(await exists(name)).toBe(false)
  }, 120_000)

  it('reads the upstream password from a file; it shows in neither docker inspect nor the logs', async () => {
    const password = `pw-${randomBytes(8).toString('hex')}`
    // A token-auth upstream (as Docker Hub): registry:2 sends its login only to a token service.
    authUp = await startTokenUpstream(root.path, [{ user: 'alice', password }])
    names.push(authUp.name)
    const file = join(root.path, 'upstream-password')
    await writeFile(file, `${password}\n`, { mode: 0o600 })
    await writeFile(join(root.path, 'up-ca.crt'), authUp.caPem)
    const name = mirName('auth')
    names.push(name)
    const port = await freePort()
    const r = await runCliIn(root.path, [
      'mirror',
      'start',
      '--certs',
      certDir,
      '--name',
      name,
      '--port',
      String(port),
      '--upstream',
      authUp.url,
      '--upstream-ca',
      join(root.path, 'up-ca.crt'),
      '--upstream-user',
      'alice',
      '--upstream-password-file',
      file,
    ])
    expect(r.code, r.err).toBe(0)
    expect(r.out + r.err).not.toContain(password)
    expect(r.out).toContain(`proxying ${authUp.url}`)
    const inspect = await run('docker', ['inspect', name])
    expect(inspect.stdout).not.toContain(password)
    expect(inspect.stdout).toContain('"io.registry-wizard.upstream-user": "alice"')
    const config = await containerFile(name, '/etc/registry-wizard/config.yml')
    expect(config.mode & 0o777).toBe(0o600)
    expect(config.text).toContain(`password: "${password}"`)
    // A pull asks the upstream with the login (its token service): it works, and the log keeps no password.
    const caPem = (await readCertDir(certDir)).caPem
    const report = await runVerify({ registry: `127.0.0.1:${port}`, caPem, mirror: { image: HELLO } })
    expect(report.results.find((x) => x.id === 'mirror-pull')?.status).toBe('pass')
    const logs = await run('docker', ['logs', name])
    expect(`${logs.stdout}${logs.stderr}`).not.toContain(password)
    const status = await runCliIn(root.path, ['mirror', 'status', '--name', name])
    expect(status.out).toContain('Upstream user: alice')
    expect(status.out).not.toContain(password)
  }, 180_000)

  it('remove takes the configuration volume (with the password) away and keeps the cache', async () => {
    const name = names[names.length - 1] as string
    const r = await runCliIn(root.path, ['mirror', 'remove', '--name', name])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain(`${name}-config`)
    const volumes = (await run('docker', ['volume', 'ls', '-q'])).stdout.split('\n')
    expect(volumes).not.toContain(`${name}-config`)
    expect(volumes).toContain(`${name}-data`)
  }, 60_000)
})
