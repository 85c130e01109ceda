import { constants, promises as fs } from 'node:fs'

/** Why a bounded read failed: each front end words it for its own field (a CLI flag, a GUI control). */
export type BoundedReadFailure =
  | { kind: 'open'; errno: string }
  | { kind: 'not-a-file' }
  | { kind: 'too-large'; max: number }
  | { kind: 'read'; errno: string }

export interface BoundedReadOptions {
  /** Refuse anything but a regular file (checked on the open handle; opened non-blocking so a FIFO cannot hang). */
  regularOnly?: boolean
}

const CHUNK = 64 * 1024

function errnoOf(err: unknown): string {
  return err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : 'unreadable'
}

/**
 * Reads at most `max` bytes of a file as UTF-8, so /dev/zero or a huge file fails fast instead of filling memory.
 * Failures go through `fail`, which returns the error to throw.
 */
export async function readBoundedText(
  path: string,
  max: number,
  fail: (f: BoundedReadFailure) => Error,
  opts: BoundedReadOptions = {},
): Promise<string> {
  let handle: fs.FileHandle
  try {
    // A pipe or device must not block the open (Windows has no O_NONBLOCK: there it is 0).
    const nonBlock = (constants as Partial<typeof constants>).O_NONBLOCK ?? 0
    const flags = opts.regularOnly === true ? constants.O_RDONLY | nonBlock : 'r'
    handle = await fs.open(path, flags)
  } catch (err) {
    throw fail({ kind: 'open', errno: errnoOf(err) })
  }
  const failures = new WeakSet<Error>()
  const raise = (f: BoundedReadFailure): never => {
    const e = fail(f)
    failures.add(e)
    throw e
  }
  try {
    if (opts.regularOnly === true) {
      const st = await handle.stat()
      if (!st.isFile()) raise({ kind: 'not-a-file' })
      if (st.size > max) raise({ kind: 'too-large', max })
    }
    // Chunks as the data comes (a certificate is a few KB): no buffer of the whole limit up front.
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, max + 1 - total))
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      chunks.push(chunk.subarray(0, bytesRead))
      total += bytesRead
      if (total > max) raise({ kind: 'too-large', max })
    }
    return Buffer.concat(chunks, total).toString('utf8')
  } catch (err) {
    if (err instanceof Error && failures.has(err)) throw err
    throw fail({ kind: 'read', errno: errnoOf(err) })
  } finally {
    await handle.close()
  }
}

/** "4096 KiB": the limit as the messages show it. */
export function kib(max: number): string {
  return `${Math.round(max / 1024)} KiB`
}
