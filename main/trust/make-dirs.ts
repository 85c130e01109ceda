import { promises as fs } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { errnoError } from '../fs/errno'

/**
 * `mkdir -p` that returns the folders it created (top first), so a failed operation can remove exactly those. It
 * finds the deepest existing ancestor, then creates each missing folder with a plain mkdir: unlike Node's
 * recursive mkdir it cannot spin on pseudo file systems (`/proc/self/x` gives ENOENT, not an endless loop).
 */
export async function makeDirs(path: string, mode = 0o755): Promise<string[]> {
  const missing: string[] = []
  let p = resolve(path)
  for (;;) {
    try {
      const st = await fs.stat(p)
      if (!st.isDirectory()) throw errnoError('ENOTDIR', p)
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      missing.unshift(p)
      const parent = dirname(p)
      if (parent === p) throw err
      p = parent
    }
  }
  const created: string[] = []
  try {
    for (const dir of missing) {
      await fs.mkdir(dir, { mode })
      created.push(dir)
    }
  } catch (err) {
    // Failed partway (a name too long, a read-only mount): remove what this call made before reporting.
    await removeMadeDirs(created)
    throw err
  }
  return created
}

/** Removes folders made by {@link makeDirs} (deepest first), each only if empty. */
export async function removeMadeDirs(created: readonly string[]): Promise<void> {
  for (const dir of [...created].reverse()) await fs.rmdir(dir).catch(() => undefined)
}
