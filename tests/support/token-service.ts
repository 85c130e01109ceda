// A token service made in the test (the way Docker Hub and Harbor authenticate): it checks a Basic login and signs an
// RS256 JWT (x5c: its certificate) granting exactly the actions asked. A registry:2 with REGISTRY_AUTH=token
// (tokenAuthEnv) trusts it through the signer certificate mounted at /auth/tok.crt. Shared by
// tests/registry-api/auth.test.ts and tests/mirror/mirror-login.test.ts.
import { createSign, randomBytes, X509Certificate } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:https'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { freePort, run } from './rw-reg-fixtures'

export const TOKEN_SERVICE = 'rw-test'
export const TOKEN_ISSUER = 'rw-test-issuer'
/** Where tokenAuthEnv expects the signer certificate inside the registry container (mount `authDir` at /auth). */
export const TOKEN_CERT_IN_CONTAINER = '/auth/tok.crt'

/** One request to the realm, as the service saw it. */
export interface TokenRequest {
  service: string
  scope: string
  /** The Basic user sent ('' without a login); the password is not kept. */
  user: string
  /** The login matched a known user. */
  ok: boolean
  /** Where the request came from (a container's address for a mirror). */
  from: string
  userAgent: string
}

export interface TokenService {
  /** The realm: https://HOST:PORT/token. */
  realm: string
  port: number
  /** A folder holding tok.crt (the signer certificate) and tok.key: mount it at /auth in the registry. */
  authDir: string
  /** `service|scope` per request (the short form). */
  asked: string[]
  requests: TokenRequest[]
  close(): Promise<void>
}

export interface TokenServiceOptions {
  /** Scratch folder for the signer key and certificate. */
  dir: string
  /** The server's TLS key and certificate (PEM; the certificate must name `host`). */
  tls: { key: string; cert: string }
  /** Address to listen on (127.0.0.1, or the bridge gateway for containers). */
  host: string
  users: { user: string; password: string }[]
}

function basicUser(req: IncomingMessage, users: TokenServiceOptions['users']): { user: string; ok: boolean } {
  const h = req.headers.authorization ?? ''
  if (!h.startsWith('Basic ')) return { user: '', ok: false }
  const pair = Buffer.from(h.slice('Basic '.length), 'base64').toString('utf8')
  const at = pair.indexOf(':')
  const user = at < 0 ? pair : pair.slice(0, at)
  const password = at < 0 ? '' : pair.slice(at + 1)
  return { user, ok: users.some((u) => u.user === user && u.password === password) }
}

/** An RS256 JWT for `sub` granting exactly the scope's actions (a pull token does not push). */
export function signToken(signer: { key: string; cert: string }, sub: string, scope: string | null): string {
  const x5c = [new X509Certificate(signer.cert).raw.toString('base64')]
  const [type, name, actions] = (scope ?? '').split(':')
  const access = scope === null ? [] : [{ type, name, actions: (actions ?? '').split(',') }]
  const now = Math.floor(Date.now() / 1000)
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url')
  const head = b64({ alg: 'RS256', typ: 'JWT', x5c })
  const claims = b64({
    iss: TOKEN_ISSUER,
    sub,
    aud: TOKEN_SERVICE,
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: randomBytes(8).toString('hex'),
    access,
  })
  const sig = createSign('RSA-SHA256').update(`${head}.${claims}`).sign(signer.key).toString('base64url')
  return `${head}.${claims}.${sig}`
}

function tokenServer(
  o: TokenServiceOptions,
  signer: { key: string; cert: string },
  ts: TokenService,
): Server {
  return createServer(o.tls, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://token')
    const service = url.searchParams.get('service') ?? ''
    const scope = url.searchParams.get('scope')
    const login = basicUser(req, o.users)
    ts.asked.push(`${service}|${scope ?? ''}`)
    ts.requests.push({
      service,
      scope: scope ?? '',
      ...login,
      from: req.socket.remoteAddress ?? '',
      userAgent: req.headers['user-agent'] ?? '',
    })
    if (!login.ok) {
      res.writeHead(401).end()
      return
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ token: signToken(signer, login.user, scope) }))
  })
}

/** Makes the signer (a self-signed RSA certificate) and listens on `host` at a free port. */
export async function startTokenService(o: TokenServiceOptions): Promise<TokenService> {
  const authDir = join(o.dir, `token-auth-${randomBytes(3).toString('hex')}`)
  await mkdir(authDir, { recursive: true })
  const key = join(authDir, 'tok.key')
  const cert = join(authDir, 'tok.crt')
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-subj',
    '/CN=rw-test-token',
    '-days',
    '2',
  ])
  const signer = { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') }
  const port = await freePort()
  const ts: TokenService = {
    realm: `https://${o.host}:${port}/token`,
    port,
    authDir,
    asked: [],
    requests: [],
    close: () => new Promise((r) => server.close(() => r())),
  }
  const server = tokenServer(o, signer, ts)
  await new Promise<void>((r) => server.listen(port, o.host, r))
  return ts
}

/** The registry's environment for token auth against `ts` (mount ts.authDir at /auth, read-only). */
export function tokenAuthEnv(ts: TokenService): string[] {
  return [
    'REGISTRY_AUTH=token',
    `REGISTRY_AUTH_TOKEN_REALM=${ts.realm}`,
    `REGISTRY_AUTH_TOKEN_SERVICE=${TOKEN_SERVICE}`,
    `REGISTRY_AUTH_TOKEN_ISSUER=${TOKEN_ISSUER}`,
    `REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE=${TOKEN_CERT_IN_CONTAINER}`,
  ]
}

/** `docker run` flags for a registry:2 on TLS from certDir (domain.crt/key) with token auth against `ts`. */
export function tokenRegistryRunArgs(ts: TokenService, certDir: string): string[] {
  return [
    '-v',
    `${certDir}:/certs:ro`,
    '-v',
    `${ts.authDir}:/auth:ro`,
    '-e',
    'REGISTRY_HTTP_TLS_CERTIFICATE=/certs/domain.crt',
    '-e',
    'REGISTRY_HTTP_TLS_KEY=/certs/domain.key',
    ...tokenAuthEnv(ts).flatMap((e) => ['-e', e]),
  ]
}
