import { promises as fs, type Stats } from 'node:fs'
import { dirname, join, resolve, sep } from 'node:path'
import { AppError } from '../errors'
import { writeFileAtomic } from '../fs/atomic-write'
import { errnoError, errnoOf, fsFailure } from '../trust/fs-errors'
import { makeDirs, removeMadeDirs } from '../trust/make-dirs'
import type { RegistryAddress, TrustCa } from '../trust/types'
import { archiveFolder, type ArchiveFormat } from './archive'
import { buildBundleFiles, bundleFolderName } from './bundle-files'
import { findPrivateKeys, verifyBundleDir } from './verify-bundle'

export interface ExportBundleInput {
  ca: TrustCa
  registries: RegistryAddress[]
  /** The folder the bundle folder is created in. */
  outDir: string
  archive?: ArchiveFormat | undefined
  /** Replace an existing bundle folder / archive of the same name. */
  force?: boolean | undefined
  /** The option that named outDir, for messages (`--out` in the CLI). */
  field?: string | undefined
}

export interface ExportedBundle {
  dir: string
  files: string[]
  archivePath?: string | undefined
  fingerprintSha256: string
}

function exists(path: string): AppError {
  return new AppError({
    code: 'BUNDLE_EXISTS',
    message: `${path} already exists; it was left unchanged`,
    hint: 'Choose another --out folder, remove it, or run again with --force to replace it.',
  })
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

/**
 * Refuses, before anything is written, an out folder that cannot hold a bundle: an existing file, a path through a
 * file, a name that is too long, or a place on /proc, /sys, /dev (writing there fails or spins).
 */
async function checkOutDir(outDir: string, field: string): Promise<void> {
  let existing = outDir
  for (;;) {
    let st
    try {
      st = await fs.stat(existing)
    } catch (err) {
      const code = errnoOf(err)
      if (code !== 'ENOENT')
        throw fsFailure(err, { action: 'use', path: outDir, codePrefix: 'BUNDLE_OUT', field })
      const parent = dirname(existing)
      if (parent === existing)
        throw fsFailure(err, { action: 'use', path: outDir, codePrefix: 'BUNDLE_OUT', field })
      existing = parent
      continue
    }
    if (!st.isDirectory()) {
      const code = existing === outDir ? 'EEXIST' : 'ENOTDIR'
      throw fsFailure(errnoError(code, existing), {
        action: 'create the folder',
        path: outDir,
        codePrefix: 'BUNDLE_OUT',
        field,
      })
    }
    break
  }
  const real = await fs.realpath(existing)
  const special =
    real === '/dev' || real.startsWith(`/dev${sep}`) || PSEUDO_FS.has((await fs.statfs(real)).type)
  if (special) {
    throw new AppError({
      code: 'BUNDLE_OUT_SPECIAL',
      kind: 'input',
      field,
      message: `${field}: ${outDir} is on a system file system (${real}: /proc, /sys or /dev) that cannot hold a bundle`,
      hint: `Give ${field} a normal folder (e.g. ./bundle) or a mounted drive. Nothing was changed.`,
    })
  }
}

/**
 * Writes `registry-trust-HOST_PORT/` into `outDir`: built in a private temp folder beside it, checked (checksums
 * re-read, no private key), packed there too when asked, then renamed into place. On any failure nothing is left
 * behind (the temp folder and the folders it had to create are removed); file-system failures are clear errors.
 */
export async function exportBundle(input: ExportBundleInput): Promise<ExportedBundle> {
  const field = input.field ?? 'outDir'
  const outDir = resolve(input.outDir)
  const folder = bundleFolderName(input.registries)
  const dir = join(outDir, folder)
  const archiveName = input.archive ? `${folder}.${input.archive}` : undefined
  const archivePath = archiveName ? join(outDir, archiveName) : undefined
  await checkOutDir(outDir, field)
  const dirStat = await lstatOrUndefined(dir).catch(() => undefined)
  const archiveStat = archivePath ? await lstatOrUndefined(archivePath).catch(() => undefined) : undefined
  if (!input.force) {
    if (dirStat) throw exists(dir)
    if (archivePath && archiveStat) throw exists(archivePath)
  }
  const files = buildBundleFiles(input.ca, input.registries)
  let made: string[] = []
  let tmp: string | undefined
  let step = { action: 'create the folder', path: outDir }
  try {
    made = await makeDirs(outDir)
    step = { action: 'create a temporary folder in', path: outDir }
    tmp = await fs.mkdtemp(join(outDir, `.${folder}.`))
    const staged = join(tmp, folder)
    await fs.mkdir(staged, { mode: 0o755 })
    for (const f of files) {
      const path = join(staged, f.path)
      step = { action: 'write', path: join(dir, f.path) }
      await makeDirs(dirname(path))
      await writeFileAtomic(path, f.content, { mode: f.mode })
    }
    const check = await verifyBundleDir(staged)
    const keys = await findPrivateKeys(staged)
    if (!check.ok || keys.length > 0) {
      throw new AppError({
        code: 'BUNDLE_VERIFY_FAILED',
        message: `the bundle did not verify after writing it (${JSON.stringify({ ...check, keys })})`,
      })
    }
    if (archiveName && input.archive) {
      step = { action: 'write', path: archivePath ?? '' }
      await archiveFolder(tmp, folder, input.archive, join(tmp, archiveName))
    }
    // Into place: an old bundle (only with --force) is moved into the temp folder first and removed with it.
    step = { action: 'replace', path: dir }
    if (dirStat) await fs.rename(dir, join(tmp, 'old-folder'))
    try {
      await fs.rename(staged, dir)
      if (archivePath && archiveName) {
        step = { action: 'replace', path: archivePath }
        if (archiveStat) await fs.rename(archivePath, join(tmp, 'old-archive'))
        await fs.rename(join(tmp, archiveName), archivePath)
      }
    } catch (err) {
      await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined)
      if (dirStat) await fs.rename(join(tmp, 'old-folder'), dir).catch(() => undefined)
      if (archiveStat && archivePath)
        await fs.rename(join(tmp, 'old-archive'), archivePath).catch(() => undefined)
      throw err
    }
  } catch (err) {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true }).catch(() => undefined)
    await removeMadeDirs(made)
    throw fsFailure(err, { ...step, codePrefix: 'BUNDLE_OUT', field })
  }
  await fs.rm(tmp, { recursive: true, force: true })
  return { dir, files: files.map((f) => f.path), archivePath, fingerprintSha256: input.ca.fingerprintSha256 }
}
