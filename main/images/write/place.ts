// Files that appear whole or not at all: written under a temp name in the destination folder, then renamed.
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../errors'
import { pathExists } from '../../fs/atomic-write'
import { errnoOf } from '../../fs/errno'

/** A new temp file beside `out` (so the final rename stays in one file system), open for writing. */
export async function openTemp(out: string): Promise<{ temp: string; handle: FileHandle }> {
  const temp = join(dirname(out), `.${basename(out)}.partial-${randomBytes(4).toString('hex')}`)
  return { temp, handle: await fs.open(temp, 'wx', 0o644) }
}

function exists(out: string): AppError {
  return new AppError({ code: 'EXPORT_EXISTS', kind: 'input', field: 'out', params: { path: out } })
}

/**
 * Puts the finished `temp` at `out`. With `force` a rename (atomic replace). Without it, never over a file that
 * appeared meanwhile: a hard link (fails when `out` exists), or, where the file system has none (FAT, exFAT), a
 * check just before the rename.
 */
export async function placeFile(temp: string, out: string, force: boolean): Promise<void> {
  if (force) {
    await fs.rename(temp, out)
    return
  }
  try {
    await fs.link(temp, out)
    await fs.rm(temp, { force: true })
    return
  } catch (err) {
    if (errnoOf(err) === 'EEXIST') throw exists(out)
  }
  if (await pathExists(out)) throw exists(out)
  await fs.rename(temp, out)
}

/** Small bytes written to `out` the same way (temp, sync, place). */
export async function writePlaced(out: string, data: Buffer, force: boolean): Promise<void> {
  const { temp, handle } = await openTemp(out)
  try {
    await handle.writeFile(data)
    await handle.sync()
    await handle.close()
    await placeFile(temp, out, force)
  } catch (err) {
    await handle.close().catch(() => undefined)
    await fs.rm(temp, { force: true })
    throw err
  }
}

/** Syncs a folder (a rename in it is then durable); some file systems cannot, their data is synced already. */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => undefined)
  if (handle === undefined) return
  await handle.sync().catch(() => undefined)
  await handle.close()
}

/** Refuses `out` before any work: its folder must exist, `out` and its checksum file must not (unless force). */
export async function checkOut(out: string, checksum: string, force: boolean): Promise<void> {
  const dir = dirname(out)
  const st = await fs.stat(dir).catch(() => undefined)
  if (st === undefined || !st.isDirectory())
    throw new AppError({
      code: 'EXPORT_OUT_INVALID',
      kind: 'input',
      field: 'out',
      params: { path: out, dir },
    })
  const target = await fs.stat(out).catch(() => undefined)
  if (target?.isDirectory() === true)
    throw new AppError({
      code: 'PATH_IS_A_FOLDER',
      kind: 'input',
      field: 'out',
      params: {
        path: out,
        action: { key: 'fs.action.write' },
        at: '',
        errno: 'EISDIR',
        undone: { key: 'fs.undone.nothing' },
      },
    })
  if (!force) for (const p of [out, checksum]) if (await pathExists(p)) throw exists(p)
}
