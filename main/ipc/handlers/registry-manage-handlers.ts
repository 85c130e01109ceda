import {
  DEFAULT_NAME,
  followLogs,
  readCertDir,
  registryStatus,
  removeRegistry,
  restartAndCheck,
  stopRegistry,
  type RegistryStatus,
} from '../../docker/index'
import { replaceServerCertificate } from '../../lifecycle/replace-certificate'
import type { RegistryStatusInfo } from '../contract'
import type { EngineCache } from '../engine-cache'
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

/** Managing the started registry (main/docker/manage.ts): status, logs that follow, stop, restart, remove, new cert. */
export function registryManageHandlers(
  engines: EngineCache,
  name: string = DEFAULT_NAME,
  logins?: RegistryLogins,
): Pick<AllHandlers, ManageChannels> {
  return {
    registryStatus: async ({ plan }) =>
      statusInfo(await registryStatus(await engines.get(plan.docker), name)),

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

    registryStop: async ({ plan }) => {
      const engine = await engines.get(plan.docker)
      await stopRegistry(engine, name)
      return statusInfo(await registryStatus(engine, name))
    },

    registryRestart: async ({ plan, certDir }, { job }) => {
      job?.progress('restart', 10)
      const health = await restartAndCheck(
        await engines.get(plan.docker),
        name,
        (await readCertDir(certDir)).caPem,
        { registryHost: plan.addresses[0] },
      )
      job?.progress('done', 100)
      return { status: health.status, elapsedMs: health.elapsedMs }
    },

    registryRemove: async ({ plan, deleteData }) => {
      const out = await removeRegistry(await engines.get(plan.docker), name, { deleteData })
      logins?.forget(plan.addresses, plan.port)
      return { removedVolumes: out.removedVolumes, keptStorage: out.keptStorage }
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
