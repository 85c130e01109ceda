import { app, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { ipcEvent, type Events, type MenuAction } from '../ipc/contract'

/** Installs the app menu; wizard actions are sent to the window as `menu:action` events. */
export function installAppMenu(getWindow: () => BrowserWindow | undefined, logDir: string): void {
  const send = (action: MenuAction) => () => {
    const payload: Events['menu:action'] = { action }
    getWindow()?.webContents.send(ipcEvent('menu:action'), payload)
  }
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Home', accelerator: 'CmdOrCtrl+H', click: send('home') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'English', click: send('language-en') },
        { label: '简体中文', click: send('language-zh-CN') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: 'Help',
      submenu: [
        { label: 'Open log folder', click: () => void shell.openPath(logDir) },
        { label: 'About Registry Wizard', click: send('about') },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
