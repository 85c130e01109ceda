import { execFile } from 'node:child_process'
import { promises as fs } from 'node:fs'

/**
 * How a file just written to a drive was read back for the comparison:
 * - `direct-io`: read with O_DIRECT (the page cache is bypassed: the bytes come from the device);
 * - `dropped-cache`: the file's cached pages were dropped (posix_fadvise DONTNEED), then it was read normally;
 * - `page-cache`: neither was possible (not Linux, or no GNU dd): the read may be served from memory, so the check
 *   proves the copy code, not the drive.
 */
export type ReadBackMethod = 'direct-io' | 'dropped-cache' | 'page-cache'

export interface ReadBack {
  bytes: Buffer
  method: ReadBackMethod
}

export interface ReadBackOptions {
  platform?: NodeJS.Platform
  /** The dd program (GNU coreutils: iflag=direct and iflag=nocache). */
  dd?: string
}

/** Weakest first: a check is as cache-free as its weakest read. */
const STRENGTH: ReadBackMethod[] = ['page-cache', 'dropped-cache', 'direct-io']

export function weakestMethod(methods: ReadBackMethod[]): ReadBackMethod {
  return methods.reduce<ReadBackMethod>(
    (a, b) => (STRENGTH.indexOf(b) < STRENGTH.indexOf(a) ? b : a),
    'direct-io',
  )
}

function dd(program: string, args: string[], maxBuffer: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    execFile(program, args, { encoding: 'buffer', maxBuffer }, (err, stdout) => {
      resolve(err ? undefined : stdout)
    })
  })
}

/**
 * Reads a file that was written and fsync'ed, from the device rather than from memory where the OS allows it.
 * Node has neither posix_fadvise nor aligned buffers for O_DIRECT, so on Linux GNU dd does both: first
 * `iflag=nocache count=0` drops the file's (clean, synced) pages from the page cache, so later readers see the
 * device too; then `iflag=direct` reads it with O_DIRECT into dd's page-aligned buffer. A file system without
 * O_DIRECT falls back to a normal read after the drop; anything else says the read was not cache-free.
 */
export async function readBack(path: string, opts: ReadBackOptions = {}): Promise<ReadBack> {
  const platform = opts.platform ?? process.platform
  if (platform !== 'linux') return { bytes: await fs.readFile(path), method: 'page-cache' }
  const program = opts.dd ?? 'dd'
  const { size } = await fs.stat(path)
  const dropped =
    (await dd(program, [`if=${path}`, 'iflag=nocache', 'count=0', 'status=none'], 1024)) !== undefined
  const direct = await dd(program, [`if=${path}`, 'iflag=direct', 'bs=1M', 'status=none'], size + 1024 * 1024)
  if (direct !== undefined) return { bytes: direct, method: 'direct-io' }
  return { bytes: await fs.readFile(path), method: dropped ? 'dropped-cache' : 'page-cache' }
}
