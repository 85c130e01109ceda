import {
  checkContainerName,
  checkEngineSpec,
  DEFAULT_NAME,
  readCertDir,
  startRegistry,
  type ProgressEvent,
} from '../../docker/index'
import { englishTranslator } from '../../messages/index'
import type { EngineCache } from '../engine-cache'
import { engineSpecOf } from '../engine-cache'
import type { JobHandle } from '../jobs'
import type { HandlerContext } from '../handler-types'
import type { AllHandlers } from '../register-handlers'
import type { RegistryLogins } from '../registry-logins'
import { certsRow, engineRows } from './preflight-rows'

type DockerChannels = 'testDockerConnection' | 'registryPreflight' | 'startRegistry'

/**
 * A start's progress as IPC events: the step with its message (the renderer renders it in its language), a pull's
 * per-layer bars (the engine's own status text), and a log line: its message for the window, its English `line`
 * for main-side logs and tests.
 */
function forward(
  jobId: string,
  e: ProgressEvent,
  job: JobHandle | undefined,
  emit: HandlerContext['emit'],
): void {
  const percent = e.total ? Math.round(((e.current ?? 0) / e.total) * 100) : undefined
  job?.report({ step: e.step, percent, message: e.message })
  if (e.step === 'pull' && e.id)
    emit('job:layer', {
      jobId,
      layer: { id: e.id, status: e.status ?? '', current: e.current, total: e.total },
    })
  else {
    const text = englishTranslator().render(e.message)
    emit('job:log', { jobId, line: `${e.step}${e.id ? ` ${e.id}` : ''}: ${text}`, message: e.message })
  }
}

/** The registry step, on the Docker core (main/docker); one engine per planned endpoint, from the cache. */
export function dockerHandlers(
  engines: EngineCache,
  env: NodeJS.ProcessEnv = process.env,
  name: string = DEFAULT_NAME,
  logins?: RegistryLogins,
): Pick<AllHandlers, DockerChannels> {
  checkContainerName(name)
  return {
    testDockerConnection: async ({ endpoint }) => {
      const info = await checkEngineSpec(await engineSpecOf(endpoint), env)
      return { serverVersion: info.version, apiVersion: info.apiVersion, os: info.os, arch: info.arch }
    },

    registryPreflight: async ({ plan, certDir }) => ({
      checks: [
        await certsRow(certDir, plan.addresses[0]),
        ...(await engineRows(await engines.get(plan.docker), plan.port, name)),
      ],
    }),

    startRegistry: async ({ jobId, plan, certDir, imageTar, storagePath, users }, { job, emit }) => {
      const result = await startRegistry(
        await engines.get(plan.docker),
        {
          name,
          port: plan.port,
          certs: await readCertDir(certDir),
          registryHost: plan.addresses[0],
          ...(imageTar ? { imageTar } : {}),
          ...(storagePath ? { storage: { kind: 'hostPath' as const, path: storagePath } } : {}),
          ...(users?.length ? { users } : {}),
        },
        { signal: job?.signal, onProgress: (e) => forward(jobId, e, job, emit) },
      )
      // The Verify step logs in with these later in this session; they stay in main's memory only.
      logins?.remember(plan.addresses, plan.port, users)
      return { containerId: result.id, url: result.url, imageSource: result.imageSource }
    },
  }
}
