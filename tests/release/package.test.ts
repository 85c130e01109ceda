import { readFileSync, statSync } from 'node:fs'
import asar from '@electron/asar'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ASAR_BUDGET_BYTES, FUSE_NAMES, packApp, readFuses } from './pack-app'

/** The Electron fuses the installers must ship with (electron-builder.yml `electronFuses`). */
const FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
}

// What an installer ships, checked without the Electron binary: electron-builder packs app.asar for real.
describe('packed app.asar', () => {
  let archive = ''
  let executable = ''
  let files: string[] = []
  const read = (p: string): string => asar.extractFile(archive, p.replace(/^\//, '')).toString('utf8')

  beforeAll(() => {
    ;({ asar: archive, executable } = packApp())
    files = asar.listPackage(archive, { isPack: false })
  }, 300_000)

  it('holds the main, preload and renderer bundles that package.json and the window refer to', () => {
    const pkg = JSON.parse(read('package.json')) as { main: string }
    expect(files).toContain(`/${pkg.main}`)
    const main = read(pkg.main)
    // The window's preload and page, as the main bundle names them (relative to out/).
    const preload = /["']([\w./]*preload\/[\w.-]+\.c?js)["']/.exec(main)?.[1]
    const page = /["']([\w./]*renderer\/index\.html)["']/.exec(main)?.[1]
    expect(preload, 'main bundle names its preload').toBeDefined()
    expect(page, 'main bundle names its page').toBeDefined()
    const fromMain = (rel: string): string => `/out/${rel.replace(/^(\.\.\/)+/, '')}`
    expect(files).toContain(fromMain(preload ?? ''))
    expect(files).toContain(fromMain(page ?? ''))
    const html = read(fromMain(page ?? ''))
    for (const m of html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) expect(files).toContain(`/out/renderer/${m[1] ?? ''}`)
  })

  it('ships no sources, tests, source maps, dev dependencies or CLI', () => {
    const own = files.filter((f) => f !== '/node_modules' && !f.startsWith('/node_modules/'))
    expect(own.filter((f) => !/^\/(out(\/(main|preload|renderer)(\/.*)?)?|package\.json)$/.test(f))).toEqual([])
    expect(files.filter((f) => /\.(ts|tsx|map)$/.test(f) && !f.endsWith('.d.ts'))).toEqual([])
    expect(files.filter((f) => /\/(tests?|__tests__)\//.test(f))).toEqual([])
    for (const dev of ['vitest', 'electron', 'electron-vite', 'vite', 'typescript', 'eslint', 'playwright-core', 'electron-builder']) {
      expect(files.some((f) => f.startsWith(`/node_modules/${dev}/`)), dev).toBe(false)
    }
  })

  it('holds no private keys or certificates', () => {
    const offenders = files.filter((f) => {
      if (/\.(pem|key|crt|p12|pfx)$/.test(f)) return true
      const st = asar.statFile(archive, f.slice(1)) as { size?: number; files?: unknown }
      if (st.files !== undefined || (st.size ?? 0) > 5_000_000) return false
      try {
        // A PEM header followed by key material (a parser's header string alone is not a key).
        return /-----BEGIN [A-Z ]*PRIVATE KEY-----\r?\n[A-Za-z0-9+/=]{40,}/.test(read(f))
      } catch {
        return false
      }
    })
    expect(offenders).toEqual([])
  })

  it(`stays under the size budget (${ASAR_BUDGET_BYTES / 1024 / 1024} MiB)`, () => {
    expect(statSync(archive).size).toBeLessThan(ASAR_BUDGET_BYTES)
  })

  it('electron-builder.yml sets the Electron fuses (no run-as-node, NODE_OPTIONS or --inspect; cookie encryption, asar integrity, asar only)', () => {
    const config = parse(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses?: Record<string, unknown> }
    expect(config.electronFuses).toEqual(FUSES)
    // Every key is one electron-builder knows (a misspelt key would be ignored silently).
    for (const key of Object.keys(config.electronFuses ?? {})) expect(FUSE_NAMES as readonly string[]).toContain(key)
  })

  it('the packed executable has those fuses flipped (read back from its fuse wire)', () => {
    const fuses = readFuses(executable)
    for (const [name, on] of Object.entries(FUSES)) expect(fuses[name], name).toBe(on)
    // Left as Electron ships it: the window loads index.html from file://.
    expect(fuses['grantFileProtocolExtraPrivileges']).toBe(true)
  })
})
