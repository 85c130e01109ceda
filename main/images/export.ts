// Pulls images from our registry into one archive (OCI, or Docker's load format), with a checksum file, to a folder
// or a removable drive. The archive appears whole (temp file + rename) or not at all.
import { promises as fs } from 'node:fs'
import { basename, dirname, relative, resolve, isAbsolute } from 'node:path'
import { checkDriveRoom, driveError, readBackSha256 } from '../drives/destination'
import type { ReadBackMethod, ReadBackOptions } from '../drives/read-back'
import { AppError } from '../errors'
import { fsFailure } from '../fs/errno'
import { throwIfAborted } from '../jobs/abort'
import { message } from '../messages/index'
import { registryClient, streamBlob, type RegistryClient, type RegistryEndpoint } from '../registry-api'
import { hostPort } from '../net/address'
import type { TransferOptions } from './import'
import { parseReference } from './names'
import { meter, type Meter } from './pull/progress'
import { blobsOf, resolveImage, type ResolvedImage } from './pull/resolve'
import { blobPath, dockerManifestJson, indexJson, manifestBlobs, OCI_LAYOUT } from './write/layout'
import { checkOut, openTemp, placeFile, syncFolder, writePlaced } from './write/place'
import { tarOut } from './write/tar-out'
import type { BlobRef, Platform } from './types'

export type ExportFormat = 'oci' | 'docker'

export interface ExportInput {
  /** References as in a list file (`docker.io/rancher/mirrored-pause:3.6`, `app/web:2.1`); read from our registry. */
  refs: string[]
  registry: RegistryEndpoint
  user?: string | undefined
  password?: string | undefined
  /** The archive file to write (atomically; never over an existing file unless `force`). */
  out: string
  format: ExportFormat
  /** docker format holds one platform per image: which one (default linux/amd64). */
  platform?: Platform | undefined
  /** The registry-side prefix the images were imported under (`mirror/`): read from there, named without it. */
  prefix?: string | undefined
  force?: boolean | undefined
  /**
   * The mount point of the removable drive `out` is on (a drive the caller listed): it must be writable with room
   * for the archive before blobs are fetched, and the archive is read back from the device and its sha256 checked.
   */
  drive?: string | undefined
  readBack?: ReadBackOptions | undefined
}

export interface ExportResult {
  out: string
  /** `<out>.sha256`, in `sha256sum -c` format. */
  checksumFile: string
  sha256: string
  bytes: number
  images: { reference: string; digest: string; platforms: number }[]
  seconds: number
  /** With `drive`: how the archive was read back from it (its sha256 matched). */
  readBack?: ReadBackMethod | undefined
}

/** The references, checked before anything else (none, or one that is not a reference: input errors). */
function checkRefs(refs: string[]): string[] {
  if (refs.length === 0) throw new AppError({ code: 'EXPORT_NO_REFS', kind: 'input', field: 'refs' })
  for (const value of refs)
    if (parseReference(value) === undefined)
      throw new AppError({ code: 'EXPORT_REF_INVALID', kind: 'input', field: 'refs', params: { value } })
  return refs
}

function checkOnDrive(out: string, mount: string): void {
  const rel = relative(resolve(mount), dirname(out))
  if (rel.startsWith('..') || isAbsolute(rel))
    throw new AppError({
      code: 'EXPORT_NOT_ON_DRIVE',
      kind: 'input',
      field: 'out',
      params: { path: out, mount },
    })
}

interface Plan {
  c: RegistryClient
  images: ResolvedImage[]
  blobs: { blob: BlobRef; repository: string }[]
  manifests: Map<string, Buffer>
  meter: Meter
}

/** The tar's entries: the layout files first (a streaming reader knows the images), then every blob. */
async function writeEntries(tar: ReturnType<typeof tarOut>, p: Plan, docker: boolean, o: TransferOptions) {
  await tar.bytes('oci-layout', OCI_LAYOUT)
  await tar.bytes('index.json', indexJson(p.images))
  if (docker) await tar.bytes('manifest.json', dockerManifestJson(p.images))
  await tar.dir('blobs')
  await tar.dir('blobs/sha256')
  for (const [digest, bytes] of p.manifests) await tar.bytes(blobPath(digest), bytes)
  for (const { blob, repository } of p.blobs) {
    throwIfAborted(o.signal)
    const entry = tar.entry(blobPath(blob.digest), blob.size)
    const progress = (done: number): void => p.meter.blob(blob.digest, blob.size, repository, done)
    await streamBlob(p.c, repository, blob.digest, entry.sink, {
      size: blob.size,
      signal: o.signal,
      onProgress: progress,
    })
    await entry.done
    p.meter.blob(blob.digest, blob.size, repository, blob.size, true)
  }
}

/** The archive at `out`, whole or not at all; returns its sha256 (hex) and size. */
async function writeArchive(
  out: string,
  p: Plan,
  input: ExportInput,
  o: TransferOptions,
): Promise<{ sha256: string; size: number }> {
  const { temp, handle } = await openTemp(out)
  try {
    const tar = tarOut(handle)
    let sum: { sha256: string; size: number }
    try {
      await writeEntries(tar, p, input.format === 'docker', o)
      throwIfAborted(o.signal)
      sum = await tar.close()
    } catch (err) {
      await tar.destroy(err as Error)
      throw err
    }
    await handle.close()
    throwIfAborted(o.signal)
    await placeFile(temp, out, input.force === true)
    return sum
  } catch (err) {
    await handle.close().catch(() => undefined)
    await fs.rm(temp, { force: true })
    throw err
  }
}

/** Reads every reference's manifests (nothing written yet): a missing image fails here, naming it. */
async function plan(
  c: RegistryClient,
  input: ExportInput,
  m: Meter,
  o: TransferOptions,
): Promise<ResolvedImage[]> {
  const images: ResolvedImage[] = []
  const platform =
    input.format === 'docker' ? (input.platform ?? { os: 'linux', architecture: 'amd64' }) : undefined
  const registry = hostPort(input.registry.host, input.registry.port)
  for (const ref of input.refs) {
    m.step(message('progress.imagesExport.resolve', { reference: ref }))
    images.push(await resolveImage(c, ref, { prefix: input.prefix, platform, registry, signal: o.signal }))
  }
  return images
}

/** The checksum file beside the archive, and (on a drive) the archive read back from the device. */
async function finish(
  out: string,
  checksumFile: string,
  sha256: string,
  input: ExportInput,
  m: Meter,
): Promise<ReadBackMethod | undefined> {
  await writePlaced(checksumFile, Buffer.from(`${sha256}  ${basename(out)}\n`), input.force === true)
  await syncFolder(dirname(out))
  if (input.drive === undefined) return undefined
  m.step(message('progress.imagesExport.readBack', { path: out }))
  const back = await readBackSha256(out, input.readBack)
  if (back.sha256 !== sha256)
    throw new AppError({
      code: 'EXPORT_READ_BACK_FAILED',
      params: { path: out, expected: sha256, actual: back.sha256 },
    })
  return back.method
}

/**
 * Pulls `refs` from our registry (under `prefix`) into one archive at `out`: `oci` keeps indexes whole (every
 * platform), `docker` holds one platform per image with Docker's manifest.json too. Writes `<out>.sha256`. A
 * missing image, a cancel or a failure leaves neither file.
 */
export async function exportImages(input: ExportInput, o: TransferOptions = {}): Promise<ExportResult> {
  const started = Date.now()
  checkRefs(input.refs)
  const out = resolve(input.out)
  const checksumFile = `${out}.sha256`
  if (input.drive !== undefined) checkOnDrive(out, input.drive)
  await checkOut(out, checksumFile, input.force === true)
  const c = registryClient({ ...input.registry, user: input.user, password: input.password })
  let placed = false
  try {
    const images = await plan(c, input, meter(0, o.onProgress), o)
    const blobs = blobsOf(images)
    const manifests = manifestBlobs(images)
    const total = blobs.reduce((n, b) => n + b.blob.size, 0)
    const m = meter(total, o.onProgress)
    if (input.drive !== undefined)
      await checkDriveRoom(input.drive, total + 1024 * 1024, blobs.length + manifests.size + 6)
    m.step(message('progress.imagesExport.write', { path: out }))
    const sum = await writeArchive(out, { c, images, blobs, manifests, meter: m }, input, o)
    placed = true
    const readBack = await finish(out, checksumFile, sum.sha256, input, m)
    m.step(message('progress.imagesExport.done', { count: images.length, path: out }))
    return {
      out,
      checksumFile,
      sha256: sum.sha256,
      bytes: sum.size,
      images: images.map((i) => ({ reference: i.ref, digest: i.top.digest, platforms: i.manifests.length })),
      seconds: (Date.now() - started) / 1000,
      ...(readBack === undefined ? {} : { readBack }),
    }
  } catch (err) {
    if (placed) await Promise.all([fs.rm(out, { force: true }), fs.rm(checksumFile, { force: true })])
    if (input.drive !== undefined) throw driveError(err, input.drive)
    throw fsFailure(err, { field: 'out', path: out, action: 'write' })
  } finally {
    c.close()
  }
}
