// What the CLI's build writes as messages/LANG.json (vite.cli.config.ts loads this module at build time; the bin's
// main/cli/catalogue.ts reads the JSON): each catalogue without the namespaces only the app's window and menu use.
import { en } from './en/index'
import { zhCN } from './zh-CN/index'
import type { Lang } from './core'

export const GUI_NAMESPACES = ['gui', 'guiHint', 'menu'] as const

/** A catalogue without the GUI's namespaces. */
export function cliCatalogue(catalogue: object): Record<string, object> {
  const out: Record<string, object> = {}
  for (const [ns, texts] of Object.entries(catalogue))
    if (!(GUI_NAMESPACES as readonly string[]).includes(ns)) out[ns] = texts as object
  return out
}

/** Each language's CLI catalogue as the JSON text the build writes. */
export function cliCatalogueFiles(): Record<Lang, string> {
  return { en: JSON.stringify(cliCatalogue(en)), 'zh-CN': JSON.stringify(cliCatalogue(zhCN)) }
}
