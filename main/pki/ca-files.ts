import { constants, promises as fs } from 'node:fs'
import { dirname, join, resolve, sep } from 'node:path'
import { AppError } from '../errors'
import { writeFileSynced } from '../fs/atomic-write'
import { errnoError, pathError as errnoPathError, type FsAction } from '../fs/errno'
import { allInOrder } from '../jobs/settle'

// File system steps of the CA and certificate folders, with errno failures turned into clear messages, and the
// crash-safety rules: a private key is written once, at its final name, after its certificate is in place (never
// under a temporary name, so a kill -9 can never leave a key in a stray temp file or a key without its certificate).

const NAME_MAX = 255
const PATH_MAX = 4095

/** Our temp folder for a CA being created: `.rw-ca-PID-XXXXXX` in the parent of DIR (PID: the process that made it). */
export const STAGING_PREFIX = '.rw-ca-'
const STAGING = /^\.rw-ca-(\d+)-[A-Za-z0-9]{6}$/
/** main/fs/atomic-write's temp names: `.NAME.HEX12.tmp`. */
const ATOMIC_TMP = /^\.(.+)\.[0-9a-f]{12}\.tmp$/
/** Public temp files younger than this may belong to a run in progress. */
const STALE_AFTER_MS = 60_000

/** An errno failure on a CA or certificate folder (main/fs/errno's codes): the field, the path, where it failed. */
export function pathError(
  field: string,
  path: string,
  err: unknown,
  at?: string,
  action: FsAction = 'write',
): AppError {
  return errnoPathError(err, { field, path, action, at })
}

/**
 * Checks, before anything is generated or written, that `dir` is a folder we can create and write: no name over 255
 * bytes, every existing part of the path a folder, and the nearest existing folder writable. Returns whether `dir`
 * exists already.
 */
export async function checkWritableDir(dir: string, field: string): Promise<{ exists: boolean }> {
  const abs = resolve(dir)
  if (Buffer.byteLength(abs) > PATH_MAX)
    throw pathError(field, abs, errnoError('ENAMETOOLONG', abs), undefined, 'use')
  for (const name of abs.split(sep)) {
    if (Buffer.byteLength(name) > NAME_MAX)
      throw pathError(field, `${abs.slice(0, 60)}…`, errnoError('ENAMETOOLONG', abs), undefined, 'use')
  }
  let cur = abs
  for (;;) {
    try {
      const st = await fs.stat(cur)
      if (!st.isDirectory()) {
        throw pathError(field, abs, errnoError(cur === abs ? 'EEXIST' : 'ENOTDIR', cur), cur, 'use')
      }
      break
    } catch (err) {
      if (err instanceof AppError) throw err
      const code = (err as NodeJS.ErrnoException).code
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(cur) !== cur) {
        cur = dirname(cur)
        continue
      }
      throw pathError(field, abs, err, cur, 'use')
    }
  }
  try {
    await fs.access(cur, constants.W_OK | constants.X_OK)
  } catch (err) {
    throw pathError(field, abs, err, cur, 'write')
  }
  return { exists: cur === abs }
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes what an interrupted run of ours left (recognised by our naming patterns only): staging folders of a CA
 * create whose process is gone (in the parent of `dir`), and in `dir` our temp files of `names` (at once for a key
 * name: we never write keys under a temp name, so such a file is always a leftover; after a minute otherwise).
 */
export async function removeStaleTemps(
  dir: string,
  names: readonly string[],
  keyNames: readonly string[],
): Promise<string[]> {
  const removed: string[] = []
  const parent = dirname(dir)
  for (const e of await fs.readdir(parent, { withFileTypes: true }).catch(() => [])) {
    const m = STAGING.exec(e.name)
    if (m && e.isDirectory() && !pidAlive(Number(m[1]))) {
      const p = join(parent, e.name)
      await fs.rm(p, { recursive: true, force: true })
      removed.push(p)
    }
  }
  const now = Date.now()
  for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const m = ATOMIC_TMP.exec(e.name)
    const target = m?.[1]
    if (target === undefined || !e.isFile() || !names.includes(target)) continue
    const p = join(dir, e.name)
    const st = await fs.stat(p).catch(() => undefined)
    if (st === undefined) continue
    if (keyNames.includes(target) || now - st.mtimeMs > STALE_AFTER_MS) {
      await fs.rm(p, { force: true })
      removed.push(p)
    }
  }
  return removed
}

async function fsyncDir(dir: string): Promise<void> {
  const h = await fs.open(dir, 'r')
  try {
    await h.sync()
  } finally {
    await h.close()
  }
}

/** A private key: created exclusively at its final name, 0600 from the first byte, fsynced (file and folder). */
export async function writeKeyFile(path: string, pem: string): Promise<void> {
  await writeFileSynced(path, pem, 0o600)
  await fsyncDir(dirname(path))
}

export type StepHook = (step: string) => void | Promise<void>

/**
 * Creates folder `dir` (which must not exist) holding `files` (public: certificates) and then `key`: the files are
 * staged in a private 0700 folder next to `dir` and renamed into place in one step, then the key is written into it.
 * After a kill, `dir` is either absent (the staging folder, certificates only, is removed on the next run) or holds
 * the certificates, with the key complete, partial or not yet written, never a key alone. On an error nothing stays.
 */
export async function createDirWithFiles(
  dir: string,
  field: string,
  files: { name: string; text: string }[],
  key: { name: string; text: string },
  onStep?: StepHook,
): Promise<void> {
  const parent = dirname(dir)
  let firstCreated: string | undefined
  let staging: string | undefined
  let renamed = false
  try {
    firstCreated = await fs.mkdir(parent, { recursive: true, mode: 0o700 })
    staging = await fs.mkdtemp(join(parent, `${STAGING_PREFIX}${process.pid}-`))
    await fs.chmod(staging, 0o700)
    // All at once (independent files, each fsynced before the folder's rename).
    const into = staging
    await allInOrder(files.map((f) => writeFileSynced(join(into, f.name), f.text, 0o644)))
    await fsyncDir(staging)
    await onStep?.('staged')
    await fs.rename(staging, dir)
    renamed = true
    await fsyncDir(parent)
    await onStep?.('renamed')
    await writeKeyFile(join(dir, key.name), key.text)
    await onStep?.('key-written')
  } catch (err) {
    if (renamed) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined)
    else if (staging !== undefined)
      await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined)
    if (firstCreated !== undefined)
      await fs.rm(firstCreated, { recursive: true, force: true }).catch(() => undefined)
    if (err instanceof AppError) throw err
    throw pathError(field, dir, err)
  }
}
