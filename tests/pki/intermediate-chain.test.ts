import { execFile, spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, readCertDir, startRegistry } from '../../main/docker'
import { packFiles } from '../../main/docker/tar-files'
import { splitPemBundle } from '../../main/pki'
import { makeTmpDir } from '../support/fs-snapshot'
import { freePort, dockerCleanup, ensureRegistryImage } from '../support/rw-reg-fixtures'
import { pushFromClient, startNetnsClient, type NetnsClient } from '../support/rw-verify-netns'
import { cli } from '../support/run-cli'
import { makeOpensslHierarchy, type OpensslCa } from '../support/openssl-chain'

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
  const imported = await cli([
    'ca',
    'import',
    '--dir',
    caDir,
    '--cert',
    inter.cert,
    '--key',
    inter.key,
    '--chain',
    root.cert,
  ])
  expect(imported.stderr).toBe('')
  expect(imported.code).toBe(0)
  out = join(dir, 'certs')
  const issued = await cli([
    'cert',
    'issue',
    '--ca-dir',
    caDir,
    '--out',
    out,
    '--ip',
    '127.0.0.1',
    '--ip',
    client().hostIp,
  ])
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

/** A one-file OCI image layout written here (no image pull, no build): for skopeo copy. */
async function writeOciLayout(layout: string): Promise<void> {
  const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')
  const blob = async (b: Buffer): Promise<{ digest: string; size: number }> => {
    await writeFile(join(layout, 'blobs/sha256', sha(b)), b)
    return { digest: `sha256:${sha(b)}`, size: b.length }
  }
  await mkdir(join(layout, 'blobs/sha256'), { recursive: true })
  const layer = await packFiles([{ name: 'hello.txt', content: `rw-pki ${Date.now()}\n`, mode: 0o644 }])
  const l = await blob(layer)
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [l.digest] },
      config: {},
    }),
  )
  const c = await blob(config)
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...c },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...l }],
    }),
  )
  const m = await blob(manifest)
  await writeFile(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
  await writeFile(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...m,
          annotations: { 'org.opencontainers.image.ref.name': '1' },
        },
      ],
    }),
  )
}

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
    await writeOciLayout(layout)
    const ref = `docker://127.0.0.1:${port}/rw-pki/small:1`
    const emptyDir = join(dir, 'no-certs')
    mkdirSync(emptyDir)
    const refused = spawnSync('skopeo', ['copy', '--dest-cert-dir', emptyDir, `oci:${layout}:1`, ref], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toMatch(/x509: certificate signed by unknown authority/)
    await run('skopeo', ['copy', '--dest-cert-dir', rootOnly, `oci:${layout}:1`, ref], { timeout: 60_000 })
    const { stdout } = await run('skopeo', ['inspect', '--raw', '--cert-dir', rootOnly, ref], {
      timeout: 60_000,
    })
    expect((JSON.parse(stdout) as { layers: unknown[] }).layers).toHaveLength(1)
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
