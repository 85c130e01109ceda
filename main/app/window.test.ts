import { describe, expect, it, vi } from 'vitest'
import { WINDOW_WEB_PREFERENCES } from './window'

vi.mock('electron', () => import('../../tests/support/electron-stand-in/index'))

describe('app window web preferences', () => {
  it('are isolated, sandboxed, without Node, webviews or insecure content', () => {
    expect(WINDOW_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })
})
