import { readFile } from 'node:fs/promises'
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
import { startTokenService, tokenRegistryRunArgs, type TokenService } from '../support/token-service'
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

describe.skipIf(!ready)('token auth (registry:2 with auth.token, a token service made here)', () => {
  let ts: TokenService
  let port: number
  let caPem: string

  beforeAll(async () => {
    const { certDir } = await makeCerts(root.path, ['127.0.0.1', 'localhost'], 'ca-token')
    const read = (p: string): Promise<string> => readFile(p, 'utf8')
    caPem = await read(join(certDir, 'ca.crt'))
    ts = await startTokenService({
      dir: root.path,
      tls: { key: await read(join(certDir, 'domain.key')), cert: await read(join(certDir, 'domain.crt')) },
      host: '127.0.0.1',
      users: [{ user: 'alice', password: 's3cret' }],
    })
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
      ...tokenRegistryRunArgs(ts, certDir),
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
    await ts.close()
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
    // distribution lists a scope's actions from a Go map, so their order varies from one challenge to the next.
    expect(ts.asked.some((q) => /^rw-test\|repository:rapi\/token:(pull,push|push,pull)$/.test(q))).toBe(true)
    expect(ts.asked.every((q) => q.startsWith('rw-test|'))).toBe(true)
  })
})
