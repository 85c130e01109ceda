/**
 * The shapes of the message catalogue. Texts are i18next templates: `{{name}}` is filled with a parameter. A
 * parameter is a string or number as it is, another message (rendered in the same language) or a list of them
 * (joined with the language's separator). Plain data: messages cross IPC and JSON as `{key, params}`.
 */

type PluralOne<K> = K extends `${string}_one` ? K : never
/**
 * The same keys as `T`, every text a string: what the zh-CN catalogue must satisfy for the English one. A plural's
 * `_one` form is optional (Chinese has only `_other`).
 */
export type Texts<T> = {
  readonly [K in Exclude<keyof T, PluralOne<keyof T>>]: T[K] extends string ? string : Texts<T[K]>
} & { readonly [K in PluralOne<keyof T>]?: string }

/** A parameter value. */
export type Param = string | number | Message | readonly Param[]
export type Params = Readonly<Record<string, Param>>

/** A text to show in the user's language: a catalogue key (`error.CA_EXISTS.message`, `verify.tcp.ok`) and params. */
export interface Message {
  readonly key: string
  readonly params?: Params | undefined
}

/** The `{{name}}` placeholders of a template, as a union of names. */
export type Holes<S> = S extends `${string}{{${infer K}}}${infer Rest}` ? K | Holes<Rest> : never

/** All string leaves of a catalogue object, as dotted keys. */
export type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>
}[keyof T & string]
