import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../errors'
import { pathExists } from '../fs/atomic-write'
import { listFiles, verifyBundleDir } from '../bundle/verify-bundle'

export interface CopiedBundle {
  dest: string
  files: string[]
  bytes: number
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(2)} MiB`
}

/** Turns errno codes met while writing a drive into a clear error (Etcher's HUMAN_FRIENDLY idea). */
export function driveError(err: unknown, mount: string): AppError {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new AppError({
      code: 'DRIVE_READ_ONLY',
      message: `${mount} is read-only (${code}): the bundle cannot be written there`,
      hint: 'Unlock the drive (write-protect switch), remount it read-write, or choose another drive.',
      cause: err,
    })
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError({ code: 'DRIVE_FULL', message: `${mount} ran out of space while writing the bundle`, hint: 'Free some space or choose another drive.', cause: err })
  }
  if (err instanceof AppError) return err
  return new AppError({ code: 'DRIVE_WRITE_FAILED', message: `writing to ${mount} failed: ${(err as Error).message}`, cause: err })
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await fs.open(path, 'r')
  try {
    await handle.sync()
  } catch {
    // some file systems (FAT on some kernels, Windows directories) cannot fsync a directory; file data is synced already
  } finally {
    await handle.close()
  }
}

/**
 * Copies a bundle folder onto a mounted drive: checks it is writable and has room, writes every file with fsync,
 * syncs the folders, then re-reads every file and compares it byte for byte with the source and SHA256SUMS.
 */
export async function copyBundleToMount(bundleDir: string, mount: string, opts: { force?: boolean } = {}): Promise<CopiedBundle> {
  const source = await verifyBundleDir(bundleDir)
  if (!source.ok) throw new AppError({ code: 'BUNDLE_INVALID', message: `${bundleDir} does not match its SHA256SUMS: ${JSON.stringify(source)}` })
  const files = await listFiles(bundleDir)
  let bytes = 0
  for (const f of files) bytes += (await fs.stat(join(bundleDir, f))).size

  // Writable? A probe file tells, before anything else is written.
  const probe = join(mount, `.registry-wizard-probe-${randomBytes(4).toString('hex')}`)
  try {
    await (await fs.open(probe, 'wx')).close()
    await fs.rm(probe, { force: true })
  } catch (err) {
    throw driveError(err, mount)
  }
  const stat = await fs.statfs(mount)
  const free = stat.bavail * stat.bsize
  const needed = bytes + (files.length + 4) * stat.bsize
  if (free < needed) {
    throw new AppError({
      code: 'DRIVE_FULL',
      message: `${mount} has ${mib(free)} free; the bundle needs ${mib(needed)}. Nothing was written`,
      hint: 'Free some space on the drive or choose another one.',
    })
  }
  const dest = join(mount, basename(bundleDir))
  if (await pathExists(dest)) {
    if (!opts.force) {
      throw new AppError({ code: 'BUNDLE_EXISTS', message: `${dest} already exists; it was left unchanged`, hint: 'Remove it, or run again with --force to replace it.' })
    }
    await fs.rm(dest, { recursive: true, force: true })
  }
  try {
    for (const f of files) {
      const target = join(dest, f)
      await fs.mkdir(dirname(target), { recursive: true })
      const { mode } = await fs.stat(join(bundleDir, f))
      const handle = await fs.open(target, 'wx', mode & 0o777)
      try {
        await handle.writeFile(await fs.readFile(join(bundleDir, f)))
        await handle.sync()
      } finally {
        await handle.close()
      }
    }
    for (const d of new Set(files.map((f) => dirname(join(dest, f))))) await fsyncPath(d)
    await fsyncPath(mount)
  } catch (err) {
    throw driveError(err, mount)
  }
  // Re-read and compare: byte for byte against the source, and against SHA256SUMS.
  const mismatched: string[] = []
  for (const f of files) {
    const [a, b] = await Promise.all([fs.readFile(join(bundleDir, f)), fs.readFile(join(dest, f))])
    if (!a.equals(b)) mismatched.push(f)
  }
  const check = await verifyBundleDir(dest)
  if (mismatched.length > 0 || !check.ok) {
    throw new AppError({
      code: 'DRIVE_VERIFY_FAILED',
      message: `the copy on ${mount} does not match the bundle (${[...mismatched, ...check.mismatched, ...check.missing].join(', ')})`,
      hint: 'The drive may be failing: try another drive.',
    })
  }
  return { dest, files, bytes }
}
