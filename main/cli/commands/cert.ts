import type { KeyObject } from 'node:crypto'
import type { Command } from 'commander'
import { AppError, invalidInput } from '../../errors'
import { message } from '../../messages/index'
// Only the light modules (node:crypto's X509Certificate, no node-forge) load for `cert inspect`; issuing loads the
// CA code when it runs.
import { inspectCertificate } from '../../pki/inspect-cert'
import { caExpiryWarning } from '../../lifecycle/expiry'
import { keyTypeOption } from '../../pki/keys'
import { lintInfo } from '../../pki/lint-cert'
import { parseHostPort, parseSan } from '../../pki/names'
import type { CertificateInfo, LintFinding } from '../../pki/types'
import type { IssuedToDir } from '../../pki/ca-dir'
import {
  collect,
  parsePositiveInt,
  printJson,
  readInputFile,
  readOptionalSecretFile,
  type CommandContext,
} from '../context'

interface IssueOpts {
  caDir: string
  out: string
  ip?: string[]
  dns?: string[]
  days?: string
  client?: boolean
  keyType?: string
  keySize?: string
  passphraseFile?: string
  force?: boolean
  json?: boolean
}

interface InspectOpts {
  host?: string
  json?: boolean
}

type Tr = (key: string, params?: Parameters<CommandContext['tr']['text']>[1]) => string

function translator(ctx: CommandContext, prefix: string): Tr {
  return (key, params) => ctx.tr.text(`${prefix}.${key}`, params)
}

/** What `cert inspect` prints: the certificate's facts, its host coverage and its lint findings. */
export function inspectLines(ctx: CommandContext, info: CertificateInfo, findings: LintFinding[]): string[] {
  const t = translator(ctx, 'cli.pki.cert.inspect')
  const sans = info.sans.map((s) => `${s.type === 'ip' ? 'IP' : 'DNS'}:${s.value}`)
  const state = info.expired ? t('expired') : t('daysLeft', { days: info.daysLeft })
  const lines = [
    t('line.subject', { subject: info.subject }),
    t(info.selfSigned ? 'line.issuerSelfSigned' : 'line.issuer', { issuer: info.issuer }),
    t('line.serial', { serial: info.serial }),
    sans.length === 0 ? t('line.sansNone') : t('line.sans', { sans: sans.join(', ') }),
    t('line.valid', { from: info.notBefore, to: info.notAfter, state }),
    t('line.sha256', { fingerprint: info.fingerprintSha256 }),
    t('line.signature', { algorithm: info.signatureAlgorithm }),
    info.keyType === 'ec' && info.keyCurve !== undefined
      ? t('line.keyEc', { curve: info.keyCurve })
      : t('line.key', { type: info.keyType.toUpperCase(), bits: info.keyBits ?? '?' }),
    t('line.ca', { answer: info.isCa ? t('yes') : t('no') }),
    info.extendedKeyUsage.length === 0
      ? t('line.usageAny')
      : t('line.usage', { usage: info.extendedKeyUsage.join(', ') }),
  ]
  if (info.covers) {
    const { host, covered, matchedBy } = info.covers
    lines.push(covered ? t('line.coversYes', { host, san: matchedBy ?? '' }) : t('line.coversNo', { host }))
  }
  for (const f of findings) {
    const text = ctx.tr.text(`lint.${f.code}`, f.params)
    lines.push(t(f.severity === 'error' ? 'line.error' : 'line.warning', { message: text }))
  }
  return lines
}

/** Each address checked against the option it came in, so the message names --ip or --dns. */
function checkAddresses(o: IssueOpts): string[] {
  const sans = [...(o.ip ?? []), ...(o.dns ?? [])]
  if (sans.length === 0) throw new AppError({ code: 'SANS_REQUIRED', kind: 'input', field: 'sans' })
  for (const ip of o.ip ?? []) {
    if (parseSan(ip, 'ip').type !== 'ip') throw invalidInput('ip', ip, message('cli.pki.cert.issue.ipNotDns'))
  }
  for (const name of o.dns ?? []) {
    if (parseSan(name, 'dns').type !== 'dns')
      throw invalidInput('dns', name, message('cli.pki.cert.issue.dnsNotIp'))
  }
  return sans
}

/** `cert issue --json`: the result without the key. */
function issueSummary(r: IssuedToDir): Record<string, unknown> {
  return {
    usage: r.usage,
    serial: r.serial,
    sans: r.sans,
    notBefore: r.notBefore.toISOString(),
    notAfter: r.notAfter.toISOString(),
    certPath: r.certPath,
    keyPath: r.keyPath,
    caCertPath: r.caCertPath,
    fingerprintSha256: r.fingerprintSha256,
    backups: r.backups,
    chainLength: r.chainLength,
    rootSubject: r.rootSubject,
    rootFingerprintSha256: r.rootFingerprintSha256,
    staleRemoved: r.staleRemoved,
  }
}

/** What `cert issue` prints for the files it wrote. */
export function issueLines(ctx: CommandContext, r: IssuedToDir): string[] {
  const t = translator(ctx, 'cli.pki.cert.issue')
  const intermediates = r.chainLength - 1
  return [
    t('issued', { usage: t(`usage.${r.usage}`), sans: r.sans.map((s) => s.value).join(', ') }),
    intermediates > 0
      ? t('line.certificateChain', { path: r.certPath, count: intermediates })
      : t('line.certificate', { path: r.certPath }),
    t('line.privateKey', { path: r.keyPath }),
    intermediates > 0
      ? t('line.caCopyRoot', { path: r.caCertPath, subject: r.rootSubject })
      : t('line.caCopy', { path: r.caCertPath }),
    t('line.expires', { date: r.notAfter.toISOString() }),
    t('line.sha256', { fingerprint: r.fingerprintSha256 }),
    ...r.backups.map((path) => ctx.tr.text('cli.pki.common.backup', { path })),
    ...r.staleRemoved.map((path) => ctx.tr.text('cli.pki.common.removed', { path })),
  ]
}

/** What the CLI started before this module loaded (program.ts: startEarlyWork). */
export interface EarlyWork {
  /**
   * `cert issue`'s leaf key (of the type the command line asks for), generated while the CLI loads; resolves to
   * undefined when the generation failed.
   */
  issueKey?: Promise<KeyObject | undefined> | undefined
}

function registerIssue(cert: Command, ctx: CommandContext, early: EarlyWork): void {
  const t = translator(ctx, 'cli.pki.cert.issue')
  cert
    .command('issue')
    .description(t('description'))
    .requiredOption('--ca-dir <dir>', t('caDir'))
    .requiredOption('--out <dir>', t('out'))
    .option('--ip <ip>', t('ip'), collect)
    .option('--dns <name>', t('dns'), collect)
    .option('--days <n>', t('days'))
    .option('--client', t('client'))
    .option('--key-type <type>', t('keyType'))
    .option('--key-size <bits>', t('keySize'))
    .option('--passphrase-file <file>', t('passphraseFile'))
    .option('--force', t('force'))
    .option('--json', ctx.tr.text('cli.pki.common.json'))
    .action(async (o: IssueOpts) => {
      const sans = checkAddresses(o)
      const keyType = keyTypeOption(o.keyType, o.keySize)
      const passphrase = await readOptionalSecretFile(ctx, o.passphraseFile, 'passphraseFile')
      const { issueToDir } = await import('../../pki/ca-dir')
      const r = await issueToDir({
        caDir: ctx.path(o.caDir),
        outDir: ctx.path(o.out),
        sans,
        days: o.days === undefined ? undefined : parsePositiveInt('days', o.days),
        keyType,
        usage: o.client ? 'client' : 'server',
        passphrase,
        force: o.force === true,
        key: early.issueKey,
      })
      if (o.json) printJson(ctx, issueSummary(r))
      else ctx.io.stdout(`${issueLines(ctx, r).join('\n')}\n`)
    })
}

function registerInspect(cert: Command, ctx: CommandContext): void {
  const t = translator(ctx, 'cli.pki.cert.inspect')
  cert
    .command('inspect')
    .description(t('description'))
    .argument('<file>', t('file'))
    .option('--host <host>', t('host'))
    .option('--json', t('json'))
    .action(async (file: string, o: InspectOpts) => {
      let host: string | undefined
      if (o.host !== undefined) {
        host = parseHostPort(o.host, 'host').host
        parseSan(host, 'host')
      }
      // The positional argument: named as the usage line names it.
      const pem = await readInputFile(ctx, file, 'FILE')
      const info = inspectCertificate(pem, { host, field: 'FILE' })
      const findings = lintInfo(info, { hosts: host === undefined ? [] : [host] })
      // A CA near its end (main/lifecycle/expiry: from 180 days out) says so, with what to do.
      const caWarning = info.isCa ? caExpiryWarning(info.notAfter) : undefined
      if (o.json) printJson(ctx, { certificate: info, lint: findings, ...(caWarning ? { caWarning } : {}) })
      else ctx.io.stdout(`${inspectLines(ctx, info, findings).join('\n')}\n`)
      if (caWarning !== undefined && o.json !== true)
        ctx.io.stdout(`${ctx.tr.text('cli.common.label.warning')}: ${ctx.tr.render(caWarning.message)}\n`)
      if (info.covers && !info.covers.covered) ctx.setExitCode(1)
    })
}

export function registerCertCommands(program: Command, ctx: CommandContext, early: EarlyWork = {}): void {
  const cert = program.command('cert').description(ctx.tr.text('cli.pki.cert.description'))
  registerIssue(cert, ctx, early)
  registerInspect(cert, ctx)
}
