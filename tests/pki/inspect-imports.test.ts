import { describe, expect, it } from 'vitest'
import { importGraph } from '../support/import-graph'

// `cert inspect` must start fast: its static import graph (from the cert command module) stays on node:crypto's
// X509Certificate and never loads node-forge (issuing loads the CA code with a dynamic import when it runs).
describe('cert inspect import path', () => {
  it('the cert command module loads no node-forge (nor docker / ssh libraries) statically', () => {
    const g = importGraph(['main/cli/commands/cert.ts'])
    const external = [...g.packages].filter((p) => !p.startsWith('node:'))
    // commander, and i18next (every command prints from the message catalogue): nothing else.
    expect(external.filter((p) => p !== 'commander' && p !== 'i18next')).toEqual([])
    expect(g.files).not.toContain('main/pki/sign-certificate.ts')
    expect(g.files).not.toContain('main/pki/ca-dir.ts')
  })
})
