import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from '../../tests/support/electron-stand-in/index'
import { createMainWindow } from './window'

vi.mock('electron', () => import('../../tests/support/electron-stand-in/index'))

const own = (url: string): boolean => url.startsWith('file:///app/renderer/')

describe('the app window', () => {
  const win = createMainWindow({
    outDir: '/app',
    devServerUrl: undefined,
    isOwnUrl: own,
  }) as unknown as BrowserWindow

  it('is isolated, sandboxed, without Node, webviews, insecure content or middle-click (auxclick)', () => {
    expect(win.options['webPreferences']).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    })
    expect(win.loaded).toBe('/app/renderer/index.html')
  })

  it('denies every new window (no URL is opened, not even https) and navigation away from the app', () => {
    expect(win.windowOpenHandler?.({ url: 'https://docs.docker.com/' })).toEqual({ action: 'deny' })
    expect(win.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(win.fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(win.fire('will-redirect', 'http://127.0.0.1:1/')).toBe(true)
    expect(win.fire('will-navigate', 'file:///app/renderer/index.html')).toBe(false)
    expect(win.fire('will-attach-webview')).toBe(true)
  })
})
