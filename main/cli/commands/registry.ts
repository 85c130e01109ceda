import { join } from 'node:path'
import type { Command } from 'commander'
import { invalidInput } from '../../errors'
import {
  CA_FILE,
  DEFAULT_IMAGE,
  DEFAULT_NAME,
  followLogs,
  inspectRegistry,
  readCertDir,
  registryStatus,
  removeRegistry,
  replaceCertificate,
  restartAndCheck,
  startRegistry,
  stopRegistry,
  type CertStoreChoice,
  type Credential,
  type ProgressEvent,
  type StorageSpec,
} from '../../docker'
import {
  collect,
  parsePositiveInt,
  printJson,
  readInputFile,
  readSecretFile,
  type CommandContext,
} from '../context'
import {
  addEngineOptions,
  registerEngineCommands,
  withEngine,
  withInterrupt,
  type EngineOpts,
} from './engine'

interface CommonOpts extends EngineOpts {
  name: string
  json?: boolean
}

interface StartOpts extends CommonOpts {
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

/** Reads DIR/ca.crt: the only trust anchor used to check the registry's health. */
async function readCaPem(ctx: CommandContext, dir: string): Promise<string> {
  return readInputFile(ctx, join(ctx.path(dir), CA_FILE), '--certs')
}

const NAME_RULE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/

function checkName(name: string): string {
  if (!NAME_RULE.test(name))
    throw invalidInput(
      '--name',
      name,
      'allowed: letters, digits and _ . - (starting with a letter or digit, at most 63)',
    )
  return name
}

function parseCertStore(value: string): CertStoreChoice {
  if (value === 'auto' || value === 'bind' || value === 'volume') return value
  if (value.startsWith('host:') && value.slice(5).startsWith('/')) return { hostPath: value.slice(5) }
  throw invalidInput(
    '--cert-store',
    value,
    "allowed: auto, bind, volume, host:/ABSOLUTE/PATH (a directory on the engine's host)",
  )
}

function parseStorage(o: StartOpts): StorageSpec | undefined {
  if (o.data !== undefined && o.volume !== undefined)
    throw invalidInput(
      '--data/--volume',
      `${o.data} and ${o.volume}`,
      'give one of --data PATH or --volume NAME',
    )
  if (o.data !== undefined) {
    if (!o.data.startsWith('/'))
      throw invalidInput(
        '--data',
        o.data,
        "an absolute path on the engine's host is allowed (e.g. /var/lib/registry)",
      )
    return { kind: 'hostPath', path: o.data }
  }
  if (o.volume !== undefined) {
    if (!NAME_RULE.test(o.volume))
      throw invalidInput('--volume', o.volume, 'allowed: a volume name of letters, digits and _ . -')
    return { kind: 'volume', name: o.volume }
  }
  return undefined
}

async function readUsers(ctx: CommandContext, o: StartOpts): Promise<Credential[] | undefined> {
  const users = o.user ?? []
  const files = o.passwordFile ?? []
  if (users.length !== files.length) {
    throw invalidInput(
      '--user/--password-file',
      `${users.length} users, ${files.length} password files`,
      'give one --password-file after each --user',
    )
  }
  if (users.length === 0) return undefined
  const out: Credential[] = []
  for (const [i, user] of users.entries())
    out.push({ user, password: await readSecretFile(ctx, files[i] ?? '', '--password-file') })
  return out
}

/** Progress on stderr: step changes and layer status changes; byte counters are left out. */
function progressPrinter(ctx: CommandContext): (e: ProgressEvent) => void {
  let last = ''
  return (e) => {
    const line = e.step === 'pull' && e.current !== undefined ? '' : `${e.step}: ${e.message}`
    if (line === '' || line === last) return
    last = line
    ctx.io.stderr(`${line}\n`)
  }
}

function commonOptions(cmd: Command): Command {
  return addEngineOptions(
    cmd.option('--name <name>', 'container name', DEFAULT_NAME).option('--json', 'print the result as JSON'),
  )
}

export function registerRegistryCommands(program: Command, ctx: CommandContext): void {
  registerEngineCommands(program, ctx)
  const registry = program
    .command('registry')
    .description('Run and manage the registry container on a Docker engine')

  commonOptions(
    registry
      .command('start')
      .description(
        'Preflight, image (present, --image-tar, or pull), certificates to the engine, container, health check',
      )
      .requiredOption('--certs <dir>', 'directory with domain.crt, domain.key and ca.crt (from `cert issue`)')
      .option('--port <port>', 'host port', '5000')
      .option('--data <path>', "storage as a host path on the engine's host")
      .option('--volume <name>', 'storage as a named volume (default NAME-data)')
      .option('--image <ref>', 'registry image (registry:2 or registry:3)', DEFAULT_IMAGE)
      .option('--image-tar <file>', 'load the image from a `docker save` tar (offline)')
      .option('--user <name>', 'htpasswd user (repeatable, each with --password-file)', collect)
      .option(
        '--password-file <file>',
        'password of the preceding --user, on the first line of FILE',
        collect,
      )
      .option('--delete-enabled', 'allow deleting images through the API (REGISTRY_STORAGE_DELETE_ENABLED)')
      .option(
        '--cert-store <where>',
        'auto | bind | volume | host:/PATH (auto: bind locally, volume remotely)',
        'auto',
      )
      .option(
        '--registry-host <host>',
        "address clients use, checked against the served certificate and reported (default: an address the certificate names; the check connects to the engine's host, 127.0.0.1 locally)",
      )
      .option('--replace', 'replace an existing container with this name')
      .option('--reuse', 'reuse an existing container with this name')
      .option('--no-pull', 'never pull; fail when the image is missing and no tar was given')
      .option('--health-timeout <seconds>', 'how long to wait for a healthy answer', '60'),
  ).action(async (o: StartOpts) => {
    const name = checkName(o.name)
    const port = parsePositiveInt('--port', o.port, 65535)
    const healthTimeoutMs = parsePositiveInt('--health-timeout', o.healthTimeout, 3600) * 1000
    const storage = parseStorage(o)
    const certStore = parseCertStore(o.certStore)
    if (o.replace && o.reuse) throw invalidInput('--replace/--reuse', 'both', 'give one of them')
    const users = await readUsers(ctx, o)
    const certs = await readCertDir(ctx.path(o.certs))
    const result = await withEngine(ctx, o, (engine) =>
      withInterrupt((signal) =>
        startRegistry(
          engine,
          {
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
          },
          { signal, onProgress: progressPrinter(ctx) },
        ),
      ),
    )
    if (o.json) {
      printJson(ctx, result)
      return
    }
    ctx.io.stdout(
      `registry "${result.name}" is healthy at ${result.url}/v2/ (HTTP ${result.health.status} after ${result.health.elapsedMs} ms, image ${result.image} ${result.imageSource})\n`,
    )
    for (const n of result.notices) ctx.io.stdout(`note: ${n}\n`)
  })

  commonOptions(
    registry
      .command('status')
      .description("State, uptime, image, port, storage and the served certificate's expiry"),
  ).action(async (o: CommonOpts) => {
    const s = await withEngine(ctx, o, (engine) => registryStatus(engine, checkName(o.name)))
    if (o.json) {
      printJson(ctx, s)
      return
    }
    const lines = [
      `name         ${s.name}${s.managed ? '' : ' (not made by Registry Wizard)'}`,
      `state        ${s.state}${s.uptimeSeconds === undefined ? '' : `, up ${s.uptimeSeconds} s`}${s.restartCount > 0 ? `, ${s.restartCount} restarts` : ''}`,
      `image        ${s.image}`,
      `port         ${s.port ?? '(not published)'}`,
      `storage      ${s.storage ? `${s.storage.kind} ${s.storage.source}` : '(none)'}`,
      `certificate  ${s.servedCert ? `${s.servedCert.subject}, expires ${s.servedCert.notAfter} (${s.servedCert.daysLeft} days left)` : '(not readable)'}`,
    ]
    ctx.io.stdout(`${lines.join('\n')}\n`)
  })

  commonOptions(
    registry
      .command('logs')
      .description("The container's log lines")
      .option('--tail <n>', 'how many lines', '100')
      .option('--follow', 'keep printing new lines until Ctrl+C'),
  ).action(async (o: CommonOpts & { tail: string; follow?: boolean }) => {
    const name = checkName(o.name)
    const tail = parsePositiveInt('--tail', o.tail, 100000)
    await withEngine(ctx, o, async (engine) => {
      await inspectRegistry(engine, name)
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

  commonOptions(registry.command('stop').description('Stop the registry container')).action(
    async (o: CommonOpts) => {
      const name = checkName(o.name)
      await withEngine(ctx, o, (engine) => stopRegistry(engine, name))
      if (o.json) printJson(ctx, { stopped: name })
      else ctx.io.stdout(`stopped ${name}\n`)
    },
  )

  commonOptions(
    registry
      .command('restart')
      .description('Restart the registry container and check its health against the CA')
      .requiredOption('--certs <dir>', 'directory holding ca.crt, to verify the registry after the restart')
      .option(
        '--registry-host <host>',
        "address to check the served certificate against (default: one it names; the check connects to the engine's host)",
      )
      .option('--health-timeout <seconds>', 'how long to wait for a healthy answer', '60'),
  ).action(async (o: CommonOpts & { certs: string; registryHost?: string; healthTimeout: string }) => {
    const name = checkName(o.name)
    const caPem = await readCaPem(ctx, o.certs)
    const healthTimeoutMs = parsePositiveInt('--health-timeout', o.healthTimeout, 3600) * 1000
    const health = await withEngine(ctx, o, (engine) =>
      restartAndCheck(engine, name, caPem, { registryHost: o.registryHost, healthTimeoutMs }),
    )
    if (o.json) printJson(ctx, { restarted: name, health })
    else ctx.io.stdout(`restarted ${name}: healthy (HTTP ${health.status} after ${health.elapsedMs} ms)\n`)
  })

  commonOptions(
    registry
      .command('remove')
      .description(
        'Remove the container (and its certificate/auth volumes); the image data stays unless --delete-data',
      )
      .option('--delete-data', 'also delete the data volume (a host path is never deleted)'),
  ).action(async (o: CommonOpts & { deleteData?: boolean }) => {
    const name = checkName(o.name)
    const r = await withEngine(ctx, o, (engine) =>
      removeRegistry(engine, name, { deleteData: o.deleteData === true }),
    )
    if (o.json) {
      printJson(ctx, r)
      return
    }
    ctx.io.stdout(
      `removed ${r.removed}${r.removedVolumes.length > 0 ? ` and volumes ${r.removedVolumes.join(', ')}` : ''}\n`,
    )
    if (r.keptData) ctx.io.stdout(`kept the data: ${r.keptData}\n`)
  })

  commonOptions(
    registry
      .command('replace-cert')
      .description('Serve a new server certificate from the same CA and restart (clients need no new trust)')
      .requiredOption('--certs <dir>', 'directory with the new domain.crt, domain.key and the same ca.crt')
      .option(
        '--registry-host <host>',
        'address clients use, checked against the new certificate (default: one it names)',
      )
      .option('--health-timeout <seconds>', 'how long to wait for a healthy answer', '60'),
  ).action(async (o: CommonOpts & { certs: string; registryHost?: string; healthTimeout: string }) => {
    const name = checkName(o.name)
    const certs = await readCertDir(ctx.path(o.certs))
    const healthTimeoutMs = parsePositiveInt('--health-timeout', o.healthTimeout, 3600) * 1000
    const r = await withEngine(ctx, o, (engine) =>
      replaceCertificate(engine, name, certs, { registryHost: o.registryHost, healthTimeoutMs }),
    )
    if (o.json) printJson(ctx, r)
    else
      ctx.io.stdout(
        `${name} now serves a certificate valid until ${r.notAfter}; healthy (HTTP ${r.health.status})\n`,
      )
  })
}
