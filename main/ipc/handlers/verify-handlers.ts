import { assertSecretsSafe } from '../../docker/engine-security'
import { readInputText } from '../../fs/read-input'
import { hostPort } from '../../net/address'
import { checkFixMessage, runVerify, type CheckResult } from '../../verify/index'
import type { CheckRow } from '../contract'
import type { EngineCache } from '../engine-cache'
import type { RegistryLogins } from '../registry-logins'
import type { AllHandlers } from '../register-handlers'

/** A result as the renderer shows it: the messages the checks gave (the GUI's own variant of a known fix). */
export function toCheckRow(r: CheckResult): CheckRow {
  const fix = checkFixMessage(r, 'gui')
  return {
    id: r.id,
    status: r.status,
    title: r.title,
    reason: r.reason,
    ...(fix === undefined ? {} : { fix }),
  }
}

function readPem(path: string, field: string): Promise<string> {
  return readInputText(path, field)
}

export interface VerifyHandlerDeps {
  trustRoot?: string | undefined
  /** The planned engine's client for the round trip (check 8); shared with the Registry step, closed by the cache. */
  engines?: EngineCache | undefined
  /** htpasswd users given to the registry start in this session (main memory only). */
  logins?: RegistryLogins | undefined
}

/** Verification (main/verify): each check is sent as it finishes, then the whole list. */
export function verifyHandlers(deps: VerifyHandlerDeps = {}): Pick<AllHandlers, 'runVerify'> {
  return {
    runVerify: async (
      { jobId, host, port, caCertPath, certPath, push, docker, credentials },
      { job, emit },
    ) => {
      const login = credentials ?? deps.logins?.get(host, port)
      const engine =
        push === true && docker !== undefined && deps.engines ? await deps.engines.get(docker) : undefined
      if (engine !== undefined && login !== undefined) assertSecretsSafe(engine.resolved, 'password')
      const report = await runVerify(
        {
          registry: hostPort(host, port),
          caPem: await readPem(caCertPath, 'caCertPath'),
          ...(certPath ? { certPem: await readPem(certPath, 'certPath') } : {}),
          ...(login ? { credentials: login } : {}),
          push: push === true,
        },
        {
          trustRoot: deps.trustRoot ?? '/',
          ...(engine ? { docker: engine.docker } : {}),
          signal: job?.signal,
          onResult: (r) => {
            job?.progress(r.id, r.n * 10)
            emit('verify:check', { jobId, check: toCheckRow(r) })
          },
        },
      )
      return { checks: report.results.map(toCheckRow), ok: report.ok }
    },
  }
}
