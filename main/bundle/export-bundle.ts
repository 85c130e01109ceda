import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '../errors'
import { pathExists, writeFileAtomic } from '../fs/atomic-write'
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

/**
 * Writes `registry-trust-HOST_PORT/` into `outDir`: built in a temp folder beside it, checked (checksums re-read,
 * no private key), then renamed into place; optionally packed as .zip / .tar.gz next to it.
 */
export async function exportBundle(input: ExportBundleInput): Promise<ExportedBundle> {
  const folder = bundleFolderName(input.registries)
  const dir = join(input.outDir, folder)
  const archivePath = input.archive ? `${dir}.${input.archive}` : undefined
  if (!input.force) {
    if (await pathExists(dir)) throw exists(dir)
    if (archivePath && (await pathExists(archivePath))) throw exists(archivePath)
  }
  const files = buildBundleFiles(input.ca, input.registries)
  await fs.mkdir(input.outDir, { recursive: true })
  const tmp = join(input.outDir, `.${folder}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    for (const f of files) {
      const path = join(tmp, f.path)
      await fs.mkdir(dirname(path), { recursive: true })
      await writeFileAtomic(path, f.content, { mode: f.mode })
    }
    const check = await verifyBundleDir(tmp)
    const keys = await findPrivateKeys(tmp)
    if (!check.ok || keys.length > 0) {
      throw new AppError({ code: 'BUNDLE_VERIFY_FAILED', message: `the bundle did not verify after writing it (${JSON.stringify({ ...check, keys })})` })
    }
    if (await pathExists(dir)) await fs.rm(dir, { recursive: true, force: true })
    await fs.rename(tmp, dir)
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true })
    throw err
  }
  if (archivePath && input.archive) {
    await fs.rm(archivePath, { force: true })
    await archiveFolder(input.outDir, folder, input.archive, archivePath)
  }
  return { dir, files: files.map((f) => f.path), archivePath, fingerprintSha256: input.ca.fingerprintSha256 }
}
