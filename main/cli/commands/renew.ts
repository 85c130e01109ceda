// `registry renew-cert`: the served certificate renewed from the same CA, or with --to-new-ca moved to the CA
// folder's new CA after `ca renew` (main/lifecycle/renew-certificate.ts).
import type { Command } from 'commander'
import { checkContainerName, DEFAULT_NAME } from '../../docker'
import type { StepProgress } from '../../jobs/runner'
import { renewServerCertificate, type RenewCertificateResult } from '../../lifecycle/renew-certificate'
import { parseSan } from '../../pki/names'
import { collect, parsePositiveInt, printJson, readOptionalSecretFile, type CommandContext } from '../context'
import { addEngineOptions, withEngine, withInterrupt, type EngineOpts } from './engine'

interface RenewOpts extends EngineOpts {
  name: string
  caDir: string
  ip?: string[]
  dns?: string[]
  days?: string
  passphraseFile?: string
  registryHost?: string
  healthTimeout: string
  toNewCa?: boolean
  json?: boolean
}

const say = (
  ctx: CommandContext,
  key: string,
  params?: Parameters<CommandContext['tr']['text']>[1],
): string => ctx.tr.text(`cli.lifecycle.renewCert.${key}`, params)

/** The added addresses, each checked against the option it came in. */
function addedSans(o: RenewOpts): string[] {
  for (const ip of o.ip ?? []) parseSan(ip, 'ip')
  for (const name of o.dns ?? []) parseSan(name, 'dns')
  return [...(o.ip ?? []), ...(o.dns ?? [])]
}

/** What clients need after it: nothing for a renewal; for a move, what the check after it found. */
function clientLines(ctx: CommandContext, r: RenewCertificateResult, toNewCa: boolean | undefined): string[] {
  const { move } = r
  if (move === undefined) return [say(ctx, toNewCa ? 'alreadyNew' : 'clients')]
  return [
    say(ctx, 'moved', { ca: move.caPath, previous: move.previousCaPath }),
    say(ctx, move.previousCaOnly === 'refused' ? 'previousOnlyRefused' : 'previousOnlyAccepted'),
    say(ctx, move.bothCas === 'accepted' ? 'bothAccepted' : 'bothRefused'),
  ]
}

function printRenewed(ctx: CommandContext, r: RenewCertificateResult, o: RenewOpts): void {
  if (o.json) {
    printJson(ctx, r)
    return
  }
  ctx.io.stdout(
    `${[
      say(ctx, 'done', { name: r.name, status: r.health.status }),
      say(ctx, 'sans', { sans: r.sans.join(', ') }),
      say(ctx, 'validity', { from: r.previousNotAfter, to: r.notAfter }),
      say(ctx, 'fingerprint', { fingerprint: r.fingerprintSha256 }),
      ...clientLines(ctx, r, o.toNewCa),
      ...r.backups.map((path) => ctx.tr.text('cli.pki.common.backup', { path })),
    ].join('\n')}\n`,
  )
}

export function registerRenewCert(ctx: CommandContext, registry: Command): void {
  const t = (key: string): string => say(ctx, key)
  const cmd = registry
    .command('renew-cert')
    .description(t('description'))
    .requiredOption('--ca-dir <dir>', t('caDir'))
    .option('--name <name>', ctx.tr.text('cli.docker.registry.option.name'), DEFAULT_NAME)
    .option('--passphrase-file <file>', t('passphraseFile'))
    .option('--days <n>', t('days'))
    .option('--ip <ip>', t('ip'), collect)
    .option('--dns <name>', t('dns'), collect)
    .option('--registry-host <host>', ctx.tr.text('cli.docker.registry.replaceCert.registryHost'))
    .option('--health-timeout <seconds>', ctx.tr.text('cli.docker.registry.option.healthTimeout'), '60')
    .option('--to-new-ca', t('toNewCa'))
    .option('--json', ctx.tr.text('cli.docker.registry.option.json'))
  addEngineOptions(ctx, cmd).action(async (o: RenewOpts) => {
    const name = checkContainerName(o.name)
    const healthTimeoutMs = parsePositiveInt('healthTimeout', o.healthTimeout, 3600) * 1000
    const days = o.days === undefined ? undefined : parsePositiveInt('days', o.days)
    const addSans = addedSans(o)
    const passphrase = await readOptionalSecretFile(ctx, o.passphraseFile, 'passphraseFile')
    const caDir = ctx.path(o.caDir)
    const onProgress = (p: StepProgress): void => {
      if (p.step !== 'done') ctx.io.stderr(`${ctx.tr.render(p.message)}\n`)
    }
    if (o.toNewCa) ctx.io.stderr(`${say(ctx, 'moving', { name })}\n`)
    const r = await withEngine(ctx, o, (engine) =>
      withInterrupt((signal) =>
        renewServerCertificate(
          {
            engine,
            name,
            caDir,
            addSans,
            days,
            passphrase,
            registryHost: o.registryHost,
            healthTimeoutMs,
            toNewCa: o.toNewCa === true,
          },
          { signal, onProgress },
        ),
      ),
    )
    printRenewed(ctx, r, o)
  })
}
