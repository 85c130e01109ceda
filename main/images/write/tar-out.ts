// One tar written as a stream (tar-stream): small entries from bytes, big ones streamed in, the whole file hashed
// on its way to disk. Nothing is held whole but the small entries.
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { Readable, Transform, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { pack as tarPack, type Pack } from 'tar-stream'

/** A fixed time for every entry: the same images give the same archive. */
const MTIME = new Date(0)

export interface TarOut {
  dir: (name: string) => Promise<void>
  bytes: (name: string, data: Buffer) => Promise<void>
  /** One file entry of `size` bytes: write them into `sink`; `done` settles when the entry is complete. */
  entry: (name: string, size: number) => { sink: Writable; done: Promise<void> }
  /** Ends the tar; resolves when every byte is on disk (synced), with the file's sha256 and size. */
  close: () => Promise<{ sha256: string; size: number }>
  /** Stops writing (the caller removes the file). */
  destroy: (err: Error) => Promise<void>
}

function add(p: Pack, name: string, data: Buffer | undefined, type: 'file' | 'directory'): Promise<void> {
  return new Promise((resolve, reject) => {
    const header = { name, type, mode: type === 'file' ? 0o644 : 0o755, mtime: MTIME, uid: 0, gid: 0 }
    const cb = (err?: Error | null): void => (err ? reject(err) : resolve())
    if (data === undefined) p.entry(header, cb)
    else p.entry({ ...header, size: data.length }, data, cb)
  })
}

/** A Node Writable over a tar-stream entry (a streamx Writable): backpressure kept, errors passed on. */
function nodeSink(entry: Writable): Writable {
  entry.on('error', () => undefined) // reported through the entry's callback (`done`) and the pack
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (entry.write(chunk)) cb()
      else entry.once('drain', () => cb())
    },
    final(cb) {
      entry.end()
      cb()
    },
    destroy(err, cb) {
      if (err) entry.destroy(err)
      cb(err)
    },
  })
}

/** A tar stream into the open file `handle` (written from its current position, i.e. the start). */
export function tarOut(handle: FileHandle): TarOut {
  const p = tarPack()
  const hash = createHash('sha256')
  let size = 0
  const hasher = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk)
      size += chunk.length
      cb(null, chunk)
    },
  })
  const written = pipeline(
    Readable.from(p as unknown as AsyncIterable<Buffer>),
    hasher,
    // a stream on the fd, not on the FileHandle: the handle stays ours to sync and close
    createWriteStream('', { fd: handle.fd, autoClose: false }),
  )
  written.catch(() => undefined) // observed by close()/destroy()
  return {
    dir: (name) => add(p, name.endsWith('/') ? name : `${name}/`, undefined, 'directory'),
    bytes: (name, data) => add(p, name, data, 'file'),
    entry: (name, n) => {
      let sink: Writable | undefined
      const done = new Promise<void>((resolve, reject) => {
        const header = { name, type: 'file' as const, size: n, mode: 0o644, mtime: MTIME, uid: 0, gid: 0 }
        sink = nodeSink(p.entry(header, (err) => (err ? reject(err) : resolve())) as unknown as Writable)
      })
      done.catch(() => undefined) // a failed entry fails the whole tar: close()/destroy() report it
      return { sink: sink as unknown as Writable, done }
    },
    close: async () => {
      p.finalize()
      await written
      await handle.sync()
      return { sha256: hash.digest('hex'), size }
    },
    destroy: async (err) => {
      p.destroy(err)
      await written.catch(() => undefined)
    },
  }
}
