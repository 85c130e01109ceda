// The first steps of `registry start --swarm`: checks, image, secrets, probe, network (start-service.ts: the rest).
import { AppError } from '../../errors'
import {
  DEFAULT_IMAGE,
  engineCallFailed,
  ensureImage,
  makeHtpasswd,
  type CertMaterial,
  type Credential,
  type Engine,
  type HealthResult,
} from '../../docker/index'
import type { JobStep } from '../../jobs/runner'
import { message, type Message } from '../../messages/index'
import { newHttpSecret, registryConfigYaml, REDIS_PORT, type S3Storage } from './config'
import { assertSwarmManager, type SwarmManagerInfo } from './manager'
import {
  LABEL_FINGERPRINT,
  LABEL_KIND,
  networkName,
  ownedLabels,
  probeConfigName,
  redisName,
  secretName,
} from './names'
import {
  createConfig,
  createSecret,
  findService,
  removeSecret,
  removeWhenFree,
  type ServiceInfo,
} from './objects'
import { placementOrder, stopFirstNotice, type UpdateOrder } from './placement'
import { healthProbe } from './probe'
import { removeSwarmRegistry } from './remove'
import { type PublishMode, type RegistryServiceInput, type SecretRef, type SwarmVolume } from './spec'
import type { ServiceEndpoint } from './tasks'
import { certFingerprint } from './served'

export interface SwarmStartInput {
  name: string
  image?: string | undefined
  /** The published port (ingress: every node; host: each task's node; 0 with host: a port per task). */
  port?: number | undefined
  publishMode?: PublishMode | undefined
  replicas: number
  certs: CertMaterial
  users?: Credential[] | undefined
  deleteEnabled?: boolean | undefined
  /** Default: a named volume NAME-data (the local driver). Ignored with s3. */
  volume?: SwarmVolume | undefined
  s3?: S3Storage | undefined
  /** An image the user has for the Redis blob-descriptor cache (no default: none is shipped). */
  redisImage?: string | undefined
  imageTar?: string | undefined
  pull?: boolean | undefined
  registryHost?: string | undefined
  /** Replace an existing service of ours with the same name (its data volume is kept). */
  replace?: boolean | undefined
  healthTimeoutMs?: number | undefined
}

export interface SwarmStartResult {
  name: string
  serviceId: string
  image: string
  replicas: number
  port: number
  publishMode: PublishMode
  /** How replace-cert and restart roll the tasks (placement.ts); stop-first: a notice says what it costs. */
  updateOrder: UpdateOrder
  url: string
  endpoints: ServiceEndpoint[]
  secrets: string[]
  volume: string | undefined
  redis: string | undefined
  healthcheck: boolean
  health: HealthResult
  notices: Message[]
}

export interface StartState {
  engine: Engine
  input: SwarmStartInput
  identity: string
  port: number
  publishMode: PublishMode
  /** Decided in preflight from the nodes (placement.ts). */
  updateOrder: UpdateOrder
  suffix: string
  manager?: SwarmManagerInfo
  image?: string
  secrets: Partial<RegistryServiceInput['secrets']>
  probe?: { config: SecretRef; constraint: string } | undefined
  network?: string
  redis?: string
  service?: ServiceInfo
  endpoints: ServiceEndpoint[]
  health?: HealthResult
  notices: Message[]
}

export const timeout = (s: StartState): number => s.input.healthTimeoutMs ?? 120_000

/**
 * The update order the placement allows (placement.ts): a fixed host port with more replicas than eligible nodes is
 * refused here, before any object is made; stop-first is said in the notices.
 */
async function choosePlacement(s: StartState, arch: string): Promise<void> {
  const constraint = healthProbe(arch)?.constraint
  const p = {
    publishMode: s.publishMode,
    port: s.port,
    replicas: s.input.replicas,
    constraints: constraint === undefined ? [] : [constraint],
  }
  const { order, eligible } = await placementOrder(s.engine, p, 'replicas')
  s.updateOrder = order
  if (order === 'stop-first') s.notices.push(stopFirstNotice(p, eligible))
}

const preflight: JobStep<StartState> = {
  id: 'preflight',
  async run(s) {
    s.manager = await assertSwarmManager(s.engine)
    await choosePlacement(s, s.manager.arch)
    const existing = await findService(s.engine, s.input.name)
    if (existing === undefined) return
    if (s.input.replace !== true)
      throw new AppError({
        code: 'SWARM_SERVICE_EXISTS',
        kind: 'input',
        field: 'name',
        params: { name: s.input.name },
      })
    await removeSwarmRegistry(s.engine, s.input.name)
  },
}

/** The image present (loaded or pulled as for a container), then pinned: its repository digest, else its ID. */
const image: JobStep<StartState> = {
  id: 'image',
  async run(s, ctx) {
    const ref = s.input.image ?? DEFAULT_IMAGE
    await ensureImage(s.engine, ref, { signal: ctx.signal, imageTar: s.input.imageTar, pull: s.input.pull })
    const info = (await s.engine.docker.getImage(ref).inspect()) as { Id: string; RepoDigests?: string[] }
    s.image = info.RepoDigests?.[0] ?? info.Id
    if (info.RepoDigests?.[0] === undefined)
      s.notices.push(message('swarm.notice.imageById', { image: ref, id: info.Id }))
  },
}

const secrets: JobStep<StartState> = {
  id: 'secrets',
  async run(s) {
    const { engine, input, suffix } = s
    const n = input.name
    const auth = (input.users ?? []).length > 0
    const config = registryConfigYaml({
      httpSecret: newHttpSecret(),
      auth,
      deleteEnabled: input.deleteEnabled,
      s3: input.s3,
      redisAddr: input.redisImage === undefined ? undefined : `${redisName(n)}:${REDIS_PORT}`,
    })
    s.secrets.config = await createSecret(engine, n, 'config', secretName(n, 'config', suffix), config)
    const fp = { [LABEL_FINGERPRINT]: certFingerprint(input.certs.certPem) }
    s.secrets.cert = await createSecret(
      engine,
      n,
      'cert',
      secretName(n, 'cert', suffix),
      input.certs.certPem,
      fp,
    )
    s.secrets.key = await createSecret(engine, n, 'key', secretName(n, 'key', suffix), input.certs.keyPem, fp)
    if (auth)
      s.secrets.htpasswd = await createSecret(
        engine,
        n,
        'htpasswd',
        secretName(n, 'htpasswd', suffix),
        await makeHtpasswd(input.users ?? []),
      )
  },
  async undo(s) {
    for (const ref of Object.values(s.secrets)) await removeSecret(s.engine, ref.id)
  },
}

const probe: JobStep<StartState> = {
  id: 'probe',
  async run(s) {
    const p = healthProbe(s.manager?.arch ?? '')
    if (p === undefined) {
      s.notices.push(message('swarm.notice.noProbe', { arch: s.manager?.arch ?? '' }))
      return
    }
    const config = await createConfig(
      s.engine,
      s.input.name,
      probeConfigName(s.input.name, s.suffix),
      p.binary,
    )
    s.probe = { config, constraint: p.constraint }
  },
  async undo(s) {
    const id = s.probe?.config.id
    if (id !== undefined) await removeWhenFree(() => s.engine.docker.getConfig(id).remove())
  },
}

const network: JobStep<StartState> = {
  id: 'network',
  async run(s) {
    const name = networkName(s.input.name)
    try {
      await s.engine.docker.createNetwork({
        Name: name,
        Driver: 'overlay',
        CheckDuplicate: true,
        Labels: ownedLabels(s.input.name, { [LABEL_KIND]: 'network' }),
      })
    } catch (err) {
      throw engineCallFailed(message('swarm.action.createNetwork', { name }), err)
    }
    s.network = name
  },
  async undo(s) {
    const n = s.network
    if (n !== undefined) await removeWhenFree(() => s.engine.docker.getNetwork(n).remove())
  },
}

export const firstSteps = [preflight, image, secrets, probe, network]
