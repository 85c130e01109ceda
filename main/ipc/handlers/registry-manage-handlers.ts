import {
  DEFAULT_NAME,
  followLogs,
  readCertDir,
  registryStatus,
  removeRegistry,
  restartAndCheck,
  stopRegistry,
  type Engine,
  type HealthResult,
  type RegistryStatus,
  type RemoveResult,
} from '../../docker/index'
import { replaceServerCertificate } from '../../lifecycle/replace-certificate'
import type { Plan, RegistryStatusInfo, RequestOf, ResponseOf } from '../contract'
import type { EngineCache } from '../engine-cache'
import type { HandlerContext } from '../handler-types'
import type { AllHandlers } from '../register-handlers'
import type { RegistryLogins } from '../registry-logins'

type ManageChannels =
  | 'registryStatus'
  | 'followRegistryLogs'
  | 'registryStop'
  | 'registryRestart'
  | 'registryRemove'
  | 'registryReplaceCert'

export const statusInfo = (s: RegistryStatus): RegistryStatusInfo => ({
  name: s.name,
  state: s.state,
  running: s.running,
  startedAt: s.startedAt,
  uptimeSeconds: s.uptimeSeconds,
  image: s.image,
  port: s.port,
  storage: s.storage,
  servedCert: s.servedCert && {
    notAfter: s.servedCert.notAfter,
    daysLeft: s.servedCert.daysLeft,
    subject: s.servedCert.subject,
  },
})

/** What a container of ours is managed with: the registry's functions (docker/manage) or the mirror's (main/mirror). */
export interface ContainerOps<S> {
  status: (engine: Engine, name: string) => Promise<S>
  stop: (engine: Engine, name: string) => Promise<void>
  restart: (
    engine: Engine,
    name: string,
    caPem: string,
    opts: { registryHost?: string | undefined },
  ) => Promise<HealthResult>
  remove: (engine: Engine, name: string, opts: { deleteData?: boolean }) => Promise<RemoveResult>
}

const registryOps: ContainerOps<RegistryStatus> = {
  status: (engine, name) => registryStatus(engine, name),
  stop: stopRegistry,
  restart: restartAndCheck,
  remove: removeRegistry,
}

type PlanRequest = { plan: Plan }

/**
 * Status, stop (answering the status after), restart with the health check against the CA in certDir, and remove
 * (the data kept unless deleteData): the same four channels for the registry and the mirror.
 */
export function containerActions<S, I>(
  engines: EngineCache,
  name: string,
  ops: ContainerOps<S>,
  info: (s: S) => I,
  hooks: { onRemoved?: (plan: Plan) => void } = {},
): {
  status: (r: PlanRequest) => Promise<I>
  stop: (r: PlanRequest) => Promise<I>
  restart: (r: RequestOf<'registryRestart'>, ctx: HandlerContext) => Promise<ResponseOf<'registryRestart'>>
  remove: (r: RequestOf<'registryRemove'>) => Promise<ResponseOf<'registryRemove'>>
} {
  return {
    status: async ({ plan }) => info(await ops.status(await engines.get(plan.docker), name)),
    stop: async ({ plan }) => {
      const engine = await engines.get(plan.docker)
      await ops.stop(engine, name)
      return info(await ops.status(engine, name))
    },
    restart: async ({ plan, certDir }, { job }) => {
      job?.progress('restart', 10)
      const { caPem } = await readCertDir(certDir)
      const health = await ops.restart(await engines.get(plan.docker), name, caPem, {
        registryHost: plan.addresses[0],
      })
      job?.progress('done', 100)
      return { status: health.status, elapsedMs: health.elapsedMs }
    },
    remove: async ({ plan, deleteData }) => {
      const out = await ops.remove(await engines.get(plan.docker), name, { deleteData })
      hooks.onRemoved?.(plan)
      return { removedVolumes: out.removedVolumes, keptStorage: out.keptStorage }
    },
  }
}

/** Managing the started registry (main/docker/manage.ts): status, logs that follow, stop, restart, remove, new cert. */
export function registryManageHandlers(
  engines: EngineCache,
  name: string = DEFAULT_NAME,
  logins?: RegistryLogins,
): Pick<AllHandlers, ManageChannels> {
  const actions = containerActions(engines, name, registryOps, statusInfo, {
    onRemoved: (plan) => logins?.forget(plan.addresses, plan.port),
  })
  return {
    registryStatus: actions.status,
    registryStop: actions.stop,
    registryRestart: actions.restart,
    registryRemove: actions.remove,

    followRegistryLogs: async ({ jobId, plan }, { job, emit }) => {
      let lines = 0
      const onLine = (line: string): void => {
        lines += 1
        emit('job:log', { jobId, line })
      }
      await followLogs(await engines.get(plan.docker), name, {
        follow: true,
        tail: 50,
        signal: job?.signal,
        onLine,
      })
      return { lines }
    },

    registryReplaceCert: replaceCertHandler(engines, name),
  }
}

/** Replace certificate: the main/lifecycle job (issue, swap, health, rollback), its progress as job events. */
function replaceCertHandler(engines: EngineCache, name: string): AllHandlers['registryReplaceCert'] {
  return async ({ plan, certDir, caDir, passphrase, days }, { job }) => {
    const out = await replaceServerCertificate(
      {
        engine: await engines.get(plan.docker),
        name,
        certDir,
        caDir,
        sans: plan.addresses,
        registryHost: plan.addresses[0],
        passphrase,
        days,
      },
      { signal: job?.signal, onProgress: job?.report },
    )
    return { notAfter: out.notAfter, status: out.health.status }
  }
}
