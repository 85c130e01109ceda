import { join } from 'node:path'
import type { Command } from 'commander'
import { invalidInput } from '../../errors'
import { message } from '../../messages/index'
import {
  checkEngine,
  closeEngine,
  connectEngine,
  defaultKnownHostsFiles,
  isPlainTcp,
  parseHostKeyFingerprint,
  plainTcpWarning,
  type Engine,
  type EngineInfo,
  type EngineSpec,
} from '../../docker'
import { printJson, readInputFile, readSecretFile, type CommandContext } from '../context'

export interface EngineOpts {
  dockerHost?: string
  tlsCa?: string
  tlsCert?: string
  tlsKey?: string
  sshKey?: string
  sshPassphraseFile?: string
  sshHostKeyFingerprint?: string
  sshKnownHosts?: string
  insecureEngine?: boolean
}

/** The engine options every engine/registry command takes. */
export function addEngineOptions(ctx: CommandContext, cmd: Command): Command {
  const t = (key: string): string => ctx.tr.text(`cli.docker.engine.option.${key}`)
  return cmd
    .option('--docker-host <url>', t('dockerHost'))
    .option('--tls-ca <file>', t('tlsCa'))
    .option('--tls-cert <file>', t('tlsCert'))
    .option('--tls-key <file>', t('tlsKey'))
    .option('--ssh-key <file>', t('sshKey'))
    .option('--ssh-passphrase-file <file>', t('sshPassphraseFile'))
    .option('--ssh-host-key-fingerprint <SHA256:...>', t('sshHostKeyFingerprint'))
    .option('--ssh-known-hosts <file>', t('sshKnownHosts'))
    .option('--insecure-engine', t('insecureEngine'))
}

/** TLS client files from --tls-ca/--tls-cert/--tls-key (all three or none), else DOCKER_TLS_VERIFY/DOCKER_CERT_PATH. */
async function tlsFromOptions(ctx: CommandContext, o: EngineOpts): Promise<EngineSpec['tls']> {
  const given = [o.tlsCa, o.tlsCert, o.tlsKey].filter((v) => v !== undefined).length
  if (given > 0 && given < 3)
    throw invalidInput(
      '--tls-ca/--tls-cert/--tls-key',
      ctx.tr.text('cli.docker.engine.tlsTriple', { given }),
      message('cli.docker.engine.tlsTripleAllowed'),
    )
  if (o.tlsCa !== undefined && o.tlsCert !== undefined && o.tlsKey !== undefined)
    return {
      ca: await readInputFile(ctx, o.tlsCa, 'tlsCa'),
      cert: await readInputFile(ctx, o.tlsCert, 'tlsCert'),
      key: await readInputFile(ctx, o.tlsKey, 'tlsKey'),
    }
  const dir = ctx.io.env.DOCKER_CERT_PATH
  if (ctx.io.env.DOCKER_TLS_VERIFY !== '1' || !dir) return undefined
  return {
    ca: await readInputFile(ctx, join(dir, 'ca.pem'), 'DOCKER_CERT_PATH'),
    cert: await readInputFile(ctx, join(dir, 'cert.pem'), 'DOCKER_CERT_PATH'),
    key: await readInputFile(ctx, join(dir, 'key.pem'), 'DOCKER_CERT_PATH'),
  }
}

/** The SSH login and host key policy from --ssh-key (or ssh-agent), --ssh-host-key-fingerprint, --ssh-known-hosts. */
async function sshFromOptions(ctx: CommandContext, o: EngineOpts): Promise<EngineSpec['ssh']> {
  let ssh: EngineSpec['ssh']
  if (o.sshKey !== undefined)
    ssh = {
      privateKey: await readInputFile(ctx, o.sshKey, 'sshKey'),
      passphrase:
        o.sshPassphraseFile === undefined
          ? undefined
          : await readSecretFile(ctx, o.sshPassphraseFile, 'sshPassphraseFile'),
    }
  else if (ctx.io.env.SSH_AUTH_SOCK) ssh = { agent: ctx.io.env.SSH_AUTH_SOCK }
  if (o.sshHostKeyFingerprint !== undefined)
    ssh = { ...ssh, hostKeyFingerprint: parseHostKeyFingerprint(o.sshHostKeyFingerprint) }
  if (o.sshKnownHosts !== undefined) {
    // Like ssh -o UserKnownHostsFile=FILE: the system-wide files are still read.
    const system = defaultKnownHostsFiles({ HOME: '/nonexistent' }).filter((f) => f.startsWith('/etc/'))
    ssh = { ...ssh, knownHostsFiles: [ctx.path(o.sshKnownHosts), ...system] }
  }
  return ssh
}

/** Builds the engine spec from options (and DOCKER_TLS_VERIFY/DOCKER_CERT_PATH), reading the files named. */
export async function engineSpecFromOptions(ctx: CommandContext, o: EngineOpts): Promise<EngineSpec> {
  const tls = await tlsFromOptions(ctx, o)
  const ssh = await sshFromOptions(ctx, o)
  return {
    host: o.dockerHost ?? ctx.io.env.DOCKER_HOST,
    ...(o.insecureEngine === true ? { insecure: true } : {}),
    ...(tls === undefined ? {} : { tls }),
    ...(ssh === undefined ? {} : { ssh }),
  }
}

export async function engineFromOptions(ctx: CommandContext, o: EngineOpts): Promise<Engine> {
  return connectEngine(await engineSpecFromOptions(ctx, o), ctx.io.env)
}

/** Runs `work` with an engine from the options and closes its connection (the SSH session) afterwards. */
export async function withEngine<T>(
  ctx: CommandContext,
  o: EngineOpts,
  work: (engine: Engine) => Promise<T>,
): Promise<T> {
  const engine = await engineFromOptions(ctx, o)
  if (isPlainTcp(engine.resolved) && o.insecureEngine === true)
    ctx.io.stderr(
      `${ctx.tr.text('cli.common.label.warning')}: ${ctx.tr.render(plainTcpWarning(engine.resolved))} ${ctx.tr.text('cli.docker.engine.allowedInsecure')}\n`,
    )
  try {
    return await work(engine)
  } finally {
    closeEngine(engine)
  }
}

/** Aborts on Ctrl+C while `work` runs, so pulls, loads and health polls stop cleanly. */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  const onSigint = (): void => {
    controller.abort()
  }
  process.once('SIGINT', onSigint)
  try {
    return await work(controller.signal)
  } finally {
    process.removeListener('SIGINT', onSigint)
  }
}

function printEngineInfo(ctx: CommandContext, info: EngineInfo): void {
  const t = (key: string): string => ctx.tr.text(`cli.docker.engine.check.${key}`, { ...info })
  ctx.io.stdout(`${[t('engine'), t('version'), t('platform'), t('kernel')].join('\n')}\n`)
}

export function registerEngineCommands(program: Command, ctx: CommandContext): void {
  const t = (key: string): string => ctx.tr.text(`cli.docker.${key}`)
  const engine = program.command('engine').description(t('engine.description'))
  addEngineOptions(
    ctx,
    engine
      .command('check')
      .description(t('engine.check.description'))
      .option('--json', t('registry.option.json')),
  ).action(async (o: EngineOpts & { json?: boolean }) => {
    const info = await withEngine(ctx, o, (engine) => {
      // Checking sends no secret: it goes ahead, but says what `registry start` would refuse.
      if (isPlainTcp(engine.resolved) && o.insecureEngine !== true)
        ctx.io.stderr(
          `${ctx.tr.text('cli.common.label.warning')}: ${ctx.tr.render(plainTcpWarning(engine.resolved))} ${t('engine.check.refusesPlainTcp')}\n`,
        )
      return checkEngine(engine)
    })
    if (o.json) printJson(ctx, info)
    else printEngineInfo(ctx, info)
  })
}
