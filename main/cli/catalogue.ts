// main/messages/index.ts as the built CLI sees it (vite.cli.config.ts resolves every import of index.ts here): the
// same runtime API, over the catalogues the build wrote as JSON beside the bin (messages/en.json, messages/zh-CN.json,
// without the GUI's namespaces). English is read at start (the fallback, and the language of Error.message); the
// other language only when a command runs in it. JSON.parse of one file is far cheaper than evaluating and
// assembling both catalogues' modules at every start.
import { readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { translatorOver, type Lang, type Translator } from '../messages/core'
import type { Catalogue } from '../messages/index'

export * from '../messages/core'
export type { Catalogue, ErrorCode, ErrorParamName } from '../messages/index'

const loaded: Partial<Record<Lang, Record<string, object>>> = {}

// The bin's folder: this module is in a chunk (out/cli/chunks/) or in the entry itself (out/cli/).
const BIN_DIR = basename(__dirname) === 'chunks' ? dirname(__dirname) : __dirname

function catalogueOf(lang: Lang): Record<string, object> {
  // out/cli/messages/LANG.json
  loaded[lang] ??= JSON.parse(readFileSync(join(BIN_DIR, 'messages', `${lang}.json`), 'utf8')) as Record<
    string,
    object
  >
  return loaded[lang]
}

/** The English catalogue (what diagnostics read `explain` from); the GUI's namespaces are not in it. */
export const en = catalogueOf('en') as unknown as Catalogue

export function createTranslator(lang: Lang): Translator {
  const resources: Record<string, Record<string, object>> = { en: catalogueOf('en') }
  if (lang !== 'en') resources[lang] = catalogueOf(lang)
  return translatorOver(lang, resources)
}

let english: Translator | undefined
export function englishTranslator(): Translator {
  english ??= createTranslator('en')
  return english
}
