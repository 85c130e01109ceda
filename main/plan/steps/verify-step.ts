import { AppError } from '../../errors'
import { message, type Message } from '../../messages/index'
import { hostPort, isLoopback } from '../../net/address'
import type { CheckResult, VerifyDeps, VerifyReport } from '../../verify'
import { outcome, type SetupState } from '../setup-types'
import { engineOf } from './registry-step'
import { recordRoundTrip, roundTripStillHolds, VERIFY_RECORD_FILE } from './verify-record'

/** One check as a line: number, status word, title, reason. */
const checkLine = (r: CheckResult): Message =>
  message('plan.verifyLine', {
    n: r.n,
    status: message(`cli.verify.status.${r.status}`),
    title: r.title,
    reason: r.reason,
  })

/**
 * How the round trip goes. With this machine's engine (socket or named pipe) or a loopback registry address, through
 * the project's own OCI client (main/verify/checks/api-round-trip.ts): its TLS trusts ONLY the plan's CA and it pushes
 * a tiny generated image and pulls it back by digest. Through dockerd it would prove less on loopback (dockerd treats
 * 127.0.0.0/8 as an insecure registry: no certificate check at all; elsewhere this machine's dockerd reads the real
 * /etc/docker/certs.d, not the plan's trust.root, which check 10 looks at), at ~0.9 s of import, push, image removal
 * and pull. A remote engine (ssh://, tcp://) keeps the engine's round trip: there it shows that machine reaches and
 * trusts the registry.
 * `registry-wizard verify --push` always uses the engine.
 */
function roundTripVia(s: SetupState): 'engine' | 'registry-api' {
  const local = engineOf(s).resolved.kind === 'socket' || engineOf(s).resolved.kind === 'npipe'
  return local || isLoopback(s.input.addresses[0] ?? '') ? 'registry-api' : 'engine'
}

/** What verify is asked: the registry, the root, the round trip (unless one that still holds is there). */
function verifyRun(
  s: SetupState,
  signal: AbortSignal,
  roundTrip: boolean,
  extra: Pick<VerifyDeps, 'ready' | 'onResult'>,
): Promise<VerifyReport> {
  const { input } = s
  const timeoutMs = input.verify.timeoutS * 1000
  // Loaded when verify runs (the checks, the OCI client and the diagnostics table): not before setup's first step.
  return import('../../verify').then(({ runVerify }) =>
    runVerify(
      {
        registry: hostPort(input.addresses[0] ?? '', input.port),
        caPem: s.rootPem ?? '',
        certPem: s.certs?.certPem,
        credentials: input.verify.user,
        push: roundTrip,
      },
      {
        docker: roundTrip ? engineOf(s).docker : undefined,
        roundTripVia: roundTrip ? roundTripVia(s) : undefined,
        trustRoot: input.trust?.root,
        signal,
        timeoutMs,
        roundTripTimeoutMs: timeoutMs * 12,
        // The certificates, the name and this machine's trust are checked beside the checks that ask the registry.
        overlap: true,
        ...extra,
      },
    ),
  )
}

/**
 * Begins verify while the registry starts (setup.ts, at the registry step), when its round trip is sure to run (a
 * step before changed something, so no earlier round trip holds): the checks that need no registry run now, the
 * others once `ready` has resolved (the registry answered healthy: its storage write check runs beside them). Their
 * results wait for the verify step, which reports them in order; when the work fails the checks stop. Not begun in
 * a dry run, nor when every step so far kept what was there (the verify step then decides).
 */
export function beginVerify(
  s: SetupState,
  signal: AbortSignal,
  ready: Promise<unknown>,
  work: Promise<unknown>,
): void {
  if (s.dryRun || s.rootPem === undefined) return
  if (s.outcomes.every((o) => o.status === 'kept' || o.status === 'skipped')) return
  const waiting: CheckResult[] = []
  let report: ((r: CheckResult) => void) | undefined
  const push = s.input.verify.push
  // The registry work failed (after health: its storage write check): the checks still running stop.
  const stop = new AbortController()
  work.catch(() => stop.abort())
  const done = verifyRun(s, AbortSignal.any([signal, stop.signal]), push, {
    ready,
    onResult: (r) => {
      if (report === undefined) waiting.push(r)
      else report(r)
    },
  })
  done.catch(() => undefined)
  s.verifying = {
    roundTrip: push,
    report: (onResult) => {
      report = onResult
      for (const r of waiting.splice(0)) onResult(r)
      return done
    },
  }
}

/**
 * The last step: verify, as `registry-wizard verify` does (TLS, certificate, API, this machine's trust under trust.root,
 * and with verify.push the push/pull round trip: see roundTripVia). Any failed check stops setup with the
 * failed checks and their fixes (SETUP_VERIFY_FAILED). A round trip that still holds (verify-record.ts) is not
 * repeated: every other check runs, and the outcome says since when the round trip stands. Begun early by
 * beginVerify on a first run.
 */
export async function verifyStep(s: SetupState, signal: AbortSignal): Promise<void> {
  const { input } = s
  const registry = hostPort(input.addresses[0] ?? '', input.port)
  const push = input.verify.push
  if (s.dryRun || s.rootPem === undefined) {
    outcome(s, 'verify', 'wouldCheck', { registry, push: message(`plan.push.${push ? 'yes' : 'no'}`) })
    return
  }
  const onResult = (r: CheckResult): void => s.deps.onDetail?.('verify', checkLine(r))
  const early = s.verifying
  const earlier = early !== undefined || !push ? undefined : await roundTripStillHolds(s, registry)
  const roundTrip = early?.roundTrip ?? (push && earlier === undefined)
  const report = await (early?.report(onResult) ?? verifyRun(s, signal, roundTrip, { onResult }))
  s.report = report
  const failed = report.results.filter((r) => r.status === 'fail')
  if (!report.ok)
    throw new AppError({
      code: 'SETUP_VERIFY_FAILED',
      params: {
        registry,
        failed: failed.map(checkLine),
      },
    })
  if (roundTrip) await recordRoundTrip(s, registry)
  const note =
    earlier === undefined ? '' : message('plan.roundTripHolds', { at: earlier, file: VERIFY_RECORD_FILE })
  outcome(s, 'verify', 'checked', { registry, ...report.summary, roundTrip: note })
}
