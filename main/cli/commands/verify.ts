import type { Command } from 'commander'
import { invalidInput } from '../../errors'
import { parseRegistryAddress } from '../../trust'
import { runVerify, type CheckResult, type CheckStatus, type VerifyReport } from '../../verify'
import { parsePositiveInt, printJson, readInputFile, readSecretFile, type CommandContext } from '../context'
import { assertSecretsSafe } from '../../docker/engine-security'
import { addEngineOptions, engineFromOptions, withInterrupt, type EngineOpts } from './engine'

interface VerifyOpts extends EngineOpts {
  registry: string
  ca: string
  cert?: string
  push?: boolean
  user?: string
  passwordFile?: string
  expectIp?: string[]
  json?: boolean
  lang: string
  timeout: string
  trustRoot?: string
}

type Lang = 'en' | 'zh-CN'

const MARK: Record<CheckStatus, string> = { pass: '✔', warn: '!', fail: '✘', skipped: '-' }
const WORD: Record<Lang, Record<CheckStatus, string>> = {
  en: { pass: 'pass', warn: 'warn', fail: 'FAIL', skipped: 'skip' },
  'zh-CN': { pass: '通过', warn: '警告', fail: '失败', skipped: '跳过' },
}
const STEP: Record<Lang, Record<string, string>> = {
  en: {
    certificates: 'Certificates',
    registry: 'Registry',
    trust: 'Trust',
    login: 'Login',
    network: 'Network',
    'docker-engine': 'Docker engine',
  },
  'zh-CN': {
    certificates: '证书',
    registry: '仓库',
    trust: '信任',
    login: '登录',
    network: '网络',
    'docker-engine': 'Docker 引擎',
  },
}

function line(r: CheckResult, lang: Lang): string {
  const head = `${MARK[r.status]} ${String(r.n).padStart(2)}.`
  if (lang === 'zh-CN') return `${head} ${WORD[lang][r.status]} ${r.title.zhCN}：${r.reasonZhCN}\n`
  return `${head} ${WORD[lang][r.status].padEnd(4)} ${r.title.en}: ${r.reason}\n`
}

function printFixes(ctx: CommandContext, report: VerifyReport, lang: Lang): void {
  const withFix = report.results.filter((r) => r.fix !== undefined)
  if (withFix.length === 0) return
  ctx.io.stdout(lang === 'zh-CN' ? '\n如何修复：\n' : '\nHow to fix:\n')
  for (const r of withFix) {
    if (!r.fix) continue
    const title = r.explanation
      ? lang === 'zh-CN'
        ? r.explanation.zhCN.title
        : r.explanation.en.title
      : lang === 'zh-CN'
        ? r.title.zhCN
        : r.title.en
    ctx.io.stdout(
      `  ${r.n}. [${STEP[lang][r.fix.step] ?? r.fix.step}] ${title}\n     ${lang === 'zh-CN' ? r.fix.zhCN : r.fix.en}\n`,
    )
  }
}

function summaryLine(report: VerifyReport, lang: Lang): string {
  const s = report.summary
  if (lang === 'zh-CN')
    return `\n${s.pass} 项通过，${s.warn} 项警告，${s.fail} 项失败，${s.skipped} 项跳过${report.cancelled ? '（已取消）' : ''}\n`
  return `\n${s.pass} passed, ${s.warn} warnings, ${s.fail} failed, ${s.skipped} skipped${report.cancelled ? ' (cancelled)' : ''}\n`
}

export function registerVerifyCommands(program: Command, ctx: CommandContext): void {
  addEngineOptions(
    program
      .command('verify')
      .description('Prove, check by check, that a client can use the registry; say how to fix what fails')
      .requiredOption(
        '--registry <host:port>',
        'the address clients use, as in image references (192.168.20.10:5000)',
      )
      .requiredOption('--ca <file>', 'the CA certificate clients trust (ca.crt)')
      .option('--cert <file>', 'the server certificate issued (domain.crt): compared with the one served')
      .option('--push', 'run the push/pull round trip through the Docker engine')
      .option('--user <name>', 'registry user (htpasswd auth), with --password-file')
      .option('--password-file <file>', 'the password of --user, on the first line of FILE')
      .option(
        '--expect-ip <ip>',
        'an address the registry name must resolve to (repeatable)',
        (v: string, p: string[] | undefined) => [...(p ?? []), v],
      )
      .option('--timeout <seconds>', 'timeout of each check (the round trip gets 12 times as long)', '10')
      .option(
        '--trust-root <dir>',
        "where check 10 reads this machine's trust (default /; e.g. a client's mounted root)",
      )
      .option('--lang <lang>', 'output language: en or zh-CN', 'en')
      .option('--json', 'print the structured results as JSON'),
  ).action(async (o: VerifyOpts) => {
    if (o.lang !== 'en' && o.lang !== 'zh-CN') throw invalidInput('--lang', o.lang, 'allowed: en, zh-CN')
    const lang: Lang = o.lang
    const address = parseRegistryAddress(o.registry, '--registry')
    if (address.port === undefined && !o.registry.trim().endsWith(':443')) {
      // Without a port the image reference means 443; allowed, but said plainly.
      ctx.io.stderr(
        lang === 'zh-CN'
          ? `提示：--registry ${o.registry} 没有写端口，客户端会访问 443 端口\n`
          : `note: --registry ${o.registry} has no port: clients reach it on 443\n`,
      )
    }
    if ((o.user === undefined) !== (o.passwordFile === undefined)) {
      throw invalidInput(
        '--user/--password-file',
        o.user ?? o.passwordFile ?? '',
        'give both --user and --password-file, or neither',
      )
    }
    const timeoutS = parsePositiveInt('--timeout', o.timeout, 600)
    const caPem = await readInputFile(ctx, o.ca, '--ca')
    if (!caPem.includes('-----BEGIN CERTIFICATE-----'))
      throw invalidInput('--ca', o.ca, 'a PEM certificate file (ca.crt) is required')
    const certPem = o.cert === undefined ? undefined : await readInputFile(ctx, o.cert, '--cert')
    if (certPem !== undefined && !certPem.includes('-----BEGIN CERTIFICATE-----'))
      throw invalidInput('--cert', o.cert, 'a PEM certificate file (domain.crt) is required')
    const credentials =
      o.user === undefined || o.passwordFile === undefined
        ? undefined
        : { user: o.user, password: await readSecretFile(ctx, o.passwordFile, '--password-file') }
    const engine = o.push === true ? await engineFromOptions(ctx, o) : undefined
    if (engine !== undefined && credentials !== undefined)
      assertSecretsSafe(engine.resolved, 'the registry password (docker login for the round trip)')
    const report = await withInterrupt((signal) =>
      runVerify(
        {
          registry: o.registry,
          caPem,
          certPem,
          credentials,
          push: o.push === true,
          expectAddresses: o.expectIp,
        },
        {
          docker: engine?.docker,
          trustRoot: o.trustRoot === undefined ? undefined : ctx.path(o.trustRoot),
          signal,
          timeoutMs: timeoutS * 1000,
          roundTripTimeoutMs: timeoutS * 12_000,
          onResult:
            o.json === true
              ? undefined
              : (r) => {
                  ctx.io.stdout(line(r, lang))
                },
        },
      ),
    )
    if (o.json === true) printJson(ctx, report)
    else {
      printFixes(ctx, report, lang)
      ctx.io.stdout(summaryLine(report, lang))
    }
    if (!report.ok) ctx.setExitCode(1)
  })
}
