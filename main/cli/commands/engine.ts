import { join } from 'node:path'
import type { Command } from 'commander'
import { invalidInput } from '../../errors'
import {
  checkEngine,
  closeEngine,
  connectEngine,
  defaultKnownHostsFiles,
  isPlainTcp,
  parseHostKeyFingerprint,
  plainTcpWarning,
  type Engine,
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
export function addEngineOptions(cmd: Command): Command {
  return cmd
    .option(
      '--docker-host <url>',
      'engine: unix:///var/run/docker.sock, tcp://HOST:2376, ssh://USER@HOST[:PORT] (default: DOCKER_HOST, then the local socket)',
    )
    .option('--tls-ca <file>', "CA certificate that signed the engine's TLS server certificate (tcp://)")
    .option('--tls-cert <file>', 'client certificate for the engine (tcp://)')
    .option('--tls-key <file>', 'client key for the engine (tcp://)')
    .option('--ssh-key <file>', 'private key for ssh:// (default: ssh-agent from SSH_AUTH_SOCK)')
    .option('--ssh-passphrase-file <file>', 'passphrase of --ssh-key, on the first line of FILE')
    .option(
      '--ssh-host-key-fingerprint <SHA256:...>',
      'accept only this SSH host key (as `ssh-keygen -lf` prints it) instead of checking known_hosts',
    )
    .option(
      '--ssh-known-hosts <file>',
      'known_hosts file to check the SSH host key against (default ~/.ssh/known_hosts)',
    )
    .option(
      '--insecure-engine',
      'allow a tcp:// engine WITHOUT TLS to receive the registry key and htpasswd file in clear text (refused otherwise)',
    )
}

/** Builds the engine spec from options (and DOCKER_TLS_VERIFY/DOCKER_CERT_PATH), reading the files named. */
export async function engineSpecFromOptions(ctx: CommandContext, o: EngineOpts): Promise<EngineSpec> {
  const spec: EngineSpec = {
    host: o.dockerHost ?? ctx.io.env.DOCKER_HOST,
    ...(o.insecureEngine === true ? { insecure: true } : {}),
  }
  const given = [o.tlsCa, o.tlsCert, o.tlsKey].filter((v) => v !== undefined).length
  if (given > 0 && given < 3) {
    throw invalidInput(
      '--tls-ca/--tls-cert/--tls-key',
      `${given} of 3 given`,
      'give all three files for a TLS engine, or none',
    )
  }
  if (o.tlsCa !== undefined && o.tlsCert !== undefined && o.tlsKey !== undefined) {
    spec.tls = {
      ca: await readInputFile(ctx, o.tlsCa, '--tls-ca'),
      cert: await readInputFile(ctx, o.tlsCert, '--tls-cert'),
      key: await readInputFile(ctx, o.tlsKey, '--tls-key'),
    }
  } else if (ctx.io.env.DOCKER_TLS_VERIFY === '1' && ctx.io.env.DOCKER_CERT_PATH) {
    const dir = ctx.io.env.DOCKER_CERT_PATH
    spec.tls = {
      ca: await readInputFile(ctx, join(dir, 'ca.pem'), 'DOCKER_CERT_PATH'),
      cert: await readInputFile(ctx, join(dir, 'cert.pem'), 'DOCKER_CERT_PATH'),
      key: await readInputFile(ctx, join(dir, 'key.pem'), 'DOCKER_CERT_PATH'),
    }
  }
  if (o.sshKey !== undefined) {
    spec.ssh = {
      privateKey: await readInputFile(ctx, o.sshKey, '--ssh-key'),
      passphrase:
        o.sshPassphraseFile === undefined
          ? undefined
          : await readSecretFile(ctx, o.sshPassphraseFile, '--ssh-passphrase-file'),
    }
  } else if (ctx.io.env.SSH_AUTH_SOCK) {
    spec.ssh = { agent: ctx.io.env.SSH_AUTH_SOCK }
  }
  if (o.sshHostKeyFingerprint !== undefined) {
    spec.ssh = {
      ...spec.ssh,
      hostKeyFingerprint: parseHostKeyFingerprint(o.sshHostKeyFingerprint, '--ssh-host-key-fingerprint'),
    }
  }
  if (o.sshKnownHosts !== undefined) {
    // Like ssh -o UserKnownHostsFile=FILE: the system-wide files are still read.
    const system = defaultKnownHostsFiles({ HOME: '/nonexistent' }).filter((f) => f.startsWith('/etc/'))
    spec.ssh = { ...spec.ssh, knownHostsFiles: [ctx.path(o.sshKnownHosts), ...system] }
  }
  return spec
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
    ctx.io.stderr(`warning: ${plainTcpWarning(engine.resolved)} (allowed by --insecure-engine)\n`)
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

export function registerEngineCommands(program: Command, ctx: CommandContext): void {
  const engine = program
    .command('engine')
    .description('The Docker engine the registry runs on (local, ssh:// or tcp:// with TLS)')
  addEngineOptions(
    engine
      .command('check')
      .description(
        'Connect to the engine within 5 s and report its version, API version and OS/arch, or why not',
      )
      .option('--json', 'print the result as JSON'),
  ).action(async (o: EngineOpts & { json?: boolean }) => {
    const info = await withEngine(ctx, o, (engine) => {
      // Checking sends no secret: it goes ahead, but says what `registry start` would refuse.
      if (isPlainTcp(engine.resolved) && o.insecureEngine !== true)
        ctx.io.stderr(
          `warning: ${plainTcpWarning(engine.resolved)} registry start and replace-cert refuse it unless --insecure-engine is given; prefer TLS (--tls-ca, --tls-cert, --tls-key) or ssh://.\n`,
        )
      return checkEngine(engine)
    })
    if (o.json) {
      printJson(ctx, info)
      return
    }
    ctx.io.stdout(
      [
        `engine       ${info.engine}`,
        `version      ${info.version} (API ${info.apiVersion})`,
        `platform     ${info.os}/${info.arch}`,
        `kernel       ${info.kernel}`,
      ].join('\n') + '\n',
    )
  })
}
