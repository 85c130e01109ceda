import { dialog, type BrowserWindow } from 'electron'
import type { PlanDialogs } from '../ipc/handlers/plan-handlers'
import { createTranslator, type Lang } from '../messages/index'

/** File > Open Plan / Save Plan's native dialogs, in the app's language, attached to the window. */
export function electronPlanDialogs(parent: () => BrowserWindow | undefined, lang: () => Lang): PlanDialogs {
  const texts = (): { title: (k: string) => string; filters: { name: string; extensions: string[] }[] } => {
    const tr = createTranslator(lang())
    return {
      title: (k) => tr.text(`gui.planFile.${k}`),
      filters: [{ name: tr.text('gui.planFile.filterName'), extensions: ['yaml', 'yml'] }],
    }
  }
  return {
    openPlan: async () => {
      const t = texts()
      const options = { title: t.title('openTitle'), filters: t.filters, properties: ['openFile' as const] }
      const win = parent()
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return r.canceled ? null : (r.filePaths[0] ?? null)
    },
    savePlan: async (defaultName) => {
      const t = texts()
      const options = { title: t.title('saveTitle'), filters: t.filters, defaultPath: defaultName }
      const win = parent()
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return r.canceled || r.filePath === '' ? null : r.filePath
    },
  }
}
