import { execFile, spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, readCertDir, startRegistry } from '../../main/docker'
import { packFiles } from '../../main/docker/tar-files'
import { makeTmpDir } from '../support/fs-snapshot'
import { openssl } from '../support/openssl'
import { dockerCleanup, ensureRegistryImage, freePort } from '../support/rw-reg-fixtures'
import { pushFromClient, startNetnsClient, type NetnsClient } from '../support/rw-verify-netns'
import { cli } from '../support/run-cli'

// ECDSA certificates (the default since issue 15) against real clients, as the RSA ones are tested: a registry:2
// serving an ECDSA P-256 certificate from an ECDSA CA, and one serving an ECDSA certificate from an RSA CA, each
// reached by curl (OpenSSL), skopeo (Go's crypto/tls) and a client dockerd on a NON-loopback address (dockerd skips TLS
// checks for 127.0.0.0/8, so it runs in its own network namespace) that trusts only our ca.crt.
const run = promisify(execFile)
const engine = connectEngine({})
const dir = makeTmpDir('rw-pki-ecdsa-')
const tag = randomBytes(3).toString('hex')
let netns: NetnsClient | undefined

interface Served {
  name: string
  port: number
  caCrt: string
}
const served: Record<'ec' | 'rsa', Served> = {
  ec: { name: `rw-pki-ec-${tag}`, port: 0, caCrt: '' },
  rsa: { name: `rw-pki-rsaec-${tag}`, port: 0, caCrt: '' },
}

function client(): NetnsClient {
  if (netns === undefined) throw new Error('the netns client did not start')
  return netns
}

/** `ca create` + `cert issue` with the CLI (the CA's key type as given, the leaf's the default ECDSA P-256). */
async function serve(which: 'ec' | 'rsa', caFlags: string[]): Promise<void> {
  const s = served[which]
  const caDir = join(dir, `${which}-ca`)
  const out = join(dir, `${which}-certs`)
  const created = await cli(['ca', 'create', '--dir', caDir, '--cn', `rw ${which} CA`, ...caFlags])
  expect(created.stderr).toBe('')
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
  s.caCrt = join(out, 'ca.crt')
  s.port = await freePort()
  await startRegistry(engine, {
    name: s.name,
    port: s.port,
    certs: await readCertDir(out),
    registryHost: '127.0.0.1',
    pull: false,
    deleteEnabled: true,
    healthTimeoutMs: 30_000,
  })
  const text = openssl(['x509', '-in', join(out, 'domain.crt'), '-noout', '-text'])
  expect(text).toContain('NIST CURVE: P-256')
  expect(text).toContain(
    `Signature Algorithm: ${which === 'ec' ? 'ecdsa-with-SHA256' : 'sha256WithRSAEncryption'}`,
  )
}

beforeAll(async () => {
  await ensureRegistryImage()
  netns = await startNetnsClient()
  await serve('ec', [])
  await serve('rsa', ['--key-type', 'rsa-2048'])
}, 240_000)

afterAll(async () => {
  await dockerCleanup(
    Object.values(served).map((s) => s.name),
    Object.values(served).flatMap((s) => [`${s.name}-data`, `${s.name}-certs`]),
  )
  await netns?.down()
})

/** A one-file OCI image layout (no pull, no build), for skopeo copy. */
async function writeOciLayout(layout: string): Promise<void> {
  const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')
  await mkdir(join(layout, 'blobs/sha256'), { recursive: true })
  const blob = async (b: Buffer): Promise<{ digest: string; size: number }> => {
    await writeFile(join(layout, 'blobs/sha256', sha(b)), b)
    return { digest: `sha256:${sha(b)}`, size: b.length }
  }
  const l = await blob(
    await packFiles([{ name: 'hello.txt', content: `rw-ec ${Date.now()}\n`, mode: 0o644 }]),
  )
  const config = {
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [l.digest] },
    config: {},
  }
  const c = await blob(Buffer.from(JSON.stringify(config)))
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...c },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...l }],
  }
  const m = await blob(Buffer.from(JSON.stringify(manifest)))
  await writeFile(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
  const ref = {
    mediaType: manifest.mediaType,
    ...m,
    annotations: { 'org.opencontainers.image.ref.name': '1' },
  }
  await writeFile(join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [ref] }))
}

for (const which of ['ec', 'rsa'] as const) {
  const what = which === 'ec' ? 'ECDSA CA + ECDSA server certificate' : 'RSA CA + ECDSA server certificate'
  describe(`${what}: every client trusts the registry with only ca.crt`, () => {
    it('curl --cacert ca.crt gets /v2/ (200); without it, it is refused', async () => {
      const s = served[which]
      const url = `https://127.0.0.1:${s.port}/v2/`
      const { stdout } = await run('curl', [
        '-s',
        '-o',
        '/dev/null',
        '-w',
        '%{http_code}',
        '--cacert',
        s.caCrt,
        url,
      ])
      expect(stdout).toBe('200')
      const refused = spawnSync('curl', ['-s', '-o', '/dev/null', url], { encoding: 'utf8' })
      expect(refused.status).toBe(60)
    })

    it('skopeo (Go crypto/tls) copies (push) and inspects with --cert-dir holding only ca.crt; an empty one fails', async () => {
      const s = served[which]
      const layout = join(dir, `${which}-oci`)
      await writeOciLayout(layout)
      const certDir = join(dir, `${which}-skopeo-certs`)
      const empty = join(dir, `${which}-skopeo-empty`)
      mkdirSync(certDir)
      mkdirSync(empty)
      writeFileSync(join(certDir, 'ca.crt'), readFileSync(s.caCrt))
      const ref = `docker://127.0.0.1:${s.port}/rw-pki/ecdsa:1`
      const refused = spawnSync('skopeo', ['copy', '--dest-cert-dir', empty, `oci:${layout}:1`, ref], {
        encoding: 'utf8',
        timeout: 60_000,
      })
      expect(refused.status).not.toBe(0)
      expect(refused.stderr).toMatch(/x509: certificate signed by unknown authority/)
      await run('skopeo', ['copy', '--dest-cert-dir', certDir, `oci:${layout}:1`, ref], { timeout: 60_000 })
      const { stdout } = await run('skopeo', ['inspect', '--raw', '--cert-dir', certDir, ref], {
        timeout: 60_000,
      })
      expect((JSON.parse(stdout) as { layers: unknown[] }).layers).toHaveLength(1)
    }, 120_000)

    it('a client dockerd on a non-loopback address pushes with ca.crt in certs.d (and fails without it)', async () => {
      const c = client()
      expect(c.hostIp).not.toMatch(/^127\./)
      const registry = `${c.hostIp}:${served[which].port}`
      const before = await pushFromClient(c, registry, `rw-pki/ecdsa-${which}`).catch((e: unknown) => e)
      expect(before instanceof Error ? before.message : String(before)).toContain(
        'x509: certificate signed by unknown authority',
      )
      await mkdir(join(c.certsD, registry), { recursive: true })
      await writeFile(join(c.certsD, registry, 'ca.crt'), readFileSync(served[which].caCrt))
      await pushFromClient(c, registry, `rw-pki/ecdsa-${which}`)
    }, 120_000)
  })
}
