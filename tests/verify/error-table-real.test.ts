import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { connect, createServer as createTlsServer, type Server as TlsServer } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { explainError, explainTexts } from '../../main/diagnostics'
import { createTranslator } from '../../main/messages/index'
import {
  engine,
  ensureImages,
  freePort,
  issueCnOnly,
  issueTo,
  makeCa,
  removeContainers,
  run,
  rwVer,
  startOurRegistry,
  startRawRegistry,
  tempDir,
  type TestCa,
} from './fixtures'

// Each known message is produced here by a real client against a real registry (Go: skopeo, which does not treat
// loopback as insecure; Docker: dockerd; Node: tls), then mapped by the table to its fix in both languages.
let root: { path: string; cleanup: () => Promise<void> }
let ca: TestCa
let caDir: string
let otherCaDir: string
const ports: Record<string, number> = {}
const containers: string[] = []
const users = [{ user: 'bob', password: 'rw-ver-pass-2' }]

/** skopeo inspect with only our CA in --cert-dir; resolves with its error text (it is expected to fail). */
async function skopeo(port: number, certDir = caDir): Promise<string> {
  try {
    await run(
      'skopeo',
      ['inspect', '--no-creds', '--cert-dir', certDir, `docker://127.0.0.1:${port}/rw-ver/none:1`],
      { timeout: 30_000 },
    )
    return ''
  } catch (err) {
    return (err as { stderr?: string }).stderr ?? String(err)
  }
}

/** A Node TLS connection trusting only `caPem`; resolves with the error code and message. */
function nodeTls(port: number, caPem: string, checkHost = true): Promise<{ code: string; message: string }> {
  return new Promise((resolve) => {
    const s = connect({
      host: '127.0.0.1',
      port,
      ca: caPem,
      ...(checkHost ? {} : { checkServerIdentity: () => undefined }),
    })
    s.once('secureConnect', () => {
      s.destroy()
      resolve({ code: 'NONE', message: 'connected' })
    })
    s.once('error', (e: NodeJS.ErrnoException) => {
      resolve({ code: e.code ?? '', message: e.message })
    })
  })
}

const EN = createTranslator('en')
const ZH = createTranslator('zh-CN')

function expectMapped(message: string, code: string, step: string): void {
  const e = explainError(message, { registry: '127.0.0.1:5000' })
  expect(e, message).toBeDefined()
  expect(e?.code, message).toBe(code)
  expect(e?.step, message).toBe(step)
  expect(e === undefined ? '' : explainTexts(EN, e, 'cli').fix.length).toBeGreaterThan(20)
  expect(e === undefined ? '' : explainTexts(ZH, e, 'gui').fix).toMatch(/[\u4e00-\u9fff]/)
}

beforeAll(async () => {
  await ensureImages()
  root = await tempDir()
  ca = await makeCa('rw-ver table CA')
  const other = await makeCa('rw-ver table other CA')
  caDir = join(root.path, 'trust-ca')
  otherCaDir = join(root.path, 'trust-other')
  for (const [dir, pem] of [
    [caDir, ca.certPem],
    [otherCaDir, other.certPem],
  ] as const) {
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'ca.crt'), pem)
  }
  const good = await issueTo(ca, join(root.path, 'good'), ['127.0.0.1'])
  const past = new Date(Date.now() - 20 * 86_400_000)
  const pastCa = await makeCa('rw-ver table past CA', past)
  const expired = await issueTo(pastCa, join(root.path, 'expired'), ['127.0.0.1'], { days: 3, now: past })
  await copyFile(join(expired.dir, 'ca.crt'), join(root.path, 'expired-ca.crt'))
  const cn = await issueCnOnly(ca, join(root.path, 'cn'), '127.0.0.1')
  const dnsOnly = await issueTo(ca, join(root.path, 'dns'), ['registry.lan'])
  const name = (k: string): string => {
    const n = rwVer(k)
    containers.push(n)
    return n
  }
  ports.auth = (await startOurRegistry(name('tauth'), good.dir, { users })).port
  ports.expired = await startRawRegistry(name('texp'), { certDir: expired.dir })
  ports.cn = await startRawRegistry(name('tcn'), { certDir: cn.dir })
  ports.dns = await startRawRegistry(name('tdns'), { certDir: dnsOnly.dir })
  ports.http = await startRawRegistry(name('thttp'))
  ports.none = await freePort()
}, 180_000)

afterAll(async () => {
  await removeContainers(containers)
  await root.cleanup()
})

describe('Go messages (skopeo, containers/image) map to their fixes', () => {
  it('unknown authority, legacy CN, no IP SANs, wrong SAN, HTTP to HTTPS, connection refused, expired, auth required', async () => {
    const seen: Record<string, string> = {
      unknown: await skopeo(ports.auth ?? 0, otherCaDir),
      cn: await skopeo(ports.cn ?? 0),
      dns: await skopeo(ports.dns ?? 0),
      http: await skopeo(ports.http ?? 0),
      refused: await skopeo(ports.none ?? 0),
      expired: await skopeo(ports.expired ?? 0, join(root.path, 'expired-dir')),
      auth: await skopeo(ports.auth ?? 0),
    }
    expect(seen.unknown).toContain('x509: certificate signed by unknown authority')
    expectMapped(seen.unknown ?? '', 'UNKNOWN_AUTHORITY', 'trust')
    expect(seen.cn).toContain('certificate relies on legacy Common Name field')
    expectMapped(seen.cn ?? '', 'LEGACY_CN', 'certificates')
    expect(seen.dns).toContain("doesn't contain any IP SANs")
    expectMapped(seen.dns ?? '', 'NO_IP_SANS', 'certificates')
    expect(seen.http).toContain('http: server gave HTTP response to HTTPS client')
    expectMapped(seen.http ?? '', 'PLAIN_HTTP', 'registry')
    expect(seen.refused).toContain('connection refused')
    expectMapped(seen.refused ?? '', 'CONNECTION_REFUSED', 'registry')
    expect(seen.auth).toMatch(/unauthorized: authentication required|authentication required/)
    expectMapped(seen.auth ?? '', 'AUTH_REQUIRED', 'login')
    // The expired registry's CA is the past CA: trust it so only the dates are wrong.
    expect(seen.expired).toMatch(/certificate has expired or is not yet valid|unknown authority/)
  })

  it('an expired certificate trusted by its own CA: x509 expired', async () => {
    const dir = join(root.path, 'expired-dir')
    await mkdir(dir, { recursive: true })
    await copyFile(join(root.path, 'expired-ca.crt'), join(dir, 'ca.crt'))
    const text = await skopeo(ports.expired ?? 0, dir)
    expect(text).toContain('x509: certificate has expired or is not yet valid')
    expectMapped(text, 'CERT_EXPIRED', 'certificates')
  })
})

describe('Docker messages map to their fixes', () => {
  it('no basic auth credentials (docker push to a registry with auth, no login)', async () => {
    const ref = `127.0.0.1:${ports.auth ?? 0}/rw-ver/table:1`
    await run('bash', [join(import.meta.dirname, '../support/rw-reg-test-image.sh'), 'rw-ver-tiny:1'])
    await run('docker', ['tag', 'rw-ver-tiny:1', ref])
    let text = ''
    try {
      await run('docker', ['--config', join(root.path, 'docker-config'), 'push', ref], { timeout: 60_000 })
    } catch (err) {
      text = (err as { stderr?: string }).stderr ?? ''
    } finally {
      await run('docker', ['rmi', ref, 'rw-ver-tiny:1']).catch(() => undefined)
    }
    expect(text).toContain('no basic auth credentials')
    expectMapped(text, 'NO_BASIC_AUTH', 'login')
  })

  it('the engine unreachable (a socket nobody serves)', async () => {
    const { default: Docker } = await import('dockerode')
    const err = await new Docker({ socketPath: join(root.path, 'no-docker.sock') })
      .version()
      .catch((e: unknown) => e)
    const text = err instanceof Error ? err.message : String(err)
    expect(text).toContain('ENOENT')
    expect(explainError(err as Error)?.code).toBe('ENGINE_UNREACHABLE')
    expect(engine.resolved.kind).toBe('socket')
  })
})

describe('Node error codes map to their fixes', () => {
  let selfSigned: TlsServer
  let caAsServer: TlsServer
  let selfPort = 0
  let caPort = 0
  const listen = async (srv: TlsServer): Promise<number> => {
    await new Promise<void>((res) => srv.listen(0, '127.0.0.1', res))
    const a = srv.address()
    return typeof a === 'object' && a !== null ? a.port : 0
  }
  beforeAll(async () => {
    // A self-signed server certificate (openssl), and the CA certificate itself served as if it were domain.crt.
    const dir = join(root.path, 'self')
    await mkdir(dir, { recursive: true })
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '30',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'k.pem'),
      '-out',
      join(dir, 'c.pem'),
    ])
    const { readFile } = await import('node:fs/promises')
    selfSigned = createTlsServer(
      { cert: await readFile(join(dir, 'c.pem')), key: await readFile(join(dir, 'k.pem')) },
      (s) => s.end(),
    )
    selfPort = await listen(selfSigned)
    const { exportPrivateKeyPem } = await import('../../main/pki')
    caAsServer = createTlsServer({ cert: ca.certPem, key: exportPrivateKeyPem(ca.loaded.key) }, (s) =>
      s.end(),
    )
    caPort = await listen(caAsServer)
  })
  afterAll(() => {
    selfSigned.close()
    caAsServer.close()
  })

  it('ECONNREFUSED, EPROTO / ERR_SSL_WRONG_VERSION_NUMBER (plain HTTP), UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID, INVALID_PURPOSE', async () => {
    const other = await makeCa('rw-ver node other CA')
    const cases: [Promise<{ code: string; message: string }>, string[], string, string][] = [
      [nodeTls(ports.none ?? 0, ca.certPem), ['ECONNREFUSED'], 'CONNECTION_REFUSED', 'registry'],
      [
        nodeTls(ports.http ?? 0, ca.certPem),
        ['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER'],
        'PLAIN_HTTP',
        'registry',
      ],
      [
        nodeTls(ports.auth ?? 0, other.certPem),
        ['UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
        'UNKNOWN_AUTHORITY',
        'trust',
      ],
      [nodeTls(ports.expired ?? 0, ca.certPem), ['CERT_HAS_EXPIRED'], 'CERT_EXPIRED', 'certificates'],
      [nodeTls(selfPort, ca.certPem), ['DEPTH_ZERO_SELF_SIGNED_CERT'], 'SELF_SIGNED_SERVER', 'certificates'],
      [
        nodeTls(ports.dns ?? 0, ca.certPem),
        ['ERR_TLS_CERT_ALTNAME_INVALID'],
        'HOST_MISMATCH',
        'certificates',
      ],
      [nodeTls(caPort, ca.certPem, false), ['INVALID_PURPOSE'], 'WRONG_PURPOSE', 'certificates'],
    ]
    for (const [p, nodeCodes, code, step] of cases) {
      const got = await p
      expect(nodeCodes, got.message).toContain(got.code)
      expectMapped(got.code, code, step)
      const byError = explainError(Object.assign(new Error(got.message), { code: got.code }))
      expect(byError?.code, got.message).toBe(code)
    }
  })
})
