// The static import graph of TypeScript sources (what a module loads when it is evaluated), for the tests that keep
// a command's start light (tests/pki/inspect-imports.test.ts, issue-imports.test.ts).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'

export const REPO = resolve(import.meta.dirname, '../..')

/** Static (value) imports of a TypeScript file: `import x from`, `export ... from`; not `import type`, not import(). */
export function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?\bfrom\s+['"]([^'"]+)['"]/gm)) {
    if (m[2] === undefined) out.push(m[3] as string)
  }
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1] as string)
  return out
}

function resolveLocal(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined
  const base = resolve(dirname(from), spec)
  for (const c of [`${base}.ts`, `${base}/index.ts`, base]) if (existsSync(c) && c.endsWith('.ts')) return c
  throw new Error(`cannot resolve ${spec} from ${from}`)
}

/**
 * Every source file the entries (paths from the repository root) load statically, relative to the root and sorted,
 * and the packages (npm and node:) they import. JSON imports (package.json's version) are data, not followed.
 */
export function importGraph(entries: string[]): { files: string[]; packages: Set<string> } {
  const seen = new Set<string>()
  const packages = new Set<string>()
  const todo = entries.map((e) => resolve(REPO, e))
  while (todo.length > 0) {
    const f = todo.pop() as string
    if (seen.has(f)) continue
    seen.add(f)
    for (const spec of staticImports(f)) {
      if (spec.endsWith('.json')) continue
      const local = resolveLocal(f, spec)
      if (local === undefined) packages.add(spec)
      else todo.push(local)
    }
  }
  return { files: [...seen].map((f) => relative(REPO, f)).sort(), packages }
}
