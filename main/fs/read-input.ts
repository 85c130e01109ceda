import { isAbsolute } from 'node:path'
import { AppError } from '../errors'
import { kib, readBoundedText, type BoundedReadFailure } from './read-bounded'

/** Input files (certificates, keys, chains) are read up to this size: a PEM certificate is a few KB. */
export const MAX_INPUT_FILE_BYTES = 4 * 1024 * 1024

export interface ReadInputOptions {
  /** At most this many bytes (default MAX_INPUT_FILE_BYTES); more is INPUT_TOO_LARGE. */
  max?: number | undefined
  /** Refuse anything but a regular file, opened non-blocking (a file the GUI names: no folder, device or pipe). */
  regularOnly?: boolean | undefined
  /** Refuse a relative path (the GUI sends absolute paths only). */
  absolute?: boolean | undefined
  /** The path as the user gave it, for the messages (default: `path`). */
  shown?: string | undefined
}

function failure(field: string, shown: string, f: BoundedReadFailure): AppError {
  const value = JSON.stringify(shown)
  switch (f.kind) {
    case 'too-large':
      return new AppError({
        code: 'INPUT_TOO_LARGE',
        kind: 'input',
        field,
        params: { value, max: kib(f.max) },
      })
    case 'not-a-file':
      return new AppError({ code: 'FILE_NOT_REGULAR', kind: 'input', field, params: { value } })
    case 'open':
    case 'read':
      return new AppError({
        code: 'FILE_UNREADABLE',
        kind: 'input',
        field,
        params: { value, errno: f.errno },
      })
  }
}

/**
 * The one way an input file named by a request field is read (CLI options, GUI pickers, IPC requests): bounded (so
 * /dev/zero or a huge file fails fast), as UTF-8; a missing, unreadable, oversized or (with `regularOnly`) special
 * file is invalid input naming the field (FILE_UNREADABLE, FILE_NOT_REGULAR, INPUT_TOO_LARGE, FILE_PATH_RELATIVE).
 */
export async function readInputText(
  path: string,
  field: string,
  opts: ReadInputOptions = {},
): Promise<string> {
  const shown = opts.shown ?? path
  if (opts.absolute === true && !isAbsolute(path))
    throw new AppError({
      code: 'FILE_PATH_RELATIVE',
      kind: 'input',
      field,
      params: { value: JSON.stringify(shown) },
    })
  return readBoundedText(path, opts.max ?? MAX_INPUT_FILE_BYTES, (f) => failure(field, shown, f), {
    regularOnly: opts.regularOnly === true,
  })
}
