// replace-cert on a service with a pair issued from the CA: once every endpoint serves it, the pair is also written
// into the folder the service's pair came from (`keepIn`), as the single container's replace swaps its live folder,
// so that folder (and the Certificates step that shows it) holds what is served. The files there are kept as
// .bak-STAMP backups first; a failure after this step puts the old files back (the job's undo).
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { CA_FILE, CERT_FILE, KEY_FILE } from '../../docker/index'
import { backupFile, writeFileAtomic } from '../../fs/atomic-write'

const FILES = [
  [CERT_FILE, 0o644],
  [KEY_FILE, 0o600],
  [CA_FILE, 0o644],
] as const

/** What `keepIn` held before (undefined: the file was not there) and the backups made. */
export interface KeptFiles {
  dir: string
  old: Map<string, { content: Buffer; mode: number } | undefined>
  backups: string[]
}

async function readOld(path: string): Promise<{ content: Buffer; mode: number } | undefined> {
  try {
    const [content, st] = await Promise.all([fs.readFile(path), fs.stat(path)])
    return { content, mode: st.mode & 0o777 }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
}

/** Copies the staged pair (domain.crt, domain.key, ca.crt) into `dir`, each old file backed up first. */
export async function keepPair(staging: string, dir: string): Promise<KeptFiles> {
  const kept: KeptFiles = { dir, old: new Map(), backups: [] }
  for (const [file] of FILES) kept.old.set(file, await readOld(join(dir, file)))
  for (const [file, mode] of FILES) {
    const path = join(dir, file)
    if (kept.old.get(file) !== undefined) kept.backups.push(await backupFile(path))
    await writeFileAtomic(path, await fs.readFile(join(staging, file)), { mode })
  }
  return kept
}

/** The folder as it was: old contents and modes back, files that were not there removed, our backups gone. */
export async function restoreKept(kept: KeptFiles): Promise<void> {
  for (const [file] of FILES) {
    const path = join(kept.dir, file)
    const old = kept.old.get(file)
    if (old === undefined) await fs.rm(path, { force: true })
    else await writeFileAtomic(path, old.content, { mode: old.mode })
  }
  for (const backup of kept.backups.splice(0)) await fs.rm(backup, { force: true })
}
