// An index of a plain (uncompressed) tar file: where each member's bytes are, so blobs are read in place (no copy,
// no extraction). The headers are parsed by node-tar's Header and Pax (ustar, pax `x` records, GNU long names); we only
// walk the offsets, check each header's checksum and that every member lies inside the file.
import type { FileHandle } from 'node:fs/promises'
import { Header, Pax, type HeaderData } from 'tar'
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
  return (
    first.length >= BLOCK && (new Header(first).cksumValid || first.toString('latin1', 257, 262) === 'ustar')
  )
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
  let ex: HeaderData = {}
  let last = '(start of archive)'
  for (;;) {
    const block = await readAt(c, pos, BLOCK)
    if (block.length < BLOCK) throw truncated(c, last, pos + BLOCK)
    const h = new Header(block, 0, ex)
    if (h.nullBlock) return members
    if (!h.cksumValid) throw corrupt(c, pos, 'checksum')
    const dataSize = h.size ?? 0
    if (!Number.isSafeInteger(dataSize) || dataSize < 0) throw corrupt(c, pos, 'size')
    const name = h.path ?? ''
    last = name
    if (pos + BLOCK + dataSize > size) throw truncated(c, name, pos + BLOCK + dataSize)
    const next = pos + BLOCK + Math.ceil(dataSize / BLOCK) * BLOCK
    const type = h.typeKey
    if (type === 'x' || type === 'L' || type === 'K') {
      ex = { ...ex, ...(await extended(c, type, pos + BLOCK, dataSize)) }
      pos = next
      continue
    }
    if (type !== 'g')
      members.set(normalName(name), {
        name: normalName(name),
        type,
        offset: pos + BLOCK,
        size: dataSize,
        linkname: h.linkpath ?? '',
      })
    ex = {}
    pos = next
  }
}

/** What an extended header says about the next member: pax records (`x`), or a GNU long name or link (`L`, `K`). */
async function extended(c: Ctx, type: 'x' | 'L' | 'K', at: number, len: number): Promise<HeaderData> {
  const data = await readAt(c, at, len)
  if (type === 'x') return defined(Pax.parse(data.toString('utf8')))
  const value = data.toString('utf8').replace(/\0.*$/s, '')
  return type === 'L' ? { path: value } : { linkpath: value }
}

/** The fields of a pax header we use (Pax leaves absent ones undefined, which must not wipe a GNU long name). */
function defined(pax: Pax): HeaderData {
  const out: HeaderData = {}
  if (pax.path !== undefined) out.path = pax.path
  if (pax.linkpath !== undefined) out.linkpath = pax.linkpath
  if (pax.size !== undefined) out.size = pax.size
  return out
}
