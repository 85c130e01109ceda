import type { Command } from 'commander'
import { createCaDir, importCaDir, parseKeySize } from '../../pki'
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
  keySize: string
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

function printCa(ctx: CommandContext, verb: string, r: CaDirResult, json: boolean | undefined): void {
  if (json) {
    printJson(ctx, r)
    return
  }
  ctx.io.stdout(
    [
      `${verb} CA in ${r.dir}`,
      `  certificate  ${r.certPath}`,
      `  private key  ${r.keyPath} (0600, never leaves this machine)`,
      `  subject      ${r.subject}`,
      `  expires      ${r.notAfter}`,
      `  SHA-256      ${r.fingerprintSha256}`,
      ...(r.chainPath === undefined
        ? []
        : [
            `  chain        ${r.chainPath} (${r.chainLength - 1} certificate(s) above ca.crt, the root last)`,
            `  root         ${r.rootSubject} (SHA-256 ${r.rootFingerprintSha256}): the certificate clients trust`,
          ]),
      ...r.backups.map((b) => `  backup       ${b}`),
      ...r.staleRemoved.map((p) => `  removed      ${p} (left by an interrupted run)`),
      '',
    ].join('\n'),
  )
}

export function registerCaCommands(program: Command, ctx: CommandContext): void {
  const ca = program
    .command('ca')
    .description('Create or import the certificate authority that signs the registry certificate')

  ca.command('create')
    .description('Create a new CA: ca.crt and ca.key (0600) in DIR')
    .requiredOption('--dir <dir>', 'CA directory')
    .option('--cn <text>', 'common name', 'Registry Wizard CA')
    .option('--org <text>', 'organisation (O)')
    .option('--ou <text>', 'organisational unit (OU)')
    .option('--country <cc>', 'two-letter country code (C)')
    .option('--state <text>', 'state or province (ST)')
    .option('--locality <text>', 'city (L)')
    .option('--days <n>', 'validity in days (default 3650)')
    .option('--key-size <bits>', 'RSA key size: 2048, 3072 or 4096', '4096')
    .option(
      '--passphrase-file <file>',
      'encrypt ca.key with the passphrase on the first line of FILE (AES-256)',
    )
    .option('--force', 'replace an existing CA, keeping the old files as timestamped backups')
    .option('--json', 'print the result as JSON')
    .action(async (o: CreateOpts) => {
      const passphrase = await readOptionalSecretFile(ctx, o.passphraseFile, '--passphrase-file')
      const r = await createCaDir(
        ctx.path(o.dir),
        {
          subject: { cn: o.cn, o: o.org, ou: o.ou, c: o.country, st: o.state, l: o.locality },
          days: o.days === undefined ? undefined : parsePositiveInt('--days', o.days),
          keySize: parseKeySize(o.keySize, '--key-size'),
          passphrase,
        },
        { force: o.force === true },
      )
      printCa(ctx, 'Created', r, o.json)
    })

  ca.command('import')
    .description(
      'Import an existing CA (PEM certificate + key) after checking it; an intermediate CA with its chain up to the root',
    )
    .requiredOption('--dir <dir>', 'CA directory to write')
    .requiredOption(
      '--cert <file>',
      'CA certificate (PEM); for an intermediate CA it may hold the chain after it (intermediates, then the root)',
    )
    .option(
      '--chain <file>',
      'for an intermediate CA: the certificates above it up to the root (PEM, nearest first, the root last)',
    )
    .requiredOption('--key <file>', 'CA private key (PEM, PKCS#1 or PKCS#8, encrypted or not)')
    .option('--passphrase-file <file>', 'passphrase of an encrypted key, on the first line of FILE')
    .option('--force', 'replace an existing CA, keeping the old files as timestamped backups')
    .option('--json', 'print the result as JSON')
    .action(async (o: ImportOpts) => {
      const certPem = await readInputFile(ctx, o.cert, '--cert')
      const chainPem = o.chain === undefined ? undefined : await readInputFile(ctx, o.chain, '--chain')
      const keyPem = await readInputFile(ctx, o.key, '--key')
      const passphrase = await readOptionalSecretFile(ctx, o.passphraseFile, '--passphrase-file')
      const r = await importCaDir(
        ctx.path(o.dir),
        { certPem, keyPem, passphrase, chainPem },
        { force: o.force === true },
      )
      printCa(ctx, 'Imported', r, o.json)
    })
}
