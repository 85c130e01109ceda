// The files of an archive, by name, whatever holds them: a plain tar read in place (members located by
// tar-index.ts, streamed from their offsets; a .tar.gz is first decompressed to a staging file) or a folder (an OCI layout directory, an unpacked docker save).
import { createReadStream } from 'node:fs'
import { open, readdir, stat, type FileHandle } from 'node:fs/promises'
import { join, posix } from 'node:path'
import { Readable } from 'node:stream'
import { AppError } from '../../errors'
import { shellQuote } from '../../shell/quote'
import { stageGzip, type StagingOptions } from './staging'
import { indexTar, looksLikeTar, normalName, type TarMember } from './tar-index'

export interface ArchiveStore {
  kind: 'tar' | 'dir'
  path: string
  /** The size of a file (links followed), or undefined when there is none of that name. */
  size: (name: string) => number | undefined
  /** A small file's bytes (JSON: manifests, configs, indexes). */
  read: (name: string) => Promise<Buffer>
  stream: (name: string) => Readable
  close: () => Promise<void>
}

/** Small files are read whole; anything claiming to be bigger than this is not JSON we want. */
export const MAX_JSON = 32 * 1024 * 1024

function unreadable(path: string, err: unknown): AppError {
  const e = err as NodeJS.ErrnoException
  return new AppError({
    code: 'IMAGES_SOURCE_UNREADABLE',
    kind: 'input',
    field: 'files',
    params: { path, reason: e.code ?? e.message },
    cause: err,
  })
}

export function formatUnknown(path: string, detail: string): AppError {
  return new AppError({
    code: 'IMAGES_FORMAT_UNKNOWN',
    kind: 'input',
    field: 'files',
    params: { path, detail },
  })
}

const COMPRESSIONS: [string, number[]][] = [
  ['gzip', [0x1f, 0x8b]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
]

/** The command that decompresses what we do not (the user runs it, then imports the .tar). */
const DECOMPRESS: Readonly<Record<string, string>> = { zstd: 'zstd -d', bzip2: 'bunzip2 -k', xz: 'xz -dk' }

export type OpenStoreOptions = StagingOptions

async function openFile(path: string): Promise<FileHandle> {
  return open(path, 'r').catch((e: unknown) => {
    throw unreadable(path, e)
  })
}

/**
 * Opens `path`: a folder, a plain tar, or a gzip-compressed tar (decompressed into a private staging file first,
 * see staging.ts). Other compressions and non-tars are refused with their own codes.
 */
export async function openStore(path: string, o: OpenStoreOptions = {}): Promise<ArchiveStore> {
  const st = await stat(path).catch((e: unknown) => {
    throw unreadable(path, e)
  })
  if (st.isDirectory()) return dirStore(path)
  const fh = await openFile(path)
  const magic = Buffer.alloc(8)
  await fh.read(magic, 0, 8, 0).catch(async (e: unknown) => {
    await fh.close()
    throw unreadable(path, e)
  })
  const compression = COMPRESSIONS.find(([, m]) => m.every((x, i) => magic[i] === x))?.[0]
  if (compression !== undefined) await fh.close()
  if (compression === undefined) return openTar(path, path, fh, st.size, () => Promise.resolve())
  if (compression !== 'gzip')
    throw new AppError({
      code: 'IMAGES_COMPRESSED',
      kind: 'input',
      field: 'files',
      params: { path, compression, command: `${DECOMPRESS[compression] ?? compression} ${shellQuote(path)}` },
    })
  const staged = await stageGzip(path, o)
  try {
    const size = (await stat(staged.file)).size
    return await openTar(staged.file, path, await openFile(staged.file), size, staged.remove)
  } catch (e) {
    await staged.remove()
    throw e
  }
}

/** Indexes the tar `file` (opened as `fh`); errors and the store name `path` (the archive the user gave). */
async function openTar(
  file: string,
  path: string,
  fh: FileHandle,
  size: number,
  cleanup: () => Promise<void>,
): Promise<ArchiveStore> {
  try {
    const first = Buffer.alloc(512)
    const { bytesRead } = await fh.read(first, 0, 512, 0)
    if (size === 0) throw formatUnknown(path, 'empty file')
    const head = Buffer.concat([first.subarray(0, bytesRead), Buffer.alloc(512 - bytesRead)])
    if (!head.every((x) => x === 0) && !looksLikeTar(head)) throw formatUnknown(path, 'not a tar')
    const members = await indexTar(fh, path, size)
    return tarStore({ file, path, fh, members, cleanup })
  } catch (e) {
    await fh.close()
    throw e
  }
}

interface TarParts {
  /** The tar read (the archive itself, or its decompressed staging copy). */
  file: string
  /** The archive as the user named it (in errors and `store.path`). */
  path: string
  fh: FileHandle
  members: Map<string, TarMember>
  /** Runs after the file is closed (removes a staging copy). */
  cleanup: () => Promise<void>
}

function tarStore({ file, path, fh, members, cleanup }: TarParts): ArchiveStore {
  const resolve = (name: string): TarMember | undefined => {
    let m = members.get(normalName(name))
    for (let hops = 0; m !== undefined && (m.type === '1' || m.type === '2') && hops < 16; hops++) {
      const target = m.type === '2' ? posix.join(posix.dirname(m.name), m.linkname) : m.linkname
      m = members.get(normalName(target))
    }
    return m !== undefined && (m.type === '0' || m.type === '7') ? m : undefined
  }
  const must = (name: string): TarMember => {
    const m = resolve(name)
    if (m === undefined) throw formatUnknown(path, name)
    return m
  }
  return {
    kind: 'tar',
    path,
    size: (name) => resolve(name)?.size,
    read: async (name) => {
      const m = must(name)
      if (m.size > MAX_JSON) throw formatUnknown(path, name)
      const b = Buffer.alloc(m.size)
      await fh.read(b, 0, m.size, m.offset)
      return b
    },
    stream: (name) => {
      const m = must(name)
      if (m.size === 0) return Readable.from([])
      return createReadStream(file, { start: m.offset, end: m.offset + m.size - 1, highWaterMark: 1 << 20 })
    },
    close: async () => {
      await fh.close().catch(() => undefined)
      await cleanup()
    },
  }
}

/** A folder: names are relative paths inside it (a name leaving the folder is no file). */
async function dirStore(path: string): Promise<ArchiveStore> {
  const sizes = new Map<string, number>()
  const walk = async (rel: string, depth: number): Promise<void> => {
    const entries = await readdir(join(path, rel), { withFileTypes: true }).catch((e: unknown) => {
      throw unreadable(join(path, rel), e)
    })
    for (const e of entries) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`
      if (e.isDirectory() && depth < 8) await walk(r, depth + 1)
      else if (e.isFile() || e.isSymbolicLink()) {
        const s = await stat(join(path, r)).catch(() => undefined)
        if (s?.isFile() === true) sizes.set(r, s.size)
      }
    }
  }
  await walk('', 0)
  const must = (name: string): string => {
    const n = normalName(name)
    if (!sizes.has(n) || name.split('/').includes('..')) throw formatUnknown(path, name)
    return join(path, n)
  }
  return {
    kind: 'dir',
    path,
    size: (name) => (name.split('/').includes('..') ? undefined : sizes.get(normalName(name))),
    read: async (name) => {
      const file = must(name)
      if ((sizes.get(normalName(name)) ?? 0) > MAX_JSON) throw formatUnknown(path, name)
      const fh = await open(file, 'r')
      try {
        return await fh.readFile()
      } finally {
        await fh.close()
      }
    },
    stream: (name) => createReadStream(must(name), { highWaterMark: 1 << 20 }),
    close: () => Promise.resolve(),
  }
}
