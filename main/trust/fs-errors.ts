import { AppError } from '../errors'

const REASONS: Record<string, { what: string; hint: string }> = {
  EACCES: {
    what: 'permission denied',
    hint: 'Choose a place this user may write to, or run as a user who may (e.g. root).',
  },
  EPERM: {
    what: 'operation not permitted',
    hint: 'Choose a place this user may write to, or run as a user who may (e.g. root).',
  },
  EROFS: { what: 'the file system is read-only', hint: 'Choose a folder on a writable file system.' },
  ENOTDIR: {
    what: 'a part of the path is a file, not a folder',
    hint: 'Check the path: every part before the last must be a folder.',
  },
  EISDIR: { what: 'it is a folder', hint: 'Check the path: a file was expected there.' },
  EEXIST: { what: 'something of that name already exists', hint: 'Remove it or choose another place.' },
  ENAMETOOLONG: {
    what: 'the path or a name in it is too long (a name holds at most 255 bytes)',
    hint: 'Use a shorter folder or registry name.',
  },
  ENOENT: {
    what: 'no such folder, or the place cannot hold files',
    hint: 'Give an existing folder on a normal file system (not /proc, /sys or /dev).',
  },
  ELOOP: { what: 'too many symbolic links', hint: 'Check the symbolic links on the path.' },
  ENOSPC: { what: 'no space left on the device', hint: 'Free some space or choose another place.' },
  EDQUOT: { what: 'the disk quota is exceeded', hint: 'Free some space or choose another place.' },
}

export function errnoOf(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined
}

/**
 * Turns a file-system failure into a clear AppError: what could not be done to which path, in plain words with the
 * errno, and what to do; `kind: 'input'` (exit 2), since the place given is what is wrong. Other errors pass through.
 * `codePrefix` makes a distinct, stable code per caller and errno (`BUNDLE_OUT_EACCES`, `TRUST_WRITE_ENOTDIR`).
 */
export function fsFailure(
  err: unknown,
  opts: { action: string; path: string; codePrefix: string; field?: string; undone?: string },
): unknown {
  if (err instanceof AppError) return err
  const errno = errnoOf(err)
  if (errno === undefined) return err
  const reason = REASONS[errno] ?? { what: (err as Error).message, hint: 'Check the path and run again.' }
  const where = opts.field ? `${opts.field}: ` : ''
  return new AppError({
    code: `${opts.codePrefix}_${errno}`,
    kind: 'input',
    field: opts.field,
    message: `${where}cannot ${opts.action} ${opts.path}: ${reason.what} (${errno})`,
    hint: `${reason.hint} ${opts.undone ?? 'Nothing was changed.'}`,
    cause: err,
  })
}

/** An errno-style error (for conditions found by a check rather than returned by a system call). */
export function errnoError(code: string, path: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${code}: ${path}`)
  e.code = code
  e.path = path
  return e
}
