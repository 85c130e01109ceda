import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCaDir } from '../../pki/index'
import { JobRegistry } from '../jobs'
import type { JobProgress } from '../contract'
import { trustHandlers } from './trust-handlers'

const work = mkdtempSync(join(tmpdir(), 'rw-wizard-drive-'))
const handlers = trustHandlers({ root: join(work, 'root') })
const jobs = new JobRegistry(0)
const emit = (): void => undefined
let bundleDir: string

/** Runs the drive copy as the IPC layer does: as a job with progress events. */
async function copy(mount: string, force?: boolean): Promise<{ value: unknown; progress: JobProgress[] }> {
  const progress: JobProgress[] = []
  const value = await jobs.run(`drive-${Math.random().toString(36).slice(2)}`, (p) => progress.push(p), (job) =>
    handlers.copyBundleToDrive({ jobId: job.jobId, bundleDir, mount, ...(force ? { force } : {}) }, { job, emit }),
  )
  return { value, progress }
}

describe('copyBundleToDrive handler (main/drives copyBundleToMount)', () => {
  beforeAll(async () => {
    await createCaDir(join(work, 'ca'), { subject: { cn: 'Drive Test CA' }, keySize: 2048 })
    const out = await handlers.exportBundle(
      { jobId: 'b1', outDir: join(work, 'out'), caCertPath: join(work, 'ca/ca.crt'), host: '192.168.20.10', port: 5000 },
      { job: undefined, emit },
    )
    bundleDir = out.outDir
  }, 60_000)
  afterAll(() => {
    spawnSync('umount', [join(work, 'ro')], { stdio: 'ignore' })
    rmSync(work, { recursive: true, force: true })
  })

  it('writes the bundle, re-reads it, reports the checksum result and sends progress', async () => {
    const mount = join(work, 'usb')
    mkdirSync(mount)
    const { value, progress } = await copy(mount)
    expect(value).toMatchObject({ verified: true, dest: join(mount, bundleDir.split('/').pop() ?? '') })
    const { files } = value as { files: string[] }
    expect(files).toContain('ca.crt')
    expect(readFileSync(join(mount, bundleDir.split('/').pop() ?? '', 'ca.crt'), 'utf8')).toBe(readFileSync(join(bundleDir, 'ca.crt'), 'utf8'))
    expect(progress.map((p) => p.step)).toEqual(['write-drive', 'done'])
    // A second copy is refused (nothing overwritten silently), then replaced when asked.
    await expect(copy(mount)).rejects.toMatchObject({ code: 'BUNDLE_EXISTS' })
    await expect(copy(mount, true)).resolves.toMatchObject({ value: { verified: true } })
  })

  it('says a read-only drive is read-only', async () => {
    const mount = join(work, 'ro')
    mkdirSync(mount)
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', mount]).status === 0
    if (!mounted && process.env['CI'] === 'true') throw new Error('cannot mount a read-only tmpfs here')
    if (!mounted) return
    await expect(copy(mount)).rejects.toMatchObject({ code: 'DRIVE_READ_ONLY', message: expect.stringContaining('read-only') as unknown })
  })

  it('says a full drive is full, before writing anything', async () => {
    const mount = join(work, 'full')
    mkdirSync(mount)
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', mount]).status === 0
    if (!mounted && process.env['CI'] === 'true') throw new Error('cannot mount a small tmpfs here')
    if (!mounted) return
    try {
      spawnSync('dd', ['if=/dev/zero', `of=${join(mount, 'fill')}`, 'bs=4k', 'count=4'], { stdio: 'ignore' })
      await expect(copy(mount)).rejects.toMatchObject({ code: 'DRIVE_FULL' })
    } finally {
      spawnSync('umount', [mount], { stdio: 'ignore' })
    }
  })
})
