import { explainError, type Explanation } from '../diagnostics'
import { englishTranslator } from '../messages/index'
import { checkCa, checkSan, checkServerCert } from './checks/certificates'
import { checkMachineTrust } from './checks/machine-trust'
import { checkDns, checkTcp, checkTls } from './checks/network'
import { checkApi, checkCatalog } from './checks/registry-api'
import { checkRoundTrip, prepareRoundTrip } from './checks/round-trip'
import { makeContext, type VerifyContext } from './context'
import { verifyFix } from './fixes'
import { msg } from './message'
import { fail, skipped, type Outcome } from './outcome'
import { checkMirrorPull } from './checks/mirror-pull'
import {
  CHECKS,
  DEFAULT_FIX_STEP,
  DEPENDS_ON,
  defaultFixMessage,
  MIRROR_CHECKS,
  titleMessage,
} from './titles'
import type { CheckId, CheckResult, CheckStatus, VerifyDeps, VerifyInput, VerifyReport } from './types'

type CheckFn = (ctx: VerifyContext, signal: AbortSignal) => Outcome | Promise<Outcome>

const RUN: Record<CheckId, CheckFn> = {
  ca: checkCa,
  'server-cert': checkServerCert,
  san: checkSan,
  dns: checkDns,
  tcp: checkTcp,
  tls: checkTls,
  api: checkApi,
  'round-trip': checkRoundTrip,
  catalog: checkCatalog,
  trust: checkMachineTrust,
  'mirror-pull': checkMirrorPull,
}

/**
 * What a check can do before the registry answers (no request to it: CPU work only, such as making the round trip's
 * image). The overlap mode starts these at once, while the registry may still be starting; one after another each
 * check does it when it runs.
 */
const PREPARE: Partial<Record<CheckId, (ctx: VerifyContext) => void>> = { 'round-trip': prepareRoundTrip }

export const DEFAULT_TIMEOUT_MS = 10_000
export const DEFAULT_ROUND_TRIP_TIMEOUT_MS = 120_000

class Cancelled extends Error {}

const timedOut = (timeoutMs: number): Error =>
  Object.assign(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`), { code: 'ETIMEDOUT' })

/** Runs one check with its own timeout; a timeout is a failure, the caller's abort a cancellation. */
async function runOne(id: CheckId, ctx: VerifyContext, timeoutMs: number): Promise<Outcome> {
  const outer = ctx.deps.signal
  const timer = AbortSignal.timeout(timeoutMs)
  const signal = outer ? AbortSignal.any([outer, timer]) : timer
  let onAbort: (() => void) | undefined
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(outer?.aborted ? new Cancelled() : timedOut(timeoutMs))
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    return await Promise.race([Promise.resolve().then(() => RUN[id](ctx, signal)), aborted])
  } catch (err) {
    if (err instanceof Cancelled) throw err
    if (outer?.aborted) throw new Cancelled()
    if (timer.aborted) return fail(msg('run.timeout', { seconds: Math.round(timeoutMs / 1000) }), 'TIMEOUT')
    const error = err instanceof Error ? err.message : String(err)
    return { status: 'fail', reason: msg('run.unexpected', { error }), error: err }
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort)
  }
}

/**
 * A failure's explanation: verify's own code, the outcome's code, the raw error, or the words of the reason itself
 * (the English reason carries the engine's or Node's text, which the table's patterns recognise).
 */
function explanationOf(outcome: Outcome, ctx: VerifyContext): Explanation | undefined {
  const where = { registry: ctx.address.hostPort, host: ctx.host, port: ctx.port }
  return (
    verifyFix(outcome.code, where) ??
    (outcome.code === undefined ? undefined : explainError(outcome.code, where)) ??
    (outcome.error === undefined ? undefined : explainError(outcome.error, where)) ??
    explainError(englishTranslator().render(outcome.reason), where)
  )
}

function fixFor(id: CheckId, outcome: Outcome, ctx: VerifyContext): Pick<CheckResult, 'fix' | 'explanation'> {
  if (outcome.status !== 'fail' && outcome.status !== 'warn') return {}
  const explanation = explanationOf(outcome, ctx)
  if (explanation) {
    const fix = {
      code: explanation.code,
      step: explanation.step,
      message: { key: `explain.${explanation.code}.fix`, params: explanation.params },
    }
    return { fix, explanation }
  }
  return {
    fix: { code: outcome.code ?? 'UNKNOWN', step: DEFAULT_FIX_STEP[id], message: defaultFixMessage(id) },
  }
}

/** The earlier result that keeps a check from running: a prerequisite that failed or was itself blocked. */
function blockerOf(id: CheckId, byId: Map<CheckId, CheckResult>): CheckResult | undefined {
  return DEPENDS_ON[id]
    .map((d) => byId.get(d))
    .find(
      (r) =>
        r !== undefined && (r.status === 'fail' || (r.status === 'skipped' && r.details?.blocked === true)),
    )
}

/** The skip of a check whose prerequisite failed or was itself blocked; undefined when none was. */
function blockedOutcome(id: CheckId, byId: Map<CheckId, CheckResult>): Outcome | undefined {
  const blocker = blockerOf(id, byId)
  if (blocker === undefined) return undefined
  return skipped(msg('run.blocked', { n: blocker.n, title: titleMessage(blocker.id) }), {
    blocked: true,
    blockedBy: blocker.id,
  })
}

/** One check's outcome: skipped when cancelled or blocked, else run with its timeout. */
async function outcomeOf(
  id: CheckId,
  ctx: VerifyContext,
  byId: Map<CheckId, CheckResult>,
  state: { cancelled: boolean },
): Promise<Outcome> {
  const deps = ctx.deps
  if (state.cancelled || deps.signal?.aborted) {
    state.cancelled = true
    return skipped(msg('run.cancelled-before'))
  }
  const blocked = blockedOutcome(id, byId)
  if (blocked !== undefined) return blocked
  const timeout =
    id === 'round-trip' || id === 'mirror-pull'
      ? (deps.roundTripTimeoutMs ?? DEFAULT_ROUND_TRIP_TIMEOUT_MS)
      : (deps.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  try {
    return await runOne(id, ctx, timeout)
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err
    state.cancelled = true
    return skipped(msg('run.cancelled-while'))
  }
}

type CheckEntry = (typeof CHECKS)[number]

/** One check's result, with the fix for a warning or failure and the time it took. */
function resultOf(
  check: CheckEntry,
  n: number,
  outcome: Outcome,
  ctx: VerifyContext,
  started: number,
): CheckResult {
  return {
    id: check.id,
    n,
    title: check.title,
    status: outcome.status,
    reason: outcome.reason,
    ...fixFor(check.id, outcome, ctx),
    ...(outcome.details === undefined ? {} : { details: outcome.details }),
    durationMs: Date.now() - started,
  }
}

/** What a check waits for in the overlap mode: its prerequisites, and for the catalog the image the round trip pushes. */
const AFTER: Partial<Record<CheckId, CheckId[]>> = { catalog: ['round-trip', 'mirror-pull'] }

/**
 * Prerequisites a check does not wait for in the overlap mode, because it only reads (a handshake, a GET that changes
 * nothing) and fails by itself where they fail: it runs beside them, and when one of them failed its outcome is the
 * same skip as one after another gives. The round trip (it pushes) and the catalog still wait for the api check.
 */
const BESIDE: Partial<Record<CheckId, CheckId[]>> = { tls: ['tcp'], api: ['tls'] }

const CANCELLED = new Set([msg('run.cancelled-before').key, msg('run.cancelled-while').key])

/** A run's outcome, or the blocked skip when a prerequisite it ran beside (BESIDE) failed; a cancellation stays. */
function afterBeside(id: CheckId, outcome: Outcome, byId: Map<CheckId, CheckResult>): Outcome {
  if (BESIDE[id] === undefined || CANCELLED.has(outcome.reason.key)) return outcome
  return blockedOutcome(id, byId) ?? outcome
}

/** The checks that ask the registry (with the certificate given, checks 2 and 3 read only it). */
function asksRegistry(id: CheckId, input: VerifyInput): boolean {
  if (id === 'server-cert' || id === 'san') return input.certPem === undefined
  return !['ca', 'dns', 'trust'].includes(id)
}

interface Run {
  ctx: VerifyContext
  checks: readonly CheckEntry[]
  byId: Map<CheckId, CheckResult>
  state: { cancelled: boolean }
}

/** One after another; each result reported (and onResult awaited) before the next check starts. */
async function runInTurn(r: Run): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  for (const [i, check] of r.checks.entries()) {
    const started = Date.now()
    const outcome = await outcomeOf(check.id, r.ctx, r.byId, r.state)
    const result = resultOf(check, i + 1, outcome, r.ctx, started)
    results.push(result)
    r.byId.set(check.id, result)
    await r.ctx.deps.onResult?.(result)
  }
  return results
}

/** The overlap mode (VerifyDeps.overlap): each check once what it depends on has finished; reported in order. */
async function runOverlapped(r: Run): Promise<CheckResult[]> {
  const { ctx, checks } = r
  const ids = new Set(checks.map((c) => c.id))
  const ready = ctx.deps.ready?.then(
    () => true,
    () => false,
  )
  for (const check of checks) PREPARE[check.id]?.(ctx)
  const running = new Map<CheckId, Promise<CheckResult>>()
  for (const [i, check] of checks.entries()) {
    const ran = (d: CheckId): Promise<unknown> => running.get(d) ?? Promise.resolve(undefined)
    const beside = (BESIDE[check.id] ?? []).filter((d) => ids.has(d))
    const after = [...DEPENDS_ON[check.id], ...(AFTER[check.id] ?? [])]
      .filter((d) => ids.has(d) && !beside.includes(d))
      .map(ran)
    const run = async (): Promise<CheckResult> => {
      await Promise.all(after)
      if (ready !== undefined && asksRegistry(check.id, ctx.input) && !(await ready)) r.state.cancelled = true
      const started = Date.now()
      const outcome = await outcomeOf(check.id, ctx, r.byId, r.state)
      await Promise.all(beside.map(ran))
      const result = resultOf(check, i + 1, afterBeside(check.id, outcome, r.byId), ctx, started)
      r.byId.set(check.id, result)
      return result
    }
    running.set(check.id, run())
  }
  const results: CheckResult[] = []
  for (const check of checks) {
    const result = await (running.get(check.id) as Promise<CheckResult>)
    results.push(result)
    await ctx.deps.onResult?.(result)
  }
  return results
}

/**
 * Verifies, check by check, that a client can use the registry. Checks run in order (or, with `deps.overlap`, each
 * once its prerequisites have finished); each result is passed to `deps.onResult` as soon as it is known, in order;
 * a check whose prerequisite failed is skipped with the reason; each check has a timeout; `deps.signal` cancels
 * (the remaining checks are reported skipped and `cancelled` is set).
 * Throws AppError (kind 'input') only for an invalid registry address. Same function for the CLI, IPC and tests.
 */
export async function runVerify(input: VerifyInput, deps: VerifyDeps = {}): Promise<VerifyReport> {
  const ctx = makeContext(input, deps)
  const startedAt = new Date().toISOString()
  const run: Run = {
    ctx,
    checks: input.mirror === undefined ? CHECKS : MIRROR_CHECKS,
    byId: new Map<CheckId, CheckResult>(),
    state: { cancelled: false },
  }
  let results: CheckResult[]
  try {
    results = deps.overlap === true ? await runOverlapped(run) : await runInTurn(run)
  } finally {
    ctx.close()
  }
  const summary: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skipped: 0 }
  for (const r of results) summary[r.status]++
  const cancelled = run.state.cancelled
  return {
    registry: ctx.address.hostPort,
    startedAt,
    finishedAt: new Date().toISOString(),
    results,
    summary,
    ok: summary.fail === 0 && !cancelled,
    cancelled,
  }
}
