import { app, dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { author, license, version } from '../../package.json'
import { ipcEvent, type Events, type MenuAction } from '../ipc/contract'
import { createTranslator, type Lang, type Translator } from '../messages/index'

/** The Distribution (registry:2) documentation, offered by Help > About. */

export interface AppMenuOptions {
  getWindow: () => BrowserWindow | undefined
  logDir: string
  /** Default: the running OS (the menu differs on macOS). */
  platform?: NodeJS.Platform | undefined
}

/** What the menu items do: wizard actions go to the window as `menu:action` events, the rest stays in main. */
export interface MenuActions {
  send: (action: MenuAction) => void
  openLogs: () => void
  about: () => void
}

export interface MenuShape {
  isMac: boolean
  /** Packaged builds have no developer tools item. */
  isPackaged: boolean
}

/** The installed menu: `setLanguage` rebuilds it in the app's language (the renderer's setLanguage calls it). */
export interface AppMenu {
  readonly lang: Lang
  setLanguage: (lang: Lang) => void
}

/** Installs the app menu in `lang`, every label from the catalogue's `menu` namespace. */
export function installAppMenu(options: AppMenuOptions, lang: Lang): AppMenu {
  const shape: MenuShape = {
    isMac: (options.platform ?? process.platform) === 'darwin',
    isPackaged: app.isPackaged,
  }
  const state = { lang }
  const build = (): void => {
    const tr = createTranslator(state.lang)
    const actions: MenuActions = {
      send: (action) => {
        const payload: Events['menu:action'] = { action }
        options.getWindow()?.webContents.send(ipcEvent('menu:action'), payload)
      },
      openLogs: () => void shell.openPath(options.logDir),
      about: () => void showAbout(tr, options),
    }
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(tr, actions, shape)))
  }
  build()
  return {
    get lang() {
      return state.lang
    },
    setLanguage: (next) => {
      if (next === state.lang) return
      state.lang = next
      build()
    },
  }
}

/** The menu bar as a plain template (what a test walks): File, Edit, View, Help, and on macOS the app menu first. */
export function menuTemplate(
  tr: Translator,
  actions: MenuActions,
  shape: MenuShape,
): MenuItemConstructorOptions[] {
  const appName = tr.text('gui.app.name')
  return [
    ...(shape.isMac ? [macAppMenu(tr, actions, appName)] : []),
    fileMenu(tr, actions, shape),
    editMenu(tr),
    viewMenu(tr, actions, shape),
    {
      label: tr.text('menu.help.label'),
      submenu: [
        { label: tr.text('menu.help.openLogs'), click: actions.openLogs },
        { label: tr.text('menu.help.about', { appName }), click: actions.about },
      ],
    },
  ]
}

function macAppMenu(tr: Translator, actions: MenuActions, appName: string): MenuItemConstructorOptions {
  return {
    label: tr.text('menu.app.label', { appName }),
    submenu: [
      { label: tr.text('menu.app.about', { appName }), click: actions.about },
      { type: 'separator' },
      { role: 'services', label: tr.text('menu.app.services') },
      { type: 'separator' },
      { role: 'hide', label: tr.text('menu.app.hide', { appName }) },
      { role: 'hideOthers', label: tr.text('menu.app.hideOthers') },
      { role: 'unhide', label: tr.text('menu.app.unhide') },
      { type: 'separator' },
      { role: 'quit', label: tr.text('menu.app.quit', { appName }) },
    ],
  }
}

function fileMenu(tr: Translator, actions: MenuActions, shape: MenuShape): MenuItemConstructorOptions {
  return {
    label: tr.text('menu.file.label'),
    submenu: [
      { label: tr.text('menu.file.home'), accelerator: 'CmdOrCtrl+H', click: () => actions.send('home') },
      { type: 'separator' },
      {
        label: tr.text('menu.plan.open'),
        accelerator: 'CmdOrCtrl+O',
        click: () => actions.send('open-plan'),
      },
      {
        label: tr.text('menu.plan.save'),
        accelerator: 'CmdOrCtrl+S',
        click: () => actions.send('save-plan'),
      },
      { type: 'separator' },
      shape.isMac
        ? { role: 'close', label: tr.text('menu.file.close') }
        : { role: 'quit', label: tr.text('menu.file.quit') },
    ],
  }
}

function editMenu(tr: Translator): MenuItemConstructorOptions {
  return {
    label: tr.text('menu.edit.label'),
    submenu: [
      { role: 'undo', label: tr.text('menu.edit.undo') },
      { role: 'redo', label: tr.text('menu.edit.redo') },
      { type: 'separator' },
      { role: 'cut', label: tr.text('menu.edit.cut') },
      { role: 'copy', label: tr.text('menu.edit.copy') },
      { role: 'paste', label: tr.text('menu.edit.paste') },
      { role: 'selectAll', label: tr.text('menu.edit.selectAll') },
    ],
  }
}

function viewMenu(tr: Translator, actions: MenuActions, shape: MenuShape): MenuItemConstructorOptions {
  return {
    label: tr.text('menu.view.label'),
    submenu: [
      { label: tr.text('menu.view.english'), click: () => actions.send('language-en') },
      { label: tr.text('menu.view.chinese'), click: () => actions.send('language-zh-CN') },
      { type: 'separator' },
      { role: 'resetZoom', label: tr.text('menu.view.resetZoom') },
      { role: 'zoomIn', label: tr.text('menu.view.zoomIn') },
      { role: 'zoomOut', label: tr.text('menu.view.zoomOut') },
      ...(shape.isPackaged
        ? []
        : [{ role: 'toggleDevTools' as const, label: tr.text('menu.view.devTools') }]),
    ],
  }
}

/** Help > About: name, version (package.json), runtime versions, licence; a button opens the log folder. */
export async function showAbout(tr: Translator, options: AppMenuOptions): Promise<void> {
  const appName = tr.text('gui.app.name')
  // Electron's types say these are always there; under plain Node (tests) they are not.
  const versions = process.versions as Partial<Record<'electron' | 'chrome', string>> & { node: string }
  const box = {
    type: 'info' as const,
    title: tr.text('menu.about.title', { appName }),
    message: tr.text('menu.about.heading', { appName, version }),
    detail: [
      tr.text('menu.about.description'),
      tr.text('menu.about.versions', {
        electron: versions.electron ?? '-',
        chrome: versions.chrome ?? '-',
        node: versions.node,
      }),
      tr.text('menu.about.license', { author, license }),
    ].join('\n\n'),
    buttons: [tr.text('menu.about.ok'), tr.text('menu.about.openLogs')],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  }
  const win = options.getWindow()
  const { response } = win ? await dialog.showMessageBox(win, box) : await dialog.showMessageBox(box)
  if (response === 1) await shell.openPath(options.logDir)
}
