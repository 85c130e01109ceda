// A folder holding a registry's pair (domain.crt, domain.key 0600, ca.crt) replaced in place with a way back: what
// it held is read first, each old file is kept as a .bak-STAMP backup before the new one is written atomically, and
// restorePairFolder puts the old contents and modes back (files that were not there removed, the backups gone).
// Used by a container's replace (its live folder) and a Swarm service's (the folder its pair came from).
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { CA_FILE, CERT_FILE, KEY_FILE } from '../docker/index'
import { backupFile, writeFileAtomic } from '../fs/atomic-write'

const PAIR_FILES = [
  [CERT_FILE, 0o644],
  [KEY_FILE, 0o600],
  [CA_FILE, 0o644],
] as const

/** One file as it was (undefined: it was not there). */
export type SavedFile = { content: string; mode: number } | undefined

/** What the folder held before, and the backups written (for the way back). */
export interface PairFolder {
  dir: string
  old: Map<string, SavedFile>
  backups: string[]
}

async function readSaved(path: string): Promise<SavedFile> {
  try {
    const [content, stat] = await Promise.all([fs.readFile(path, 'utf8'), fs.stat(path)])
    return { content, mode: stat.mode & 0o777 }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}

/** Reads what the folder holds now (nothing is changed). */
export async function readPairFolder(dir: string): Promise<PairFolder> {
  const old = new Map<string, SavedFile>()
  for (const [file] of PAIR_FILES) old.set(file, await readSaved(join(dir, file)))
  return { dir, old, backups: [] }
}

/** Writes the new pair into the folder, each file it held backed up first (the backups recorded in `folder`). */
export async function writePairFolder(
  folder: PairFolder,
  pair: { certPem: string; keyPem: string; caPem: string },
): Promise<void> {
  const texts = { [CERT_FILE]: pair.certPem, [KEY_FILE]: pair.keyPem, [CA_FILE]: pair.caPem }
  for (const [file, mode] of PAIR_FILES) {
    const path = join(folder.dir, file)
    if (folder.old.get(file) !== undefined) folder.backups.push(await backupFile(path))
    await writeFileAtomic(path, texts[file], { mode })
  }
}

/** The folder as it was: the old texts and modes back, files that were not there removed, our backups gone. */
export async function restorePairFolder(folder: PairFolder): Promise<void> {
  for (const [file] of PAIR_FILES) {
    const path = join(folder.dir, file)
    const old = folder.old.get(file)
    if (old === undefined) await fs.rm(path, { force: true })
    else await writeFileAtomic(path, old.content, { mode: old.mode })
  }
  for (const backup of folder.backups.splice(0)) await fs.rm(backup, { force: true })
}
