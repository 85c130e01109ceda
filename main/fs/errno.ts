import { AppError, type ErrorCode } from '../errors'
import { message, type Message } from '../messages/index'

/**
 * File-system failures, one table for every caller (pki's CA and certificate folders, trust's store files, the
 * bundle's out folder): an errno becomes a stable code whose texts say what was wrong and what to do
 * (`error.PATH_*` in main/messages/<lang>/fs.ts), with the request field, what could not be done and the path.
 */
export const ERRNO_CODES = {
  ENOTDIR: 'PATH_NOT_A_FOLDER',
  EEXIST: 'PATH_IS_A_FILE',
  EISDIR: 'PATH_IS_A_FOLDER',
  ENAMETOOLONG: 'PATH_TOO_LONG',
  EACCES: 'PATH_PERMISSION_DENIED',
  EPERM: 'PATH_NOT_PERMITTED',
  EROFS: 'PATH_READ_ONLY',
  ENOSPC: 'PATH_NO_SPACE',
  EDQUOT: 'PATH_QUOTA',
  ENOENT: 'PATH_NOT_FOUND',
  ELOOP: 'PATH_SYMLINK_LOOP',
} as const satisfies Record<string, ErrorCode>

/** Failures that are not the caller's input (the disk filled up, something unknown): CLI exit 1, not 2. */
const OPERATION_ERRNOS = new Set(['ENOSPC', 'EDQUOT'])

/** What could not be done to the path (`cannot write PATH`): a key of the `fs.action` texts. */
export type FsAction = 'use' | 'write' | 'remove' | 'replace' | 'createFolder' | 'createTempIn' | 'runFor'

/** What became of earlier changes when a step failed: a key of the `fs.undone` texts, or a message of its own. */
export type Undone = 'nothing' | Message

export function errnoOf(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined
}

/** An errno-style error (for conditions found by a check rather than returned by a system call). */
export function errnoError(code: string, path: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${code}: ${path}`)
  e.code = code
  e.path = path
  return e
}

export interface PathFailure {
  /** The request field that named the place (`caDir`, `out`, `outDir`, `root`). */
  field: string
  path: string
  action?: FsAction | undefined
  /** The part of the path where it failed, when that is not the path itself. */
  at?: string | undefined
  undone?: Undone | undefined
}

/** An errno failure on a path as a coded error: which field, which path, what was wrong, what to do. */
export function pathError(err: unknown, f: PathFailure): AppError {
  const errno = errnoOf(err) ?? 'EIO'
  const code = (ERRNO_CODES as Record<string, (typeof ERRNO_CODES)[keyof typeof ERRNO_CODES]>)[errno]
  const params = {
    path: f.path,
    action: message(`fs.action.${f.action ?? 'use'}`),
    at: f.at !== undefined && f.at !== f.path ? message('fs.at', { dir: f.at }) : '',
    errno,
    undone: f.undone === undefined || f.undone === 'nothing' ? message('fs.undone.nothing') : f.undone,
  }
  if (code === undefined) {
    const detail = err instanceof Error ? err.message : String(err)
    return new AppError({
      code: 'PATH_FAILED',
      kind: 'operation',
      field: f.field,
      params: { ...params, detail },
      cause: err,
    })
  }
  const kind = OPERATION_ERRNOS.has(errno) ? 'operation' : 'input'
  return new AppError({ code, kind, field: f.field, params, cause: err })
}

/**
 * pathError for a caught failure that may be anything: an AppError or an error without an errno passes through
 * unchanged (a bug must not be reported as a bad path).
 */
export function fsFailure(err: unknown, f: PathFailure): unknown {
  if (err instanceof AppError || errnoOf(err) === undefined) return err
  return pathError(err, f)
}
