import { dirname, join } from 'node:path'
import { app, BrowserWindow, session } from 'electron'
import { electronDialogs } from './app/dialogs'
import { createElevatedRunner } from './app/elevated-runner'
import { setupLogging, type AppLog } from './app/logging'
import { installAppMenu } from './app/menu'
import { electronPlanDialogs } from './app/plan-dialogs'
import { trustedSenderCheck } from './app/trusted-sender'
import { createMainWindow } from './app/window'
import { buildHandlers } from './ipc/handlers/index'
import { EngineCache } from './ipc/engine-cache'
import { JobRegistry } from './ipc/jobs'
import { registerHandlers } from './ipc/register-handlers'
import { pickLang } from './messages/index'
import { KeyPregen } from './pki/pregen'
import { SettingsStore } from './state/settings-store'

// Electron glue only: window, security policy, menu, IPC registration. Domain code lives in main/pki, main/docker,
// ... and never imports electron, so the CLI and the tests run it under plain Node.

const outDir = join(__dirname, '..')
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']

interface AppShell {
  log: AppLog
  isOwnUrl: (url: string) => boolean
  window: BrowserWindow | undefined
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const main: AppShell = {
    log: setupLogging(),
    isOwnUrl: trustedSenderCheck(join(outDir, 'renderer/index.html'), devServerUrl),
    window: undefined,
  }
  lockDownApp(main)
  void app.whenReady().then(() => onReady(main))
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}

/** One instance, no webviews, no new windows, no permissions granted to web content. */
function lockDownApp(main: AppShell): void {
  app.on('second-instance', () => {
    if (!main.window) return
    if (main.window.isMinimized()) main.window.restore()
    main.window.focus()
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}

function onReady(main: AppShell): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  const locale = app.getPreferredSystemLanguages()[0] ?? app.getLocale()
  const settings = new SettingsStore(app.getPath('userData'))
  // The menu speaks the app's language: the saved one, else the OS's (as the renderer picks it), then each switch.
  const menu = installAppMenu(
    { getWindow: () => main.window, logDir: dirname(main.log.transports.file.getFile().path) },
    pickLang(locale),
  )
  void settings.read().then((s) => s.language && menu.setLanguage(s.language))
  const jobs = new JobRegistry()
  const engines = new EngineCache()
  // The ssh:// engine's SSH connection (if any) ends with the app; so does an unused pre-generated key.
  app.on('will-quit', () => engines.closeAll())
  const keyPregen = new KeyPregen()
  app.on('will-quit', () => keyPregen.discard())
  registerHandlers({
    handlers: buildHandlers({
      version: app.getVersion(),
      platform: process.platform,
      locale,
      workDir: join(app.getPath('documents'), 'Registry Wizard'),
      settings,
      dialogs: electronDialogs(() => main.window),
      planDialogs: electronPlanDialogs(
        () => main.window,
        () => menu.lang,
      ),
      jobs,
      keyPregen,
      elevate: createElevatedRunner(),
      engines,
      onLanguageChange: (language) => menu.setLanguage(language),
    }),
    jobs,
    isTrustedSender: main.isOwnUrl,
    log: main.log,
  })
  openWindow(main)
  main.log.info(`Registry Wizard ${app.getVersion()} started`)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(main)
  })
}

function openWindow(main: AppShell): void {
  const window = createMainWindow({ outDir, devServerUrl, isOwnUrl: main.isOwnUrl })
  window.on('closed', () => {
    if (main.window === window) main.window = undefined
  })
  main.window = window
}
