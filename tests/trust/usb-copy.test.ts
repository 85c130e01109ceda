import { execFileSync, spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../main/bundle/export-bundle'
import { listFiles } from '../../main/bundle/verify-bundle'
import { copyBundleToMount } from '../../main/drives/copy-bundle'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { parseRegistryAddresses } from '../../main/trust/registry-address'
import { makeTestCa } from './fixtures'

// Real mounts stand in for a USB stick: tests run as root, so chmod cannot make a folder read-only; a read-only
// tmpfs can. Each mount is made here and unmounted afterwards.
let work: string
let bundleDir: string
const mounts: string[] = []

function mountTmpfs(dir: string, options: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'rw-trust-usb', dir])
  mounts.push(dir)
}

beforeAll(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'rw-trust-usb-'))
  const ca = parseTrustCa((await makeTestCa()).certPem)
  bundleDir = (await exportBundle({ ca, registries: parseRegistryAddresses(['192.168.20.10:5000']), outDir: join(work, 'out') })).dir
})

afterAll(async () => {
  for (const m of mounts.reverse()) spawnSync('umount', [m])
  await fs.rm(work, { recursive: true, force: true })
})

describe('writing the bundle to a drive', () => {
  it('copies, syncs, re-reads and matches byte for byte (and sha256sum -c on the drive)', async () => {
    const usb = join(work, 'usb')
    await fs.mkdir(usb)
    mountTmpfs(usb, 'size=4m,mode=0755')
    const copied = await copyBundleToMount(bundleDir, usb)
    expect(copied.dest).toBe(join(usb, 'registry-trust-192.168.20.10_5000'))
    expect(await listFiles(copied.dest)).toEqual(await listFiles(bundleDir))
    for (const f of copied.files) {
      expect((await fs.readFile(join(copied.dest, f))).equals(await fs.readFile(join(bundleDir, f)))).toBe(true)
    }
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: copied.dest, encoding: 'utf8' })).not.toMatch(/FAILED/)
    expect((await fs.stat(join(copied.dest, 'install.sh'))).mode & 0o777).toBe(0o755)
    await expect(copyBundleToMount(bundleDir, usb)).rejects.toMatchObject({ code: 'BUNDLE_EXISTS' })
    await copyBundleToMount(bundleDir, usb, { force: true })
  })

  it('a read-only drive fails clearly and nothing is written', async () => {
    const ro = join(work, 'ro')
    await fs.mkdir(ro)
    mountTmpfs(ro, 'ro,size=1m')
    const err = await copyBundleToMount(bundleDir, ro).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'DRIVE_READ_ONLY' })
    expect((err as Error).message).toMatch(/read-only \(EROFS\)/)
    expect(await fs.readdir(ro)).toEqual([])
  })

  it('a drive without room fails before writing', async () => {
    const tiny = join(work, 'tiny')
    await fs.mkdir(tiny)
    mountTmpfs(tiny, 'size=8k')
    const err = await copyBundleToMount(bundleDir, tiny).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'DRIVE_FULL' })
    expect((err as Error).message).toMatch(/free; the bundle needs/)
    expect(await fs.readdir(tiny)).toEqual([])
  })
})
