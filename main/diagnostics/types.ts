/** The wizard step a fix sends the user back to. */
export type RedoStep = 'certificates' | 'registry' | 'trust' | 'login' | 'network' | 'docker-engine'

/** One language's words for a known failure. */
export interface ErrorText {
  /** A few words: "The client does not trust your CA". */
  title: string
  /** What it means, in one or two plain sentences. */
  explanation: string
  /** What to do, naming the step to redo. */
  fix: string
}

/** What `explainError` returns: a stable code, the step to redo, and the words in English and Simplified Chinese. */
export interface ErrorExplanation {
  code: string
  step: RedoStep
  en: ErrorText
  zhCN: ErrorText
}

/** Values put into `{registry}`, `{host}`, `{port}` in the texts; left as written when absent. */
export interface ExplainContext {
  /** HOST:PORT as in the image reference. */
  registry?: string | undefined
  host?: string | undefined
  port?: number | string | undefined
}

/** A table row: how to recognise the failure (Node error codes, message patterns) and its words. */
export interface ErrorEntry extends ErrorExplanation {
  /** Exact Node / OpenSSL error codes (err.code), and our own codes. */
  codes: readonly string[]
  /** Patterns over the message text (Docker, Go, x509, Node). Checked in table order. */
  patterns: readonly RegExp[]
}
