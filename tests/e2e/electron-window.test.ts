import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The real Electron window's security settings, checked on the running app with Playwright's `_electron`.
 * The Electron binary cannot be downloaded on these machines (node_modules/electron/dist is absent), so this suite
 * skips with that reason when it is missing; the browser e2e (wizard.test.ts) covers the same preload and handlers.
 */
const ROOT = resolve(__dirname, '../..')

function electronBinary(): string | undefined {
  const pkg = join(ROOT, 'node_modules/electron')
  const dist = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(pkg, 'dist')
  const pathTxt = join(pkg, 'path.txt')
  const exe = existsSync(pathTxt)
    ? readFileSync(pathTxt, 'utf8').trim()
    : process.platform === 'win32'
      ? 'electron.exe'
      : 'electron'
  const bin = join(dist, exe)
  return existsSync(bin) ? bin : undefined
}

const binary = electronBinary()
const reason =
  'Electron binary absent (node_modules/electron/dist is not installed and cannot be downloaded here)'

describe.skipIf(!binary)(`real Electron window security${binary ? '' : ` — skipped: ${reason}`}`, () => {
  let app: ElectronApplication
  let page: Page
  let userData: string

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'rw-electron-'))
    app = await _electron.launch({
      executablePath: binary,
      args: ['--no-sandbox', `--user-data-dir=${userData}`, join(ROOT, 'out/main/index.js')],
      env: { ...process.env, NODE_ENV: 'production', ELECTRON_RENDERER_URL: '' },
    })
    page = await app.firstWindow()
    await page.locator('main[data-ready="yes"]').waitFor()
  })

  afterAll(async () => {
    await (app as ElectronApplication | undefined)?.close()
    rmSync(userData, { recursive: true, force: true })
  })

  // Page-side code is passed as strings: this file compiles for Node, without the DOM library.
  const inPage = <T>(expression: string): Promise<T> => page.evaluate<T>(expression)

  it('runs the renderer isolated, without Node', async () => {
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
    expect(await inPage<string>('typeof require')).toBe('undefined')
    expect(await inPage<string>('typeof process')).toBe('undefined')
    // Context isolation: the exposed API is a frozen copy; the page cannot reach the preload's scope through it.
    expect(await inPage<boolean>('Object.isFrozen(window.registryWizard)')).toBe(true)
  })

  it('exposes one typed API and never ipcRenderer', async () => {
    const keys = await inPage<string[]>('Object.keys(window.registryWizard)')
    expect(keys).toContain('createCa')
    expect(keys).toContain('on')
    expect(keys.join(',')).not.toMatch(/ipcRenderer|invoke|send/)
  })

  it('applies the strict CSP: no inline script runs', async () => {
    const ran = await inPage<boolean>(`(() => {
      const s = document.createElement('script')
      s.textContent = 'window.__inline = true'
      document.head.appendChild(s)
      return window.__inline === true
    })()`)
    expect(ran).toBe(false)
  })

  it('denies window.open, navigation away and permission requests', async () => {
    expect(await inPage<boolean>("window.open('https://example.com/') === null")).toBe(true)
    const before = page.url()
    await inPage<string>("(window.location.href = 'https://example.com/')")
    await page.waitForTimeout(500)
    expect(page.url()).toBe(before)
    expect(await inPage<string>('Notification.requestPermission()')).toBe('denied')
    expect(app.windows()).toHaveLength(1)
  })
})
