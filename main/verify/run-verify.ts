import { explainError } from '../diagnostics'
import { checkCa, checkSan, checkServerCert } from './checks/certificates'
import { checkMachineTrust } from './checks/machine-trust'
import { checkDns, checkTcp, checkTls } from './checks/network'
import { checkApi, checkCatalog } from './checks/registry-api'
import { checkRoundTrip } from './checks/round-trip'
import { makeContext, type VerifyContext } from './context'
import { verifyFix } from './fixes'
import { msg, renderBoth } from './i18n/message'
import { fail, skipped, type Outcome } from './outcome'
import { CHECKS, DEFAULT_FIX, DEPENDS_ON, titleMessage } from './titles'
import type {
  CheckFix,
  CheckId,
  CheckResult,
  CheckStatus,
  VerifyDeps,
  VerifyInput,
  VerifyReport,
} from './types'

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
}

export const DEFAULT_TIMEOUT_MS = 10_000
export const DEFAULT_ROUND_TRIP_TIMEOUT_MS = 120_000

class Cancelled extends Error {}

/** Runs one check with its own timeout; a timeout is a failure, the caller's abort a cancellation. */
async function runOne(id: CheckId, ctx: VerifyContext, timeoutMs: number): Promise<Outcome> {
  const outer = ctx.deps.signal
  const timer = AbortSignal.timeout(timeoutMs)
  const signal = outer ? AbortSignal.any([outer, timer]) : timer
  let onAbort: (() => void) | undefined
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(
        outer?.aborted
          ? new Cancelled()
          : Object.assign(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`), {
              code: 'ETIMEDOUT',
            }),
      )
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    return await Promise.race([Promise.resolve().then(() => RUN[id](ctx, signal)), aborted])
  } catch (err) {
    if (err instanceof Cancelled) throw err
    if (outer?.aborted) throw new Cancelled()
    if (timer.aborted) return fail(msg('run.timeout', { seconds: Math.round(timeoutMs / 1000) }), 'TIMEOUT')
    return {
      status: 'fail',
      reason: msg('run.unexpected', { error: err instanceof Error ? err.message : String(err) }),
      error: err,
    }
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort)
  }
}

function fixFor(
  id: CheckId,
  outcome: Outcome,
  reasonEn: string,
  ctx: VerifyContext,
): Pick<CheckResult, 'fix' | 'explanation'> {
  if (outcome.status !== 'fail' && outcome.status !== 'warn') return {}
  const where = { registry: ctx.address.hostPort, host: ctx.host, port: ctx.port }
  const explanation =
    verifyFix(outcome.code) ??
    (outcome.code === undefined ? undefined : explainError(outcome.code, where)) ??
    (outcome.error === undefined ? undefined : explainError(outcome.error, where)) ??
    explainError(reasonEn, where)
  if (explanation) {
    const fix: CheckFix = {
      code: explanation.code,
      step: explanation.step,
      en: explanation.en.fix,
      zhCN: explanation.zhCN.fix,
    }
    return { fix, explanation }
  }
  const d = DEFAULT_FIX[id]
  return { fix: { code: outcome.code ?? 'UNKNOWN', step: d.step, en: d.en, zhCN: d.zhCN } }
}

/**
 * Verifies, check by check, that a client can use the registry. Checks run in order; each result is passed to
 * `deps.onResult` as soon as it is known; a check whose prerequisite failed is skipped with the reason; each check
 * has a timeout; `deps.signal` cancels (the remaining checks are reported skipped and `cancelled` is set).
 * Throws AppError (kind 'input') only for an invalid registry address. Same function for the CLI, IPC and tests.
 */
export async function runVerify(input: VerifyInput, deps: VerifyDeps = {}): Promise<VerifyReport> {
  const ctx = makeContext(input, deps)
  const startedAt = new Date().toISOString()
  const results: CheckResult[] = []
  const byId = new Map<CheckId, CheckResult>()
  let cancelled = false
  for (const [i, check] of CHECKS.entries()) {
    const started = Date.now()
    let outcome: Outcome
    const blocker = DEPENDS_ON[check.id]
      .map((d) => byId.get(d))
      .find(
        (r) =>
          r !== undefined && (r.status === 'fail' || (r.status === 'skipped' && r.details?.blocked === true)),
      )
    if (cancelled || deps.signal?.aborted) {
      cancelled = true
      outcome = skipped(msg('run.cancelled-before'))
    } else if (blocker !== undefined) {
      outcome = skipped(msg('run.blocked', { n: blocker.n, title: titleMessage(blocker.id) }), {
        blocked: true,
        blockedBy: blocker.id,
      })
    } else {
      try {
        const timeout =
          check.id === 'round-trip'
            ? (deps.roundTripTimeoutMs ?? DEFAULT_ROUND_TRIP_TIMEOUT_MS)
            : (deps.timeoutMs ?? DEFAULT_TIMEOUT_MS)
        outcome = await runOne(check.id, ctx, timeout)
      } catch (err) {
        if (!(err instanceof Cancelled)) throw err
        cancelled = true
        outcome = skipped(msg('run.cancelled-while'))
      }
    }
    const reason = renderBoth(outcome.reason)
    const result: CheckResult = {
      id: check.id,
      n: i + 1,
      title: { en: check.en, zhCN: check.zhCN },
      status: outcome.status,
      reason: reason.en,
      reasonZhCN: reason.zhCN,
      reasonMessage: outcome.reason,
      ...fixFor(check.id, outcome, reason.en, ctx),
      ...(outcome.details === undefined ? {} : { details: outcome.details }),
      durationMs: Date.now() - started,
    }
    results.push(result)
    byId.set(check.id, result)
    await deps.onResult?.(result)
  }
  const summary: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skipped: 0 }
  for (const r of results) summary[r.status]++
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
