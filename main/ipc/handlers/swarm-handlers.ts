// The Registry step's "Docker Swarm service" (main/cluster/swarm): the plan names the engine, the issued pair comes
// from certDir (as the single-container start reads it); everything else is a name or a number.
import {
  findService,
  isSwarmManager,
  removeSwarmRegistry,
  replaceSwarmCertificate,
  restartSwarmRegistry,
  startSwarmRegistry,
  swarmStatus,
  type SwarmStatus,
} from '../../cluster/swarm/index'
import { LABEL_OWNER } from '../../cluster/swarm/names'
import { checkContainerName, DEFAULT_NAME, readCertDir, type Engine } from '../../docker/index'
import type { StepProgress } from '../../jobs/runner'
import { englishTranslator } from '../../messages/index'
import type { Plan, StartSwarmRequest, SwarmStartInfo, SwarmStatusInfo } from '../contract'
import type { EngineCache } from '../engine-cache'
import type { HandlerContext } from '../handler-types'
import type { AllHandlers } from '../register-handlers'
import type { RegistryLogins } from '../registry-logins'

type SwarmChannels =
  | 'swarmAvailable'
  | 'startSwarmRegistry'
  | 'swarmStatus'
  | 'swarmRestart'
  | 'swarmReplaceCert'
  | 'swarmRemove'

export interface SwarmHandlerDeps {
  engines: EngineCache
  /** The service's name (default "registry", as the container's); tests use their own prefix. */
  name?: string | undefined
  logins?: RegistryLogins | undefined
}

/** A job step as progress (the renderer renders its message) and as a log line (English for main-side logs). */
const reporter =
  (jobId: string, ctx: HandlerContext) =>
  (p: StepProgress): void => {
    ctx.job?.report(p)
    if (p.step === 'done') return
    ctx.emit('job:log', {
      jobId,
      line: `${p.step}: ${englishTranslator().render(p.message)}`,
      message: p.message,
    })
  }

function statusInfo(s: SwarmStatus): SwarmStatusInfo {
  const cert = s.servedCert
  return {
    name: s.name,
    image: s.image,
    replicas: s.replicas,
    running: s.running,
    publishMode: s.publishMode,
    port: s.port,
    updateState: s.updateState,
    tasks: s.tasks.map((t) => ({ id: t.id, slot: t.slot, state: t.state, nodeId: t.nodeId, error: t.error })),
    servedCert: cert && { notAfter: cert.notAfter, daysLeft: cert.daysLeft, fingerprint: cert.fingerprint },
  }
}

async function start(
  engine: Engine,
  name: string,
  req: StartSwarmRequest,
  ctx: HandlerContext,
): Promise<SwarmStartInfo> {
  const { plan, volume } = req
  const r = await startSwarmRegistry(
    engine,
    {
      name,
      port: plan.port,
      publishMode: req.publishMode,
      replicas: req.replicas,
      certs: await readCertDir(req.certDir),
      registryHost: plan.addresses[0],
      ...(volume ? { volume: { ...volume, name: volume.name ?? `${name}-data` } } : {}),
      ...(req.redisImage ? { redisImage: req.redisImage } : {}),
      ...(req.replace ? { replace: true } : {}),
      ...(req.imageTar ? { imageTar: req.imageTar } : {}),
      ...(req.users?.length ? { users: req.users } : {}),
    },
    { signal: ctx.job?.signal, onProgress: reporter(req.jobId, ctx) },
  )
  return {
    name: r.name,
    url: r.url,
    replicas: r.replicas,
    publishMode: r.publishMode,
    updateOrder: r.updateOrder,
    endpoints: r.endpoints.map((e) => ({ host: e.host, port: e.port })),
    secrets: r.secrets,
    volume: r.volume,
    redis: r.redis,
    notices: r.notices,
  }
}

export function swarmHandlers(deps: SwarmHandlerDeps): Pick<AllHandlers, SwarmChannels> {
  const name = checkContainerName(deps.name ?? DEFAULT_NAME)
  const engineOf = (plan: Plan): Promise<Engine> => deps.engines.get(plan.docker)
  return {
    swarmAvailable: async ({ plan }) => ({ manager: await isSwarmManager(await engineOf(plan)) }),
    startSwarmRegistry: async (req, ctx) => {
      const r = await start(await engineOf(req.plan), name, req, ctx)
      // The Verify step logs in with these later in this session; they stay in main's memory only.
      deps.logins?.remember(req.plan.addresses, req.plan.port, req.users)
      return r
    },
    swarmStatus: async ({ plan }) => {
      const engine = await engineOf(plan)
      const s = await findService(engine, name)
      if (s === undefined || s.Spec.Labels?.[LABEL_OWNER] !== name) return { service: null }
      return { service: statusInfo(await swarmStatus(engine, name)) }
    },
    swarmRestart: async ({ plan, certDir }) => {
      const { caPem } = await readCertDir(certDir)
      const r = await restartSwarmRegistry(await engineOf(plan), name, caPem, {
        registryHost: plan.addresses[0],
      })
      const { status, elapsedMs } = r.health
      return { status, elapsedMs, updateOrder: r.updateOrder, notices: r.notices }
    },
    swarmReplaceCert: async ({ jobId, plan, certDir, caDir, passphrase, days }, ctx) => {
      // With the CA: a fresh pair for the plan's addresses, written into certDir too once it is served (as the
      // container's replace swaps its folder); else the pair in certDir.
      const pair =
        caDir === undefined
          ? { certs: await readCertDir(certDir) }
          : { issue: { caDir, sans: plan.addresses, passphrase, days, keepIn: certDir } }
      const r = await replaceSwarmCertificate(
        { engine: await engineOf(plan), name, ...pair, registryHost: plan.addresses[0] },
        { signal: ctx.job?.signal, onProgress: reporter(jobId, ctx) },
      )
      const { notAfter, fingerprint, previousFingerprint, updateOrder, notices } = r
      return { notAfter, fingerprint, previousFingerprint, updateOrder, notices }
    },
    swarmRemove: async ({ plan, deleteData }) => {
      const r = await removeSwarmRegistry(await engineOf(plan), name, { deleteData })
      return {
        removedServices: r.removedServices,
        removedSecrets: r.removedSecrets,
        removedVolumes: r.removedVolumes,
        keptVolume: r.keptVolume,
      }
    },
  }
}
