import type { mirrorExplain } from '../messages/en/mirror'
import type { explainTexts } from '../messages/en/verify'
import type { Param } from '../messages/types'

/** The wizard step a fix sends the user back to (its name: `verify.step.<step>` in main/messages). */
export type RedoStep = 'certificates' | 'registry' | 'trust' | 'login' | 'network' | 'docker-engine'

/** A known failure's code: a key of the catalogue's `explain` namespace. */
export type ExplainCode = keyof typeof explainTexts | keyof typeof mirrorExplain

/** Values put into `{{registry}}`, `{{host}}`, `{{port}}` in the texts. */
export type ExplainParams = {
  /** HOST:PORT as in the image reference (or a placeholder message, `verify.placeholder.*`, when unknown). */
  registry: Param
  host: Param
  port: Param
}

/**
 * What `explainError` returns: a stable code, the step to redo, and the parameters of its texts. The words are in the
 * catalogue (`explain.CODE.title`, `.explanation`, `.fix`, and `.cliFix` where the CLI names its own commands):
 * each front end renders them in its language (main/diagnostics/texts.ts).
 */
export interface Explanation {
  code: ExplainCode
  step: RedoStep
  params: ExplainParams
}

/** What the caller knows about the failing target; the texts show HOST:PORT, HOST, PORT for what is missing. */
export interface ExplainContext {
  /** HOST:PORT as in the image reference. */
  registry?: string | undefined
  host?: string | undefined
  port?: number | string | undefined
}

/** A table row: how to recognise the failure (Node error codes, message patterns) and the step its fix names. */
export interface ErrorEntry {
  code: ExplainCode
  step: RedoStep
  /** Exact Node / OpenSSL error codes (err.code), and our own codes. */
  codes: readonly string[]
  /** Patterns over the message text (Docker, Go, x509, Node). Checked in table order. */
  patterns: readonly RegExp[]
}
