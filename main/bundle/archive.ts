import { createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { invalidInput } from '../errors'
import { message } from '../messages/index'

export const ARCHIVE_FORMATS = ['zip', 'tar.gz'] as const
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number]

export function parseArchiveFormat(value: string, field = 'archive'): ArchiveFormat {
  if (!(ARCHIVE_FORMATS as readonly string[]).includes(value))
    throw invalidInput(field, value, message('trust.bundle.archiveAllowed'))
  return value as ArchiveFormat
}

/** Packs `parent/folder` into `parent/folder.zip` or `.tar.gz` (entries keep the folder name and file modes). */
export async function archiveFolder(
  parent: string,
  folder: string,
  format: ArchiveFormat,
  dest: string,
): Promise<string> {
  if (format === 'tar.gz') {
    // tar loads only for a .tar.gz (an export without an archive, e.g. setup's, does not load it).
    const { create: createTar } = await import('tar')
    await createTar({ gzip: true, file: dest, cwd: parent, portable: true }, [folder])
    return dest
  }
  // archiver (and its zip and glob modules) loads only for a zip: an export without one does not wait for it.
  const { ZipArchive } = await import('archiver')
  const zip = new ZipArchive({ zlib: { level: 9 } })
  const done = pipeline(zip, createWriteStream(dest))
  zip.directory(`${parent}/${folder}`, folder)
  await zip.finalize()
  await done
  return dest
}
