import { promises as fs } from 'node:fs'
import { assertSecretsSafe } from '../../docker/engine-security'
import { invalidInput } from '../../errors'
import { runVerify, type CheckResult } from '../../verify/index'
import type { CheckRow } from '../contract'
import type { EngineCache } from '../engine-cache'
import type { RegistryLogins } from '../registry-logins'
import type { AllHandlers } from '../register-handlers'

export function toCheckRow(r: CheckResult): CheckRow {
  return {
    id: r.id,
    status: r.status,
    title: r.title.en,
    titleZh: r.title.zhCN,
    reason: r.reason,
    reasonZh: r.reasonZhCN,
    fix: r.fix?.en,
    fixZh: r.fix?.zhCN,
  }
}

async function readPem(path: string, field: string): Promise<string> {
  try {
    return await fs.readFile(path, 'utf8')
  } catch {
    throw invalidInput(field, path, 'the file must exist and be readable')
  }
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
      const registry = `${host.includes(':') ? `[${host}]` : host}:${port}`
      const login = credentials ?? deps.logins?.get(host, port)
      const engine =
        push === true && docker !== undefined && deps.engines ? await deps.engines.get(docker) : undefined
      if (engine !== undefined && login !== undefined)
        assertSecretsSafe(engine.resolved, 'the registry password (docker login for the round trip)')
      const report = await runVerify(
        {
          registry,
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
