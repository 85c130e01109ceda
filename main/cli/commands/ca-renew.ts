// `ca renew`: a new CA key and certificate, the old pair archived, and what to hand out for the overlap
// (main/lifecycle/renew-ca.ts).
import type { Command } from 'commander'
import type { StepProgress } from '../../jobs/runner'
import { renewCa, type RenewCaResult } from '../../lifecycle/renew-ca'
import { keyTypeOption } from '../../pki/keys'
import { parsePositiveInt, printJson, readOptionalSecretFile, type CommandContext } from '../context'

interface RenewCaOpts {
  caDir: string
  passphraseFile?: string
  days?: string
  keyType?: string
  keySize?: string
  json?: boolean
}

const say = (
  ctx: CommandContext,
  key: string,
  params?: Parameters<CommandContext['tr']['text']>[1],
): string => ctx.tr.text(`cli.lifecycle.caRenew.${key}`, params)

export function caRenewLines(ctx: CommandContext, r: RenewCaResult): string[] {
  return [
    say(ctx, 'done', { dir: r.dir }),
    say(ctx, 'newCa', { subject: r.subject, notAfter: r.notAfter, fingerprint: r.fingerprintSha256 }),
    say(ctx, 'oldCa', { path: r.previous.certPath, notAfter: r.previous.notAfter }),
    ctx.tr.text('cli.pki.common.backup', { path: r.previous.keyPath }),
    say(ctx, 'next', {
      path: r.certPath,
      previous: r.previous.certPath,
      until: r.overlapUntil,
      dir: r.dir,
    }),
  ]
}

export function registerCaRenew(ctx: CommandContext, ca: Command): void {
  const t = (key: string): string => say(ctx, key)
  ca.command('renew')
    .description(t('description'))
    .requiredOption('--ca-dir <dir>', t('caDir'))
    .option('--passphrase-file <file>', t('passphraseFile'))
    .option('--days <n>', t('days'))
    .option('--key-type <type>', t('keyType'))
    .option('--key-size <bits>', t('keySize'))
    .option('--json', ctx.tr.text('cli.pki.common.json'))
    .action(async (o: RenewCaOpts) => {
      // Checked as `ca create` checks them, before anything is read; neither: the current CA's key type.
      const keyType = keyTypeOption(o.keyType, o.keySize)
      const passphrase = await readOptionalSecretFile(ctx, o.passphraseFile, 'passphraseFile')
      const onProgress = (p: StepProgress): void => {
        if (p.step !== 'done') ctx.io.stderr(`${ctx.tr.render(p.message)}\n`)
      }
      const r = await renewCa(
        {
          caDir: ctx.path(o.caDir),
          passphrase,
          days: o.days === undefined ? undefined : parsePositiveInt('days', o.days),
          keyType,
        },
        { onProgress },
      )
      if (o.json) printJson(ctx, r)
      else ctx.io.stdout(`${caRenewLines(ctx, r).join('\n')}\n`)
    })
}
