// The upstream login, end to end, the way Docker Hub works: the upstream is a registry:2 with token auth whose realm
// is a token service made here (tests/support/token-service.ts), both on the bridge gateway with certificates from
// the upstream's CA. registry:2 (distribution 2.8) in proxy mode sends proxy.username/password only to a token
// realm it discovered at start, so this is the case the login must work for.
import { randomBytes } from 'node:crypto'
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkUpstreamLogin } from '../../main/mirror/login'
import { preconditions } from '../registry-api/support'
import { freePort, makeCerts, run, runCliIn, tempDir } from '../support/rw-reg-fixtures'
import {
  HELLO,
  mirName,
  removeAll,
  startTestMirror,
  startTokenUpstream,
  startUpstream,
  type TokenUpstream,
} from './support'

const ok = await preconditions()
const names: string[] = []
const PASSWORD = `s3cret-${randomBytes(6).toString('hex')}`
/** The upstream's users: the last test changes alice's password (a password changed after the mirror started). */
const users = [{ user: 'alice', password: PASSWORD }]
const WRONG = `wrong-${randomBytes(6).toString('hex')}`
let root: { path: string; cleanup: () => Promise<void> }
let up: TokenUpstream
/** The mirror started with alice's login (second test). */
let loginMirror: { name: string; port: number; certDir: string }

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

/** skopeo copy of hello from the mirror at 127.0.0.1:PORT (trusting certDir/ca.crt only) into a dir: layout. */
async function pullHello(port: number, certDir: string, dest: string, ref = HELLO): Promise<unknown> {
  const caDir = `${dest}-trust`
  await mkdir(caDir, { recursive: true })
  await copyFile(join(certDir, 'ca.crt'), join(caDir, 'ca.crt'))
  return run('skopeo', [
    'copy',
    '--quiet',
    '--src-cert-dir',
    caDir,
    `docker://127.0.0.1:${port}/${ref}`,
    `dir:${dest}`,
  ])
}

describe.skipIf(!ok)('mirror start with an upstream login (a token-auth upstream, as Docker Hub)', () => {
  beforeAll(async () => {
    root = await tempDir('rw-mir-login-')
    up = await startTokenUpstream(root.path, users)
    names.push(up.name)
  }, 240_000)

  afterAll(async () => {
    await up.tokens.close()
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

  it("mirror start --upstream-user alice --upstream-password-file F: the mirror pulls hello with alice's token", async () => {
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
    loginMirror = { name, port: Number(port), certDir }
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

  it('a mirror without the login gets nothing: the realm refused its anonymous request', async () => {
    const m = await startTestMirror(root.path, up)
    names.push(m.name)
    const before = up.tokens.requests.length
    await expect(pullHello(m.port, m.certDir, join(root.path, 'pulled-anon'))).rejects.toThrow(
      /manifest unknown/i,
    )
    const ip = await containerIp(m.name)
    const mine = up.tokens.requests.slice(before).filter((r) => r.from === ip)
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.every((r) => r.user === '' && !r.ok)).toBe(true)
  }, 120_000)

  it('a wrong password file: nothing starts, the error names the refused login (en, zh-CN), no password shown', async () => {
    const { certDir } = await makeCerts(root.path, ['127.0.0.1'], 'ca-mir-wrong')
    const pwFile = join(root.path, 'wrong-password')
    await writeFile(pwFile, `${WRONG}\n`, { mode: 0o600 })
    const name = mirName('wrong')
    names.push(name)
    const args = ['mirror', 'start', '--certs', certDir, '--upstream', up.url, '--upstream-ca', up.caFile]
    const login = ['--upstream-user', 'alice', '--upstream-password-file', pwFile, '--name', name]
    const more = ['--port', String(await freePort())]
    const before = up.tokens.requests.length
    const en = await runCliIn(root.path, [...args, ...login, ...more])
    expect(en.code, en.out + en.err).toBe(2)
    expect(en.err).toContain(
      `The upstream ${up.url} refused the login of alice: ${up.tokens.realm} answered HTTP 401`,
    )
    expect(en.err).toContain('--upstream-password-file')
    const zh = await runCliIn(root.path, ['--lang', 'zh-CN', ...args, ...login, ...more])
    expect(zh.code).toBe(2)
    expect(zh.err).toContain(`上游 ${up.url} 拒绝了用户 alice 的登录`)
    for (const text of [en.out, en.err, zh.out, zh.err]) expect(text).not.toContain(WRONG)
    // Asked once per run, with alice's (wrong) login, from this machine; no container was made.
    const asked = up.tokens.requests.slice(before)
    expect(asked).toHaveLength(2)
    expect(asked.every((r) => r.user === 'alice' && !r.ok && r.scope === '')).toBe(true)
    await expect(run('docker', ['inspect', name])).rejects.toThrow(/No such object/i)
  }, 120_000)

  it('a Basic (htpasswd) upstream with a login and registry:2: refused before the start (2.8 cannot log in there)', async () => {
    const basicUp = await startUpstream(root.path, [{ user: 'alice', password: PASSWORD }])
    names.push(basicUp.name)
    const more = { name: mirName('basic'), upstreamUser: 'alice', upstreamPassword: PASSWORD }
    names.push(more.name)
    const err = await startTestMirror(root.path, basicUp, more).then(
      () => undefined,
      (e: unknown) => e as { code?: string; params?: Record<string, unknown> },
    )
    expect(err?.code).toBe('MIRROR_UPSTREAM_BASIC_AUTH')
    expect(err?.params).toMatchObject({ upstream: basicUp.url, image: 'registry:2', version: '2.8.2+ds1' })
    await expect(run('docker', ['inspect', more.name])).rejects.toThrow(/No such object/i)
  }, 180_000)

  it('a password changed after the start: pulls answer 404, and verify --mirror names the login as the likely cause', async () => {
    // library/other is on the upstream but not yet in the mirror; then alice's password changes upstream.
    const other = 'library/other:latest'
    await run('skopeo', [
      'copy',
      '--quiet',
      '--src-cert-dir',
      up.trustDir,
      '--dest-cert-dir',
      up.trustDir,
      '--src-creds',
      `alice:${PASSWORD}`,
      '--dest-creds',
      `alice:${PASSWORD}`,
      `docker://127.0.0.1:${up.port}/${HELLO}`,
      `docker://127.0.0.1:${up.port}/${other}`,
    ])
    users[0] = { user: 'alice', password: `rotated-${randomBytes(4).toString('hex')}` }
    const m = loginMirror
    const caFile = join(m.certDir, 'ca.crt')
    const args = ['verify', '--mirror', `127.0.0.1:${m.port}`, '--ca', caFile, '--image', 'other']
    const en = await runCliIn(root.path, args)
    expect(en.code, en.out + en.err).toBe(1)
    expect(en.out).toMatch(/library\/other:latest: the mirror answered 404 MANIFEST_UNKNOWN/)
    expect(en.out).toContain('the login is the likely cause')
    expect(en.out).toContain('--upstream-password-file')
    const zh = await runCliIn(root.path, ['--lang', 'zh-CN', ...args])
    expect(zh.code).toBe(1)
    expect(zh.out).toContain('最可能的原因是登录信息')
    // What the mirror logged says nothing of the login: only "manifest unknown" (why our messages say it).
    const logs = await exposed(m.name)
    expect(logs).toMatch(/manifest unknown/)
    expect(logs).not.toContain(PASSWORD)
  }, 120_000)
})

describe('the login check when this machine cannot reach the upstream', () => {
  it('is no error: it says in a notice that the login went unchecked, and why', async () => {
    const port = await freePort()
    const r = await checkUpstreamLogin({
      upstream: `https://127.0.0.1:${port}`,
      upstreamUser: 'alice',
      upstreamPassword: 'x',
    })
    expect(r).toMatchObject({ checked: false, notice: { key: 'mirror.login.unchecked' } })
    const notice = r?.checked === false ? r.notice : undefined
    expect(notice?.params?.error).toMatchObject({ key: 'error.REGISTRY_API_UNREACHABLE.message' })
    expect(await checkUpstreamLogin({ upstream: `https://127.0.0.1:${port}` })).toBeUndefined()
  })
})
