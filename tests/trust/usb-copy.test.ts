import { execFileSync, spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../main/bundle/export-bundle'
import { listFiles } from '../../main/bundle/verify-bundle'
import { runCli } from '../../main/cli/program'
import { copyBundleToMount } from '../../main/drives/copy-bundle'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { parseRegistryAddresses } from '../../main/trust/registry-address'
import { captureIo } from '../support/run-cli'
import { makeLoopDrive, requireSetup, type LoopDrive } from '../support/rw-drive-loop'
import { makeTestCa } from './fixtures'

// Real mounts stand in for a USB stick: tests run as root, so chmod cannot make a folder read-only; a read-only
// tmpfs can. An ext4 image on a loop device is a real block device, whose bytes can be damaged behind the mount.
// Each mount is made here and removed afterwards. A missing precondition (root, mount, losetup) fails under CI=true.
let work: string
let bundleDir: string
const mounts: string[] = []
let loop: LoopDrive | undefined
let setupError: unknown
const FOLDER = 'registry-trust-192.168.20.10_5000'

function mountTmpfs(dir: string, options: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'rw-drive-usb', dir])
  mounts.push(dir)
}

beforeAll(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'rw-drive-usb-'))
  const ca = await makeTestCa()
  await fs.writeFile(join(work, 'ca.crt'), ca.certPem)
  bundleDir = (
    await exportBundle({
      ca: parseTrustCa(ca.certPem),
      registries: parseRegistryAddresses(['192.168.20.10:5000']),
      outDir: join(work, 'out'),
    })
  ).dir
  try {
    loop = makeLoopDrive(join(work, 'loop'))
  } catch (err) {
    setupError = err
  }
})

afterAll(async () => {
  for (const m of mounts.reverse()) spawnSync('umount', [m])
  loop?.remove()
  await fs.rm(work, { recursive: true, force: true })
})

/** The loop drive, or (precondition missing) a CI failure / a skip elsewhere. */
function stick(ctx: { skip: (note?: string) => void }): LoopDrive {
  requireSetup(setupError, ctx.skip)
  if (!loop) throw new Error('no loop drive')
  return loop
}

async function tmpfsDrive(name: string, options: string): Promise<string> {
  const dir = join(work, name)
  await fs.mkdir(dir)
  mountTmpfs(dir, options)
  return dir
}

describe('writing the bundle to a drive', () => {
  it('copies, syncs, re-reads and matches byte for byte (and sha256sum -c on the drive)', async () => {
    const usb = await tmpfsDrive('usb', 'size=4m,mode=0755')
    const copied = await copyBundleToMount(bundleDir, usb)
    expect(copied).toMatchObject({ dest: join(usb, FOLDER), verified: true, mismatched: [] })
    expect(await listFiles(copied.dest)).toEqual(await listFiles(bundleDir))
    for (const f of copied.files) {
      expect((await fs.readFile(join(copied.dest, f))).equals(await fs.readFile(join(bundleDir, f)))).toBe(
        true,
      )
    }
    expect(
      execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: copied.dest, encoding: 'utf8' }),
    ).not.toMatch(/FAILED/)
    expect((await fs.stat(join(copied.dest, 'install.sh'))).mode & 0o777).toBe(0o755)
    await expect(copyBundleToMount(bundleDir, usb)).rejects.toMatchObject({ code: 'BUNDLE_EXISTS' })
    await expect(copyBundleToMount(bundleDir, usb, { force: true })).resolves.toMatchObject({
      verified: true,
    })
  })

  it('a read-only drive fails clearly and nothing is written', async () => {
    const ro = await tmpfsDrive('ro', 'ro,size=1m')
    const err = await copyBundleToMount(bundleDir, ro).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'DRIVE_READ_ONLY' })
    expect((err as Error).message).toMatch(/read-only \(EROFS\)/)
    expect(await fs.readdir(ro)).toEqual([])
  })

  it('a drive without room fails before writing', async () => {
    const tiny = await tmpfsDrive('tiny', 'size=8k')
    const err = await copyBundleToMount(bundleDir, tiny).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'DRIVE_FULL' })
    expect((err as Error).message).toMatch(/free; the bundle needs/)
    expect(await fs.readdir(tiny)).toEqual([])
  })

  it('refuses a mount point or bundle folder with "..", or a relative one, before touching anything', async () => {
    const usb = await tmpfsDrive('dots', 'size=4m')
    await fs.mkdir(join(usb, 'sub'))
    for (const [dir, mount, code] of [
      [bundleDir, join(usb, 'sub') + '/..', 'DRIVE_PATH_INVALID'],
      [bundleDir, 'relative/usb', 'DRIVE_PATH_INVALID'],
      [`${bundleDir}/..`, usb, 'BUNDLE_PATH_INVALID'],
      [`${bundleDir}/../${FOLDER}`, usb, 'BUNDLE_PATH_INVALID'],
    ] as const) {
      await expect(
        copyBundleToMount(dir, mount, { force: true }),
        `${dir} -> ${mount}`,
      ).rejects.toMatchObject({
        code,
        kind: 'input',
      })
    }
    expect(await fs.readdir(usb)).toEqual(['sub'])
  })

  it('on a platform where the re-read cannot bypass the OS cache, the result says so (cacheFree: false)', async () => {
    const usb = await tmpfsDrive('mac', 'size=4m')
    const copied = await copyBundleToMount(bundleDir, usb, { readBack: { platform: 'darwin' } })
    expect(copied).toMatchObject({ verified: true, readBack: 'page-cache', cacheFree: false })
  })
})

describe('the re-read checks the drive, not memory (ext4 image on a loop device)', () => {
  it('a good copy is verified with O_DIRECT reads from the device', async (ctx) => {
    const { mount } = stick(ctx)
    const copied = await copyBundleToMount(bundleDir, mount, { force: true })
    expect(copied).toMatchObject({ verified: true, mismatched: [], readBack: 'direct-io', cacheFree: true })
  })

  it('bytes damaged behind the mount between copy and verify: verified is false and the file is named', async (ctx) => {
    const drive = stick(ctx)
    let offset = -1
    const copied = await copyBundleToMount(bundleDir, drive.mount, {
      force: true,
      afterWrite: (dest) => {
        offset = drive.corrupt(join(dest, 'ca.crt'))
      },
    })
    expect(offset).toBeGreaterThan(0)
    expect(copied).toMatchObject({
      verified: false,
      mismatched: ['ca.crt'],
      readBack: 'direct-io',
      cacheFree: true,
    })
    // The written pages were dropped from the cache, so even a normal read now sees what the device holds.
    expect((await fs.readFile(join(copied.dest, 'ca.crt'), 'utf8')).startsWith('XXXXXXXXXXXXXXXX')).toBe(true)
  })
})

describe('registry-wizard bundle export --drive (in-process CLI, real copy and re-read)', () => {
  async function cli(
    args: string[],
    drives: { list?: () => Promise<LoopDrive['drive'][]>; afterWrite?: (dest: string) => void },
  ): Promise<{ code: number; out: string; err: string }> {
    const c = captureIo(work, {})
    c.io.drives = drives
    const code = await runCli(
      ['bundle', 'export', '--ca', 'ca.crt', '--registry', '192.168.20.10:5000', ...args],
      c.io,
    )
    return { code, out: c.out(), err: c.err() }
  }

  it('damage behind the mount: exit 1, verified: false in the JSON, a clear message naming the file', async (ctx) => {
    const drive = stick(ctx)
    const list = (): Promise<LoopDrive['drive'][]> => Promise.resolve([drive.drive])
    const r = await cli(['--drive', drive.mount, '--force', '--json'], {
      list,
      afterWrite: (dest) => void drive.corrupt(join(dest, 'ca.crt')),
    })
    expect(r.code, r.err).toBe(1)
    expect(JSON.parse(r.out)).toMatchObject({
      verified: false,
      mismatched: ['ca.crt'],
      readBack: 'direct-io',
    })
    expect(r.err).toMatch(
      /error: the copy in .* does not match the bundle when re-read from the drive \(ca\.crt\); do not use that copy/,
    )
    expect(r.err).toMatch(/hint: The drive may be failing/)
    // The same drive, undamaged: exit 0, and the output says how it was re-read.
    const good = await cli(['--drive', drive.mount, '--force'], { list })
    expect(good.code, good.err).toBe(0)
    expect(good.out).toContain('verified byte for byte')
    expect(good.out).toContain('re-read from the drive with O_DIRECT')
  })

  it('refuses --drive with "..", and a folder that is not a listed drive (exit 2, nothing written)', async () => {
    const usb = await tmpfsDrive('cli-usb', 'size=4m')
    await fs.mkdir(join(usb, 'sub'))
    const tmpfs: LoopDrive['drive'] = {
      device: 'rw-drive-usb',
      mount: usb,
      label: 'USB',
      fsType: 'tmpfs',
      sizeBytes: 4 << 20,
      freeBytes: 4 << 20,
      readOnly: false,
      model: '',
      protocol: 'usb',
    }
    const listed = { list: () => Promise.resolve([tmpfs]) }
    const dots = await cli(['--drive', `${usb}/sub/..`], listed)
    expect(dots.code, dots.err).toBe(2)
    expect(dots.err).toMatch(/--drive: .* is not valid; give the mount point itself, without "\.\."/)
    const other = await cli(['--drive', join(usb, 'sub')], listed)
    expect(other.code, other.err).toBe(2)
    expect(other.err).toMatch(/it is not a mounted removable drive; allowed: /)
    expect(await fs.readdir(usb)).toEqual(['sub'])
    expect(await fs.readdir(join(usb, 'sub'))).toEqual([])
  })
})
