/**
 * Redaction for the log file: secrets (passphrases, passwords, private keys) are never written. Applied to every
 * log message by a hook, so even a careless `log.info(request)` cannot leak one.
 */
const SECRET_KEY = /pass(word|phrase)?|secret|token|private|^key$|keypem|credential/i
const PEM_PRIVATE_KEY = /-----BEGIN ((?:ENCRYPTED |RSA |EC )?PRIVATE KEY)-----[\s\S]*?-----END \1-----/g
const INLINE_SECRET = /((?:pass(?:word|phrase)?|secret|token)\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi

export const REDACTED = '[redacted]'

export function redactText(text: string): string {
  return text
    .replace(PEM_PRIVATE_KEY, `-----BEGIN $1----- ${REDACTED}`)
    .replace(INLINE_SECRET, `$1${REDACTED}`)
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value)
  if (value === null || typeof value !== 'object' || depth > 8) return value
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message))
    copy.name = value.name
    if (value.stack) copy.stack = redactText(value.stack)
    return copy
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1)
  return out
}
