import type { LookupAddress } from 'node:dns'
import type Docker from 'dockerode'
import type { Explanation, RedoStep } from '../diagnostics'
import type { Message } from '../messages/index'

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
  // Mirror mode only (instead of round-trip): a pull through a pull-through mirror.
  'mirror-pull',
] as const
export type CheckId = (typeof CHECK_IDS)[number]
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped'

/**
 * A fix: the step to redo and what to do there, as a message: the explanation's neutral fix (`explain.CODE.fix`) or
 * the check's default fix (`verify.fix.<id>`). Front ends take checkFixMessage(result, 'cli' | 'gui'), which picks
 * their own variant of an explanation's fix.
 */
export interface CheckFix {
  code: string
  step: RedoStep
  message: Message
}

/** One check's outcome, streamed as soon as it finishes. */
export interface CheckResult {
  id: CheckId
  /** 1..10, the order in which checks run. */
  n: number
  /** `verify.title.<id>`. */
  title: Message
  status: CheckStatus
  /** One line: what was found, as a message (`verify.tcp.ok`; numbers, names and raw error texts as parameters). */
  reason: Message
  /** Present for warn and fail. */
  fix?: CheckFix | undefined
  /** The failure's explanation (`explain.CODE` texts and their parameters), when it is a known one. */
  explanation?: Explanation | undefined
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
  /**
   * Mirror mode: `registry` is a pull-through mirror; check 8 pulls `image` (a Docker Hub name, default
   * library/hello-world:latest) through it instead of pushing (a mirror takes no pushes).
   */
  mirror?: { image?: string | undefined } | undefined
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
  /**
   * How check 8 pushes and pulls: 'engine' (default: through `docker`, as a client would) or 'registry-api' (the
   * project's own OCI client, TLS trusting only the CA, push and pull by digest; no engine needed — see
   * checks/api-round-trip.ts).
   */
  roundTripVia?: 'engine' | 'registry-api' | undefined
  signal?: AbortSignal | undefined
  /**
   * Called as each check finishes, in order; a returned promise is awaited before the next check starts (in the
   * `overlap` mode: before the next result is reported).
   */
  onResult?: ((result: CheckResult) => void | Promise<void>) | undefined
  /**
   * Each check starts as soon as the checks it depends on (DEPENDS_ON; the catalog also after the round trip, whose
   * image it lists) have finished, instead of after every earlier one: the checks that need no answer from the
   * registry (the certificates, the name, this machine's trust) run beside the ones that do; the TLS handshake and
   * the `/v2/` check, which only read, run beside their prerequisites too (a failed one makes them the same skip);
   * the round trip's image is made at once. Results are the same and still reported in order. `setup` uses it;
   * default off (one check after another).
   */
  overlap?: boolean | undefined
  /**
   * With `overlap`: the checks that talk to the registry wait for this first (`setup` begins verify while the
   * registry still starts); when it rejects they are skipped as cancelled.
   */
  ready?: Promise<unknown> | undefined
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
