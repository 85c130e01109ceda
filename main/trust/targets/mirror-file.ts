import { promises as fs } from 'node:fs'
import { message, type Message } from '../../messages/index'
import { readIfExists } from '../file-plan'
import type { TrustStep } from '../types'

/**
 * A system config file the mirror is merged into (daemon.json, hosts.toml, registries.yaml): the user's other settings
 * are kept, the file as it was is kept beside it (`PATH.before-registry-wizard`), and uninstall puts that back byte for
 * byte while the file is still what install made of it.
 */
export interface MergedFile {
  path: string
  /** The file's text when there was none (what install writes). */
  fresh: string
  /** The text with our entry added; undefined when it is there already. Throws a clear AppError on a broken file. */
  merge(existing: string): string | undefined
  /** The text with our entry taken out; undefined when it is not there. */
  unmerge(existing: string): string | undefined
}

/** Where install keeps the file as it was before it merged the mirror in. */
export function backupPath(path: string): string {
  return `${path}.before-registry-wizard`
}

async function modeOf(path: string): Promise<number> {
  try {
    return (await fs.stat(path)).mode & 0o777
  } catch {
    return 0o644
  }
}

/** The steps that merge our entry in (none when it is there already); the first merge keeps the old file aside. */
export async function planMergeInstall(f: MergedFile): Promise<TrustStep[]> {
  const existing = await readIfExists(f.path)
  if (existing === undefined) return [{ kind: 'write', path: f.path, content: f.fresh, mode: 0o644 }]
  const merged = f.merge(existing)
  if (merged === undefined) return []
  const mode = await modeOf(f.path)
  const steps: TrustStep[] = []
  const backup = backupPath(f.path)
  // An older backup stays: it is the file as it was before the first mirror was merged in.
  if ((await readIfExists(backup)) === undefined)
    steps.push({ kind: 'write', path: backup, content: existing, mode })
  steps.push({ kind: 'write', path: f.path, content: merged, mode })
  return steps
}

/**
 * The steps that undo {@link planMergeInstall}: the old file put back byte for byte (or ours removed) while the file
 * is exactly what install made; after other edits, only our entry is taken out (and a warning says so).
 */
export async function planMergeUninstall(f: MergedFile): Promise<{ steps: TrustStep[]; warning?: Message }> {
  const existing = await readIfExists(f.path)
  if (existing === undefined) return { steps: [] }
  const backup = backupPath(f.path)
  const before = await readIfExists(backup)
  const expected = before === undefined ? f.fresh : f.merge(before)
  if (existing === expected || (before !== undefined && existing === before)) {
    if (before === undefined) return { steps: [{ kind: 'remove', path: f.path }] }
    const mode = await modeOf(backup)
    return {
      steps: [
        { kind: 'write', path: f.path, content: before, mode },
        { kind: 'remove', path: backup },
      ],
    }
  }
  const without = f.unmerge(existing)
  if (without === undefined) return { steps: [] }
  const steps: TrustStep[] = [{ kind: 'write', path: f.path, content: without, mode: await modeOf(f.path) }]
  if (before !== undefined && without === before) steps.push({ kind: 'remove', path: backup })
  return { steps, warning: message('trust.mirror.warning.changedSince', { path: f.path }) }
}

/** Does the file hold our entry (merged in, or the whole file ours)? */
export async function mergedInstalled(f: MergedFile): Promise<boolean> {
  const existing = await readIfExists(f.path)
  if (existing === undefined) return false
  try {
    return f.merge(existing) === undefined
  } catch {
    return false
  }
}
