import { en, type MessageId } from './en'
import { zhCN } from './zh-cn'

export type { MessageId } from './en'
export type MessageLang = 'en' | 'zhCN'

/** A parameter: as it is (a number, a host, a path, a raw error text), a message, or a list of them. */
export type ParamValue = string | number | VerifyMessage | readonly ParamValue[]

/** A text to show in either language: a template id and its parameters. Plain data (JSON, IPC). */
export interface VerifyMessage {
  readonly id: MessageId
  readonly params?: Readonly<Record<string, ParamValue>> | undefined
}

export const TEMPLATES: Readonly<Record<MessageLang, Readonly<Record<MessageId, string>>>> = { en, zhCN }
const LIST_SEPARATOR: Record<MessageLang, string> = { en: ', ', zhCN: '、' }

/** The `{name}` placeholders of a template, as a type. */
type Holes<S extends string> = S extends `${string}{${infer K}}${infer Rest}` ? K | Holes<Rest> : never
/** The parameters of a message: the placeholders of its English and its Chinese template. */
export type MessageParams<K extends MessageId> = Record<
  Holes<(typeof en)[K]> | Holes<(typeof zhCN)[K]>,
  ParamValue
>
type ParamsArg<K extends MessageId> = [Holes<(typeof en)[K]> | Holes<(typeof zhCN)[K]>] extends [never]
  ? []
  : [MessageParams<K>]

/** A message with its parameters checked against both templates: `msg('tcp.ok', { target, ms })`. */
export function msg<K extends MessageId>(id: K, ...params: ParamsArg<K>): VerifyMessage {
  return params[0] === undefined ? { id } : { id, params: params[0] }
}

function renderValue(value: ParamValue, lang: MessageLang): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value))
    return (value as readonly ParamValue[]).map((v) => renderValue(v, lang)).join(LIST_SEPARATOR[lang])
  return renderMessage(value as VerifyMessage, lang)
}

/** The text of a message in one language; nested messages in the same language, lists joined. Unknown ids throw. */
export function renderMessage(message: VerifyMessage, lang: MessageLang): string {
  const template = TEMPLATES[lang][message.id] as string | undefined
  if (template === undefined) throw new Error(`no ${lang} text for message "${message.id}"`)
  const params = message.params ?? {}
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (hole, name: string) => {
    const value = params[name]
    return value === undefined ? hole : renderValue(value, lang)
  })
}

/** Both languages at once. */
export function renderBoth(message: VerifyMessage): { en: string; zhCN: string } {
  return { en: renderMessage(message, 'en'), zhCN: renderMessage(message, 'zhCN') }
}

/** The placeholder names of a template (for tests and tools). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] ?? ''))]
}
