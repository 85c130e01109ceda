import { engineBodyMessage } from '../docker/docker-errors'
import { ERROR_TABLE } from './error-table'
import type { ErrorEntry, Explanation, ExplainCode, ExplainContext, ExplainParams } from './types'

/** Anything an error arrives as: a message, an error code, a Node / dockerode error, an AppError. */
export type ErrorInput =
  string | { code?: unknown; message?: unknown; cause?: unknown; json?: unknown } | null | undefined

/** The texts' parameters: what the caller knows; where it knows nothing, HOST:PORT / HOST / PORT in the language shown. */
export function explainParams(ctx: ExplainContext = {}): ExplainParams {
  const port = ctx.port === undefined ? /:(\d+)$/.exec(ctx.registry ?? '')?.[1] : String(ctx.port)
  const host = ctx.host ?? ctx.registry?.replace(/:\d+$/, '')
  return {
    registry: ctx.registry ?? PLACEHOLDER.registry,
    host: host ?? PLACEHOLDER.host,
    port: port ?? PLACEHOLDER.port,
  }
}

const PLACEHOLDER = {
  registry: { key: 'verify.placeholder.registry' },
  host: { key: 'verify.placeholder.host' },
  port: { key: 'verify.placeholder.port' },
} as const

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
  const engine = engineBodyMessage(input.json)
  if (engine !== undefined) texts.push(engine)
  const code = typeof input.code === 'string' ? input.code : undefined
  if (depth < 3 && typeof input.cause === 'object' && input.cause !== null) {
    const inner = textsOf(input.cause, depth + 1)
    texts.push(...inner.texts)
    return { code: code ?? inner.code, texts }
  }
  return { code, texts }
}

/**
 * Recognises a known failure: its code (the catalogue's `explain.CODE` texts explain it in plain words with a fix),
 * the step its fix names, and the parameters of those texts (main/diagnostics/texts.ts renders them).
 *
 *   explainError('x509: certificate signed by unknown authority', { registry: '192.168.20.10:5000' })
 *   explainError('ECONNREFUSED')
 *   explainError(err)            // a Node / dockerode error: its message (and causes') first, then its code
 *
 * Returns undefined when the failure is not a known one (show the raw message then). Pure: no I/O.
 */
export function explainError(input: ErrorInput, ctx: ExplainContext = {}): Explanation | undefined {
  const { code, texts } = textsOf(input)
  const entry = entryFor(code, texts)
  if (entry === undefined) return undefined
  return { code: entry.code, step: entry.step, params: explainParams(ctx) }
}

/** Every code the table knows, for tests. */
export function knownErrorCodes(): ExplainCode[] {
  return ERROR_TABLE.map((e) => e.code)
}
