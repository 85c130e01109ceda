import { promises as fs } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../errors'
import { message, type Message } from '../messages/index'
import type { TrustStep } from './types'

export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8')
  } catch (err) {
    // ENOTDIR: a part of the path is a file, so this file is not there (writing it fails later, with a clear error).
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    throw err
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory()
  } catch {
    return false
  }
}

/**
 * Plans placing a file: nothing when it already holds exactly `content` (idempotent); a write when it is missing or
 * `ours(existing)` says we wrote it; a backup + write with `force`; otherwise a clear conflict error.
 */
export async function planPlaceFile(opts: {
  path: string
  content: string
  mode?: number
  force: boolean
  ours?: (existing: string) => boolean
}): Promise<TrustStep[]> {
  const existing = await readIfExists(opts.path)
  if (existing === opts.content) return []
  const mode = opts.mode ?? 0o644
  if (existing === undefined || opts.ours?.(existing) === true)
    return [{ kind: 'write', path: opts.path, content: opts.content, mode }]
  if (opts.force) return [{ kind: 'write', path: opts.path, content: opts.content, mode, backupFirst: true }]
  throw new AppError({ code: 'TRUST_CONFLICT', params: { path: opts.path } })
}

/** Plans removing a file only if it holds exactly what we would have written (or `ours` says it is ours). */
export async function planRemoveOwnedFile(opts: {
  path: string
  content: string
  ours?: (existing: string) => boolean
}): Promise<{ steps: TrustStep[]; warning?: Message }> {
  const existing = await readIfExists(opts.path)
  if (existing === undefined) return { steps: [] }
  if (existing === opts.content || opts.ours?.(existing) === true)
    return { steps: [{ kind: 'remove', path: opts.path }] }
  return { steps: [], warning: message('trust.warning.foreignFile', { path: opts.path }) }
}

/** The folder a file sits in, removed afterwards only if empty. */
export function removeDirIfEmpty(filePath: string): TrustStep {
  return { kind: 'remove-dir', path: dirname(filePath) }
}
