import type { Command } from 'commander'
import { invalidInput } from '../../errors'
import { checkContainerName, followLogs, readCertDir } from '../../docker'
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
import { CA_CERT_FILE } from '../../pki/file-names'
import { join } from 'node:path'
import {
  parsePositiveInt,
  printJson,
  readInputFile,
  readOptionalSecretFile,
  type CommandContext,
} from '../context'
import { addEngineOptions, withEngine, withInterrupt, type EngineOpts } from './engine'
import { parseCertStore, parseStorage, printRemoved, progressPrinter, statusLines } from './registry'

interface CommonOpts extends EngineOpts {
  name: string
  json?: boolean
}

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

function commonOptions(ctx: CommandContext, cmd: Command): Command {
  return addEngineOptions(
    ctx,
    cmd
      .option('--name <name>', say(ctx, 'option.name'), DEFAULT_MIRROR_NAME)
      .option('--json', say(ctx, 'option.json')),
  )
}

const healthTimeoutOption = (ctx: CommandContext, cmd: Command): Command =>
  cmd.option('--health-timeout <seconds>', say(ctx, 'option.healthTimeout'), '60')

/** The upstream login: the user with the password read from its file (never from the command line). */
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

function registerStatus(ctx: CommandContext, mirror: Command): void {
  commonOptions(ctx, mirror.command('status').description(say(ctx, 'status.description'))).action(
    async (o: CommonOpts) => {
      const name = checkContainerName(o.name)
      const s = await withEngine(ctx, o, (engine) => mirrorStatus(engine, name))
      if (o.json) printJson(ctx, s)
      else ctx.io.stdout(`${mirrorLines(ctx, s).join('\n')}\n`)
    },
  )
}

function registerLogs(ctx: CommandContext, mirror: Command): void {
  commonOptions(
    ctx,
    mirror
      .command('logs')
      .description(say(ctx, 'logs.description'))
      .option('--tail <n>', ctx.tr.text('cli.docker.registry.logs.tail'), '100')
      .option('--follow', ctx.tr.text('cli.docker.registry.logs.follow')),
  ).action(async (o: CommonOpts & { tail: string; follow?: boolean }) => {
    const name = checkContainerName(o.name)
    const tail = parsePositiveInt('tail', o.tail, 100000)
    await withEngine(ctx, o, async (engine) => {
      await inspectMirror(engine, name)
      await withInterrupt((signal) =>
        followLogs(engine, name, {
          tail,
          follow: o.follow === true,
          signal,
          onLine: (l) => ctx.io.stdout(`${l}\n`),
        }),
      )
    })
  })
}

function registerStop(ctx: CommandContext, mirror: Command): void {
  commonOptions(ctx, mirror.command('stop').description(say(ctx, 'stop.description'))).action(
    async (o: CommonOpts) => {
      const name = checkContainerName(o.name)
      await withEngine(ctx, o, (engine) => stopMirror(engine, name))
      if (o.json) printJson(ctx, { stopped: name })
      else ctx.io.stdout(`${ctx.tr.text('cli.docker.registry.stop.done', { name })}\n`)
    },
  )
}

function registerRestart(ctx: CommandContext, mirror: Command): void {
  const cmd = mirror
    .command('restart')
    .description(say(ctx, 'restart.description'))
    .requiredOption('--certs <dir>', say(ctx, 'restart.certs'))
    .option('--registry-host <host>', say(ctx, 'start.registryHost'))
  commonOptions(ctx, healthTimeoutOption(ctx, cmd)).action(
    async (o: CommonOpts & { certs: string; registryHost?: string; healthTimeout: string }) => {
      const name = checkContainerName(o.name)
      const caPem = await readInputFile(ctx, join(ctx.path(o.certs), CA_CERT_FILE), 'certs')
      const healthTimeoutMs = parsePositiveInt('healthTimeout', o.healthTimeout, 3600) * 1000
      const health = await withEngine(ctx, o, (engine) =>
        restartMirror(engine, name, caPem, { registryHost: o.registryHost, healthTimeoutMs }),
      )
      if (o.json) printJson(ctx, { restarted: name, health })
      else {
        const params = { name, status: health.status, ms: health.elapsedMs }
        ctx.io.stdout(`${ctx.tr.text('cli.docker.registry.restart.done', params)}\n`)
      }
    },
  )
}

function registerRemove(ctx: CommandContext, mirror: Command): void {
  commonOptions(
    ctx,
    mirror
      .command('remove')
      .description(say(ctx, 'remove.description'))
      .option('--delete-data', say(ctx, 'remove.deleteData')),
  ).action(async (o: CommonOpts & { deleteData?: boolean }) => {
    const name = checkContainerName(o.name)
    const r = await withEngine(ctx, o, (engine) =>
      removeMirror(engine, name, { deleteData: o.deleteData === true }),
    )
    printRemoved(ctx, r, o.json)
  })
}

/** `registry-wizard mirror start|status|logs|stop|restart|remove`: main/mirror, on docker/manage like `registry`. */
export function registerMirrorCommands(program: Command, ctx: CommandContext): void {
  const mirror = program.command('mirror').description(say(ctx, 'description'))
  registerStart(ctx, mirror)
  registerStatus(ctx, mirror)
  registerLogs(ctx, mirror)
  registerStop(ctx, mirror)
  registerRestart(ctx, mirror)
  registerRemove(ctx, mirror)
}
