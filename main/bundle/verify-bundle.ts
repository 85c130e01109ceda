import { promises as fs } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { AppError } from '../errors'
import { PEM_PRIVATE_KEY } from '../trust/ca-certificate'
import { CHECKSUMS_FILE, sha256Hex } from './bundle-files'

/** Every file under a folder, '/'-separated relative paths, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  async function walk(d: string): Promise<void> {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) await walk(p)
      else out.push(relative(dir, p).split(sep).join('/'))
    }
  }
  await walk(dir)
  return out.sort()
}

/** Files under a folder that hold a PEM private key (there must never be any in a bundle). */
export async function findPrivateKeys(dir: string): Promise<string[]> {
  const hits: string[] = []
  for (const f of await listFiles(dir)) {
    if (PEM_PRIVATE_KEY.test(await fs.readFile(join(dir, f), 'latin1'))) hits.push(f)
  }
  return hits
}

export interface BundleCheck {
  ok: boolean
  checked: number
  mismatched: string[]
  missing: string[]
  unlisted: string[]
}

/** Re-reads every file and compares it with SHA256SUMS; files not listed there are reported too. */
export async function verifyBundleDir(dir: string): Promise<BundleCheck> {
  let sums: string
  try {
    sums = await fs.readFile(join(dir, CHECKSUMS_FILE), 'utf8')
  } catch {
    throw new AppError({ code: 'BUNDLE_NO_CHECKSUMS', params: { path: join(dir, CHECKSUMS_FILE) } })
  }
  const listed = new Map<string, string>()
  for (const line of sums.split('\n')) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line)
    if (m?.[1] && m[2]) listed.set(m[2], m[1])
  }
  const present = new Set(await listFiles(dir))
  const result: BundleCheck = { ok: true, checked: 0, mismatched: [], missing: [], unlisted: [] }
  for (const [path, hash] of listed) {
    if (!present.has(path)) {
      result.missing.push(path)
      continue
    }
    result.checked++
    if (sha256Hex(await fs.readFile(join(dir, path))) !== hash) result.mismatched.push(path)
  }
  for (const p of present) if (p !== CHECKSUMS_FILE && !listed.has(p)) result.unlisted.push(p)
  result.ok = result.mismatched.length + result.missing.length + result.unlisted.length === 0
  return result
}
