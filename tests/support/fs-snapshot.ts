import { createHash } from 'node:crypto'
import { mkdtempSync, promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

export function makeTmpDir(prefix = 'rw-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Every file under dir (relative path -> sha256 + mode), to prove that a refused operation changed nothing. */
export async function snapshotDir(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  async function walk(d: string): Promise<void> {
    let entries
    try {
      entries = await fs.readdir(d, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      const p = join(d, e.name)
      if (e.isDirectory()) {
        out[`${relative(dir, p)}/`] = 'dir'
        await walk(p)
      } else {
        const st = await fs.stat(p)
        out[relative(dir, p)] = `${createHash('sha256')
          .update(await fs.readFile(p))
          .digest('hex')} ${(st.mode & 0o777).toString(8)}`
      }
    }
  }
  await walk(dir)
  return out
}
