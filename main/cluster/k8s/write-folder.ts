import { promises as fs } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { AppError } from '../../errors'
import { writeFileAtomic } from '../../fs/atomic-write'
import { errnoOf, fsFailure, type FsAction } from '../../fs/errno'
import { makeDirs, removeMadeDirs } from '../../trust/make-dirs'
import type { K8sFile } from './files'

export interface WriteK8sFolderOptions {
  /** Replace files of ours already there (anything else in the folder is never touched). */
  force?: boolean | undefined
  /** The request field that named the folder, for messages (`out` in the CLI). */
  field?: string | undefined
}

export interface WrittenK8sFolder {
  dir: string
  /** The files written, relative to `dir`. */
  files: string[]
}

async function existing(path: string): Promise<boolean> {
  try {
    await fs.lstat(path)
    return true
  } catch (err) {
    if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR') return false
    throw err
  }
}

/** Refuses (nothing written) a folder that is a file, or one that already holds a file of ours without force. */
async function checkTargets(dir: string, files: K8sFile[], opts: WriteK8sFolderOptions, field: string) {
  const st = await fs.stat(dir).catch((err: unknown) => {
    if (errnoOf(err) === 'ENOENT') return undefined
    throw fsFailure(err, { field, path: dir })
  })
  if (st !== undefined && !st.isDirectory())
    throw new AppError({ code: 'K8S_OUT_NOT_FOLDER', kind: 'input', field, params: { path: dir } })
  if (opts.force === true) return
  for (const f of files) {
    const path = join(dir, f.path)
    if (await existing(path))
      throw new AppError({ code: 'K8S_OUT_EXISTS', kind: 'input', field, params: { path } })
  }
}

/**
 * Writes the files into `outDir` (created when missing), each atomically with its mode. Refused before anything is
 * written: a folder that is a file, a file of ours already there without `force`. On a failure part way, the files and
 * folders this call made are removed again.
 */
export async function writeK8sFolder(
  outDir: string,
  files: K8sFile[],
  opts: WriteK8sFolderOptions = {},
): Promise<WrittenK8sFolder> {
  const dir = resolve(outDir)
  const field = opts.field ?? 'outDir'
  await checkTargets(dir, files, opts, field)
  const made: string[] = []
  const written: string[] = []
  const doing: { action: FsAction; path: string } = { action: 'createFolder', path: dir }
  try {
    for (const f of files) {
      const path = join(dir, f.path)
      Object.assign(doing, { action: 'createFolder', path: dirname(path) })
      made.push(...(await makeDirs(dirname(path))))
      Object.assign(doing, { action: 'write', path })
      const replaced = await existing(path)
      await writeFileAtomic(path, f.content, { mode: f.mode })
      if (!replaced) written.push(path)
    }
  } catch (err) {
    for (const p of written) await fs.rm(p, { force: true }).catch(() => undefined)
    await removeMadeDirs(made)
    throw fsFailure(err, { ...doing, field })
  }
  return { dir, files: files.map((f) => f.path) }
}
