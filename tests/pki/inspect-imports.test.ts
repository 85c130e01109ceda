import { existsSync, readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// `cert inspect` must start fast: its static import graph (from the cert command module) stays on node:crypto's
// X509Certificate and never loads node-forge (issuing loads the CA code with a dynamic import when it runs).
const REPO = resolve(import.meta.dirname, '../..')

/** Static (value) imports of a TypeScript file: `import x from`, `export ... from`; not `import type`, not import(). */
function staticImports(file: string): string[] {
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

function graph(entry: string): { files: string[]; packages: Set<string> } {
  const seen = new Set<string>()
  const packages = new Set<string>()
  const todo = [entry]
  while (todo.length > 0) {
    const f = todo.pop() as string
    if (seen.has(f)) continue
    seen.add(f)
    for (const spec of staticImports(f)) {
      const local = resolveLocal(f, spec)
      if (local === undefined) packages.add(spec)
      else todo.push(local)
    }
  }
  return { files: [...seen].map((f) => relative(REPO, f)).sort(), packages }
}

describe('cert inspect import path', () => {
  it('the cert command module loads no node-forge (nor docker / ssh libraries) statically', () => {
    const g = graph(resolve(REPO, 'main/cli/commands/cert.ts'))
    const external = [...g.packages].filter((p) => !p.startsWith('node:'))
    // commander, and i18next (every command prints from the message catalogue): nothing else.
    expect(external.filter((p) => p !== 'commander' && p !== 'i18next')).toEqual([])
    expect(g.files).not.toContain('main/pki/sign-certificate.ts')
    expect(g.files).not.toContain('main/pki/ca-dir.ts')
  })
})
