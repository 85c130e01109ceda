// CA renewal (main/lifecycle/renew-ca.ts, `ca renew`) and its overlap against the real registry:2: a new key and
// certificate with the same subject, the old pair archived beside it; a client with only the old CA still works
// during the overlap (the served certificate is from the old CA); the trust bundle carries both CAs (install.sh
// installs both, over an earlier one-CA bundle without --force); a client with the bundle accepts a server
// certificate re-issued from the new CA (openssl verify, curl --cacert); a failed renewal leaves the folder as it was.
import { spawnSync } from 'node:child_process'
import { X509Certificate, randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../main/bundle/export-bundle'
import { connectEngine, readCertDir, startRegistry } from '../../main/docker'
import { caExpiryWarning } from '../../main/lifecycle/expiry'
import { createCaDir, issueToDir, pemCertificates } from '../../main/pki'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { parseRegistryAddresses } from '../../main/trust/registry-address'
import {
  curlStatus,
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  run,
  runCliIn,
  tempDir,
  trackRegistry,
} from '../support/rw-reg-fixtures'
import { fileFingerprint, folderState, waitServed } from './served-cert'

const engine = connectEngine({})
const name = `rw-renewca-${randomBytes(3).toString('hex')}`
const containers: string[] = []
const volumes: string[] = []
let root: { path: string; cleanup: () => Promise<void> }
let caDir: string
let liveDir: string
let port: number
/** The old CA alone, as a client that never got the new bundle has it. */
let oldCaFile: string
let renewed: { previous: { certPath: string; keyPath: string; notAfter: string }; fingerprintSha256: string }
let bundleDir: string

const url = (): string => `https://127.0.0.1:${port}/v2/`

beforeAll(async () => {
  await ensureRegistryImage()
  root = await tempDir('rw-renewca-')
  caDir = join(root.path, 'ca')
  liveDir = join(root.path, 'live')
  // An old CA 100 days from its end, and the registry serving a certificate from it.
  await createCaDir(caDir, { subject: { cn: 'rw-renewca CA', o: 'Example 公司' }, keySize: 2048, days: 100 })
  await issueToDir({ caDir, outDir: liveDir, sans: ['127.0.0.1'], keySize: 2048, days: 60 })
  oldCaFile = join(root.path, 'old-ca.crt')
  await fs.copyFile(join(caDir, 'ca.crt'), oldCaFile)
  trackRegistry(containers, volumes, name)
  port = await freePort()
  await startRegistry(engine, {
    name,
    port,
    certs: await readCertDir(liveDir),
    certStore: 'bind',
    registryHost: '127.0.0.1',
  })
})

afterAll(async () => {
  await dockerCleanup(containers, volumes)
  await root.cleanup()
})

const openssl = (args: string[]): { code: number; out: string } => {
  const r = spawnSync('openssl', args, { encoding: 'utf8' })
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` }
}

describe('ca renew', () => {
  it('the old CA is warned about from 180 days out (the domain rule Home and check use)', async () => {
    const notAfter = new X509Certificate(await fs.readFile(oldCaFile, 'utf8')).validTo
    expect(caExpiryWarning(new Date(notAfter))).toMatchObject({ code: 'CA_EXPIRES_SOON', days: 99 })
    expect(caExpiryWarning(new Date(Date.now() + 400 * 86_400_000))).toBeUndefined()
    expect(caExpiryWarning(new Date(Date.now() - 1000))).toMatchObject({ code: 'CA_EXPIRED' })
  })

  it('cert inspect on the CA prints the warning, in both languages, and carries it in --json', async () => {
    const en = await runCliIn(root.path, ['cert', 'inspect', oldCaFile])
    expect(en.out).toMatch(/\nwarning: The CA ends in 99 days \(.+\): renew it now/)
    const zh = await runCliIn(root.path, ['--lang', 'zh-CN', 'cert', 'inspect', oldCaFile])
    expect(zh.out).toContain('CA 将在 99 天后')
    const json = JSON.parse((await runCliIn(root.path, ['cert', 'inspect', oldCaFile, '--json'])).out) as {
      caWarning?: { code: string; days: number }
    }
    expect(json.caWarning).toMatchObject({ code: 'CA_EXPIRES_SOON', days: 99 })
  })

  it('a wrong passphrase: refused (exit 2), the folder exactly as it was', async () => {
    const locked = join(root.path, 'ca-locked')
    await createCaDir(locked, {
      subject: { cn: 'rw-renewca locked' },
      keySize: 2048,
      days: 30,
      passphrase: 'right pass',
    })
    const before = await folderState(locked)
    const pass = join(root.path, 'pass')
    await fs.writeFile(pass, 'not the passphrase\n')
    const r = await runCliIn(root.path, ['ca', 'renew', '--ca-dir', locked, '--passphrase-file', pass])
    expect(r.code).toBe(2)
    expect(r.err).toContain('--passphrase-file')
    expect(await folderState(locked)).toEqual(before)
  })

  it('makes a new key and certificate with the same subject; the old pair archived beside it with the date', async () => {
    const oldPem = await fs.readFile(join(caDir, 'ca.crt'), 'utf8')
    const oldKey = await fs.readFile(join(caDir, 'ca.key'), 'utf8')
    const r = await runCliIn(root.path, ['ca', 'renew', '--ca-dir', caDir, '--days', '3650', '--json'])
    expect(r.err).toContain('Creating the new CA key and certificate')
    expect(r.code).toBe(0)
    renewed = JSON.parse(r.out) as typeof renewed
    const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '')
    expect(renewed.previous.certPath).toMatch(new RegExp(`ca\\.crt\\.bak-${stamp}T\\d{6}Z$`))
    expect(await fs.readFile(renewed.previous.certPath, 'utf8')).toBe(oldPem)
    expect(await fs.readFile(renewed.previous.keyPath, 'utf8')).toBe(oldKey)
    expect((await fs.stat(renewed.previous.keyPath)).mode & 0o777).toBe(0o600)
    expect((await fs.stat(join(caDir, 'ca.key'))).mode & 0o777).toBe(0o600)
    const [oldCert, newCert] = [
      new X509Certificate(oldPem),
      new X509Certificate(await fs.readFile(join(caDir, 'ca.crt'))),
    ]
    expect(newCert.subject).toBe(oldCert.subject)
    expect(newCert.fingerprint256).toBe(renewed.fingerprintSha256)
    expect(newCert.publicKey.export({ type: 'spki', format: 'der' })).not.toEqual(
      oldCert.publicKey.export({ type: 'spki', format: 'der' }),
    )
    expect(newCert.ca).toBe(true)
    expect(Math.round((Date.parse(newCert.validTo) - Date.now()) / 86_400_000)).toBe(3650)
    // The new folder issues: the CA opens with its new key.
    await issueToDir({
      caDir,
      outDir: join(root.path, 'from-new'),
      sans: ['127.0.0.1'],
      keySize: 2048,
      days: 30,
    })
  })

  it('in Chinese: the lines name the old and the new CA and the next step', async () => {
    const copy = join(root.path, 'ca-zh')
    await createCaDir(copy, { subject: { cn: 'rw-renewca zh' }, keySize: 2048, days: 30 })
    const r = await runCliIn(root.path, [
      '--lang',
      'zh-CN',
      'ca',
      'renew',
      '--ca-dir',
      copy,
      '--key-size',
      '2048',
    ])
    expect(r.code).toBe(0)
    expect(r.out).toContain('已续期')
    expect(r.out).toContain('旧 CA（已归档）')
    expect(r.out).toContain('--previous-ca')
    expect(r.out).not.toMatch(/Renewed|Next:/)
  })

  it('during the overlap a client with only the old CA still works: the served certificate is from the old CA', async () => {
    expect(await curlStatus(url(), oldCaFile)).toBe('200')
  })
})

describe('the overlap trust bundle', () => {
  beforeAll(async () => {
    const out = join(root.path, 'bundles')
    const r = await runCliIn(root.path, [
      'bundle',
      'export',
      '--ca',
      join(caDir, 'ca.crt'),
      '--previous-ca',
      renewed.previous.certPath,
      '--registry',
      `127.0.0.1:${port}`,
      '--out',
      out,
    ])
    expect(r.code).toBe(0)
    bundleDir = join(out, `registry-trust-127.0.0.1_${port}`)
  })

  it('carries both CAs (new first), a fingerprint line for each, and a README saying which machines need it', async () => {
    const caText = await fs.readFile(join(bundleDir, 'ca.crt'), 'utf8')
    const certs = pemCertificates(caText)
    expect(certs.map((c) => c.fingerprint256)).toEqual([
      renewed.fingerprintSha256,
      await fileFingerprint(oldCaFile),
    ])
    const fps = await fs.readFile(join(bundleDir, 'ca.crt.sha256'), 'utf8')
    expect(fps.trim().split('\n')).toHaveLength(2)
    const readme = await fs.readFile(join(bundleDir, 'README.md'), 'utf8')
    expect(readme).toContain('CA renewal overlap: this bundle carries two CAs')
    expect(readme).toContain('Which machines still need it:')
    expect(readme).toContain('哪些机器还需要它')
    expect(readme).toContain(renewed.previous.notAfter.slice(0, 10))
    expect(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: bundleDir }).status).toBe(0)
    // A client with the bundle trusts the registry as it is today (old-CA certificate).
    expect(await curlStatus(url(), join(bundleDir, 'ca.crt'))).toBe('200')
  })

  it('install.sh installs both CAs, also over an earlier one-CA bundle (no --force; a backup kept)', async () => {
    const target = await fs.mkdtemp(join(root.path, 'client-root-'))
    await fs.mkdir(join(target, 'etc'), { recursive: true })
    await fs.writeFile(join(target, 'etc/os-release'), 'ID=debian\n')
    const stubs = join(root.path, 'stubs')
    await fs.mkdir(stubs, { recursive: true })
    await fs.writeFile(join(stubs, 'update-ca-certificates'), '#!/bin/sh\nexit 0\n', { mode: 0o755 })
    const env = { ...process.env, PATH: `${stubs}:${process.env.PATH ?? ''}` }
    const install = (dir: string): ReturnType<typeof spawnSync> =>
      spawnSync('sh', [join(dir, 'install.sh'), '--root', target], { encoding: 'utf8', env })
    const registries = parseRegistryAddresses([`127.0.0.1:${port}`])
    const oldOut = join(root.path, 'old-bundle')
    const old = await exportBundle({
      ca: parseTrustCa(await fs.readFile(oldCaFile, 'utf8')),
      registries,
      outDir: oldOut,
    })
    expect(install(old.dir).status).toBe(0)
    const placed = join(target, `etc/docker/certs.d/127.0.0.1:${port}/ca.crt`)
    expect(pemCertificates(await fs.readFile(placed, 'utf8'))).toHaveLength(1)
    const r = install(bundleDir)
    expect(`${String(r.stdout)}${String(r.stderr)}`).toMatch(
      /ca\.crt fingerprint OK[\s\S]*ca\.crt fingerprint OK/,
    )
    expect(r.status).toBe(0)
    expect(await fs.readFile(placed, 'utf8')).toBe(await fs.readFile(join(bundleDir, 'ca.crt'), 'utf8'))
    expect(await fs.readFile(`${placed}.bak-registry-wizard`, 'utf8')).toBe(
      await fs.readFile(oldCaFile, 'utf8'),
    )
    // Installed once more: nothing to change.
    expect(String(install(bundleDir).stdout)).toContain('already in place')
  })

  it('a server certificate re-issued from the new CA: the bundle accepts it, the old CA alone does not', async () => {
    const next = join(root.path, 'next')
    await issueToDir({ caDir, outDir: next, sans: ['127.0.0.1'], keySize: 2048, days: 30 })
    const bundleCa = join(bundleDir, 'ca.crt')
    expect(openssl(['verify', '-CAfile', bundleCa, join(next, 'domain.crt')]).out).toMatch(/: OK/)
    expect(openssl(['verify', '-CAfile', oldCaFile, join(next, 'domain.crt')]).code).not.toBe(0)
    // Swapped into the registry as the renewal's next step says (the bundle's ca.crt beside the new pair).
    await fs.copyFile(bundleCa, join(next, 'ca.crt'))
    const r = await runCliIn(root.path, ['registry', 'replace-cert', '--name', name, '--certs', next])
    expect(r.code).toBe(0)
    const newPrint = await fileFingerprint(join(next, 'domain.crt'))
    expect(await waitServed(port, newPrint)).toBe(newPrint)
    expect(await curlStatus(url(), bundleCa)).toBe('200')
    const oldOnly = await run('curl', ['-sS', '-o', '/dev/null', '--cacert', oldCaFile, url()]).catch(
      (e: unknown) => e,
    )
    expect(oldOnly).toMatchObject({ code: 60 }) // curl: peer certificate cannot be authenticated
  })
})
