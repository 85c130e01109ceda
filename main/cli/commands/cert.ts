import type { KeyObject } from 'node:crypto'
import type { Command } from 'commander'
import { invalidInput } from '../../errors'
// Only the light modules (node:crypto's X509Certificate, no node-forge) load for `cert inspect`; issuing loads the
// CA code when it runs.
import { inspectCertificate } from '../../pki/inspect-cert'
import { parseKeySize } from '../../pki/keys'
import { lintInfo } from '../../pki/lint-cert'
import { parseHostPort, parseSan } from '../../pki/names'
import type { CertificateInfo, LintFinding } from '../../pki/types'
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
  keySize: string
  passphraseFile?: string
  force?: boolean
  json?: boolean
}

interface InspectOpts {
  host?: string
  json?: boolean
}

function formatInfo(info: CertificateInfo, findings: LintFinding[]): string {
  const sans = info.sans.map((s) => `${s.type === 'ip' ? 'IP' : 'DNS'}:${s.value}`).join(', ')
  const lines = [
    `subject      ${info.subject}`,
    `issuer       ${info.issuer}${info.selfSigned ? ' (self-signed)' : ''}`,
    `serial       ${info.serial}`,
    `SANs         ${sans || '(none)'}`,
    `valid        ${info.notBefore} .. ${info.notAfter} (${info.expired ? 'EXPIRED' : `${info.daysLeft} days left`})`,
    `SHA-256      ${info.fingerprintSha256}`,
    `signature    ${info.signatureAlgorithm}`,
    `key          ${info.keyType.toUpperCase()} ${info.keyBits ?? '?'} bits`,
    `CA           ${info.isCa ? 'yes' : 'no'}`,
    `usage        ${info.extendedKeyUsage.join(', ') || '(any)'}`,
  ]
  if (info.covers) {
    lines.push(
      `covers ${info.covers.host}: ${info.covers.covered ? `yes (${info.covers.matchedBy ?? ''})` : 'NO (no SAN matches; Docker never uses the CN)'}`,
    )
  }
  for (const f of findings) lines.push(`${f.severity === 'error' ? 'ERROR' : 'warning'}: ${f.message}`)
  return `${lines.join('\n')}\n`
}

/** What the CLI started before this module loaded (program.ts: startEarlyWork). */
export interface EarlyWork {
  /** `cert issue`'s leaf key, generated while the CLI loads; resolves to undefined when the generation failed. */
  issueKey?: Promise<KeyObject | undefined> | undefined
}

export function registerCertCommands(program: Command, ctx: CommandContext, early: EarlyWork = {}): void {
  const cert = program.command('cert').description('Issue and inspect certificates')

  cert
    .command('issue')
    .description('Issue a server certificate (domain.crt, domain.key) or a client certificate from the CA')
    .requiredOption('--ca-dir <dir>', 'CA directory (ca.crt, ca.key)')
    .requiredOption('--out <dir>', 'output directory')
    .option('--ip <ip>', 'IP address clients use (repeatable)', collect)
    .option('--dns <name>', 'DNS name clients use (repeatable; *.example.com allowed)', collect)
    .option('--days <n>', 'validity in days (default 825, never past the CA)')
    .option('--client', 'issue a client certificate (clientAuth), e.g. for a Docker engine over TCP+TLS')
    .option('--key-size <bits>', 'RSA key size: 2048, 3072 or 4096', '2048')
    .option('--passphrase-file <file>', 'passphrase of the CA key, on the first line of FILE')
    .option('--force', 'replace existing files, keeping timestamped backups')
    .option('--json', 'print the result as JSON')
    .action(async (o: IssueOpts) => {
      const sans = [...(o.ip ?? []), ...(o.dns ?? [])]
      if (sans.length === 0) {
        throw invalidInput(
          '--ip/--dns',
          '',
          'at least one --ip or --dns is required: every address clients use must be in the certificate',
        )
      }
      // Check each address against the option it came in, so the message names --ip or --dns.
      for (const ip of o.ip ?? []) {
        if (parseSan(ip, '--ip').type !== 'ip')
          throw invalidInput('--ip', ip, 'an IPv4 or IPv6 address is required here; put DNS names in --dns')
      }
      for (const name of o.dns ?? []) {
        if (parseSan(name, '--dns').type !== 'dns')
          throw invalidInput('--dns', name, 'a DNS name is required here; put IP addresses in --ip')
      }
      const passphrase = await readOptionalSecretFile(ctx, o.passphraseFile, '--passphrase-file')
      const { issueToDir } = await import('../../pki/ca-dir')
      const r = await issueToDir({
        caDir: ctx.path(o.caDir),
        outDir: ctx.path(o.out),
        sans,
        days: o.days === undefined ? undefined : parsePositiveInt('--days', o.days),
        keySize: parseKeySize(o.keySize, '--key-size'),
        usage: o.client ? 'client' : 'server',
        passphrase,
        force: o.force === true,
        key: early.issueKey,
      })
      const summary = {
        usage: r.usage,
        serial: r.serial,
        sans: r.sans,
        notBefore: r.notBefore.toISOString(),
        notAfter: r.notAfter.toISOString(),
        certPath: r.certPath,
        keyPath: r.keyPath,
        caCertPath: r.caCertPath,
        fingerprintSha256: inspectCertificate(r.certPem).fingerprintSha256,
        backups: r.backups,
        chainLength: r.chainLength,
        rootSubject: r.rootSubject,
        rootFingerprintSha256: r.rootFingerprintSha256,
        staleRemoved: r.staleRemoved,
      }
      if (o.json) {
        printJson(ctx, summary)
        return
      }
      ctx.io.stdout(
        [
          `Issued ${r.usage} certificate for ${r.sans.map((s) => s.value).join(', ')}`,
          `  certificate  ${r.certPath}${r.chainLength > 1 ? ` (with the ${r.chainLength - 1} intermediate CA certificate(s) the registry must send)` : ''}`,
          `  private key  ${r.keyPath} (0600)`,
          `  CA copy      ${r.caCertPath} (${r.chainLength > 1 ? `the root, ${r.rootSubject}: ` : ''}give clients this file only)`,
          `  expires      ${summary.notAfter}`,
          `  SHA-256      ${summary.fingerprintSha256}`,
          ...r.backups.map((b) => `  backup       ${b}`),
          ...r.staleRemoved.map((p) => `  removed      ${p} (left by an interrupted run)`),
          '',
        ].join('\n'),
      )
    })

  cert
    .command('inspect')
    .description('Show a certificate, lint it, and check that it covers a host (exit 1 when it does not)')
    .argument('<file>', 'PEM certificate')
    .option('--host <host>', 'IP or DNS name clients will use, with or without :PORT ([IPv6]:PORT)')
    .option('--json', 'print {certificate, lint} as JSON')
    .action(async (file: string, o: InspectOpts) => {
      let host: string | undefined
      if (o.host !== undefined) {
        host = parseHostPort(o.host, '--host').host
        parseSan(host, '--host')
      }
      const pem = await readInputFile(ctx, file, 'FILE')
      const info = inspectCertificate(pem, { host })
      const findings = lintInfo(info, { hosts: host === undefined ? [] : [host] })
      if (o.json) printJson(ctx, { certificate: info, lint: findings })
      else ctx.io.stdout(formatInfo(info, findings))
      if (info.covers && !info.covers.covered) ctx.setExitCode(1)
    })
}
