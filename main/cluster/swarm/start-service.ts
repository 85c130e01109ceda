import type { ServiceSpec } from 'dockerode'
import { AppError } from '../../errors'
import {
  checkStorageWritable,
  DEFAULT_PORT,
  engineCallFailed,
  healthTarget,
  targetLabel,
  waitHealthy,
  type Engine,
  type HealthTarget,
} from '../../docker/index'
import { checkStartInput } from '../../docker/start-input'
import { runJob, type JobStep, type RunJobOptions } from '../../jobs/runner'
import { httpsUrl } from '../../net/address'
import { redisName, stamp } from './names'
import { findService } from './objects'
import { removeSwarmRegistry } from './remove'
import { redisServiceSpec, registryServiceSpec, type RegistryServiceInput } from './spec'
import {
  firstSteps,
  timeout,
  type StartState,
  type SwarmStartInput,
  type SwarmStartResult,
} from './start-steps'
import { serviceEndpoints, waitTasks } from './tasks'

async function createService(engine: Engine, spec: ServiceSpec): Promise<string> {
  try {
    const r = (await engine.docker.createService(spec as never)) as { id?: string; ID?: string }
    return r.id ?? r.ID ?? ''
  } catch (err) {
    throw engineCallFailed({ key: 'swarm.action.createService', params: { name: spec.Name ?? '' } }, err)
  }
}

const redis: JobStep<StartState> = {
  id: 'redis',
  async run(s) {
    const image = s.input.redisImage
    if (image === undefined || s.network === undefined) return
    const name = redisName(s.input.name)
    await createService(s.engine, redisServiceSpec(name, s.input.name, image, s.network))
    s.redis = name
  },
  async undo(s) {
    if (s.redis === undefined) return
    const r = await findService(s.engine, s.redis)
    if (r !== undefined)
      await s.engine.docker
        .getService(r.ID)
        .remove()
        .catch(() => undefined)
  },
}

const service: JobStep<StartState> = {
  id: 'service',
  async run(s) {
    const { input } = s
    const id = await createService(
      s.engine,
      registryServiceSpec({
        name: input.name,
        image: s.image ?? '',
        port: s.port,
        publishMode: s.publishMode,
        replicas: input.replicas,
        secrets: s.secrets as RegistryServiceInput['secrets'],
        probe: s.probe,
        volume: input.s3 ? undefined : (input.volume ?? { name: `${input.name}-data` }),
        network: s.network ?? '',
        updateOrder: s.updateOrder,
      }),
    )
    s.service = await findService(s.engine, id)
  },
  // The service and everything made for it; the data volume stays (it may hold what another start put there).
  async undo(s) {
    if (s.service !== undefined) await removeSwarmRegistry(s.engine, s.input.name).catch(() => undefined)
  },
}

const tasks: JobStep<StartState> = {
  id: 'tasks',
  async run(s, ctx) {
    ctx.progress(0, { replicas: s.input.replicas })
    if (s.service === undefined) return
    await waitTasks(s.engine, s.service, s.input.replicas, { timeoutMs: timeout(s), signal: ctx.signal })
  },
}

const target = (s: StartState, host: string, port: number): HealthTarget => ({
  ...healthTarget(s.engine, s.identity, port, s.input.certs.caPem),
  connectHost: host,
})

const health: JobStep<StartState> = {
  id: 'health',
  async run(s, ctx) {
    if (s.service === undefined) return
    s.endpoints = await serviceEndpoints(s.engine, s.service, s.manager?.nodeId ?? '')
    for (const e of s.endpoints)
      s.health = await waitHealthy(target(s, e.host, e.port), { timeoutMs: timeout(s), signal: ctx.signal })
  },
}

const storage: JobStep<StartState> = {
  id: 'storage',
  async run(s) {
    const e = s.endpoints[0]
    if (e === undefined) return
    const t = target(s, e.host, e.port)
    const r = await checkStorageWritable(t, s.input.users?.[0])
    if (r.status === 'failed')
      throw new AppError({
        code: 'SWARM_STORAGE_NOT_WRITABLE',
        params: { target: targetLabel(t), httpStatus: r.httpStatus, detail: r.detail },
      })
  },
}

const START_STEPS = [...firstSteps, redis, service, tasks, health, storage]

/**
 * `registry start --swarm`: the registry as a replicated Swarm service on a manager (see spec.ts for the service,
 * config.ts for its configuration). A job: a failed step undoes the ones before it, so a start that cannot become
 * healthy leaves no service, secret, config or network behind (the data volume stays).
 */
export async function startSwarmRegistry(
  engine: Engine,
  input: SwarmStartInput,
  opts: RunJobOptions = {},
): Promise<SwarmStartResult> {
  const { identity } = checkStartInput(engine, input)
  const state: StartState = {
    engine,
    input,
    identity,
    port: input.port ?? DEFAULT_PORT,
    publishMode: input.publishMode ?? 'ingress',
    updateOrder: 'start-first',
    suffix: stamp(),
    secrets: {},
    endpoints: [],
    notices: [],
  }
  const s = await runJob({ kind: 'swarmStart', steps: START_STEPS }, state, opts)
  const e = s.endpoints[0]
  return {
    name: input.name,
    serviceId: s.service?.ID ?? '',
    image: s.image ?? '',
    replicas: input.replicas,
    port: s.port,
    publishMode: s.publishMode,
    updateOrder: s.updateOrder,
    url: httpsUrl(identity, e?.port ?? s.port),
    endpoints: s.endpoints,
    secrets: Object.values(s.secrets).map((r) => r.name),
    volume: input.s3 ? undefined : (input.volume?.name ?? `${input.name}-data`),
    redis: s.redis,
    healthcheck: s.probe !== undefined,
    health: s.health ?? { status: 0, elapsedMs: 0, attempts: 0 },
    notices: s.notices,
  }
}
