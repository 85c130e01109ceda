import type { Command } from 'commander'
import { createCaDir, importCaDir } from '../../pki'
import { keyTypeOption } from '../../pki/keys'
import { registerCaRenew } from './ca-renew'
import type { CaDirResult } from '../../pki'
import {
  parsePositiveInt,
  printJson,
  readInputFile,
  readOptionalSecretFile,
  type CommandContext,
} from '../context'

interface CreateOpts {
  dir: string
  cn: string
  org?: string
  ou?: string
  country?: string
  state?: string
  locality?: string
  days?: string
  keyType?: string
  keySize?: string
  passphraseFile?: string
  force?: boolean
  json?: boolean
}

interface ImportOpts {
  dir: string
  cert: string
  chain?: string
  key: string
  passphraseFile?: string
  force?: boolean
  json?: boolean
}

/** The lines `ca create` / `ca import` print for a CA folder. */
export function caLines(ctx: CommandContext, heading: 'created' | 'imported', r: CaDirResult): string[] {
  const t = (key: string, params?: Parameters<CommandContext['tr']['text']>[1]): string =>
    ctx.tr.text(`cli.pki.${key}`, params)
  return [
    t(`ca.${heading}`, { dir: r.dir }),
    t('ca.line.certificate', { path: r.certPath }),
    t('ca.line.privateKey', { path: r.keyPath }),
    t('ca.line.subject', { subject: r.subject }),
    t('ca.line.expires', { date: r.notAfter }),
    t('ca.line.sha256', { fingerprint: r.fingerprintSha256 }),
    ...(r.chainPath === undefined
      ? []
      : [
          t('ca.line.chain', { path: r.chainPath, count: r.chainLength - 1 }),
          t('ca.line.root', { subject: r.rootSubject, fingerprint: r.rootFingerprintSha256 }),
        ]),
    ...r.backups.map((path) => t('common.backup', { path })),
    ...r.staleRemoved.map((path) => t('common.removed', { path })),
  ]
}

function printCa(
  ctx: CommandContext,
  heading: 'created' | 'imported',
  r: CaDirResult,
  json: boolean | undefined,
): void {
  if (json) printJson(ctx, r)
  else ctx.io.stdout(`${caLines(ctx, heading, r).join('\n')}\n`)
}

function registerCreate(ca: Command, ctx: CommandContext): void {
  const t = (key: string): string => ctx.tr.text(`cli.pki.ca.create.${key}`)
  ca.command('create')
    .description(t('description'))
    .requiredOption('--dir <dir>', t('dir'))
    .option('--cn <text>', t('cn'), 'Registry Wizard CA')
    .option('--org <text>', t('org'))
    .option('--ou <text>', t('ou'))
    .option('--country <cc>', t('country'))
    .option('--state <text>', t('state'))
    .option('--locality <text>', t('locality'))
    .option('--days <n>', t('days'))
    .option('--key-type <type>', t('keyType'))
    .option('--key-size <bits>', t('keySize'))
    .option('--passphrase-file <file>', t('passphraseFile'))
    .option('--force', t('force'))
    .option('--json', ctx.tr.text('cli.pki.common.json'))
    .action(async (o: CreateOpts) => {
      const keyType = keyTypeOption(o.keyType, o.keySize)
      const passphrase = await readOptionalSecretFile(ctx, o.passphraseFile, 'passphraseFile')
      const r = await createCaDir(
        ctx.path(o.dir),
        {
          subject: { cn: o.cn, o: o.org, ou: o.ou, c: o.country, st: o.state, l: o.locality },
          days: o.days === undefined ? undefined : parsePositiveInt('days', o.days),
          keyType,
          passphrase,
        },
        { force: o.force === true },
      )
      printCa(ctx, 'created', r, o.json)
    })
}

function registerImport(ca: Command, ctx: CommandContext): void {
  const t = (key: string): string => ctx.tr.text(`cli.pki.ca.import.${key}`)
  ca.command('import')
    .description(t('description'))
    .requiredOption('--dir <dir>', t('dir'))
    .requiredOption('--cert <file>', t('cert'))
    .option('--chain <file>', t('chain'))
    .requiredOption('--key <file>', t('key'))
    .option('--passphrase-file <file>', t('passphraseFile'))
    .option('--force', ctx.tr.text('cli.pki.ca.create.force'))
    .option('--json', ctx.tr.text('cli.pki.common.json'))
    .action(async (o: ImportOpts) => {
      // Fields as the request names them (ImportCaRequest): the CLI shows them as its flags (--cert, --chain, --key).
      const certPem = await readInputFile(ctx, o.cert, 'certPath')
      const chainPem = o.chain === undefined ? undefined : await readInputFile(ctx, o.chain, 'chainPath')
      const keyPem = await readInputFile(ctx, o.key, 'keyPath')
      const passphrase = await readOptionalSecretFile(ctx, o.passphraseFile, 'passphraseFile')
      const r = await importCaDir(
        ctx.path(o.dir),
        { certPem, keyPem, passphrase, chainPem },
        { force: o.force === true },
      )
      printCa(ctx, 'imported', r, o.json)
    })
}

export function registerCaCommands(program: Command, ctx: CommandContext): void {
  const ca = program.command('ca').description(ctx.tr.text('cli.pki.ca.description'))
  registerCreate(ca, ctx)
  registerImport(ca, ctx)
  registerCaRenew(ctx, ca)
}
