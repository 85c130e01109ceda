import { dialog, type BrowserWindow } from 'electron'
import type { Dialogs } from '../ipc/handlers/app-handlers'

/** Native open dialogs, attached to the app window. */
export function electronDialogs(parent: () => BrowserWindow | undefined): Dialogs {
  return {
    chooseFolder: async ({ title, defaultPath }) => {
      const win = parent()
      const options = {
        title,
        defaultPath,
        properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
      }
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return r.canceled ? null : (r.filePaths[0] ?? null)
    },
    chooseFile: async ({ title, extensions }) => {
      const win = parent()
      const filters = extensions?.length ? [{ name: extensions.join(', '), extensions }] : []
      const options = { title, filters, properties: ['openFile'] as 'openFile'[] }
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return r.canceled ? null : (r.filePaths[0] ?? null)
    },
  }
}
