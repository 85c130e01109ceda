import { execFile, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, readCertDir, startRegistry } from '../../main/docker'
import { makeTmpDir } from '../support/fs-snapshot'
import { expectSkopeoPushNeedsCa, writeOneFileOciLayout } from '../support/skopeo'
import { openssl } from '../support/openssl'
import { dockerCleanup, ensureRegistryImage, freePort } from '../support/rw-reg-fixtures'
import { pushFromClient, startNetnsClient, type NetnsClient } from '../support/rw-verify-netns'
import { cli } from '../support/run-cli'
import { issueArgs } from '../support/pki-cli'

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
  const issued = await cli([...issueArgs(caDir, out), '--ip', '127.0.0.1', '--ip', client().hostIp])
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
      await writeOneFileOciLayout(layout, `rw-ec ${Date.now()}`)
      const certDir = join(dir, `${which}-skopeo-certs`)
      const empty = join(dir, `${which}-skopeo-empty`)
      mkdirSync(certDir)
      mkdirSync(empty)
      writeFileSync(join(certDir, 'ca.crt'), readFileSync(s.caCrt))
      const ref = `docker://127.0.0.1:${s.port}/rw-pki/ecdsa:1`
      await expectSkopeoPushNeedsCa(layout, ref, { emptyDir: empty, certDir: certDir })
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
