// `registry start --swarm` and the Swarm side of status/logs/stop/restart/remove/replace-cert (main/cluster/swarm).
import type { Command } from 'commander'
import {
  findService,
  removeSwarmRegistry,
  replaceSwarmCertificate,
  restartSwarmRegistry,
  startSwarmRegistry,
  stopSwarmRegistry,
  swarmStatus,
  type PublishMode,
  type S3Storage,
  type SwarmRemoveResult,
  type SwarmStartInput,
  type SwarmStartResult,
  type SwarmStatus,
} from '../../cluster/swarm/index'
import { LABEL_OWNER } from '../../cluster/swarm/names'
import {
  assertSecretsSafe,
  checkContainerName,
  CONTAINER_NAME_RULE,
  readCertDir,
  type CertMaterial,
  type Engine,
  type HealthResult,
  type LogSource,
  type SecretsSent,
} from '../../docker'
import { AppError, invalidInput } from '../../errors'
import type { StepProgress } from '../../jobs/runner'
import { message, type Params } from '../../messages/index'
import { collect, parsePositiveInt, printJson, readSecretFile, type CommandContext } from '../context'

export interface SwarmStartOpts {
  swarm?: boolean
  replicas?: string
  publishMode?: string
  volumeDriver?: string
  volumeOpt?: string[]
  s3Bucket?: string
  s3Region?: string
  s3Endpoint?: string
  s3AccessKeyFile?: string
  s3SecretKeyFile?: string
  redisImage?: string
}

const say = (ctx: CommandContext, key: string, params?: Params): string =>
  ctx.tr.text(`cli.swarm.${key}`, params)

export function addSwarmStartOptions(ctx: CommandContext, cmd: Command): Command {
  const t = (key: string): string => say(ctx, `option.${key}`)
  return cmd
    .option('--swarm', t('swarm'))
    .option('--replicas <n>', t('replicas'))
    .option('--publish-mode <mode>', t('publishMode'))
    .option('--volume-driver <driver>', t('volumeDriver'))
    .option('--volume-opt <key=value>', t('volumeOpt'), collect)
    .option('--s3-bucket <bucket>', t('s3Bucket'))
    .option('--s3-region <region>', t('s3Region'))
    .option('--s3-endpoint <url>', t('s3Endpoint'))
    .option('--s3-access-key-file <file>', t('s3AccessKeyFile'))
    .option('--s3-secret-key-file <file>', t('s3SecretKeyFile'))
    .option('--redis-image <ref>', t('redisImage'))
}

const SWARM_ONLY = [
  'replicas',
  'publishMode',
  'volumeDriver',
  'volumeOpt',
  's3Bucket',
  's3Region',
  's3Endpoint',
  's3AccessKeyFile',
  's3SecretKeyFile',
  'redisImage',
] as const

/** Swarm options without --swarm are refused (exit 2), before anything else is read. */
export function refuseSwarmOnly(o: SwarmStartOpts): void {
  const given = SWARM_ONLY.find((k) => o[k] !== undefined)
  if (given !== undefined)
    throw new AppError({ code: 'SWARM_OPTION_NEEDS_SWARM', kind: 'input', field: given })
}

function parseVolumeOpts(values: string[] | undefined): Record<string, string> | undefined {
  if (values === undefined) return undefined
  const out: Record<string, string> = {}
  for (const v of values) {
    const eq = v.indexOf('=')
    if (eq <= 0) throw invalidInput('volumeOpt', v, message('cli.swarm.allowed.volumeOpt'))
    out[v.slice(0, eq)] = v.slice(eq + 1)
  }
  return out
}

async function parseS3(ctx: CommandContext, o: SwarmStartOpts): Promise<S3Storage | undefined> {
  const parts = {
    s3Bucket: o.s3Bucket,
    s3Region: o.s3Region,
    s3AccessKeyFile: o.s3AccessKeyFile,
    s3SecretKeyFile: o.s3SecretKeyFile,
  }
  const missing = Object.entries(parts).filter(([, v]) => v === undefined)
  if (missing.length === 4 && o.s3Endpoint === undefined) return undefined
  if (missing.length > 0)
    throw new AppError({
      code: 'SWARM_S3_INCOMPLETE',
      kind: 'input',
      field: 's3Bucket',
      params: { missing: missing.map(([k]) => k) },
    })
  return {
    bucket: o.s3Bucket ?? '',
    region: o.s3Region ?? '',
    regionEndpoint: o.s3Endpoint,
    accessKey: (await readSecretFile(ctx, o.s3AccessKeyFile ?? '', 's3AccessKeyFile')).trim(),
    secretKey: (await readSecretFile(ctx, o.s3SecretKeyFile ?? '', 's3SecretKeyFile')).trim(),
  }
}

/** What only a container takes: a host path for data, a certificate store, reuse. */
interface ContainerOnly {
  data?: string | undefined
  certStore: string
  reuse?: boolean | undefined
}

function refuseContainerOnly(o: ContainerOnly): void {
  const field =
    o.data !== undefined ? 'data' : o.certStore !== 'auto' ? 'certStore' : o.reuse ? 'reuse' : undefined
  if (field !== undefined) throw new AppError({ code: 'SWARM_OPTION_NOT_FOR_SWARM', kind: 'input', field })
}

function parsePublishMode(value: string | undefined): PublishMode {
  if (value === undefined || value === 'ingress' || value === 'host') return value ?? 'ingress'
  throw invalidInput('publishMode', value, message('cli.swarm.allowed.publishMode'))
}

/** Everything `registry start --swarm` reads before it talks to the engine: bad input fails here (exit 2). */
export async function swarmStartInput(
  ctx: CommandContext,
  o: SwarmStartOpts & ContainerOnly & { name: string; port: string; volume?: string; certs: string },
  base: Pick<
    SwarmStartInput,
    'image' | 'users' | 'deleteEnabled' | 'imageTar' | 'pull' | 'registryHost' | 'replace' | 'healthTimeoutMs'
  >,
): Promise<SwarmStartInput> {
  refuseContainerOnly(o)
  const name = checkContainerName(o.name)
  const publishMode = parsePublishMode(o.publishMode)
  const port = publishMode === 'host' && o.port.trim() === '0' ? 0 : parsePositiveInt('port', o.port, 65535)
  const replicas = parsePositiveInt('replicas', o.replicas ?? '2', 100)
  if (o.volume !== undefined && !CONTAINER_NAME_RULE.test(o.volume))
    throw invalidInput('volume', o.volume, message('cli.docker.registry.start.allowed.volumeName'))
  const options = parseVolumeOpts(o.volumeOpt)
  const s3 = await parseS3(ctx, o)
  const certs = await readCertDir(ctx.path(o.certs))
  return {
    ...base,
    name,
    port,
    publishMode,
    replicas,
    certs,
    s3,
    redisImage: o.redisImage,
    volume: { name: o.volume ?? `${name}-data`, driver: o.volumeDriver, options },
  }
}

const stepPrinter =
  (ctx: CommandContext) =>
  (p: StepProgress): void => {
    if (p.step !== 'done') ctx.io.stderr(`${ctx.tr.render(p.message)}\n`)
  }

export function printSwarmStarted(ctx: CommandContext, r: SwarmStartResult, json: boolean | undefined): void {
  const notices = r.notices.map((n) => ctx.tr.render(n))
  if (json) {
    printJson(ctx, { ...r, notices })
    return
  }
  const params = { name: r.name, url: r.url, replicas: r.replicas, mode: r.publishMode, order: r.updateOrder }
  ctx.io.stdout(`${say(ctx, 'started', { ...params, status: r.health.status, ms: r.health.elapsedMs })}\n`)
  if (r.publishMode === 'host')
    for (const e of r.endpoints) ctx.io.stdout(`${say(ctx, 'endpoint', { host: e.host, port: e.port })}\n`)
  ctx.io.stdout(`${say(ctx, 'secrets', { secrets: r.secrets })}\n`)
  for (const n of notices) ctx.io.stdout(`${ctx.tr.text('cli.common.label.note')}: ${n}\n`)
}

export function runSwarmStart(
  engine: Engine,
  ctx: CommandContext,
  input: SwarmStartInput,
  signal: AbortSignal,
): Promise<SwarmStartResult> {
  return startSwarmRegistry(engine, input, { signal, onProgress: stepPrinter(ctx) })
}

/**
 * True when NAME is a registry service we made (status/logs/... then work on it, not on a container). `sends`: what
 * the command sends next whichever it is (replace-cert: a new key): an engine that must not get it is refused
 * before this makes any call.
 */
export async function isOurService(engine: Engine, name: string, sends?: SecretsSent): Promise<boolean> {
  if (sends !== undefined) assertSecretsSafe(engine.resolved, sends)
  const s = await findService(engine, name)
  return s !== undefined && s.Spec.Labels?.[LABEL_OWNER] === name
}

export function swarmStatusLines(ctx: CommandContext, s: SwarmStatus): string[] {
  const st = (key: string, params?: Params): string => say(ctx, `status.${key}`, params)
  const cert = s.servedCert
  const none = say(ctx, 'none')
  return [
    st('service', { name: s.name, id: s.serviceId.slice(0, 12) }),
    st('replicas', {
      running: s.running,
      replicas: s.replicas,
      update: s.updateState === undefined ? '' : st('update', { state: s.updateState }),
    }),
    st('image', { image: s.image }),
    st('port', { port: s.port ?? none, mode: s.publishMode }),
    ...s.tasks.map((t) =>
      st('task', {
        slot: t.slot ?? '-',
        state: t.state,
        node: t.nodeId.slice(0, 12),
        port: t.hostPort === undefined ? '' : ` :${t.hostPort}`,
        error: t.error ? ` (${t.error})` : '',
      }),
    ),
    st('secrets', { secrets: s.secrets.length === 0 ? none : s.secrets }),
    cert
      ? st('certificate', {
          subject: cert.subject,
          notAfter: cert.notAfter,
          days: cert.daysLeft,
          fingerprint: cert.fingerprint,
        })
      : st('noCertificate'),
  ]
}

export function printSwarmRemoved(
  ctx: CommandContext,
  r: SwarmRemoveResult,
  json: boolean | undefined,
): void {
  if (json) {
    printJson(ctx, r)
    return
  }
  const none = say(ctx, 'none')
  const list = (l: string[]): string | string[] => (l.length === 0 ? none : l)
  ctx.io.stdout(
    `${say(ctx, 'removed', {
      name: r.removed,
      services: list(r.removedServices),
      secrets: list(r.removedSecrets),
      configs: list(r.removedConfigs),
      networks: list(r.removedNetworks),
    })}\n`,
  )
  if (r.keptVolume !== undefined) ctx.io.stdout(`${say(ctx, 'keptVolume', { volume: r.keptVolume })}\n`)
}

/** Where replace-cert's new pair comes from (registry.ts reads it before the engine is asked). */
export type ReplaceSource =
  | { certs: CertMaterial }
  | {
      caDir: string
      sans: string[]
      days?: number | undefined
      passphrase?: string | undefined
      /** --out: the new pair written there too once it is served (a service only). */
      keepIn?: string | undefined
    }

/** replace-cert on a service: a pair already issued (--certs), or one issued from the CA (--ca-dir). */
export async function swarmReplaceCert(
  ctx: CommandContext,
  engine: Engine,
  o: { name: string; registryHost?: string; json?: boolean; healthTimeoutMs: number },
  source: ReplaceSource,
  signal: AbortSignal,
): Promise<void> {
  const pair = 'certs' in source ? { certs: source.certs } : { issue: source }
  const r = await replaceSwarmCertificate(
    {
      engine,
      name: o.name,
      ...pair,
      registryHost: o.registryHost,
      timeoutMs: Math.max(o.healthTimeoutMs, 300_000),
    },
    { signal, onProgress: stepPrinter(ctx) },
  )
  if (o.json) {
    printJson(ctx, { ...r, notices: r.notices.map((n) => ctx.tr.render(n)) })
    return
  }
  ctx.io.stdout(
    `${say(ctx, 'replaced', {
      name: r.name,
      notAfter: r.notAfter,
      previous: r.previousFingerprint.slice(0, 16),
      fingerprint: r.fingerprint.slice(0, 16),
      retired: r.retiredSecrets.length === 0 ? say(ctx, 'none') : r.retiredSecrets,
      order: r.updateOrder,
    })}\n`,
  )
}

/** restart on a service: the rolling restart; a stop-first order is said on stderr (the health line follows). */
async function restart(
  ctx: CommandContext,
  engine: Engine,
  name: string,
  caPem: string,
  o: { registryHost?: string | undefined; healthTimeoutMs?: number | undefined },
): Promise<HealthResult> {
  const r = await restartSwarmRegistry(engine, name, caPem, o)
  for (const n of r.notices) ctx.io.stderr(`${ctx.tr.text('cli.common.label.note')}: ${ctx.tr.render(n)}\n`)
  return r.health
}

export const swarmOps = { swarmStatus, stopSwarmRegistry, restart, removeSwarmRegistry }
export type { LogSource }
