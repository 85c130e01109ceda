import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import { AppError, invalidInput } from '../errors'
import { pathExists } from '../fs/atomic-write'
import { listFiles, verifyBundleDir } from '../bundle/verify-bundle'
import { readBack, weakestMethod, type ReadBackMethod, type ReadBackOptions } from './read-back'

export interface CopiedBundle {
  dest: string
  files: string[]
  bytes: number
  /** Every file, re-read from the drive, matched the bundle (which matched its SHA256SUMS) byte for byte. */
  verified: boolean
  /** Files whose copy on the drive differs from the bundle, is missing, or could not be read back. */
  mismatched: string[]
  /** How the files were re-read (the weakest method used for any file). */
  readBack: ReadBackMethod
  /** True when the re-read bypassed the OS cache, so it checked the drive, not memory. */
  cacheFree: boolean
}

export interface CopyBundleOptions {
  force?: boolean | undefined
  /** Runs after every file is written and synced, before the re-read (tests damage the drive here). */
  afterWrite?: ((dest: string, files: string[]) => Promise<void> | void) | undefined
  readBack?: ReadBackOptions | undefined
}

const hasDotDot = (p: string): boolean => p.split(/[\\/]/).includes('..')

/** A drive mount point and a bundle folder we may write from: absolute, no `..`, a plain folder name. */
function checkPaths(bundleDir: string, mount: string): { name: string; dest: string } {
  if (!isAbsolute(mount) || hasDotDot(mount)) {
    throw invalidInput(
      'mount',
      mount,
      'an absolute mount point of a listed drive, without "..", is allowed',
      'DRIVE_PATH_INVALID',
    )
  }
  const name = basename(bundleDir)
  if (!isAbsolute(bundleDir) || hasDotDot(bundleDir) || name === '' || name === '.') {
    throw invalidInput(
      'bundleDir',
      bundleDir,
      'an absolute bundle folder path without ".." is allowed',
      'BUNDLE_PATH_INVALID',
    )
  }
  const dest = join(resolve(mount), name)
  if (dirname(dest) !== resolve(mount)) {
    throw invalidInput(
      'bundleDir',
      bundleDir,
      'the bundle must be copied into the top of the drive',
      'BUNDLE_PATH_INVALID',
    )
  }
  return { name, dest }
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
    return new AppError({
      code: 'DRIVE_FULL',
      message: `${mount} ran out of space while writing the bundle`,
      hint: 'Free some space or choose another drive.',
      cause: err,
    })
  }
  if (err instanceof AppError) return err
  return new AppError({
    code: 'DRIVE_WRITE_FAILED',
    message: `writing to ${mount} failed: ${(err as Error).message}`,
    cause: err,
  })
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
 * syncs the folders, then re-reads every file FROM THE DRIVE (cached pages dropped, O_DIRECT: see read-back.ts) and
 * compares it byte for byte with the source, which was checked against its SHA256SUMS first. A mismatch is reported
 * as `verified: false` with the files named; the caller decides how to fail (the CLI exits 1).
 */
export async function copyBundleToMount(
  bundleDir: string,
  mount: string,
  opts: CopyBundleOptions = {},
): Promise<CopiedBundle> {
  const { dest } = checkPaths(bundleDir, mount)
  const source = await verifyBundleDir(bundleDir)
  if (!source.ok)
    throw new AppError({
      code: 'BUNDLE_INVALID',
      message: `${bundleDir} does not match its SHA256SUMS: ${JSON.stringify(source)}`,
    })
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
  if (await pathExists(dest)) {
    if (!opts.force) {
      throw new AppError({
        code: 'BUNDLE_EXISTS',
        message: `${dest} already exists; it was left unchanged`,
        hint: 'Remove it, or run again with --force to replace it.',
      })
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
  await opts.afterWrite?.(dest, files)
  // Re-read from the drive and compare byte for byte with the source (which matched its SHA256SUMS above).
  const mismatched: string[] = []
  const methods: ReadBackMethod[] = []
  for (const f of files) {
    try {
      const copy = await readBack(join(dest, f), opts.readBack)
      methods.push(copy.method)
      if (!copy.bytes.equals(await fs.readFile(join(bundleDir, f)))) mismatched.push(f)
    } catch {
      mismatched.push(f) // unreadable on the drive (EIO, gone): not verified
    }
  }
  const onDrive = await listFiles(dest).catch(() => [] as string[])
  for (const f of onDrive) if (!files.includes(f)) mismatched.push(f)
  const method = weakestMethod(methods.length > 0 ? methods : ['page-cache'])
  return {
    dest,
    files,
    bytes,
    verified: mismatched.length === 0,
    mismatched,
    readBack: method,
    cacheFree: method !== 'page-cache',
  }
}

/** The error a front end raises for a copy that did not verify (CLI: exit 1). */
export function verifyFailedError(copied: CopiedBundle): AppError {
  return new AppError({
    code: 'DRIVE_VERIFY_FAILED',
    message: `the copy in ${copied.dest} does not match the bundle when re-read from the drive (${copied.mismatched.join(', ')}); do not use that copy`,
    hint: 'The drive may be failing or was removed: write the bundle again, or use another drive.',
  })
}

/** One line for a copy's re-read, for the CLI and logs. */
export function describeReadBack(copied: CopiedBundle): string {
  switch (copied.readBack) {
    case 'direct-io':
      return 're-read from the drive with O_DIRECT (not from memory)'
    case 'dropped-cache':
      return 're-read from the drive after dropping its cached pages'
    default:
      return 're-read through the OS cache (this system cannot bypass it): this checks the copy, not the drive'
  }
}
