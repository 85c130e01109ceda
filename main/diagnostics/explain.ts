import { ERROR_TABLE } from './error-table'
import type { ErrorEntry, ErrorExplanation, ErrorText, ExplainContext } from './types'

/** Anything an error arrives as: a message, an error code, a Node / dockerode error, an AppError. */
export type ErrorInput =
  string | { code?: unknown; message?: unknown; cause?: unknown; json?: unknown } | null | undefined

function fill(text: ErrorText, ctx: ExplainContext): ErrorText {
  const sub = (s: string): string =>
    s
      .replace(/\{registry\}/g, ctx.registry ?? 'HOST:PORT')
      .replace(/\{host\}/g, ctx.host ?? ctx.registry?.replace(/:\d+$/, '') ?? 'HOST')
      .replace(
        /\{port\}/g,
        ctx.port === undefined ? (/:(\d+)$/.exec(ctx.registry ?? '')?.[1] ?? 'PORT') : String(ctx.port),
      )
  return { title: sub(text.title), explanation: sub(text.explanation), fix: sub(text.fix) }
}

/** Our exact codes first, then message patterns (more specific than Node codes: one Node code covers several Go
 * failures), then the Node code. */
function entryFor(code: string | undefined, texts: string[]): ErrorEntry | undefined {
  // Our own error codes are exact (ENGINE_UNREACHABLE says which connection failed); they win over patterns.
  const own = code === undefined ? undefined : ERROR_TABLE.find((e) => e.code === code)
  if (own) return own
  for (const entry of ERROR_TABLE) {
    if (texts.some((t) => entry.patterns.some((p) => p.test(t)))) return entry
  }
  if (code !== undefined && code !== '') {
    const byCode = ERROR_TABLE.find((e) => e.codes.includes(code) || e.code === code)
    if (byCode) return byCode
  }
  // A bare string may itself be a code ("ECONNREFUSED").
  for (const t of texts) {
    const byCode = ERROR_TABLE.find((e) => e.codes.includes(t.trim()) || e.code === t.trim())
    if (byCode) return byCode
  }
  return undefined
}

/** The message texts of an error and of its causes (dockerode puts the engine's words in `json.message`). */
function textsOf(input: ErrorInput, depth = 0): { code: string | undefined; texts: string[] } {
  if (input === null || input === undefined) return { code: undefined, texts: [] }
  if (typeof input === 'string') return { code: undefined, texts: [input] }
  const texts: string[] = []
  if (typeof input.message === 'string') texts.push(input.message)
  const json = input.json
  if (typeof json === 'object' && json !== null && 'message' in json && typeof json.message === 'string')
    texts.push(json.message)
  const code = typeof input.code === 'string' ? input.code : undefined
  if (depth < 3 && typeof input.cause === 'object' && input.cause !== null) {
    const inner = textsOf(input.cause, depth + 1)
    texts.push(...inner.texts)
    return { code: code ?? inner.code, texts }
  }
  return { code, texts }
}

/**
 * Explains a failure in plain words with a fix naming the step to redo, in English and Simplified Chinese.
 *
 *   explainError('x509: certificate signed by unknown authority', { registry: '192.168.20.10:5000' })
 *   explainError('ECONNREFUSED')
 *   explainError(err)            // a Node / dockerode error: its message (and causes') first, then its code
 *
 * Returns undefined when the failure is not a known one (show the raw message then). Pure: no I/O.
 */
export function explainError(input: ErrorInput, ctx: ExplainContext = {}): ErrorExplanation | undefined {
  const { code, texts } = textsOf(input)
  const entry = entryFor(code, texts)
  if (entry === undefined) return undefined
  return { code: entry.code, step: entry.step, en: fill(entry.en, ctx), zhCN: fill(entry.zhCN, ctx) }
}

/** Every code the table knows, for tests and for the renderer's translation check. */
export function knownErrorCodes(): string[] {
  return ERROR_TABLE.map((e) => e.code)
}
