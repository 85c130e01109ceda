import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startIpc, type IpcHarness } from '../../../tests/support/ipc-harness'
import { makeLoopDrive, requireSetup, type LoopDrive } from '../../../tests/support/rw-drive-loop'
import { driveId, type RemovableDrive } from '../../drives/index'
import { createCaDir } from '../../pki/index'
import type { JobProgress, RegistryWizardApi } from '../contract'
import type { JobHandle } from '../jobs'
import { trustHandlers } from './trust-handlers'

vi.mock('electron', () => import('../../../tests/support/electron-stand-in/index'))

// The real handlers behind the real preload API, over the stand-in IPC (structured clone, sender check, zod
// schemas, jobs). The drive lister is injected: it returns real mounts (an ext4 image on a loop device, tmpfs),
// which the real lister never offers because they are not removable. A missing precondition fails under CI=true.
const FOLDER = 'registry-trust-192.168.20.10_5000'
const work = mkdtempSync(join(tmpdir(), 'rw-drive-ipc-'))
const listed: RemovableDrive[] = []
const mounts: string[] = []
let damage: ((dest: string) => void) | undefined
let loop: LoopDrive | undefined
let loopError: unknown
let api: RegistryWizardApi
let ipc: IpcHarness
let bundleId: string

const asDrive = (mount: string, device: string, readOnly = false): RemovableDrive => ({
  device,
  mount,
  label: device,
  fsType: 'tmpfs',
  sizeBytes: 1 << 20,
  freeBytes: 1 << 20,
  readOnly,
  model: 'test',
  protocol: 'usb',
})

const call = <T>(fn: () => Promise<T>): Promise<T> => ipc.fromApp(fn)

/** Writes the bundle to a drive by id, as the renderer does: a job, progress events for its id. */
async function copy(
  id: string,
  force?: boolean,
): Promise<{ result: Awaited<ReturnType<RegistryWizardApi['copyBundleToDrive']>>; progress: JobProgress[] }> {
  const jobId = `drive-${Math.random().toString(36).slice(2)}`
  const progress: JobProgress[] = []
  const off = api.on('job:progress', (p) => p.jobId === jobId && progress.push(p))
  try {
    const result = await call(() =>
      api.copyBundleToDrive({ jobId, bundleId, driveId: id, ...(force ? { force } : {}) }),
    )
    return { result, progress }
  } finally {
    off()
  }
}

function mountTmpfs(name: string, options: string): string {
  const dir = join(work, name)
  mkdirSync(dir)
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'rw-drive-ipc', dir])
  mounts.push(dir)
  return dir
}

beforeAll(async () => {
  ipc = startIpc({
    dir: work,
    deps: { locale: 'en-US' },
    override: trustHandlers({
      root: join(work, 'root'),
      listDrives: () => Promise.resolve([...listed]),
      afterDriveWrite: (dest) => damage?.(dest),
    }),
  })
  api = ipc.api
  await createCaDir(join(work, 'ca'), { subject: { cn: 'Drive Test CA' }, keySize: 2048 })
  const out = await call(() =>
    api.exportBundle({
      jobId: 'b1',
      outDir: join(work, 'out'),
      caCertPath: join(work, 'ca/ca.crt'),
      host: '192.168.20.10',
      port: 5000,
    }),
  )
  if (!out.ok) throw new Error(out.error.message)
  bundleId = out.value.bundleId
  try {
    loop = makeLoopDrive(join(work, 'loop'))
    listed.push(loop.drive)
  } catch (err) {
    loopError = err
  }
}, 60_000)

afterAll(() => {
  ipc.close()
  for (const m of mounts.reverse()) spawnSync('umount', [m])
  loop?.remove()
  rmSync(work, { recursive: true, force: true })
})

function stick(ctx: { skip: (note?: string) => void }): LoopDrive {
  requireSetup(loopError, ctx.skip)
  if (!loop) throw new Error('no loop drive')
  return loop
}

describe('copyBundleToDrive through the real IPC handlers (ids, never paths)', () => {
  it('exportBundle returns an id; listDrives gives each drive an id; the copy by ids is re-read from the device', async (ctx) => {
    const drive = stick(ctx)
    expect(bundleId).toMatch(/^bundle-[0-9a-f]{16}$/)
    const list = await call(() => api.listDrives())
    if (!list.ok) throw new Error(list.error.message)
    const info = list.value.drives.find((d) => d.mountpoints.includes(drive.mount))
    expect(info?.id).toMatch(/^drive-[0-9a-f]{16}$/)
    const { result, progress } = await copy(info?.id ?? '')
    expect(result).toMatchObject({
      ok: true,
      value: {
        verified: true,
        mismatched: [],
        readBack: 'direct-io',
        cacheFree: true,
        dest: join(drive.mount, FOLDER),
      },
    })
    expect(readFileSync(join(drive.mount, FOLDER, 'ca.crt'), 'utf8')).toBe(
      readFileSync(join(work, 'out', FOLDER, 'ca.crt'), 'utf8'),
    )
    expect(progress.map((p) => p.step).filter((s, i, all) => s !== all[i - 1])).toEqual([
      'write-drive',
      'verify',
      'done',
    ])
    // A second copy is refused (nothing overwritten silently), then replaced when asked.
    expect((await copy(info?.id ?? '')).result).toMatchObject({ ok: false, error: { code: 'BUNDLE_EXISTS' } })
    expect((await copy(info?.id ?? '', true)).result).toMatchObject({ ok: true, value: { verified: true } })
  })

  it('bytes damaged behind the mount between copy and verify: the answer is verified: false, naming the file', async (ctx) => {
    const drive = stick(ctx)
    damage = (dest) => void drive.corrupt(join(dest, 'ca.crt'))
    try {
      const { result } = await copy(driveId(drive.drive), true)
      expect(result).toMatchObject({
        ok: true,
        value: { verified: false, mismatched: ['ca.crt'], readBack: 'direct-io' },
      })
    } finally {
      damage = undefined
    }
  })

  it('crafted requests (a path outside the drive, "..", unknown ids, with force) are refused and delete nothing', async () => {
    // A folder outside every drive, holding a folder of the bundle's name: what `force` used to delete.
    const outside = join(work, 'outside')
    mkdirSync(join(outside, FOLDER), { recursive: true })
    writeFileSync(join(outside, FOLDER, 'keep.txt'), 'sentinel')
    const usb = join(work, 'listed-usb')
    mkdirSync(usb)
    listed.push(asDrive(usb, '/dev/sdx1'))
    const good = driveId({ device: '/dev/sdx1', mount: usb })
    const crafted: [string, unknown, string][] = [
      [
        'the old path-based request',
        { jobId: 'c1', bundleDir: join(work, 'out', FOLDER), mount: outside, force: true },
        'INVALID_INPUT',
      ],
      ['a path as driveId', { jobId: 'c2', bundleId, driveId: outside, force: true }, 'INVALID_INPUT'],
      [
        '".." in driveId',
        { jobId: 'c3', bundleId, driveId: 'drive-../../outside', force: true },
        'INVALID_INPUT',
      ],
      [
        'a path as bundleId',
        { jobId: 'c4', bundleId: join(outside, FOLDER), driveId: good, force: true },
        'INVALID_INPUT',
      ],
      [
        'an unknown bundle id',
        { jobId: 'c5', bundleId: 'bundle-0123456789abcdef', driveId: good, force: true },
        'BUNDLE_UNKNOWN',
      ],
      [
        'the id of a folder that is not a listed drive',
        { jobId: 'c6', bundleId, driveId: driveId({ device: '/dev/sdx1', mount: outside }), force: true },
        'DRIVE_UNKNOWN',
      ],
    ]
    for (const [what, request, code] of crafted) {
      const r = await call(() =>
        api.copyBundleToDrive(request as Parameters<RegistryWizardApi['copyBundleToDrive']>[0]),
      )
      expect(r, what).toMatchObject({ ok: false, error: { code } })
    }
    expect(readFileSync(join(outside, FOLDER, 'keep.txt'), 'utf8')).toBe('sentinel')
    expect(existsSync(join(usb, FOLDER))).toBe(false)
    // The listed drive by its id works (the refusals above were not a broken channel).
    expect((await copy(good)).result).toMatchObject({
      ok: true,
      value: { verified: true, dest: join(usb, FOLDER) },
    })
  })

  it('says a read-only drive is read-only', async (ctx) => {
    let ro = ''
    let error: unknown
    try {
      ro = mountTmpfs('ro', 'ro,size=1m')
    } catch (err) {
      error = err
    }
    requireSetup(error, ctx.skip)
    listed.push(asDrive(ro, 'rw-drive-ro', true))
    const { result } = await copy(driveId({ device: 'rw-drive-ro', mount: ro }))
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'DRIVE_READ_ONLY', message: expect.stringContaining('read-only') as unknown },
    })
  })

  it('says a full drive is full, before writing anything', async (ctx) => {
    let full = ''
    let error: unknown
    try {
      full = mountTmpfs('full', 'size=16k')
    } catch (err) {
      error = err
    }
    requireSetup(error, ctx.skip)
    spawnSync('dd', ['if=/dev/zero', `of=${join(full, 'fill')}`, 'bs=4k', 'count=4'], { stdio: 'ignore' })
    listed.push(asDrive(full, 'rw-drive-full'))
    const { result } = await copy(driveId({ device: 'rw-drive-full', mount: full }))
    expect(result).toMatchObject({ ok: false, error: { code: 'DRIVE_FULL' } })
    expect(existsSync(join(full, FOLDER))).toBe(false)
  })
})

/** A job whose signal aborts as soon as the work reports `step` (what cancelJob does for a cancellable job). */
function cancelledAt(step: string): JobHandle {
  const controller = new AbortController()
  return {
    jobId: `cancel-${step}`,
    signal: controller.signal,
    progress: () => undefined,
    report: (p) => {
      if (p.step === step) controller.abort()
    },
  }
}

describe('cancel is real: the signal reaches the work, and what it wrote so far is removed', () => {
  const ca = (): string => join(work, 'ca/ca.crt')
  const bundle = { caCertPath: '', host: '192.168.20.10', port: 5000 }

  it('exportBundle cancelled after its first file: CANCELLED, and the out folder it made is gone', async () => {
    const h = trustHandlers({ root: join(work, 'root') })
    const outDir = join(work, 'cancel-export', 'out')
    const r = await h
      .exportBundle(
        { ...bundle, jobId: 'x', caCertPath: ca(), outDir },
        { job: cancelledAt('write-files'), emit: () => undefined },
      )
      .catch((e: unknown) => e)
    expect(r).toMatchObject({ code: 'CANCELLED' })
    expect(existsSync(join(work, 'cancel-export'))).toBe(false)
  })

  it('copyBundleToDrive cancelled after its first file: CANCELLED, nothing on the drive, an old copy kept', async (ctx) => {
    let usb = ''
    let error: unknown
    try {
      usb = mountTmpfs('cancel-usb', 'size=4m')
    } catch (err) {
      error = err
    }
    requireSetup(error, ctx.skip)
    const h = trustHandlers({
      root: join(work, 'root'),
      listDrives: () => Promise.resolve([asDrive(usb, 'rw-cancel')]),
    })
    const exported = await h.exportBundle(
      { ...bundle, jobId: 'e', caCertPath: ca(), outDir: join(work, 'cancel-src') },
      { job: undefined, emit: () => undefined },
    )
    const req = {
      jobId: 'c',
      bundleId: exported.bundleId,
      driveId: driveId({ device: 'rw-cancel', mount: usb }),
    }
    const first = await h
      .copyBundleToDrive(req, { job: cancelledAt('write-drive'), emit: () => undefined })
      .catch((e: unknown) => e)
    expect(first).toMatchObject({ code: 'CANCELLED' })
    expect(readdirSync(usb)).toEqual([])
    // With a good copy on the drive, a cancelled replacement leaves that copy exactly as it was.
    await h.copyBundleToDrive(req, { job: undefined, emit: () => undefined })
    const before = readFileSync(join(usb, FOLDER, 'ca.crt'), 'utf8')
    const again = await h
      .copyBundleToDrive({ ...req, force: true }, { job: cancelledAt('write-drive'), emit: () => undefined })
      .catch((e: unknown) => e)
    expect(again).toMatchObject({ code: 'CANCELLED' })
    expect(readdirSync(usb)).toEqual([FOLDER])
    expect(readFileSync(join(usb, FOLDER, 'ca.crt'), 'utf8')).toBe(before)
    expect(readdirSync(join(usb, FOLDER)).sort()).toEqual(
      readdirSync(join(work, 'cancel-src', FOLDER)).sort(),
    )
  })
})
