import { CA_CERT_FILE, SERVER_CERT_FILE } from '../../pki/file-names'
import type { Command } from 'commander'
import { assertSecretsSafe } from '../../docker/engine-security'
import { invalidInput } from '../../errors'
import { message } from '../../messages/index'
import { parseRegistryAddress } from '../../trust'
import { parseReference, repositoryReference } from '../../images/names'
import {
  DEFAULT_MIRROR_IMAGE,
  checkFixMessage,
  fixStepMessage,
  reportText,
  runVerify,
  type CheckResult,
  type CheckStatus,
  type VerifyInput,
  type VerifyReport,
} from '../../verify'
import { explainMessage } from '../../diagnostics'
import { parsePositiveInt, printJson, readInputFile, readSecretFile, type CommandContext } from '../context'
import { addEngineOptions, engineFromOptions, withInterrupt, type EngineOpts } from './engine'

interface VerifyOpts extends EngineOpts {
  registry?: string
  /** Mirror mode: the pull-through mirror's HOST:PORT (instead of --registry). */
  mirror?: string
  image?: string
  ca: string
  cert?: string
  push?: boolean
  user?: string
  passwordFile?: string
  expectIp?: string[]
  json?: boolean
  lang?: string
  timeout: string
  trustRoot?: string
}

const MARK: Record<CheckStatus, string> = { pass: '✔', warn: '!', fail: '✘', skipped: '-' }

/** One check, as soon as it finishes: mark, number, status word, title and reason. */
function line(ctx: CommandContext, r: CheckResult): string {
  const head = `${MARK[r.status]} ${String(r.n).padStart(2)}.`
  const text = ctx.tr.text('cli.verify.line', { title: r.title, reason: r.reason })
  return `${head} ${ctx.tr.text(`cli.verify.status.${r.status}`)} ${text}\n`
}

/** Every warning and failure with the step to redo and what to do there (the CLI's own words for a known fix). */
function printFixes(ctx: CommandContext, report: VerifyReport): void {
  const withFix = report.results.filter((r) => r.fix !== undefined)
  if (withFix.length === 0) return
  ctx.io.stdout(`\n${ctx.tr.text('cli.verify.howToFix')}\n`)
  for (const r of withFix) {
    const fix = checkFixMessage(r, 'cli')
    const step = fixStepMessage(r)
    if (fix === undefined || step === undefined) continue
    const title = r.explanation ? explainMessage(r.explanation, 'title', 'cli') : r.title
    ctx.io.stdout(`  ${r.n}. [${ctx.tr.render(step)}] ${ctx.tr.render(title)}\n     ${ctx.tr.render(fix)}\n`)
  }
}

function summaryLine(ctx: CommandContext, report: VerifyReport): string {
  const key = report.cancelled ? 'cli.verify.summaryCancelled' : 'cli.verify.summary'
  return `\n${ctx.tr.text(key, { ...report.summary })}\n`
}

/** The options as verify's input, or invalid input naming the option (nothing run, nothing written). */
async function inputFrom(ctx: CommandContext, o: VerifyOpts): Promise<VerifyInput> {
  if (o.lang !== undefined && o.lang !== 'en' && o.lang !== 'zh-CN')
    throw invalidInput('lang', o.lang, message('cli.verify.allowed.values', { values: ['en', 'zh-CN'] }))
  const target = verifyTarget(o)
  const address = parseRegistryAddress(target.registry, target.field)
  // Without a port the image reference means 443; allowed, but said plainly.
  if (address.port === undefined && !target.registry.trim().endsWith(':443'))
    ctx.io.stderr(`${ctx.tr.text('cli.verify.noPort', { registry: target.registry })}\n`)
  if ((o.user === undefined) !== (o.passwordFile === undefined))
    throw invalidInput('user', o.user ?? o.passwordFile ?? '', message('cli.verify.allowed.both'))
  const caPem = await readInputFile(ctx, o.ca, 'ca')
  if (!caPem.includes('-----BEGIN CERTIFICATE-----'))
    throw invalidInput('ca', o.ca, message('cli.verify.allowed.pem', { file: CA_CERT_FILE }))
  const certPem = o.cert === undefined ? undefined : await readInputFile(ctx, o.cert, 'cert')
  if (certPem !== undefined && !certPem.includes('-----BEGIN CERTIFICATE-----'))
    throw invalidInput('cert', o.cert, message('cli.verify.allowed.pem', { file: SERVER_CERT_FILE }))
  const credentials =
    o.user === undefined || o.passwordFile === undefined
      ? undefined
      : { user: o.user, password: await readSecretFile(ctx, o.passwordFile, 'passwordFile') }
  return {
    registry: target.registry,
    ...(target.field === 'mirror' ? { mirror: { image: mirrorImage(o.image) } } : {}),
    caPem,
    certPem,
    credentials,
    push: o.push === true,
    expectAddresses: o.expectIp,
  }
}

/** `--registry HOST:PORT` or, in mirror mode, `--mirror HOST:PORT`: exactly one (a mirror takes no --push). */
function verifyTarget(o: VerifyOpts): { registry: string; field: 'registry' | 'mirror' } {
  const one = message('cli.mirror.verify.oneTarget')
  if ((o.registry === undefined) === (o.mirror === undefined))
    throw invalidInput('--registry/--mirror', o.registry ?? '', one)
  if (o.mirror === undefined) {
    if (o.image !== undefined) throw invalidInput('image', o.image, one)
    return { registry: o.registry ?? '', field: 'registry' }
  }
  if (o.push === true) throw invalidInput('push', '--mirror', message('cli.mirror.verify.pushMirror'))
  return { registry: o.mirror, field: 'mirror' }
}

/** The Docker Hub name pulled through the mirror, normalised (`hello` -> `library/hello:latest`). */
function mirrorImage(value: string | undefined): string {
  if (value === undefined) return DEFAULT_MIRROR_IMAGE
  const ref = parseReference(value.trim())
  if (ref === undefined || ref.registry !== undefined)
    throw invalidInput('image', value, message('cli.mirror.verify.imageAllowed'))
  return repositoryReference(ref)
}

async function verifyAction(ctx: CommandContext, o: VerifyOpts): Promise<void> {
  const input = await inputFrom(ctx, o)
  const timeoutS = parsePositiveInt('timeout', o.timeout, 600)
  const engine = o.push === true ? await engineFromOptions(ctx, o) : undefined
  if (engine !== undefined && input.credentials !== undefined) assertSecretsSafe(engine.resolved, 'password')
  const report = await withInterrupt((signal) =>
    runVerify(input, {
      docker: engine?.docker,
      trustRoot: o.trustRoot === undefined ? undefined : ctx.path(o.trustRoot),
      signal,
      timeoutMs: timeoutS * 1000,
      roundTripTimeoutMs: timeoutS * 12_000,
      onResult: o.json === true ? undefined : (r) => ctx.io.stdout(line(ctx, r)),
    }),
  )
  if (o.json === true) printJson(ctx, reportText(report))
  else {
    printFixes(ctx, report)
    ctx.io.stdout(summaryLine(ctx, report))
  }
  if (!report.ok) ctx.setExitCode(1)
}

/** `--lang` as given, before or after `verify` (commander gives it to the program or to the command). */
function optsWithLang(cmd: Command): string | undefined {
  const lang = cmd.optsWithGlobals<{ lang?: unknown }>().lang
  return typeof lang === 'string' ? lang : undefined
}

export function registerVerifyCommands(program: Command, ctx: CommandContext): void {
  const d = (key: string): string => ctx.tr.text(`cli.verify.option.${key}`)
  addEngineOptions(
    ctx,
    program
      .command('verify')
      .description(ctx.tr.text('cli.verify.description'))
      .option('--registry <host:port>', d('registry'))
      .option('--mirror <host:port>', ctx.tr.text('cli.mirror.verify.mirror'))
      .option('--image <name>', ctx.tr.text('cli.mirror.verify.image'))
      .requiredOption('--ca <file>', d('ca'))
      .option('--cert <file>', d('cert'))
      .option('--push', d('push'))
      .option('--user <name>', d('user'))
      .option('--password-file <file>', d('passwordFile'))
      .option('--expect-ip <ip>', d('expectIp'), (v: string, p: string[] | undefined) => [...(p ?? []), v])
      .option('--timeout <seconds>', d('timeout'), '10')
      .option('--trust-root <dir>', d('trustRoot'))
      // The global --lang chose the language already (read from the whole command line): this one only checks it.
      .option('--lang <lang>', d('lang'))
      .option('--json', d('json')),
  ).action((o: VerifyOpts, cmd: Command) => verifyAction(ctx, { ...o, lang: optsWithLang(cmd) }))
}
