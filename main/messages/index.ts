/**
 * One message catalogue per language (en, zh-CN), read through i18next by the CLI (createTranslator) and by the
 * renderer (i18nResources + its react-i18next instance). The domain never renders text for the user: it raises
 * error codes with parameters and reports progress as message keys; the front ends render them here.
 */
import i18next, { type i18n } from 'i18next'
import { en } from './en/index'
import { zhCN } from './zh-CN/index'
import type { Holes, Message, Param, Params } from './types'

export type { Message, Param, Params, Texts } from './types'
export { en } from './en/index'
export { zhCN } from './zh-CN/index'

export type Lang = 'en' | 'zh-CN'
export const LANGS: readonly Lang[] = ['en', 'zh-CN']
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

const LIST_SEPARATOR: Record<Lang, string> = { en: ', ', 'zh-CN': '、' }

/** zh-* (zh, zh_CN.UTF-8, zh-Hans, zh-TW...) -> simplified Chinese; anything else -> English. */
export function pickLang(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

/** The language a POSIX locale environment asks for (LC_ALL, then LC_MESSAGES, then LANG). */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '')
  return pickLang(locale)
}

/** The catalogues as i18next resources: a namespace per top-level key; `gui` is also the default `translation`. */
export function i18nResources(): Record<Lang, Record<string, object>> {
  const of = (c: Catalogue | typeof zhCN): Record<string, object> => ({ ...c, translation: c.gui })
  return { en: of(en), 'zh-CN': of(zhCN) }
}

export const I18N_OPTIONS = {
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
  // Keys are dotted paths; `ns:key` is not used (codes and hosts may contain colons).
  nsSeparator: false,
} as const

/** A key's namespace and the rest: `error.CA_EXISTS.message` -> ['error', 'CA_EXISTS.message']. */
function splitKey(key: string): [string, string] {
  const dot = key.indexOf('.')
  return dot < 0 ? ['translation', key] : [key.slice(0, dot), key.slice(dot + 1)]
}

/** The i18next `t` the renderers use (react-i18next's or ours). */
export type TFn = (key: string, options?: Record<string, unknown>) => string
export type ExistsFn = (key: string, options?: Record<string, unknown>) => boolean

/** One language's renderer of messages, over any i18next instance that holds i18nResources(). */
export class Translator {
  constructor(
    readonly lang: Lang,
    private readonly i18n: Pick<i18n, 't' | 'exists'>,
  ) {}

  /** Is there a text for this catalogue key (`error.X.hint`) in this language (or the English fallback)? */
  has(key: string): boolean {
    const [ns, rest] = splitKey(key)
    return this.i18n.exists(rest, { ns, lng: this.lang })
  }

  /** A catalogue key's text with its parameters (nested messages rendered, lists joined). */
  text(key: string, params: Params = {}): string {
    const [ns, rest] = splitKey(key)
    const rendered: Record<string, string> = {}
    for (const [name, value] of Object.entries(params)) rendered[name] = this.param(value)
    return this.i18n.t(rest, { ...rendered, ns, lng: this.lang, interpolation: { escapeValue: false } })
  }

  /** A message's text. */
  render(message: Message): string {
    return this.text(message.key, message.params)
  }

  param(value: Param): string {
    if (typeof value === 'string') return value
    if (typeof value === 'number') return String(value)
    if (Array.isArray(value))
      return (value as readonly Param[]).map((v) => this.param(v)).join(LIST_SEPARATOR[this.lang])
    return this.render(value as Message)
  }
}

/** A translator on its own i18next instance (the CLI, main-side logs, tests). Synchronous: resources are inline. */
export function createTranslator(lang: Lang): Translator {
  const instance = i18next.createInstance()
  void instance.init({ ...I18N_OPTIONS, resources: i18nResources(), lng: lang, initAsync: false })
  return new Translator(lang, instance)
}

let english: Translator | undefined
/** The English translator (Error.message of AppErrors, logs). */
export function englishTranslator(): Translator {
  english ??= createTranslator('en')
  return english
}

/** A message value: `message('verify.tcp.ok', { target, ms })`. */
export function message(key: string, params?: Params): Message {
  return params === undefined ? { key } : { key, params }
}

/** What a front end needs to show an error: its code, parameters and field (ErrorInfo, AppError). */
export interface CodedError {
  code: string
  params?: Params | undefined
  field?: string | undefined
  /** The English text, for errors whose code has no catalogue entry (raw failures from outside). */
  message?: string | undefined
  hint?: string | undefined
}

export type FrontEnd = 'cli' | 'gui'

/**
 * An error's message and hint in the translator's language, for one front end: `field` is shown as that front end
 * names it (`--ca-dir` in the CLI, the control's label in the GUI), and a front end's own hint (`cliHint.CODE`,
 * `guiHint.CODE`) wins over the neutral `error.CODE.hint`.
 */
export function errorTexts(
  tr: Translator,
  err: CodedError,
  frontEnd: FrontEnd,
  fieldName: (field: string) => string = (f) => f,
): { message: string; hint: string | undefined } {
  const base = `error.${err.code}`
  if (!tr.has(`${base}.message`)) return { message: err.message ?? err.code, hint: err.hint }
  const params: Params = {
    ...(err.field === undefined ? {} : { field: fieldName(err.field) }),
    ...err.params,
  }
  const own = `${frontEnd}Hint.${err.code}`
  const hintKey = tr.has(own) ? own : tr.has(`${base}.hint`) ? `${base}.hint` : undefined
  return { message: tr.text(`${base}.message`, params), hint: hintKey && tr.text(hintKey, params) }
}
