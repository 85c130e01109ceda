import type { LookupAddress } from 'node:dns'
import type Docker from 'dockerode'
import type { ErrorExplanation, RedoStep } from '../diagnostics'
import type { VerifyMessage } from './i18n/message'

export const CHECK_IDS = [
  'ca',
  'server-cert',
  'san',
  'dns',
  'tcp',
  'tls',
  'api',
  'round-trip',
  'catalog',
  'trust',
] as const
export type CheckId = (typeof CHECK_IDS)[number]
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped'

/** A fix: the step to redo and what to do there, in both languages (from the diagnostics table). */
export interface CheckFix {
  code: string
  step: RedoStep
  en: string
  zhCN: string
}

/** One check's outcome, streamed as soon as it finishes. */
export interface CheckResult {
  id: CheckId
  /** 1..10, the order in which checks run. */
  n: number
  title: { en: string; zhCN: string }
  status: CheckStatus
  /** One line: what was found (English; numbers, names and raw error texts as they are). */
  reason: string
  /** The same line in Simplified Chinese (addresses, paths, fingerprints and raw error texts as they are). */
  reasonZhCN: string
  /** The reason as a message id and its parameters (main/verify/i18n), for a UI that renders it itself. */
  reasonMessage: VerifyMessage
  /** Present for warn and fail. */
  fix?: CheckFix | undefined
  /** The failure's explanation (title and text in both languages), when it is a known one. */
  explanation?: ErrorExplanation | undefined
  /** Facts for the GUI and --json: days left, fingerprint, protocol, digest, repositories... */
  details?: Record<string, unknown> | undefined
  durationMs: number
}

export interface VerifyInput {
  /** HOST:PORT exactly as in image references. */
  registry: string
  /** The CA clients trust (PEM). The only trust anchor used for TLS. */
  caPem: string
  /** The server certificate we issued (PEM). Without it checks 2-3 use the served certificate and 6 cannot compare. */
  certPem?: string | undefined
  /** Addresses the registry name must resolve to (default: the IP SANs of the certificate). */
  expectAddresses?: string[] | undefined
  credentials?: { user: string; password: string } | undefined
  /** Run check 8, the push/pull round trip (needs `deps.docker`). */
  push?: boolean | undefined
}

export type LookupFn = (host: string) => Promise<LookupAddress[]>

export interface VerifyDeps {
  /** The engine for the round trip (check 8): a dockerode client. */
  docker?: Docker | undefined
  /** Where this machine's trust lives (check 10): '/' for the real system, a temp dir in tests. */
  trustRoot?: string | undefined
  platform?: NodeJS.Platform | undefined
  home?: string | undefined
  now?: (() => Date) | undefined
  lookup?: LookupFn | undefined
  /** Per-check timeout in ms (default 10 s; the round trip gets `roundTripTimeoutMs`, default 120 s). */
  timeoutMs?: number | undefined
  roundTripTimeoutMs?: number | undefined
  signal?: AbortSignal | undefined
  /** Called as each check finishes, in order; a returned promise is awaited before the next check starts. */
  onResult?: ((result: CheckResult) => void | Promise<void>) | undefined
}

export interface VerifyReport {
  registry: string
  startedAt: string
  finishedAt: string
  results: CheckResult[]
  summary: Record<CheckStatus, number>
  /** True when no check failed. */
  ok: boolean
  cancelled: boolean
}
