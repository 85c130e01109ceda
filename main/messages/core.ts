// The catalogue-independent half of main/messages: languages, the Translator over any i18next instance, message
// values and error texts. index.ts adds the two catalogues (what the app and the tests use); the CLI's build swaps
// index.ts for main/cli/catalogue.ts, which reads only the run's language from JSON (vite.cli.config.ts), so a
// command does not parse and assemble both catalogues at every start.
import i18next from 'i18next'
import type { i18n } from 'i18next'
import type { Message, Param, Params } from './types'

export type { Message, Param, Params, Texts } from './types'

export type Lang = 'en' | 'zh-CN'
export const LANGS: readonly Lang[] = ['en', 'zh-CN']

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

/** A translator over its own i18next instance holding `resources` (synchronous: they are inline). */
export function translatorOver(lang: Lang, resources: Record<string, Record<string, object>>): Translator {
  const instance = i18next.createInstance()
  void instance.init({ ...I18N_OPTIONS, resources, lng: lang, initAsync: false })
  return new Translator(lang, instance)
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
