import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { basename, dirname, join } from 'node:path'

export interface WriteOptions {
  /** File mode; keys are written 0600, certificates 0644. */
  mode?: number
}

/**
 * Creates a new file (never over an existing one) with its final mode from the first byte, writes it and fsyncs it;
 * on a failure the file is removed. For files in a folder that is renamed into place afterwards (the folder's rename
 * is then the atomic step), and under writeFileAtomic.
 */
export async function writeFileSynced(path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const handle = await fs.open(path, 'wx', mode)
  try {
    await handle.writeFile(data)
    await handle.chmod(mode)
    await handle.sync()
  } catch (err) {
    await handle.close()
    await fs.rm(path, { force: true })
    throw err
  }
  await handle.close()
}

/**
 * Writes a file atomically: a temp file in the same directory (created with the final mode, so a key is never
 * readable by others even for a moment), fsync, then rename over the target.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o644
  const dir = dirname(path)
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  await writeFileSynced(tmp, data, mode)
  try {
    await fs.rename(tmp, path)
  } catch (err) {
    await fs.rm(tmp, { force: true })
    throw err
  }
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await fs.access(path)
    return true
  } catch {
    return false
  }
}

/** Moves an existing file aside as `NAME.bak-YYYYMMDDTHHMMSSZ` (used by --force); returns the backup path. */
export async function backupFile(path: string, now: Date = new Date()): Promise<string> {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  let backup = `${path}.bak-${stamp}`
  for (let i = 1; await pathExists(backup); i++) backup = `${path}.bak-${stamp}-${i}`
  await fs.copyFile(path, backup)
  const { mode } = await fs.stat(path)
  await fs.chmod(backup, mode & 0o777)
  return backup
}
