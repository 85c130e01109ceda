import { execFile, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, readCertDir, startRegistry } from '../../main/docker'
import { splitPemBundle } from '../../main/pki'
import { makeTmpDir } from '../support/fs-snapshot'
import { expectSkopeoPushNeedsCa, writeOneFileOciLayout } from '../support/skopeo'
import { freePort, dockerCleanup, ensureRegistryImage } from '../support/rw-reg-fixtures'
import { pushFromClient, startNetnsClient, type NetnsClient } from '../support/rw-verify-netns'
import { cli } from '../support/run-cli'
import { makeOpensslHierarchy, type OpensslCa } from '../support/openssl-chain'
import { issueArgs, importArgs } from '../support/pki-cli'

// Acceptance for enterprise intermediate CAs: a company root (made by openssl here) -> pathlen:0 intermediate
// imported with `ca import --chain`, a server certificate from `cert issue`, a real registry:2 serving OUT/domain.crt,
// and clients that hold ONLY the root: curl (OpenSSL), openssl s_client, skopeo (Go), and a client dockerd on a
// non-loopback address (dockerd skips TLS checks for 127.0.0.0/8, so that one runs in its own network namespace).
const run = promisify(execFile)
const engine = connectEngine({})
const name = `rw-pki-chain-${randomBytes(3).toString('hex')}`
const dir = makeTmpDir('rw-pki-accept-')
let netns: NetnsClient | undefined
/** The client engine in its own network namespace (started in beforeAll). */
function client(): NetnsClient {
  if (netns === undefined) throw new Error('the netns client did not start')
  return netns
}
let root: OpensslCa
let port: number
let out: string
const rootOnly = join(dir, 'root-only')

beforeAll(async () => {
  await ensureRegistryImage()
  netns = await startNetnsClient()
  const [r, inter] = makeOpensslHierarchy(dir, 1, { name: 'Acme' }) as [OpensslCa, OpensslCa]
  root = r
  const caDir = join(dir, 'ca')
  const imported = await cli([...importArgs(caDir, inter.cert, inter.key), '--chain', root.cert])
  expect(imported.stderr).toBe('')
  expect(imported.code).toBe(0)
  out = join(dir, 'certs')
  const issued = await cli([...issueArgs(caDir, out), '--ip', '127.0.0.1', '--ip', client().hostIp])
  expect(issued.stderr).toBe('')
  expect(issued.code).toBe(0)
  mkdirSync(rootOnly)
  writeFileSync(join(rootOnly, 'ca.crt'), readFileSync(root.cert))
  port = await freePort()
  await startRegistry(engine, {
    name,
    port,
    certs: await readCertDir(out),
    registryHost: '127.0.0.1',
    pull: false,
    deleteEnabled: true,
    healthTimeoutMs: 30_000,
  })
}, 240_000)

afterAll(async () => {
  await dockerCleanup([name], [`${name}-data`, `${name}-certs`])
  await netns?.down()
})

describe('intermediate CA: only the root trusted, every client reaches and pushes to the registry', () => {
  it('the registry is served leaf + intermediate; OUT/ca.crt is the root', () => {
    const served = splitPemBundle(readFileSync(join(out, 'domain.crt'), 'utf8'))
    expect(served.map((c) => c.subject)).toEqual(['CN=127.0.0.1', 'O=Acme Ltd, CN=Acme Issuing CA 1'])
    expect(readFileSync(join(out, 'ca.crt'), 'utf8')).toBe(
      splitPemBundle(readFileSync(root.cert, 'utf8'))[0]?.pem,
    )
  })

  it('curl --cacert root.crt gets /v2/ (200)', async () => {
    const { stdout } = await run('curl', [
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--cacert',
      root.cert,
      `https://127.0.0.1:${port}/v2/`,
    ])
    expect(stdout.trim()).toBe('200')
  })

  it('openssl s_client -verify_return_error -CAfile root.crt verifies the served chain (depth 2)', () => {
    const r = spawnSync(
      'openssl',
      [
        's_client',
        '-connect',
        `127.0.0.1:${port}`,
        '-CAfile',
        root.cert,
        '-verify_return_error',
        '-verify_ip',
        '127.0.0.1',
        '-showcerts',
      ],
      { input: '', encoding: 'utf8', timeout: 20_000 },
    )
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('Verify return code: 0 (ok)')
    expect(r.stdout).toMatch(/ 1 s:O ?= ?Acme Ltd, CN ?= ?Acme Issuing CA 1/)
    expect(r.stderr).toMatch(/depth=2 O ?= ?Acme Ltd, CN ?= ?Acme Root CA/)
  })

  it('skopeo (Go) with --cert-dir holding only the root: copy (push) and inspect succeed; with an empty cert dir it fails', async () => {
    const layout = join(dir, 'oci')
    await writeOneFileOciLayout(layout, `rw-pki ${Date.now()}`)
    const ref = `docker://127.0.0.1:${port}/rw-pki/small:1`
    const emptyDir = join(dir, 'no-certs')
    mkdirSync(emptyDir)
    await expectSkopeoPushNeedsCa(layout, ref, { emptyDir: emptyDir, certDir: rootOnly })
  })

  it('a client dockerd on a non-loopback address pushes with only the root in certs.d (and fails without it)', async () => {
    const c = client()
    expect(c.hostIp).toMatch(/^10\.213\./)
    const registry = `${c.hostIp}:${port}`
    const before = await pushFromClient(c, registry, 'rw-pki/netns').catch((e: unknown) => e)
    expect(before instanceof Error ? before.message : String(before)).toContain(
      'x509: certificate signed by unknown authority',
    )
    await mkdir(join(c.certsD, registry), { recursive: true })
    await writeFile(join(c.certsD, registry, 'ca.crt'), readFileSync(join(out, 'ca.crt')))
    await pushFromClient(c, registry, 'rw-pki/netns')
  }, 120_000)
})
