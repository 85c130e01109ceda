import { promises as fs, type Stats } from 'node:fs'
import { dirname, join, resolve, sep } from 'node:path'
import { AppError } from '../errors'
import { writeFileSynced } from '../fs/atomic-write'
import { errnoError, errnoOf, fsFailure, type FsAction } from '../fs/errno'
import { throwIfAborted } from '../jobs/abort'
import { allInOrder } from '../jobs/settle'
import { makeDirs, removeMadeDirs } from '../trust/make-dirs'
import type { RegistryAddress, TrustCa } from '../trust/types'
import { archiveFolder, type ArchiveFormat } from './archive'
import { buildBundleFiles, bundleFolderName, type BundleFile } from './bundle-files'
import { findPrivateKeys, verifyBundleDir } from './verify-bundle'

export interface ExportBundleInput {
  ca: TrustCa
  /**
   * The CA a renewal replaced (main/lifecycle/renew-ca): ca.crt then carries both, for the overlap, and the README says
   * which machines still need the bundle.
   */
  previousCa?: TrustCa | undefined
  registries: RegistryAddress[]
  /** A Docker Hub mirror install.sh sets up by default (mirror.txt). */
  mirror?: RegistryAddress | undefined
  /** The folder the bundle folder is created in. */
  outDir: string
  archive?: ArchiveFormat | undefined
  /** Replace an existing bundle folder / archive of the same name. */
  force?: boolean | undefined
  /** The request field that named outDir, for messages (`outDir` in the GUI's request, `out` in the CLI). */
  field?: string | undefined
  /** Aborting it stops the export before its next file; nothing is left behind (CANCELLED). */
  signal?: AbortSignal | undefined
  /** Progress: each file written (`write-files`), then `verify`, `archive` and `place`. */
  onProgress?: ((step: ExportStep, percent: number) => void) | undefined
}

export type ExportStep = 'write-files' | 'verify' | 'archive' | 'place'

export interface ExportedBundle {
  dir: string
  files: string[]
  archivePath?: string | undefined
  fingerprintSha256: string
}

/** Pseudo file systems (statfs f_type) that cannot hold a bundle: proc, sysfs, cgroup, cgroup2, debugfs, securityfs, devpts, tracefs. */
const PSEUDO_FS = new Set([
  0x9fa0, 0x62656572, 0x27e0eb, 0x63677270, 0x64626720, 0x73636673, 0x1cd1, 0x74726163,
])

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await fs.lstat(path)
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return undefined
    throw err
  }
}

/** The nearest folder of `outDir` that exists (outDir itself when it does); a file on the way is refused. */
async function nearestExisting(outDir: string, field: string): Promise<string> {
  let existing = outDir
  for (;;) {
    let st
    try {
      st = await fs.stat(existing)
    } catch (err) {
      const parent = dirname(existing)
      if (errnoOf(err) !== 'ENOENT' || parent === existing) throw fsFailure(err, { field, path: outDir })
      existing = parent
      continue
    }
    if (st.isDirectory()) return existing
    const code = existing === outDir ? 'EEXIST' : 'ENOTDIR'
    throw fsFailure(errnoError(code, existing), { field, path: outDir, action: 'createFolder' })
  }
}

/**
 * Refuses, before anything is written, an out folder that cannot hold a bundle: an existing file, a path through a
 * file, a name that is too long, or a place on /proc, /sys, /dev (writing there fails or spins).
 */
async function checkOutDir(outDir: string, field: string): Promise<void> {
  const real = await fs.realpath(await nearestExisting(outDir, field))
  const special =
    real === '/dev' || real.startsWith(`/dev${sep}`) || PSEUDO_FS.has((await fs.statfs(real)).type)
  if (special) {
    throw new AppError({ code: 'BUNDLE_OUT_SPECIAL', kind: 'input', field, params: { path: outDir, real } })
  }
}

/** Where one export writes, and what is there already. */
interface Target {
  outDir: string
  folder: string
  dir: string
  archiveName: string | undefined
  archivePath: string | undefined
  dirStat: Stats | undefined
  archiveStat: Stats | undefined
}

async function target(input: ExportBundleInput, field: string): Promise<Target> {
  const outDir = resolve(input.outDir)
  const folder = bundleFolderName(input.registries, input.mirror)
  const dir = join(outDir, folder)
  const archiveName = input.archive ? `${folder}.${input.archive}` : undefined
  const archivePath = archiveName ? join(outDir, archiveName) : undefined
  await checkOutDir(outDir, field)
  const dirStat = await lstatOrUndefined(dir).catch(() => undefined)
  const archiveStat = archivePath ? await lstatOrUndefined(archivePath).catch(() => undefined) : undefined
  if (!input.force) {
    if (dirStat) throw new AppError({ code: 'BUNDLE_EXISTS', params: { path: dir } })
    if (archivePath && archiveStat)
      throw new AppError({ code: 'BUNDLE_EXISTS', params: { path: archivePath } })
  }
  return { outDir, folder, dir, archiveName, archivePath, dirStat, archiveStat }
}

/** What the export is doing now, for the message when it fails. */
interface Doing {
  action: FsAction
  path: string
}

/** Writes every file into `tmp/FOLDER`, checks it (checksums re-read, no private key), packs it when asked. */
async function stage(
  tmp: string,
  t: Target,
  files: BundleFile[],
  input: ExportBundleInput,
  doing: Doing,
): Promise<void> {
  const staged = join(tmp, t.folder)
  await fs.mkdir(staged, { mode: 0o755 })
  Object.assign(doing, { action: 'write', path: t.dir })
  for (const sub of new Set(files.map((f) => dirname(join(staged, f.path))))) await makeDirs(sub)
  throwIfAborted(input.signal)
  // Straight into the private staging folder (its rename in `place` is the atomic step: a temp name and a rename per
  // file would add nothing), all at once, each fsynced before that rename.
  let written = 0
  await allInOrder(
    files.map(async (f) => {
      try {
        await writeFileSynced(join(staged, f.path), f.content, f.mode)
      } catch (err) {
        Object.assign(doing, { action: 'write', path: join(t.dir, f.path) })
        throw err
      }
      written++
      input.onProgress?.('write-files', Math.round((written / files.length) * 100))
    }),
  )
  throwIfAborted(input.signal)
  input.onProgress?.('verify', 0)
  const check = await verifyBundleDir(staged)
  const keys = await findPrivateKeys(staged)
  if (!check.ok || keys.length > 0) {
    const detail = JSON.stringify({ ...check, keys })
    throw new AppError({ code: 'BUNDLE_VERIFY_FAILED', params: { detail } })
  }
  if (t.archiveName && input.archive) {
    throwIfAborted(input.signal)
    input.onProgress?.('archive', 0)
    Object.assign(doing, { action: 'write', path: t.archivePath ?? '' })
    await archiveFolder(tmp, t.folder, input.archive, join(tmp, t.archiveName))
  }
}

/** Into place: an old bundle (only with force) is moved into the temp folder first and removed with it. */
async function place(tmp: string, t: Target, doing: Doing): Promise<void> {
  Object.assign(doing, { action: 'replace', path: t.dir })
  if (t.dirStat) await fs.rename(t.dir, join(tmp, 'old-folder'))
  try {
    await fs.rename(join(tmp, t.folder), t.dir)
    if (t.archivePath && t.archiveName) {
      Object.assign(doing, { action: 'replace', path: t.archivePath })
      if (t.archiveStat) await fs.rename(t.archivePath, join(tmp, 'old-archive'))
      await fs.rename(join(tmp, t.archiveName), t.archivePath)
    }
  } catch (err) {
    await fs.rm(t.dir, { recursive: true, force: true }).catch(() => undefined)
    if (t.dirStat) await fs.rename(join(tmp, 'old-folder'), t.dir).catch(() => undefined)
    if (t.archiveStat && t.archivePath)
      await fs.rename(join(tmp, 'old-archive'), t.archivePath).catch(() => undefined)
    throw err
  }
}

/**
 * Writes `registry-trust-HOST_PORT/` into `outDir`: built in a private temp folder beside it, checked (checksums
 * re-read, no private key), packed there too when asked, then renamed into place. On any failure or a cancel nothing
 * is left behind (the temp folder and the folders it had to create are removed); file-system failures are clear
 * errors.
 */
export async function exportBundle(input: ExportBundleInput): Promise<ExportedBundle> {
  const field = input.field ?? 'outDir'
  throwIfAborted(input.signal)
  const t = await target(input, field)
  const files = buildBundleFiles(input.ca, input.registries, input.mirror, input.previousCa)
  let made: string[] = []
  let tmp: string | undefined
  const doing: Doing = { action: 'createFolder', path: t.outDir }
  try {
    made = await makeDirs(t.outDir)
    Object.assign(doing, { action: 'createTempIn', path: t.outDir })
    tmp = await fs.mkdtemp(join(t.outDir, `.${t.folder}.`))
    await stage(tmp, t, files, input, doing)
    throwIfAborted(input.signal)
    input.onProgress?.('place', 0)
    await place(tmp, t, doing)
  } catch (err) {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true }).catch(() => undefined)
    await removeMadeDirs(made)
    throw fsFailure(err, { ...doing, field })
  }
  await fs.rm(tmp, { recursive: true, force: true })
  return {
    dir: t.dir,
    files: files.map((f) => f.path),
    archivePath: t.archivePath,
    fingerprintSha256: input.ca.fingerprintSha256,
  }
}
