import type { Command } from 'commander'
import { AppError, invalidInput } from '../../errors'
import {
  checkContainerName,
  CONTAINER_NAME_RULE,
  DEFAULT_IMAGE,
  DEFAULT_NAME,
  inspectRegistry,
  readCertDir,
  registryStatus,
  removeRegistry,
  restartAndCheck,
  startRegistry,
  stopRegistry,
  type CertStoreChoice,
  type Credential,
  type ProgressEvent,
  type RegistryStatus,
  type StartRegistryInput,
  type StartRegistryResult,
  type StorageSpec,
} from '../../docker'
import type { StepProgress } from '../../jobs/runner'
import { replaceServerCertificate, swapServerCertificate } from '../../lifecycle/replace-certificate'
import { message, type Params } from '../../messages/index'
import {
  collect,
  parsePositiveInt,
  printJson,
  readOptionalSecretFile,
  readSecretFile,
  type CommandContext,
} from '../context'
import {
  commonOptions as sharedOptions,
  healthTimeoutOption as sharedHealthTimeout,
  registerContainerCommands,
  type CommonOpts,
  type ContainerCommands,
} from './container-commands'
import { registerRegistryManageCommands } from './registry-manage'
import {
  addSwarmStartOptions,
  isOurService,
  printSwarmStarted,
  refuseSwarmOnly,
  runSwarmStart,
  swarmOps,
  swarmReplaceCert,
  swarmStartInput,
  swarmStatusLines,
  type ReplaceSource,
  type SwarmStartOpts,
} from './registry-swarm'
import type { SwarmStatus } from '../../cluster/swarm/index'
import { registerRenewCert } from './renew'
import { registerEngineCommands, withEngine, withInterrupt } from './engine'

interface StartOpts extends CommonOpts, SwarmStartOpts {
  certs: string
  port: string
  data?: string
  volume?: string
  image: string
  imageTar?: string
  user?: string[]
  passwordFile?: string[]
  deleteEnabled?: boolean
  certStore: string
  registryHost?: string
  replace?: boolean
  reuse?: boolean
  pull: boolean
  healthTimeout: string
}

/** `cli.docker.registry.*` in the run's language. */
const say = (ctx: CommandContext, key: string, params?: Params): string =>
  ctx.tr.text(`cli.docker.registry.${key}`, params)
const allowedMsg = (key: string): ReturnType<typeof message> =>
  message(`cli.docker.registry.start.allowed.${key}`)

export function parseCertStore(value: string): CertStoreChoice {
  if (value === 'auto' || value === 'bind' || value === 'volume') return value
  if (value.startsWith('host:') && value.slice(5).startsWith('/')) return { hostPath: value.slice(5) }
  throw invalidInput('certStore', value, allowedMsg('certStore'))
}

export function parseStorage(
  ctx: CommandContext,
  o: Pick<StartOpts, 'data' | 'volume'>,
): StorageSpec | undefined {
  if (o.data !== undefined && o.volume !== undefined)
    throw invalidInput(
      '--data/--volume',
      say(ctx, 'start.dataAndVolume', { data: o.data, volume: o.volume }),
      allowedMsg('oneStorage'),
    )
  if (o.data !== undefined) {
    if (!o.data.startsWith('/')) throw invalidInput('data', o.data, allowedMsg('dataPath'))
    return { kind: 'hostPath', path: o.data }
  }
  if (o.volume !== undefined) {
    if (!CONTAINER_NAME_RULE.test(o.volume)) throw invalidInput('volume', o.volume, allowedMsg('volumeName'))
    return { kind: 'volume', name: o.volume }
  }
  return undefined
}

async function readUsers(ctx: CommandContext, o: StartOpts): Promise<Credential[] | undefined> {
  const users = o.user ?? []
  const files = o.passwordFile ?? []
  if (users.length !== files.length)
    throw invalidInput(
      '--user/--password-file',
      say(ctx, 'start.usersAndFiles', { users: users.length, files: files.length }),
      allowedMsg('usersFiles'),
    )
  if (users.length === 0) return undefined
  const out: Credential[] = []
  for (const [i, user] of users.entries())
    out.push({ user, password: await readSecretFile(ctx, files[i] ?? '', 'passwordFile') })
  return out
}

/** Progress on stderr: step changes and layer status changes; byte counters are left out. `steps`: their names. */
export function progressPrinter(
  ctx: CommandContext,
  steps = 'cli.docker.registry.start.step',
): (e: ProgressEvent) => void {
  let last = ''
  return (e) => {
    if (e.step === 'pull' && e.current !== undefined) return
    const key = `${steps}.${e.step}`
    const line = `${ctx.tr.has(key) ? ctx.tr.text(key) : e.step}: ${ctx.tr.render(e.message)}`
    if (line === last) return
    last = line
    ctx.io.stderr(`${line}\n`)
  }
}

/**
 * `registry status|logs|stop|restart|remove`: docker/manage on a registry container, or main/cluster/swarm when
 * NAME is a registry service we made on a Swarm manager.
 */
const registryCommands = (ctx: CommandContext): ContainerCommands<RegistryStatus | SwarmStatus> => ({
  say: (key, params) => say(ctx, key, params),
  defaultName: DEFAULT_NAME,
  status: async (e, n) => ((await isOurService(e, n)) ? swarmOps.swarmStatus(e, n) : registryStatus(e, n)),
  statusLines: (s) => ('serviceId' in s ? swarmStatusLines(ctx, s) : statusLines(ctx, s)),
  check: async (e, n) => ((await isOurService(e, n)) ? true : inspectRegistry(e, n)),
  stop: async (e, n) => ((await isOurService(e, n)) ? swarmOps.stopSwarmRegistry(e, n) : stopRegistry(e, n)),
  restart: async (e, n, ca, o) =>
    (await isOurService(e, n)) ? swarmOps.restart(ctx, e, n, ca, o) : restartAndCheck(e, n, ca, o),
  remove: async (e, n, o) =>
    (await isOurService(e, n)) ? swarmOps.removeSwarmRegistry(e, n, o) : removeRegistry(e, n, o),
  logSource: async (e, n) => ((await isOurService(e, n)) ? 'service' : 'container'),
})

const commonOptions = (ctx: CommandContext, cmd: Command): Command =>
  sharedOptions(ctx, registryCommands(ctx), cmd)
const healthTimeoutOption = (ctx: CommandContext, cmd: Command): Command =>
  sharedHealthTimeout(registryCommands(ctx), cmd)

/** Everything `registry start` reads before it talks to the engine: bad input fails here, nothing changed. */
async function startInput(ctx: CommandContext, o: StartOpts): Promise<StartRegistryInput> {
  const name = checkContainerName(o.name)
  const port = parsePositiveInt('port', o.port, 65535)
  const healthTimeoutMs = parsePositiveInt('healthTimeout', o.healthTimeout, 3600) * 1000
  const storage = parseStorage(ctx, o)
  const certStore = parseCertStore(o.certStore)
  if (o.replace && o.reuse)
    throw invalidInput('--replace/--reuse', say(ctx, 'start.both'), allowedMsg('oneOf'))
  const users = await readUsers(ctx, o)
  const certs = await readCertDir(ctx.path(o.certs))
  return {
    name,
    image: o.image,
    port,
    certs,
    storage,
    certStore,
    imageTar: o.imageTar === undefined ? undefined : ctx.path(o.imageTar),
    pull: o.pull,
    users,
    deleteEnabled: o.deleteEnabled,
    ifExists: o.replace ? 'replace' : o.reuse ? 'reuse' : 'fail',
    registryHost: o.registryHost,
    healthTimeoutMs,
  }
}

function printStarted(ctx: CommandContext, r: StartRegistryResult, json: boolean | undefined): void {
  const notices = r.notices.map((n) => ctx.tr.render(n))
  if (json) {
    printJson(ctx, { ...r, notices })
    return
  }
  ctx.io.stdout(
    `${say(ctx, 'start.healthy', {
      name: r.name,
      url: r.url,
      status: r.health.status,
      ms: r.health.elapsedMs,
      image: r.image,
      source: say(ctx, `start.source.${r.imageSource}`),
    })}\n`,
  )
  for (const n of notices) ctx.io.stdout(`${ctx.tr.text('cli.common.label.note')}: ${n}\n`)
}

function registerStart(ctx: CommandContext, registry: Command): void {
  const t = (key: string): string => say(ctx, `start.${key}`)
  const cmd = registry
    .command('start')
    .description(t('description'))
    .requiredOption('--certs <dir>', t('certs'))
    .option('--port <port>', t('port'), '5000')
    .option('--data <path>', t('data'))
    .option('--volume <name>', t('volume'))
    .option('--image <ref>', t('image'), DEFAULT_IMAGE)
    .option('--image-tar <file>', t('imageTar'))
    .option('--user <name>', t('user'), collect)
    .option('--password-file <file>', t('passwordFile'), collect)
    .option('--delete-enabled', t('deleteEnabled'))
    .option('--cert-store <where>', t('certStore'), 'auto')
    .option('--registry-host <host>', t('registryHost'))
    .option('--replace', t('replace'))
    .option('--reuse', t('reuse'))
    .option('--no-pull', t('noPull'))
  addSwarmStartOptions(ctx, cmd)
  commonOptions(ctx, healthTimeoutOption(ctx, cmd)).action(async (o: StartOpts) => {
    if (o.swarm === true) return startSwarm(ctx, o)
    refuseSwarmOnly(o)
    const input = await startInput(ctx, o)
    const result = await withEngine(ctx, o, (engine) =>
      withInterrupt((signal) => startRegistry(engine, input, { signal, onProgress: progressPrinter(ctx) })),
    )
    printStarted(ctx, result, o.json)
  })
}

/** `registry start --swarm`: the same inputs as a container where they apply (main/cluster/swarm). */
async function startSwarm(ctx: CommandContext, o: StartOpts): Promise<void> {
  const users = await readUsers(ctx, o)
  const input = await swarmStartInput(ctx, o, {
    image: o.image,
    users,
    deleteEnabled: o.deleteEnabled,
    imageTar: o.imageTar === undefined ? undefined : ctx.path(o.imageTar),
    pull: o.pull,
    registryHost: o.registryHost,
    replace: o.replace,
    healthTimeoutMs: parsePositiveInt('healthTimeout', o.healthTimeout, 3600) * 1000,
  })
  const r = await withEngine(ctx, o, (engine) =>
    withInterrupt((signal) => runSwarmStart(engine, ctx, input, signal)),
  )
  printSwarmStarted(ctx, r, o.json)
}

export function statusLines(ctx: CommandContext, s: RegistryStatus): string[] {
  const st = (key: string, params?: Params): string => say(ctx, `status.${key}`, params)
  const cert = s.servedCert
  return [
    st('name', { name: s.name, managed: s.managed ? '' : st('notManaged') }),
    st('state', {
      state: s.state,
      uptime: s.uptimeSeconds === undefined ? '' : st('uptime', { seconds: s.uptimeSeconds }),
      restarts: s.restartCount > 0 ? st('restarts', { count: s.restartCount }) : '',
    }),
    st('image', { image: s.image }),
    st('port', { port: s.port ?? st('notPublished') }),
    s.storage ? st('storage', { kind: s.storage.kind, source: s.storage.source }) : st('noStorage'),
    cert
      ? st('certificate', { subject: cert.subject, notAfter: cert.notAfter, days: cert.daysLeft })
      : st('noCertificate'),
  ]
}

interface ReplaceOpts extends CommonOpts {
  certs?: string
  caDir?: string
  ip?: string[]
  dns?: string[]
  days?: string
  passphraseFile?: string
  out?: string
  registryHost?: string
  healthTimeout: string
}

/** Where the new pair comes from: a folder with one already issued (`--certs`) or the CA (`--ca-dir`), one of them. */
async function replaceSource(ctx: CommandContext, o: ReplaceOpts): Promise<ReplaceSource> {
  const sans = [...(o.ip ?? []), ...(o.dns ?? [])]
  const issueOnly =
    sans.length > 0 || o.days !== undefined || o.passphraseFile !== undefined || o.out !== undefined
  if ((o.certs === undefined) === (o.caDir === undefined) || (o.certs !== undefined && issueOnly))
    throw new AppError({ code: 'REPLACE_SOURCE', kind: 'input' })
  if (o.certs !== undefined) return { certs: await readCertDir(ctx.path(o.certs)) }
  return {
    caDir: ctx.path(o.caDir ?? ''),
    sans,
    days: o.days === undefined ? undefined : parsePositiveInt('days', o.days),
    passphrase: await readOptionalSecretFile(ctx, o.passphraseFile, 'passphraseFile'),
    keepIn: o.out === undefined ? undefined : ctx.path(o.out),
  }
}

/** The replace job's step texts on stderr, in the run's language (the result line follows on stdout). */
const jobPrinter =
  (ctx: CommandContext) =>
  (p: StepProgress): void => {
    if (p.step !== 'done') ctx.io.stderr(`${ctx.tr.render(p.message)}\n`)
  }

function registerReplaceCert(ctx: CommandContext, registry: Command): void {
  const t = (key: string): string => ctx.tr.text(`cli.jobs.replaceCert.${key}`)
  const cmd = registry
    .command('replace-cert')
    .description(say(ctx, 'replaceCert.description'))
    .option('--certs <dir>', t('certs'))
    .option('--ca-dir <dir>', t('caDir'))
    .option('--ip <ip>', t('ip'), collect)
    .option('--dns <name>', t('dns'), collect)
    .option('--days <n>', t('days'))
    .option('--passphrase-file <file>', t('passphraseFile'))
    .option('--out <dir>', t('out'))
    .option('--registry-host <host>', say(ctx, 'replaceCert.registryHost'))
  commonOptions(ctx, healthTimeoutOption(ctx, cmd)).action(async (o: ReplaceOpts) => {
    const name = checkContainerName(o.name)
    const healthTimeoutMs = parsePositiveInt('healthTimeout', o.healthTimeout, 3600) * 1000
    const source = await replaceSource(ctx, o)
    const onService = await withEngine(ctx, o, async (engine) => {
      // Either path sends a new private key: the lookup refuses an engine that must not get one before any call.
      if (!(await isOurService(engine, name, 'newKey'))) return false
      const target = { ...o, name, healthTimeoutMs }
      await withInterrupt((signal) => swarmReplaceCert(ctx, engine, target, source, signal))
      return true
    })
    if (onService) return
    if ('keepIn' in source && source.keepIn !== undefined)
      throw new AppError({ code: 'REPLACE_OUT_SERVICE_ONLY', kind: 'input', field: 'out' })
    const r = await withEngine(ctx, o, (engine) =>
      withInterrupt((signal) => {
        const target = { engine, name, registryHost: o.registryHost, healthTimeoutMs }
        const options = { signal, onProgress: jobPrinter(ctx) }
        return 'certs' in source
          ? swapServerCertificate({ ...target, certs: source.certs }, options)
          : replaceServerCertificate({ ...target, ...source }, options)
      }),
    )
    if (o.json) printJson(ctx, { name, ...r })
    else
      ctx.io.stdout(
        `${say(ctx, 'replaceCert.done', { name, notAfter: r.notAfter, status: r.health.status })}\n`,
      )
  })
}

export function registerRegistryCommands(program: Command, ctx: CommandContext): void {
  registerEngineCommands(program, ctx)
  const registry = program.command('registry').description(say(ctx, 'description'))
  registerStart(ctx, registry)
  registerContainerCommands(ctx, registryCommands(ctx), registry)
  registerReplaceCert(ctx, registry)
  registerRenewCert(ctx, registry)
  registerRegistryManageCommands(ctx, registry)
}

export { printRemoved } from './container-commands'
