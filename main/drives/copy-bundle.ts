import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import { AppError, invalidInput } from '../errors'
import { pathExists } from '../fs/atomic-write'
import { throwIfAborted } from '../jobs/abort'
import { message, type Message } from '../messages/index'
import { listFiles, verifyBundleDir } from '../bundle/verify-bundle'
import { checkDriveRoom, driveError } from './destination'
import { readBack, weakestMethod, type ReadBackMethod, type ReadBackOptions } from './read-back'

export { driveError } from './destination'

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
  /** Aborting it stops the copy before its next file; the partial copy is removed (CANCELLED). */
  signal?: AbortSignal | undefined
  /** Progress: each file written (`write-drive`), then `verify`. */
  onProgress?: ((step: 'write-drive' | 'verify', percent: number) => void) | undefined
}

const hasDotDot = (p: string): boolean => p.split(/[\\/]/).includes('..')

/** A drive mount point and a bundle folder we may write from: absolute, no `..`, a plain folder name. */
function checkPaths(bundleDir: string, mount: string): { name: string; dest: string } {
  if (!isAbsolute(mount) || hasDotDot(mount))
    throw invalidInput('mount', mount, message('trust.drives.mountAllowed'), 'DRIVE_PATH_INVALID')
  const name = basename(bundleDir)
  if (!isAbsolute(bundleDir) || hasDotDot(bundleDir) || name === '' || name === '.')
    throw invalidInput(
      'bundleDir',
      bundleDir,
      message('trust.drives.bundleDirAllowed'),
      'BUNDLE_PATH_INVALID',
    )
  const dest = join(resolve(mount), name)
  if (dirname(dest) !== resolve(mount))
    throw invalidInput('bundleDir', bundleDir, message('trust.drives.topOfDrive'), 'BUNDLE_PATH_INVALID')
  return { name, dest }
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

/** The bundle's files (checked against its SHA256SUMS first) and their size. */
async function sourceFiles(bundleDir: string): Promise<{ files: string[]; bytes: number }> {
  const source = await verifyBundleDir(bundleDir)
  if (!source.ok)
    throw new AppError({
      code: 'BUNDLE_INVALID',
      params: { path: bundleDir, detail: JSON.stringify(source) },
    })
  const files = await listFiles(bundleDir)
  let bytes = 0
  for (const f of files) bytes += (await fs.stat(join(bundleDir, f))).size
  return { files, bytes }
}

/** Writes every file into `staged` with fsync, then syncs the folders; stops at the next file when aborted. */
async function writeFiles(
  bundleDir: string,
  staged: string,
  files: string[],
  opts: CopyBundleOptions,
): Promise<void> {
  for (const [i, f] of files.entries()) {
    throwIfAborted(opts.signal)
    const target = join(staged, f)
    await fs.mkdir(dirname(target), { recursive: true })
    const { mode } = await fs.stat(join(bundleDir, f))
    const handle = await fs.open(target, 'wx', mode & 0o777)
    try {
      await handle.writeFile(await fs.readFile(join(bundleDir, f)))
      await handle.sync()
    } finally {
      await handle.close()
    }
    opts.onProgress?.('write-drive', Math.round(((i + 1) / files.length) * 100))
  }
  for (const d of new Set(files.map((f) => dirname(join(staged, f))))) await fsyncPath(d)
}

/** Renames the finished copy into place; an old copy (force) is moved aside first and removed after. */
async function placeCopy(staged: string, dest: string, mount: string, aside: string): Promise<void> {
  const old = await pathExists(dest)
  if (old) await fs.rename(dest, aside)
  try {
    await fs.rename(staged, dest)
  } catch (err) {
    if (old) await fs.rename(aside, dest).catch(() => undefined)
    throw err
  }
  if (old) await fs.rm(aside, { recursive: true, force: true })
  await fsyncPath(mount)
}

/** Re-reads every file from the drive and compares it byte for byte with the source. */
async function readBackAll(
  bundleDir: string,
  dest: string,
  files: string[],
  opts: CopyBundleOptions,
): Promise<Pick<CopiedBundle, 'verified' | 'mismatched' | 'readBack' | 'cacheFree'>> {
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
    verified: mismatched.length === 0,
    mismatched,
    readBack: method,
    cacheFree: method !== 'page-cache',
  }
}

/**
 * Copies a bundle folder onto a mounted drive: checks it is writable and has room, writes every file with fsync into
 * a hidden folder on the drive, renames that into place (an old copy, with force, is replaced only then), syncs,
 * then re-reads every file FROM THE DRIVE (cached pages dropped, O_DIRECT: see read-back.ts) and compares it byte
 * for byte with the source, which was checked against its SHA256SUMS first. A failure or a cancel before the rename
 * removes the partial copy (an old copy stays as it was). A mismatch is reported as `verified: false` with the files
 * named; the caller decides how to fail (the CLI exits 1).
 */
export async function copyBundleToMount(
  bundleDir: string,
  mount: string,
  opts: CopyBundleOptions = {},
): Promise<CopiedBundle> {
  const { name, dest } = checkPaths(bundleDir, mount)
  throwIfAborted(opts.signal)
  const { files, bytes } = await sourceFiles(bundleDir)
  await checkDriveRoom(mount, bytes, files.length)
  if (!opts.force && (await pathExists(dest)))
    throw new AppError({ code: 'BUNDLE_EXISTS', params: { path: dest } })
  const tag = randomBytes(4).toString('hex')
  const staged = join(mount, `.${name}.partial-${tag}`)
  try {
    await writeFiles(bundleDir, staged, files, opts)
    throwIfAborted(opts.signal)
    await placeCopy(staged, dest, mount, join(mount, `.${name}.old-${tag}`))
  } catch (err) {
    await fs.rm(staged, { recursive: true, force: true }).catch(() => undefined)
    throw driveError(err, mount)
  }
  await opts.afterWrite?.(dest, files)
  opts.onProgress?.('verify', 0)
  return { dest, files, bytes, ...(await readBackAll(bundleDir, dest, files, opts)) }
}

/** The error a front end raises for a copy that did not verify (CLI: exit 1). */
export function verifyFailedError(copied: CopiedBundle): AppError {
  return new AppError({
    code: 'DRIVE_VERIFY_FAILED',
    params: { dest: copied.dest, files: copied.mismatched },
  })
}

/** How a copy was re-read, as a message (the CLI's result line, logs). */
export function describeReadBack(copied: CopiedBundle): Message {
  return message(`trust.drives.readBack.${copied.readBack}`)
}
