import type { Engine } from './engine-check'

/** Splits Docker's multiplexed stdout/stderr stream (8-byte frame headers) into text; plain text passes through. */
export function demuxLogs(buf: Buffer): string {
  const out: Buffer[] = []
  let i = 0
  while (i + 8 <= buf.length) {
    const type = buf[i]
    if (
      (type !== 0 && type !== 1 && type !== 2) ||
      buf[i + 1] !== 0 ||
      buf[i + 2] !== 0 ||
      buf[i + 3] !== 0
    ) {
      return buf.toString('utf8')
    }
    const size = buf.readUInt32BE(i + 4)
    out.push(buf.subarray(i + 8, i + 8 + size))
    i += 8 + size
  }
  return Buffer.concat(out).toString('utf8')
}

/** Whose logs: a container's, or a Swarm service's (every task's, each line prefixed with the task by the engine). */
export type LogSource = 'container' | 'service'

const logsOf = (engine: Engine, name: string, from: LogSource = 'container') =>
  from === 'service' ? engine.docker.getService(name) : engine.docker.getContainer(name)

/** The container's last `tail` log lines (stdout and stderr), never throwing: '' when there are none. */
export async function lastLogLines(
  engine: Engine,
  name: string,
  tail = 20,
  from: LogSource = 'container',
): Promise<string[]> {
  try {
    const raw = (await logsOf(engine, name, from).logs({
      stdout: true,
      stderr: true,
      tail,
      follow: false,
    })) as unknown
    const text = Buffer.isBuffer(raw) ? demuxLogs(raw) : String(raw)
    return text
      .split('\n')
      .map((l) => l.trimEnd())
      .filter((l) => l !== '')
  } catch {
    return []
  }
}

/** Follows the logs until the signal aborts; each line goes to onLine. */
export async function followLogs(
  engine: Engine,
  name: string,
  opts: {
    tail?: number
    follow?: boolean
    signal?: AbortSignal
    onLine: (line: string) => void
    from?: LogSource | undefined
  },
): Promise<void> {
  const container = logsOf(engine, name, opts.from)
  if (!opts.follow) {
    for (const line of await lastLogLines(engine, name, opts.tail ?? 100, opts.from)) opts.onLine(line)
    return
  }
  const stream = (await container.logs({
    stdout: true,
    stderr: true,
    tail: opts.tail ?? 100,
    follow: true,
  })) as NodeJS.ReadableStream & {
    destroy: () => void
  }
  let pending = Buffer.alloc(0)
  let text = ''
  await new Promise<void>((resolve, reject) => {
    opts.signal?.addEventListener('abort', () => {
      stream.destroy()
      resolve()
    })
    stream.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk])
      while (pending.length >= 8) {
        const size = pending.readUInt32BE(4)
        if (pending.length < 8 + size) break
        text += pending.subarray(8, 8 + size).toString('utf8')
        pending = pending.subarray(8 + size)
      }
      let nl: number
      while ((nl = text.indexOf('\n')) >= 0) {
        opts.onLine(text.slice(0, nl))
        text = text.slice(nl + 1)
      }
    })
    stream.on('end', () => {
      resolve()
    })
    stream.on('close', () => {
      resolve()
    })
    stream.on('error', reject)
  })
}
