// The upstream login, end to end, the way Docker Hub works: the upstream is a registry:2 with token auth whose realm
// is a token service made here (tests/support/token-service.ts), both on the bridge gateway with certificates from
// the upstream's CA. registry:2 (distribution 2.8) in proxy mode sends proxy.username/password only to a token
// realm it discovered at start, so this is the case the login must work for.
import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { preconditions } from '../registry-api/support'
import { freePort, makeCerts, run, runCliIn, tempDir } from '../support/rw-reg-fixtures'
import { HELLO, mirName, removeAll, startTestMirror, startTokenUpstream, type TokenUpstream } from './support'

const ok = await preconditions()
const names: string[] = []
const PASSWORD = `s3cret-${randomBytes(6).toString('hex')}`
const WRONG = `wrong-${randomBytes(6).toString('hex')}`
let root: { path: string; cleanup: () => Promise<void> }
let up: TokenUpstream

/** Everything the engine shows about a container: its inspect JSON and its log. */
async function exposed(name: string): Promise<string> {
  const inspect = await run('docker', ['inspect', name])
  const logs = await run('docker', ['logs', name])
  return `${inspect.stdout}${logs.stdout}${logs.stderr}`
}

async function containerIp(name: string): Promise<string> {
  const { stdout } = await run('docker', ['inspect', name, '--format', '{{.NetworkSettings.IPAddress}}'])
  return stdout.trim()
}

/** skopeo copy of hello from the mirror at 127.0.0.1:PORT (trusting caDir) into a dir: layout. */
function pullHello(port: number, caDir: string, dest: string): ReturnType<typeof run> {
  return run('skopeo', [
    'copy',
    '--quiet',
    '--src-cert-dir',
    caDir,
    `docker://127.0.0.1:${port}/${HELLO}`,
    `dir:${dest}`,
  ])
}

describe.skipIf(!ok)('mirror start with an upstream login (a token-auth upstream, as Docker Hub)', () => {
  beforeAll(async () => {
    root = await tempDir('rw-mir-login-')
    up = await startTokenUpstream(root.path, [{ user: 'alice', password: PASSWORD }])
    names.push(up.name)
  }, 240_000)

  afterAll(async () => {
    await up?.tokens.close()
    await removeAll(names)
    await root.cleanup()
  }, 120_000)

  it('the upstream takes no anonymous pull: its token service refuses a request without a login', async () => {
    const anon = await run('skopeo', [
      'inspect',
      '--raw',
      '--cert-dir',
      up.trustDir,
      `docker://127.0.0.1:${up.port}/${HELLO}`,
    ]).then(
      () => 'pulled',
      (err: unknown) => String(err),
    )
    expect(anon).not.toBe('pulled')
    expect(up.tokens.requests.some((r) => r.user === '' && !r.ok)).toBe(true)
  })

  it('mirror start --upstream-user alice --upstream-password-file F: the mirror pulls hello with alice\'s token', async () => {
    const { certDir } = await makeCerts(root.path, ['127.0.0.1'], 'ca-mir-login')
    const pwFile = join(root.path, 'upstream-password')
    await writeFile(pwFile, `${PASSWORD}\n`, { mode: 0o600 })
    const name = mirName('login')
    names.push(name)
    const port = String(await freePort())
    const start = await runCliIn(root.path, [
      'mirror',
      'start',
      '--certs',
      certDir,
      '--upstream',
      up.url,
      '--upstream-ca',
      up.caFile,
      '--upstream-user',
      'alice',
      '--upstream-password-file',
      pwFile,
      '--port',
      port,
      '--name',
      name,
    ])
    expect(start.code, start.out + start.err).toBe(0)
    const before = up.tokens.requests.length
    await pullHello(Number(port), certDir, join(root.path, 'pulled-login'))
    // The mirror (from its container's address, Go's client) asked the realm with alice's Basic login, got a token.
    const ip = await containerIp(name)
    const mine = up.tokens.requests.slice(before).filter((r) => r.from === ip)
    expect(mine.length).toBeGreaterThan(0)
    expect(mine).toContainEqual(
      expect.objectContaining({ user: 'alice', ok: true, scope: 'repository:library/hello:pull' }),
    )
    expect(mine.every((r) => r.user === 'alice' && r.ok)).toBe(true)
    // The upstream served the manifest to the mirror with that token.
    const logs = await run('docker', ['logs', up.name])
    expect(`${logs.stdout}${logs.stderr}`).toMatch(
      /"GET \/v2\/library\/hello\/manifests\/\S+ HTTP\/[12]\.[01]" 200 /,
    )
    // The password is in neither the container's configuration nor its log nor what the CLI printed.
    const status = await runCliIn(root.path, ['mirror', 'status', '--name', name])
    expect(status.out).toContain('alice')
    for (const text of [await exposed(name), start.out, start.err, status.out, status.err])
      expect(text).not.toContain(PASSWORD)
  }, 180_000)
})

void startTestMirror
void WRONG
