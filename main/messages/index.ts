/**
 * One message catalogue per language (en, zh-CN), read through i18next by the CLI (createTranslator) and by the
 * renderer (i18nResources + its react-i18next instance). The domain never renders text for the user: it raises
 * error codes with parameters and reports progress as message keys; the front ends render them here.
 */
import { en } from './en/index'
import { zhCN } from './zh-CN/index'
import type { Holes } from './types'
import { translatorOver, type Lang, type Translator } from './core'

export * from './core'
export { en } from './en/index'
export { zhCN } from './zh-CN/index'

export type Catalogue = typeof en
export const CATALOGUES: Readonly<Record<Lang, Catalogue | typeof zhCN>> = { en, 'zh-CN': zhCN }

/** Every error code the domain may raise: the keys of the catalogue's `error` namespace. */
export type ErrorCode = keyof Catalogue['error']
type TextsOf<T> = T extends string ? T : { [K in keyof T]: TextsOf<T[K]> }[keyof T]
/** The parameter names an error code's texts use, in either language (`field` is filled by the front end). */
export type ErrorParamName<C extends ErrorCode> = Exclude<
  Holes<TextsOf<Catalogue['error'][C]>> | Holes<TextsOf<(typeof zhCN)['error'][C]>>,
  'field'
>

/** The catalogues as i18next resources: a namespace per top-level key; `gui` is also the default `translation`. */
export function i18nResources(): Record<Lang, Record<string, object>> {
  const of = (c: Catalogue | typeof zhCN): Record<string, object> => ({ ...c, translation: c.gui })
  return { en: of(en), 'zh-CN': of(zhCN) }
}

/** A translator on its own i18next instance (the CLI, main-side logs, tests). Synchronous: resources are inline. */
export function createTranslator(lang: Lang): Translator {
  return translatorOver(lang, i18nResources())
}

let english: Translator | undefined
/** The English translator (Error.message of AppErrors, logs). */
export function englishTranslator(): Translator {
  english ??= createTranslator('en')
  return english
}
