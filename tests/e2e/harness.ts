import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import type { NetworkInterfaceInfo } from 'node:os'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { expect } from 'vitest'
import * as electron from '../support/electron-stand-in/index'
import { loadBuiltPreload } from '../support/electron-stand-in/load-preload'
import { bridgeApiIntoPage } from '../support/electron-stand-in/page-bridge'
import { serveDir } from '../support/electron-stand-in/static-server'
import type { Dialogs } from '../../main/ipc/handlers/app-handlers'
import { buildHandlers } from '../../main/ipc/handlers/index'
import { JobRegistry } from '../../main/ipc/jobs'
import { registerHandlers } from '../../main/ipc/register-handlers'
import { SettingsStore } from '../../main/state/settings-store'

/**
 * The browser e2e's running app: the built renderer served over HTTP in Debian's Chromium, the BUILT preload and the
 * real IPC handlers behind it (through the electron stand-in, which the test file mocks `electron` with). Each suite
 * gets its own work folder, container name and trust root. The caller must `vi.mock('electron', ...)` itself.
 */
export const ROOT = resolve(__dirname, '../..')
const CHROMIUM = '/usr/bin/chromium'

export interface Wizard {
  page: Page
  /** The work folder: `Registry Wizard/` (CA, certificates), `data/` (settings), `trust-root/`. */
  work: string
  /** Every IPC response the page received. */
  seen: unknown[]
  /** Every line the handlers logged. */
  logLines: string[]
  close: () => Promise<void>
}

const interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = {
  eth0: [
    {
      address: '192.168.20.10',
      family: 'IPv4',
      internal: false,
      netmask: '255.255.255.0',
      mac: '02:00:00:00:00:01',
      cidr: null,
    },
    {
      address: 'fd00::10',
      family: 'IPv6',
      internal: false,
      netmask: 'ffff:ffff:ffff:ffff::',
      mac: '02:00:00:00:00:01',
      cidr: null,
      scopeid: 0,
    },
  ],
  lo: [
    {
      address: '127.0.0.1',
      family: 'IPv4',
      internal: true,
      netmask: '255.0.0.0',
      mac: '00:00:00:00:00:00',
      cidr: null,
    },
  ],
}

function checkBuilt(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`)
  if (!existsSync(join(ROOT, 'out/renderer/index.html')))
    throw new Error('out/renderer is missing: run `npx electron-vite build` first')
}

/** A work folder whose trust root looks like this Debian machine (trust changes never go into the real /etc). */
function makeWork(): string {
  const work = mkdtempSync(join(tmpdir(), 'rw-e2e-'))
  mkdirSync(join(work, 'trust-root/etc'), { recursive: true })
  copyFileSync('/etc/os-release', join(work, 'trust-root/etc/os-release'))
  return work
}

function register(
  work: string,
  containerName: string,
  origin: string,
  logLines: string[],
  dialogs: Dialogs | undefined,
): () => void {
  const jobs = new JobRegistry()
  const log = (...a: unknown[]): void => void logLines.push(a.map(String).join(' '))
  return registerHandlers({
    handlers: buildHandlers({
      version: '0.1.0',
      platform: 'linux',
      locale: 'en-US',
      workDir: join(work, 'Registry Wizard'),
      settings: new SettingsStore(join(work, 'data')),
      dialogs: dialogs ?? {
        chooseFolder: () => Promise.resolve(null),
        chooseFile: () => Promise.resolve(null),
      },
      jobs,
      trustRoot: join(work, 'trust-root'),
      containerName,
      hostname: () => 'registry-host',
      networkInterfaces: () => interfaces,
    }),
    jobs,
    isTrustedSender: (url) => url.startsWith(`${origin}/`),
    log: { info: log, warn: log, error: log },
  })
}

async function openPage(browser: Browser, origin: string, seen: unknown[]): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1240, height: 820 },
    locale: 'en-US',
    deviceScaleFactor: 1,
  })
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text())
  })
  await bridgeApiIntoPage(page, loadBuiltPreload(), seen)
  await page.goto(`${origin}/index.html`)
  await page.locator('main[data-ready="yes"]').waitFor()
  expect(pageErrors.join('\n')).toBe('')
  return page
}

/**
 * Starts the app for one suite; `close()` undoes everything but the container (the suite removes its own).
 * `dialogs` answers main's open dialogs (default: every dialog cancelled).
 */
export async function startWizard(
  containerName: string,
  options: { dialogs?: Dialogs } = {},
): Promise<Wizard> {
  checkBuilt()
  const work = makeWork()
  electron.reset()
  const seen: unknown[] = []
  const logLines: string[] = []
  const server = await serveDir(join(ROOT, 'out/renderer'))
  const unregister = register(work, containerName, server.origin, logLines, options.dialogs)
  let browser: Browser | undefined
  const close = async (): Promise<void> => {
    await browser?.close()
    await server.close()
    unregister()
    rmSync(work, { recursive: true, force: true })
  }
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    const page = await openPage(browser, server.origin, seen)
    return { page, work, seen, logLines, close }
  } catch (e) {
    // A start that failed (no Chromium, a page error) leaves no work folder, server or handlers behind.
    await close()
    throw e
  }
}
