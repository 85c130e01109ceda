import { join } from 'node:path'
import { BrowserWindow, shell, type WebContents } from 'electron'

/** The security settings of the app window, in one place (the Electron e2e test checks them on the real window). */
export const WINDOW_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const

/** Locks a webContents down: no navigation away, no new windows (https links open in the browser), no webviews. */
export function lockDown(contents: WebContents, isOwnUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

export interface WindowOptions {
  outDir: string
  devServerUrl: string | undefined
  isOwnUrl: (url: string) => boolean
}

export function createMainWindow({ outDir, devServerUrl, isOwnUrl }: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1160,
    height: 800,
    minWidth: 880,
    minHeight: 600,
    show: false,
    title: 'Registry Wizard',
    backgroundColor: '#f6f7f9',
    webPreferences: { preload: join(outDir, 'preload/index.cjs'), ...WINDOW_WEB_PREFERENCES },
  })
  lockDown(win.webContents, isOwnUrl)
  win.once('ready-to-show', () => win.show())
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadFile(join(outDir, 'renderer/index.html'))
  return win
}
