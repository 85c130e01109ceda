import type { Command } from 'commander'
import { invalidInput } from '../../errors'
import { checkContainerName, readCertDir } from '../../docker'
import { message, type Params } from '../../messages/index'
import {
  DEFAULT_MIRROR_NAME,
  DEFAULT_MIRROR_PORT,
  inspectMirror,
  mirrorStatus,
  removeMirror,
  restartMirror,
  startMirror,
  stopMirror,
  type MirrorStatus,
  type StartMirrorInput,
  type StartMirrorResult,
} from '../../mirror'
import {
  parsePositiveInt,
  printJson,
  readInputFile,
  readOptionalSecretFile,
  type CommandContext,
} from '../context'
import { withEngine, withInterrupt } from './engine'
import {
  commonOptions as sharedOptions,
  healthTimeoutOption as sharedHealthTimeout,
  registerContainerCommands,
  type CommonOpts,
  type ContainerCommands,
} from './container-commands'
import { parseCertStore, parseStorage, progressPrinter, statusLines } from './registry'

interface StartOpts extends CommonOpts {
  certs: string
  upstream?: string
  upstreamCa?: string
  upstreamUser?: string
  upstreamPasswordFile?: string
  ttl?: string
  port: string
  data?: string
  volume?: string
  image?: string
  imageTar?: string
  pull: boolean
  certStore: string
  registryHost?: string
  replace?: boolean
  reuse?: boolean
  healthTimeout: string
}

/** `cli.mirror.*` in the run's language. */
const say = (ctx: CommandContext, key: string, params?: Params): string =>
  ctx.tr.text(`cli.mirror.${key}`, params)

/** `mirror status|logs|stop|restart|remove`: the registry's commands, after the check that it is a mirror. */
const mirrorCommands = (ctx: CommandContext): ContainerCommands<MirrorStatus> => ({
  say: (key, params) => say(ctx, key, params),
  defaultName: DEFAULT_MIRROR_NAME,
  status: (engine, name) => mirrorStatus(engine, name),
  statusLines: (s) => mirrorLines(ctx, s),
  check: inspectMirror,
  stop: stopMirror,
  restart: restartMirror,
  remove: removeMirror,
})

const commonOptions = (ctx: CommandContext, cmd: Command): Command =>
  sharedOptions(ctx, mirrorCommands(ctx), cmd)
const healthTimeoutOption = (ctx: CommandContext, cmd: Command): Command =>
  sharedHealthTimeout(mirrorCommands(ctx), cmd)

async function upstreamLogin(
  ctx: CommandContext,
  o: StartOpts,
): Promise<Pick<StartMirrorInput, 'upstreamUser' | 'upstreamPassword'>> {
  const password = await readOptionalSecretFile(ctx, o.upstreamPasswordFile, 'upstreamPassword')
  return { upstreamUser: o.upstreamUser, upstreamPassword: password }
}

/** Everything `mirror start` reads before it talks to the engine: bad input fails here, nothing started. */
async function startInput(ctx: CommandContext, o: StartOpts): Promise<StartMirrorInput> {
  const name = checkContainerName(o.name)
  const port = parsePositiveInt('port', o.port, 65535)
  const healthTimeoutMs = parsePositiveInt('healthTimeout', o.healthTimeout, 3600) * 1000
  const storage = parseStorage(ctx, o)
  const certStore = parseCertStore(o.certStore)
  if (o.replace && o.reuse)
    throw invalidInput(
      '--replace/--reuse',
      ctx.tr.text('cli.docker.registry.start.both'),
      message('cli.docker.registry.start.allowed.oneOf'),
    )
  const login = await upstreamLogin(ctx, o)
  const upstreamCaPem =
    o.upstreamCa === undefined ? undefined : await readInputFile(ctx, o.upstreamCa, 'upstreamCaPem')
  const certs = await readCertDir(ctx.path(o.certs))
  return {
    name,
    port,
    certs,
    upstream: o.upstream,
    upstreamCaPem,
    ...login,
    ttl: o.ttl,
    storage,
    certStore,
    image: o.image,
    imageTar: o.imageTar === undefined ? undefined : ctx.path(o.imageTar),
    pull: o.pull,
    ifExists: o.replace ? 'replace' : o.reuse ? 'reuse' : 'fail',
    registryHost: o.registryHost,
    healthTimeoutMs,
  }
}

function printStarted(ctx: CommandContext, r: StartMirrorResult, json: boolean | undefined): void {
  const notices = r.notices.map((n) => ctx.tr.render(n))
  if (json) {
    printJson(ctx, { ...r, notices })
    return
  }
  const source = ctx.tr.text(`cli.docker.registry.start.source.${r.imageSource}`)
  const { name, url, image, upstream } = r
  const [status, ms] = [r.health.status, r.health.elapsedMs]
  ctx.io.stdout(`${say(ctx, 'start.healthy', { name, url, status, ms, image, source, upstream })}\n`)
  ctx.io.stdout(`${say(ctx, 'start.noPush')}\n`)
  ctx.io.stdout(`${say(ctx, 'start.clients', { hostPort: new URL(url).host })}\n`)
  for (const n of notices) ctx.io.stdout(`${ctx.tr.text('cli.common.label.note')}: ${n}\n`)
}

function startCommand(ctx: CommandContext, mirror: Command): Command {
  const t = (key: string): string => say(ctx, `start.${key}`)
  return mirror
    .command('start')
    .description(t('description'))
    .requiredOption('--certs <dir>', t('certs'))
    .option('--upstream <url>', t('upstream'))
    .option('--upstream-ca <file>', t('upstreamCa'))
    .option('--upstream-user <name>', t('upstreamUser'))
    .option('--upstream-password-file <file>', t('upstreamPasswordFile'))
    .option('--ttl <duration>', t('ttl'))
    .option('--port <port>', t('port'), String(DEFAULT_MIRROR_PORT))
    .option('--data <path>', t('data'))
    .option('--volume <name>', t('volume'))
    .option('--image <ref>', t('image'))
    .option('--image-tar <file>', t('imageTar'))
    .option('--no-pull', t('noPull'))
    .option('--cert-store <where>', t('certStore'), 'auto')
    .option('--registry-host <host>', t('registryHost'))
    .option('--replace', t('replace'))
    .option('--reuse', t('reuse'))
}

function registerStart(ctx: CommandContext, mirror: Command): void {
  commonOptions(ctx, healthTimeoutOption(ctx, startCommand(ctx, mirror))).action(async (o: StartOpts) => {
    const input = await startInput(ctx, o)
    const onProgress = progressPrinter(ctx, 'cli.mirror.start.step')
    const result = await withEngine(ctx, o, (engine) =>
      withInterrupt((signal) => startMirror(engine, input, { signal, onProgress })),
    )
    printStarted(ctx, result, o.json)
  })
}

/** The registry's status lines, then what makes it a mirror: the upstream, its login and CA, the TTL. */
function mirrorLines(ctx: CommandContext, s: MirrorStatus): string[] {
  return [
    ...statusLines(ctx, s),
    say(ctx, 'status.proxy', { upstream: s.upstream }),
    ...(s.upstreamUser === undefined ? [] : [say(ctx, 'status.upstreamUser', { user: s.upstreamUser })]),
    ...(s.upstreamCa ? [say(ctx, 'status.upstreamCa')] : []),
    ...(s.ttl === undefined ? [] : [say(ctx, 'status.ttl', { ttl: s.ttl })]),
  ]
}

/** `registry-wizard mirror start|status|logs|stop|restart|remove`: main/mirror, on docker/manage like `registry`. */
export function registerMirrorCommands(program: Command, ctx: CommandContext): void {
  const mirror = program.command('mirror').description(say(ctx, 'description'))
  registerStart(ctx, mirror)
  registerContainerCommands(ctx, mirrorCommands(ctx), mirror)
}
