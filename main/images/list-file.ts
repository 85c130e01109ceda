// A list of images, one reference per line (like k3s-images.txt).
import { AppError } from '../errors'
import { readInputText } from '../fs/read-input'
import { parseReference } from './names'

/** A list file is read up to this size (k3s-images.txt is a few KB). */
const MAX_LIST_BYTES = 1024 * 1024

/** The references of list text: blank lines and `#` comments (whole line or after a reference) skipped, CRLF too. */
export function parseImageList(text: string, path: string, field = 'list'): string[] {
  const refs: string[] = []
  for (const [i, raw] of text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .entries()) {
    const hash = raw.search(/(^|\s)#/)
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim()
    if (line === '') continue
    if (parseReference(line) === undefined)
      throw new AppError({
        code: 'EXPORT_LIST_LINE',
        kind: 'input',
        field,
        params: { path, line: i + 1, text: raw.trim() },
      })
    refs.push(line)
  }
  return refs
}

/** The references of a list file: blank lines and `#` comments skipped; a bad line is an input error naming it. */
export async function readImageList(path: string): Promise<string[]> {
  const text = await readInputText(path, 'list', { max: MAX_LIST_BYTES })
  const refs = parseImageList(text, path)
  if (refs.length === 0) throw new AppError({ code: 'EXPORT_NO_REFS', kind: 'input', field: 'list' })
  return refs
}
