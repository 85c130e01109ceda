// A gzip-compressed archive (`docker save nginx | gzip > nginx.tar.gz`, .tgz) is decompressed, streaming, into a
// private staging file and read in place from there like any plain tar. The staging folder is 0700, named with a
// recognisable prefix under os.tmpdir() (or the caller's tmpRoot); the room it needs is checked first, a cancel
// stops the copy, and the folder goes on close() and on any failure. A folder a killed run left behind is removed
// by the next run once it is older than STALE_MS.
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, open, readdir, rm, stat, statfs } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import { AppError } from '../../errors'
import { cancelled, isAbort, throwIfAborted } from '../../jobs/abort'
import { formatBytes } from '../format-bytes'

/** The name every staging folder starts with (the sweep removes only these). */
export const STAGING_PREFIX = 'rw-images-stage-'
/** A staging folder older than this belongs to a run that no longer exists. */
export const STALE_MS = 12 * 60 * 60 * 1000
/** Room kept free beyond the archive's decompressed size. */
const MARGIN = 64 * 1024 * 1024

export interface StagingOptions {
  signal?: AbortSignal | undefined
  /** Where the staging folder goes (default os.tmpdir()). */
  tmpRoot?: string | undefined
  /** Compressed bytes read so far of the whole file, about 10 times a second while decompressing. */
  onDecompress?: ((read: number, total: number) => void) | undefined
}

export interface StagedTar {
  /** The decompressed tar. */
  file: string
  /** Removes the staging folder (safe to call twice). */
  remove: () => Promise<void>
}

/** Removes staging folders older than STALE_MS under `root` (other files and younger folders are left alone). */
export async function sweepStale(root: string, now = Date.now()): Promise<string[]> {
  const names = await readdir(root).catch(() => [] as string[])
  const removed: string[] = []
  for (const name of names) {
    if (!name.startsWith(STAGING_PREFIX)) continue
    const s = await stat(join(root, name)).catch(() => undefined)
    if (s?.isDirectory() !== true || now - s.mtimeMs < STALE_MS) continue
    await rm(join(root, name), { recursive: true, force: true }).catch(() => undefined)
    removed.push(name)
  }
  return removed
}

/**
 * The decompressed size gzip records (ISIZE: the size modulo 2^32 of the last member), raised by 4 GiB steps
 * until it is at least the compressed size: an estimate for the free-space check (a write that still runs out of
 * room fails with the same code).
 */
export async function gzipSizeEstimate(path: string, compressed: number): Promise<number> {
  if (compressed < 18) return compressed
  const fh = await open(path, 'r')
  try {
    const b = Buffer.alloc(4)
    await fh.read(b, 0, 4, compressed - 4)
    let size = b.readUInt32LE(0)
    while (size < compressed) size += 2 ** 32
    return size
  } finally {
    await fh.close()
  }
}

function noRoom(path: string, dir: string, needed: number, free: number): AppError {
  return new AppError({
    code: 'IMAGES_STAGING_SPACE',
    kind: 'operation',
    field: 'files',
    params: { path, dir, needed: formatBytes(needed), free: formatBytes(free) },
  })
}

/** What a failed decompression means: a cancel, a cut-short or damaged gzip, or the folder failing. */
function stagingError(path: string, dir: string, err: unknown, signal?: AbortSignal): AppError {
  if (isAbort(err, signal)) return cancelled(err)
  const e = err as Partial<NodeJS.ErrnoException>
  if (e.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(e.message ?? ''))
    return new AppError({ code: 'IMAGES_GZIP_TRUNCATED', kind: 'input', field: 'files', params: { path } })
  if (typeof e.code === 'string' && e.code.startsWith('Z_'))
    return new AppError({
      code: 'IMAGES_GZIP_CORRUPT',
      kind: 'input',
      field: 'files',
      params: { path, detail: e.message ?? e.code },
      cause: err,
    })
  return new AppError({
    code: 'IMAGES_STAGING_FAILED',
    kind: 'operation',
    field: 'files',
    params: { path, dir, reason: e.code ?? e.message ?? String(err) },
    cause: err,
  })
}

/** Decompresses the gzip at `path` into a new staging folder; nothing stays behind when this fails. */
/** Calls `report` with the bytes read of `total`, throttled, and once at the end. */
function reportReads(
  input: NodeJS.ReadableStream,
  total: number,
  report: (read: number, total: number) => void,
) {
  let read = 0
  let last = 0
  input.on('data', (chunk: Buffer) => {
    read += chunk.length
    const now = Date.now()
    if (now - last < 100 && read < total) return
    last = now
    report(read, total)
  })
}

export async function stageGzip(path: string, o: StagingOptions = {}): Promise<StagedTar> {
  throwIfAborted(o.signal)
  const root = o.tmpRoot ?? tmpdir()
  await sweepStale(root)
  const compressed = (await stat(path)).size
  const needed = await gzipSizeEstimate(path, compressed)
  const fs = await statfs(root).catch((e: unknown) => {
    throw stagingError(path, root, e)
  })
  const free = fs.bavail * fs.bsize
  if (needed + MARGIN > free) throw noRoom(path, root, needed + MARGIN, free)
  const dir = await mkdtemp(join(root, STAGING_PREFIX)).catch((e: unknown) => {
    throw stagingError(path, root, e)
  })
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true }).catch(() => undefined)
  const file = join(dir, 'archive.tar')
  try {
    const out = createWriteStream(file, { mode: 0o600, flags: 'wx' })
    const input = createReadStream(path, { highWaterMark: 1 << 20 })
    if (o.onDecompress !== undefined) reportReads(input, compressed, o.onDecompress)
    await pipeline(input, createGunzip(), out, {
      signal: o.signal,
    })
    throwIfAborted(o.signal)
    return { file, remove }
  } catch (e) {
    await remove()
    if ((e as NodeJS.ErrnoException).code === 'ENOSPC') {
      const after = await statfs(root).catch(() => undefined)
      throw noRoom(path, root, needed + MARGIN, after === undefined ? 0 : after.bavail * after.bsize)
    }
    throw stagingError(path, root, e, o.signal)
  }
}
