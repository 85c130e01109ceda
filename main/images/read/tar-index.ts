// An index of a plain (uncompressed) tar file: where each member's bytes are, so blobs are read in place (no copy,
// no extraction). Reads only the 512-byte headers (ustar, pax `x` records, GNU long names); checks each header's
// checksum and that every member lies inside the file.
import type { FileHandle } from 'node:fs/promises'
import { AppError } from '../../errors'

export interface TarMember {
  name: string
  /** '0' file, '1' hard link, '2' symlink, '5' directory (other types are kept but not read). */
  type: string
  offset: number
  size: number
  linkname: string
}

const BLOCK = 512

function cString(b: Buffer, start: number, len: number): string {
  const end = b.indexOf(0, start)
  return b.toString('utf8', start, end < 0 || end > start + len ? start + len : end)
}

/** A numeric field: octal text, or base-256 when the high bit of the first byte is set (GNU, sizes >= 8 GiB). */
function numeric(b: Buffer, start: number, len: number): number {
  if ((b[start] ?? 0) & 0x80) {
    let v = (b[start] ?? 0) & 0x7f
    for (let i = 1; i < len; i++) v = v * 256 + (b[start + i] ?? 0)
    return v
  }
  const text = cString(b, start, len).trim()
  return text === '' ? 0 : parseInt(text, 8)
}

function checksumOk(b: Buffer): boolean {
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (b[i] ?? 0)
  return sum === numeric(b, 148, 8)
}

/** `./a/b` -> `a/b` (members and the names archives refer to are compared in this form). */
export function normalName(name: string): string {
  const parts: string[] = []
  for (const p of name.split('/')) {
    if (p === '' || p === '.') continue
    if (p === '..') parts.pop()
    else parts.push(p)
  }
  return parts.join('/')
}

/** The pax records of an `x` member: `path` and `size` override the next header's fields. */
function paxRecords(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {}
  let off = 0
  while (off < data.length) {
    const space = data.indexOf(0x20, off)
    if (space < 0) break
    const len = parseInt(data.toString('utf8', off, space), 10)
    if (!Number.isFinite(len) || len <= 0) break
    const rec = data.toString('utf8', space + 1, off + len - 1)
    const eq = rec.indexOf('=')
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1)
    off += len
  }
  return out
}

interface Ctx {
  fh: FileHandle
  path: string
  size: number
}

async function readAt(c: Ctx, pos: number, len: number): Promise<Buffer> {
  const b = Buffer.alloc(len)
  const { bytesRead } = await c.fh.read(b, 0, len, pos)
  return b.subarray(0, bytesRead)
}

function truncated(c: Ctx, entry: string, needed: number): AppError {
  return new AppError({
    code: 'IMAGES_TAR_TRUNCATED',
    kind: 'input',
    field: 'files',
    params: { path: c.path, entry, needed, size: c.size },
  })
}

function corrupt(c: Ctx, offset: number, detail: string): AppError {
  return new AppError({
    code: 'IMAGES_TAR_CORRUPT',
    kind: 'input',
    field: 'files',
    params: { path: c.path, offset, detail },
  })
}

/** Does this block look like the start of a tar at all (for the unknown-format error)? */
export function looksLikeTar(first: Buffer): boolean {
  return first.length >= BLOCK && (checksumOk(first) || first.toString('latin1', 257, 262) === 'ustar')
}

/**
 * Every member of the tar at `path` (opened as `fh`, `size` bytes). A header whose checksum is wrong is
 * IMAGES_TAR_CORRUPT; a member running past the end, or a file ending without the end-of-archive blocks,
 * IMAGES_TAR_TRUNCATED.
 */
export async function indexTar(fh: FileHandle, path: string, size: number): Promise<Map<string, TarMember>> {
  const c: Ctx = { fh, path, size }
  const members = new Map<string, TarMember>()
  let pos = 0
  let longName: string | undefined
  let longLink: string | undefined
  let pax: Record<string, string> = {}
  let last = '(start of archive)'
  for (;;) {
    const h = await readAt(c, pos, BLOCK)
    if (h.length < BLOCK) throw truncated(c, last, pos + BLOCK)
    if (h.every((x) => x === 0)) return members
    if (!checksumOk(h)) throw corrupt(c, pos, 'checksum')
    const type = String.fromCharCode(h[156] ?? 0).replace('\0', '0')
    const prefix = h.toString('latin1', 257, 262) === 'ustar' ? cString(h, 345, 155) : ''
    const rawName = prefix === '' ? cString(h, 0, 100) : `${prefix}/${cString(h, 0, 100)}`
    const dataSize = pax.size !== undefined ? Number(pax.size) : numeric(h, 124, 12)
    if (!Number.isSafeInteger(dataSize) || dataSize < 0) throw corrupt(c, pos, 'size')
    const name = longName ?? pax.path ?? rawName
    const next = pos + BLOCK + Math.ceil(dataSize / BLOCK) * BLOCK
    last = name
    if (pos + BLOCK + dataSize > size) throw truncated(c, name, pos + BLOCK + dataSize)
    if (type === 'x' || type === 'L' || type === 'K') {
      const data = await readAt(c, pos + BLOCK, dataSize)
      if (type === 'x') pax = paxRecords(data)
      else if (type === 'L') longName = cString(data, 0, data.length)
      else longLink = cString(data, 0, data.length)
      pos = next
      continue
    }
    if (type !== 'g') {
      const linkname = longLink ?? pax.linkpath ?? cString(h, 157, 100)
      members.set(normalName(name), {
        name: normalName(name),
        type,
        offset: pos + BLOCK,
        size: dataSize,
        linkname,
      })
    }
    longName = undefined
    longLink = undefined
    pax = {}
    pos = next
  }
}
