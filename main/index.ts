import { dirname, join } from 'node:path'
import { app, BrowserWindow, session } from 'electron'
import { electronDialogs } from './app/dialogs'
import { createElevatedRunner } from './app/elevated-runner'
import { setupLogging } from './app/logging'
import { installAppMenu } from './app/menu'
import { trustedSenderCheck } from './app/trusted-sender'
import { createMainWindow } from './app/window'
import { buildHandlers } from './ipc/handlers/index'
import { EngineCache } from './ipc/engine-cache'
import { JobRegistry } from './ipc/jobs'
import { registerHandlers } from './ipc/register-handlers'
import { SettingsStore } from './state/settings-store'

// Electron glue only: window, security policy, IPC registration. Domain code lives in main/pki, main/docker, ...
// and never imports electron, so the CLI and the tests run it under plain Node.

const outDir = join(__dirname, '..')
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const log = setupLogging()
  let mainWindow: BrowserWindow | undefined
  const isOwnUrl = trustedSenderCheck(join(outDir, 'renderer/index.html'), devServerUrl)

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    session.defaultSession.setPermissionCheckHandler(() => false)
    const dataDir = app.getPath('userData')
    const jobs = new JobRegistry()
    const engines = new EngineCache()
    // The ssh:// engine's SSH connection (if any) ends with the app.
    app.on('will-quit', () => engines.closeAll())
    registerHandlers({
      handlers: buildHandlers({
        version: app.getVersion(),
        platform: process.platform,
        locale: app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
        workDir: join(app.getPath('documents'), 'Registry Wizard'),
        settings: new SettingsStore(dataDir),
        dialogs: electronDialogs(() => mainWindow),
        jobs,
        elevate: createElevatedRunner(),
        engines,
      }),
      jobs,
      isTrustedSender: isOwnUrl,
      log,
    })
    installAppMenu(() => mainWindow, dirname(log.transports.file.getFile().path))
    mainWindow = createMainWindow({ outDir, devServerUrl, isOwnUrl })
    mainWindow.on('closed', () => (mainWindow = undefined))
    log.info(`Registry Wizard ${app.getVersion()} started`)
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0)
        mainWindow = createMainWindow({ outDir, devServerUrl, isOwnUrl })
    })
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
