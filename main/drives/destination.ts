// The checks every write to a removable drive makes (the trust bundle's copy, an image archive's export): the
// drive is writable and has room before anything is written; a big file is read back from the device, hashed as
// a stream (never held whole), to prove the drive kept it.
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { AppError, isAppError } from '../errors'
import { errnoOf } from '../fs/errno'
import type { ReadBackMethod, ReadBackOptions } from './read-back'

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(2)} MiB`
}

/** Turns errno codes met while writing a drive into a clear error (Etcher's HUMAN_FRIENDLY idea). */
export function driveError(err: unknown, mount: string): AppError {
  if (isAppError(err)) return err
  const errno = errnoOf(err)
  if (errno === 'EROFS' || errno === 'EACCES' || errno === 'EPERM')
    return new AppError({ code: 'DRIVE_READ_ONLY', params: { mount, errno }, cause: err })
  if (errno === 'ENOSPC' || errno === 'EDQUOT')
    return new AppError({ code: 'DRIVE_FILLED_UP', params: { mount }, cause: err })
  const detail = err instanceof Error ? err.message : String(err)
  return new AppError({ code: 'DRIVE_WRITE_FAILED', params: { mount, detail }, cause: err })
}

/** Writable, with room for `bytes` in `count` files? A probe file tells, and statfs, before anything is written. */
export async function checkDriveRoom(mount: string, bytes: number, count: number): Promise<void> {
  const probe = join(mount, `.registry-wizard-probe-${randomBytes(4).toString('hex')}`)
  try {
    await (await fs.open(probe, 'wx')).close()
    await fs.rm(probe, { force: true })
  } catch (err) {
    throw driveError(err, mount)
  }
  const stat = await fs.statfs(mount)
  const free = stat.bavail * stat.bsize
  const needed = bytes + (count + 4) * stat.bsize
  if (free < needed)
    throw new AppError({ code: 'DRIVE_FULL', params: { mount, free: mib(free), needed: mib(needed) } })
}

/** sha256 of what a program writes to stdout (undefined when it fails). */
function hashOutput(program: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const hash = createHash('sha256')
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'ignore'] })
    child.stdout.on('data', (c: Buffer) => hash.update(c))
    child.on('error', () => resolve(undefined))
    child.on('close', (code) => resolve(code === 0 ? hash.digest('hex') : undefined))
  })
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const c of createReadStream(path)) hash.update(c as Buffer)
  return hash.digest('hex')
}

/**
 * The sha256 (hex) of a file just written and synced to a drive, read from the device where the OS allows it, as
 * read-back.ts does for the bundle (GNU dd: the cached pages dropped, then an O_DIRECT read), but streamed.
 */
export async function readBackSha256(
  path: string,
  opts: ReadBackOptions = {},
): Promise<{ sha256: string; method: ReadBackMethod }> {
  const platform = opts.platform ?? process.platform
  if (platform !== 'linux') return { sha256: await hashFile(path), method: 'page-cache' }
  const dd = opts.dd ?? 'dd'
  const dropped =
    (await hashOutput(dd, [`if=${path}`, 'iflag=nocache', 'count=0', 'status=none'])) !== undefined
  const direct = await hashOutput(dd, [`if=${path}`, 'iflag=direct', 'bs=1M', 'status=none'])
  if (direct !== undefined) return { sha256: direct, method: 'direct-io' }
  return { sha256: await hashFile(path), method: dropped ? 'dropped-cache' : 'page-cache' }
}
