// `registry-wizard check`: one monitoring-plugin status line (or --json) and its exit code (0 OK, 1 WARNING,
// 2 CRITICAL, 3 UNKNOWN: any failure of the check itself, invalid input included).
import type { Command } from 'commander'
import { checkContainerName, DEFAULT_NAME } from '../../docker'
import { isAppError } from '../../errors'
import { checkExitCode, runCheck, type CheckInput, type CheckResult } from '../../lifecycle/check'
import { message, errorTexts } from '../../messages/index'
import { parseHostPort } from '../../pki/names'
import { CHECK_SERVICE, flagFor, printJson, readInputFile, type CommandContext } from '../context'
import { invalidInput } from '../../errors'
import { addEngineOptions, withEngine, type EngineOpts } from './engine'

interface CheckOpts extends EngineOpts {
  registry: string
  ca: string
  warnDays: string
  critDays: string
  caWarnDays: string
  name: string
  maxUsagePercent?: string
  timeout: string
  json?: boolean
}

/** The service name monitoring shows before the state (kept as plugins print it, in every language). */

/** A whole number of the option, or invalid input naming the field. */
function wholeNumber(field: string, value: string): number {
  if (!/^\d{1,6}$/.test(value.trim()))
    throw invalidInput(field, value, message('lifecycle.check.allowed.days'))
  return Number(value)
}

async function checkInput(ctx: CommandContext, o: CheckOpts): Promise<Omit<CheckInput, 'storage'>> {
  const { host, port } = parseHostPort(o.registry, 'registry')
  if (port === undefined)
    throw invalidInput('registry', o.registry, message('lifecycle.check.allowed.hostPort'))
  return {
    host,
    port,
    caPem: await readInputFile(ctx, o.ca, 'ca'),
    warnDays: wholeNumber('warnDays', o.warnDays),
    critDays: wholeNumber('critDays', o.critDays),
    caWarnDays: wholeNumber('caWarnDays', o.caWarnDays),
    timeoutMs: wholeNumber('timeout', o.timeout) * 1000,
  }
}

/** `REGISTRY STATE - what is wrong first, then the rest|perfdata`. */
export function statusLine(ctx: CommandContext, r: CheckResult): string {
  const items = [...r.items.filter((i) => i.state !== 'OK'), ...r.items.filter((i) => i.state === 'OK')]
  const text = items.map((i) => ctx.tr.render(i.message)).join('; ')
  return `${CHECK_SERVICE} ${r.state} - ${text}${r.perfdata === '' ? '' : `|${r.perfdata}`}`
}

function printResult(ctx: CommandContext, r: CheckResult, json: boolean | undefined): void {
  if (json)
    printJson(ctx, {
      ...r,
      text: statusLine(ctx, r),
      items: r.items.map(({ message: m, ...rest }) => ({ ...rest, text: ctx.tr.render(m) })),
    })
  else ctx.io.stdout(`${statusLine(ctx, r)}\n`)
}

/** The check could not run: UNKNOWN, with the reason on the status line (and in JSON: code, params, message). */
function printUnknown(ctx: CommandContext, err: unknown, json: boolean | undefined): void {
  const text = isAppError(err)
    ? errorTexts(ctx.tr, err, 'cli', flagFor).message
    : err instanceof Error
      ? err.message
      : String(err)
  if (json) {
    const error = isAppError(err) ? { code: err.code, params: err.params, message: text } : { message: text }
    printJson(ctx, { state: 'UNKNOWN', exitCode: 3, error })
  } else ctx.io.stdout(`${CHECK_SERVICE} UNKNOWN - ${text}\n`)
}

async function check(ctx: CommandContext, o: CheckOpts): Promise<CheckResult> {
  const input = await checkInput(ctx, o)
  if (o.maxUsagePercent === undefined) return runCheck(input)
  const maxUsagePercent = wholeNumber('maxUsagePercent', o.maxUsagePercent)
  const name = checkContainerName(o.name)
  return withEngine(ctx, o, (engine) => runCheck({ ...input, storage: { engine, name, maxUsagePercent } }))
}

export function registerCheckCommands(program: Command, ctx: CommandContext): void {
  const t = (key: string): string => ctx.tr.text(`cli.lifecycle.check.${key}`)
  const cmd = program
    .command('check')
    .description(t('description'))
    .requiredOption('--registry <host:port>', t('registry'))
    .requiredOption('--ca <file>', t('ca'))
    .option('--warn-days <n>', t('warnDays'), '30')
    .option('--crit-days <n>', t('critDays'), '7')
    .option('--ca-warn-days <n>', t('caWarnDays'), '180')
    .option('--name <name>', t('name'), DEFAULT_NAME)
    .option('--max-usage-percent <p>', t('maxUsagePercent'))
    .option('--timeout <seconds>', t('timeout'), '5')
    .option('--json', t('json'))
  addEngineOptions(ctx, cmd).action(async (o: CheckOpts) => {
    try {
      const r = await check(ctx, o)
      printResult(ctx, r, o.json)
      ctx.setExitCode(r.exitCode)
    } catch (err) {
      printUnknown(ctx, err, o.json)
      ctx.setExitCode(checkExitCode('UNKNOWN'))
    }
  })
}
