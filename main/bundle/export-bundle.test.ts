import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { makeTestCa } from '../../tests/trust/fixtures'
import { parseTrustCa } from '../trust/ca-certificate'
import { parseRegistryAddresses } from '../trust/registry-address'
import type { TrustCa } from '../trust/types'
import { exportBundle } from './export-bundle'
import { findPrivateKeys, listFiles, verifyBundleDir } from './verify-bundle'

let ca: TrustCa
const dirs: string[] = []
const registries = parseRegistryAddresses(['192.168.20.10:5000', 'registry.lan:5000'])

beforeAll(async () => {
  ca = parseTrustCa((await makeTestCa()).certPem)
})
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true })
})
async function tempDir(): Promise<string> {
  const d = await fs.mkdtemp(join(tmpdir(), 'rw-trust-bundle-'))
  dirs.push(d)
  return d
}

describe('exportBundle', () => {
  it('writes the whole bundle folder, verifiable with sha256sum -c, with no private key', async () => {
    const out = await tempDir()
    const b = await exportBundle({ ca, registries, outDir: out })
    expect(b.dir).toBe(join(out, 'registry-trust-192.168.20.10_5000'))
    expect(await listFiles(b.dir)).toEqual([
      'README.md',
      'SHA256SUMS',
      'ansible/inventory.example.ini',
      'ansible/registry-trust.yml',
      'ca.crt',
      'ca.crt.sha256',
      'install-macos.sh',
      'install.ps1',
      'install.sh',
      'kubernetes/00-namespace.yaml',
      'kubernetes/10-configmap.yaml',
      'kubernetes/20-daemonset.yaml',
      'kubernetes/k3s/registries.yaml',
      'kubernetes/k3s/registry-wizard-192.168.20.10_5000-ca.crt',
      'kubernetes/k3s/registry-wizard-registry.lan_5000-ca.crt',
      'kubernetes/rke2/registries.yaml',
      'kubernetes/rke2/registry-wizard-192.168.20.10_5000-ca.crt',
      'kubernetes/rke2/registry-wizard-registry.lan_5000-ca.crt',
      'kubernetes/uninstall/uninstall.yaml',
      'registries.txt',
    ])
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: b.dir, encoding: 'utf8' })).not.toMatch(
      /FAILED/,
    )
    expect(await fs.readFile(join(b.dir, 'ca.crt'), 'utf8')).toBe(ca.pem)
    const fp = execFileSync(
      'openssl',
      ['x509', '-in', join(b.dir, 'ca.crt'), '-noout', '-fingerprint', '-sha256'],
      { encoding: 'utf8' },
    )
    expect(await fs.readFile(join(b.dir, 'ca.crt.sha256'), 'utf8')).toBe(
      `SHA256 Fingerprint=${fp.split('=')[1]?.trim() ?? ''}\n`,
    )
    expect((await fs.stat(join(b.dir, 'install.sh'))).mode & 0o777).toBe(0o755)
    expect(await fs.readFile(join(b.dir, 'registries.txt'), 'utf8')).toContain(
      '192.168.20.10:5000\nregistry.lan:5000\n',
    )
    const readme = await fs.readFile(join(b.dir, 'README.md'), 'utf8')
    expect(readme).toContain(ca.fingerprintSha256)
    expect(readme).toContain('先核对指纹')
    expect(readme).toContain('Check the fingerprint first')
    expect(readme).not.toMatch(/\{\{[A-Z_]+\}\}/)
    expect(await findPrivateKeys(b.dir)).toEqual([])
    expect((await verifyBundleDir(b.dir)).ok).toBe(true)
  })

  it('the private-key scan and the checksum check catch a planted key and a changed file', async () => {
    const out = await tempDir()
    const b = await exportBundle({ ca, registries, outDir: out })
    await fs.appendFile(
      join(b.dir, 'README.md'),
      '\n-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n',
    )
    await fs.writeFile(join(b.dir, 'extra.key'), '-----BEGIN RSA PRIVATE KEY-----\n')
    expect(await findPrivateKeys(b.dir)).toEqual(['README.md', 'extra.key'])
    const check = await verifyBundleDir(b.dir)
    expect(check).toMatchObject({ ok: false, mismatched: ['README.md'], unlisted: ['extra.key'] })
  })

  it('never overwrites silently; --force replaces', async () => {
    const out = await tempDir()
    await exportBundle({ ca, registries, outDir: out })
    await expect(exportBundle({ ca, registries, outDir: out })).rejects.toMatchObject({
      code: 'BUNDLE_EXISTS',
    })
    await exportBundle({ ca, registries, outDir: out, force: true })
    expect((await fs.readdir(out)).filter((f) => f.startsWith('.'))).toEqual([])
  })

  it('packs .tar.gz and .zip that hold the same bytes', async () => {
    const out = await tempDir()
    const tgz = await exportBundle({ ca, registries, outDir: out, archive: 'tar.gz' })
    const zip = await exportBundle({ ca, registries, outDir: out, archive: 'zip', force: true })
    expect(tgz.archivePath).toBe(`${tgz.dir}.tar.gz`)
    const x1 = await tempDir()
    execFileSync('tar', ['-xzf', tgz.archivePath ?? '', '-C', x1])
    expect((await verifyBundleDir(join(x1, 'registry-trust-192.168.20.10_5000'))).ok).toBe(true)
    expect(
      (await fs.stat(join(x1, 'registry-trust-192.168.20.10_5000', 'install.sh'))).mode & 0o111,
    ).not.toBe(0)
    const x2 = await tempDir()
    execFileSync('python3', ['-m', 'zipfile', '-e', zip.archivePath ?? '', x2])
    expect((await verifyBundleDir(join(x2, 'registry-trust-192.168.20.10_5000'))).ok).toBe(true)
  })

  it('a cancel midway (after the third file) leaves nothing behind, and an old bundle as it was', async () => {
    const out = await tempDir()
    const cancelAt = (n: number): { signal: AbortSignal; onProgress: () => void } => {
      const controller = new AbortController()
      let files = 0
      const onProgress = (): void => {
        files += 1
        if (files === n) controller.abort()
      }
      return { signal: controller.signal, onProgress }
    }
    const fresh = join(out, 'new', 'deeper')
    await expect(exportBundle({ ca, registries, outDir: fresh, ...cancelAt(3) })).rejects.toMatchObject({
      code: 'CANCELLED',
    })
    expect(await fs.readdir(out)).toEqual([])
    const old = await exportBundle({ ca, registries, outDir: out })
    const before = await listFiles(old.dir)
    await expect(
      exportBundle({ ca, registries, outDir: out, force: true, archive: 'zip', ...cancelAt(3) }),
    ).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(await fs.readdir(out)).toEqual(['registry-trust-192.168.20.10_5000'])
    expect(await listFiles(old.dir)).toEqual(before)
    expect((await verifyBundleDir(old.dir)).ok).toBe(true)
  })
})
