import { createSign, randomBytes, X509Certificate } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:https'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  getManifest,
  ping,
  pushBlob,
  putManifest,
  registryClient,
  sha256Digest,
} from '../../main/registry-api'
import { curlStatus, dockerCleanup, freePort, makeCerts, run, tempDir } from '../support/rw-reg-fixtures'
import { codeOf, preconditions, rapiName, smallImage, startTestRegistry, type TestRegistry } from './support'

const ready = await preconditions()
let root: { path: string; cleanup: () => Promise<void> }
const containers: string[] = []

async function pushSmall(c: ReturnType<typeof registryClient>, repo: string): Promise<void> {
  const img = smallImage()
  await pushBlob(c, repo, img.layer)
  await pushBlob(c, repo, img.config)
  const digest = await putManifest(c, repo, '1', { mediaType: img.mediaType, bytes: img.manifest })
  expect((await getManifest(c, repo, '1')).digest).toBe(digest)
  expect(digest).toBe(sha256Digest(img.manifest))
}

beforeAll(async () => {
  root = await tempDir('rw-rapi-auth-')
})

afterAll(async () => {
  await dockerCleanup(
    containers,
    containers.flatMap((n) => [`${n}-data`, `${n}-certs`, `${n}-auth`]),
  )
  await root.cleanup()
})

describe.skipIf(!ready)('basic auth (htpasswd registry)', () => {
  let reg: TestRegistry
  beforeAll(async () => {
    reg = await startTestRegistry(root.path, 'basic', [{ user: 'alice', password: 's3cret' }])
    containers.push(reg.name)
  }, 120_000)

  it('refuses no or wrong credentials, pushes and pulls with the right ones', async () => {
    const base = { host: '127.0.0.1', port: reg.port, caPem: reg.caPem }
    expect(await codeOf(ping(registryClient(base)))).toBe('REGISTRY_API_UNAUTHORIZED')
    expect(await codeOf(ping(registryClient({ ...base, user: 'alice', password: 'nope' })))).toBe(
      'REGISTRY_API_UNAUTHORIZED',
    )
    const c = registryClient({ ...base, user: 'alice', password: 's3cret' })
    await ping(c)
    await pushSmall(c, 'rapi/basic')
    c.close()
  })
})

/** A token service: checks alice's password and signs an RS256 JWT (x5c: its certificate) granting what was asked. */
function tokenServer(
  tls: { key: string; cert: string },
  signer: { key: string; cert: string },
  asked: string[],
): Server {
  const x5c = [new X509Certificate(signer.cert).raw.toString('base64')]
  return createServer(tls, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://token')
    asked.push(`${url.searchParams.get('service')}|${url.searchParams.get('scope') ?? ''}`)
    if (req.headers.authorization !== `Basic ${Buffer.from('alice:s3cret').toString('base64')}`) {
      res.writeHead(401).end()
      return
    }
    const scope = url.searchParams.get('scope')
    // Exactly the actions asked for: a pull token does not push, so a push needs a second challenge.
    const [type, name, actions] = (scope ?? '').split(':')
    const access = scope === null ? [] : [{ type, name, actions: (actions ?? '').split(',') }]
    const now = Math.floor(Date.now() / 1000)
    const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url')
    const head = b64({ alg: 'RS256', typ: 'JWT', x5c })
    const claims = b64({
      iss: 'rw-test-issuer',
      sub: 'alice',
      aud: 'rw-test',
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomBytes(8).toString('hex'),
      access,
    })
    const sig = createSign('RSA-SHA256').update(`${head}.${claims}`).sign(signer.key).toString('base64url')
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ token: `${head}.${claims}.${sig}` }))
  })
}

describe.skipIf(!ready)('token auth (registry:2 with auth.token, a token service made here)', () => {
  let server: Server
  let port: number
  let caPem: string
  const asked: string[] = []

  beforeAll(async () => {
    const { certDir } = await makeCerts(root.path, ['127.0.0.1', 'localhost'], 'ca-token')
    const authDir = join(root.path, 'token-auth')
    await mkdir(authDir)
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(authDir, 'tok.key'),
      '-out',
      join(authDir, 'tok.crt'),
      '-subj',
      '/CN=rw-test-token',
      '-days',
      '2',
    ])
    const read = (p: string): Promise<string> => readFile(p, 'utf8')
    caPem = await read(join(certDir, 'ca.crt'))
    const tls = {
      key: await read(join(certDir, 'domain.key')),
      cert: await read(join(certDir, 'domain.crt')),
    }
    server = tokenServer(
      tls,
      { key: await read(join(authDir, 'tok.key')), cert: await read(join(authDir, 'tok.crt')) },
      asked,
    )
    const tokenPort = await freePort()
    await new Promise<void>((r) => server.listen(tokenPort, '127.0.0.1', r))
    const name = rapiName('token')
    containers.push(name)
    port = await freePort()
    await run('docker', [
      'run',
      '-d',
      '--name',
      name,
      '-p',
      `127.0.0.1:${port}:5000`,
      '-v',
      `${certDir}:/certs:ro`,
      '-v',
      `${authDir}:/auth:ro`,
      '-e',
      'REGISTRY_HTTP_TLS_CERTIFICATE=/certs/domain.crt',
      '-e',
      'REGISTRY_HTTP_TLS_KEY=/certs/domain.key',
      '-e',
      'REGISTRY_AUTH=token',
      '-e',
      `REGISTRY_AUTH_TOKEN_REALM=https://127.0.0.1:${tokenPort}/token`,
      '-e',
      'REGISTRY_AUTH_TOKEN_SERVICE=rw-test',
      '-e',
      'REGISTRY_AUTH_TOKEN_ISSUER=rw-test-issuer',
      '-e',
      'REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE=/auth/tok.crt',
      'registry:2',
    ])
    for (let i = 0; i < 100; i++) {
      if (
        (await curlStatus(`https://127.0.0.1:${port}/v2/`, join(certDir, 'ca.crt')).catch(() => '000')) ===
        '401'
      )
        break
      await new Promise((r) => setTimeout(r, 200))
    }
  }, 120_000)

  afterAll(async () => {
    await new Promise((r) => server.close(r))
  })

  it('answers the Bearer challenge with a token from the realm (basic to the realm), and pushes with it', async () => {
    const base = { host: '127.0.0.1', port, caPem }
    expect(await codeOf(ping(registryClient(base)))).toBe('REGISTRY_API_UNAUTHORIZED')
    const c = registryClient({ ...base, user: 'alice', password: 's3cret' })
    await ping(c)
    await pushSmall(c, 'rapi/token')
    // Tokens are kept per repository: a second repository gets its own, and going back to the first fetches none.
    const afterFirst = c.tokenFetches ?? 0
    expect(afterFirst).toBeLessThanOrEqual(3)
    await pushSmall(c, 'rapi/token2')
    const afterSecond = c.tokenFetches ?? 0
    expect(afterSecond - afterFirst).toBeLessThanOrEqual(2)
    await pushSmall(c, 'rapi/token')
    expect(c.tokenFetches).toBe(afterSecond)
    c.close()
    expect(asked).toContain('rw-test|repository:rapi/token:pull,push')
    expect(asked.every((q) => q.startsWith('rw-test|'))).toBe(true)
  })
})
