import type { Command } from 'commander'
import { isAppError } from '../../errors'
import { errorTexts, type Message } from '../../messages/index'
import { httpsUrl } from '../../net/address'
import { loadPlanFile } from '../../plan/load'
import { runSetup } from '../../plan/setup'
import { setupInput, type SetupInput } from '../../plan/setup-input'
import { SETUP_STEPS, type SetupOutcome, type SetupStepId } from '../../plan/setup-types'
import { printJson, type CommandContext } from '../context'
import { withInterrupt } from './engine'
import { cliTrustPolicy } from '../trust-policy'

interface SetupOpts {
  plan: string
  dryRun?: boolean
  json?: boolean
}

/** Request fields the domain names, as the plan file's keys (setup's errors point into the plan, not at flags). */
const PLAN_KEYS: Readonly<Record<string, string>> = {
  caDir: 'ca.dir',
  dir: 'ca.dir',
  outDir: 'certificate.dir',
  certs: 'certificate.dir',
  port: 'registry.port',
  name: 'registry.name',
  image: 'registry.image',
  imageTar: 'registry.tar',
  data: 'registry.data',
  volume: 'registry.volume',
  passphrase: 'ca.create.passphraseFile',
  root: 'trust.root',
  out: 'bundle.out',
  registry: 'registry.addresses',
  sans: 'registry.addresses',
}
const planKey = (field: string): string => PLAN_KEYS[field] ?? field

/** `cli.plan.*` in the run's language. */
const say = (
  ctx: CommandContext,
  key: string,
  params?: Parameters<CommandContext['tr']['text']>[1],
): string => ctx.tr.text(`cli.plan.${key}`, params)

const stepName = (ctx: CommandContext, step: SetupStepId): string => ctx.tr.text(`progress.setup.${step}`)
const stepNumber = (step: string): number => SETUP_STEPS.indexOf(step as SetupStepId) + 1

function outcomeJson(ctx: CommandContext, o: SetupOutcome): Record<string, string> {
  return { step: o.step, status: o.status, detail: ctx.tr.render(o.detail) }
}

/** The human lines as the job runs: each step's heading, the details of what it does (stderr), its outcome. */
function listeners(ctx: CommandContext, json: boolean, current: { step: string }) {
  const total = SETUP_STEPS.length
  return {
    onProgress: (p: { step: string; percent: number | undefined }) => {
      if (p.step === current.step || !SETUP_STEPS.includes(p.step as SetupStepId)) return
      current.step = p.step
      if (!json)
        ctx.io.stdout(
          `${say(ctx, 'step', { n: stepNumber(p.step), total, step: stepName(ctx, p.step as SetupStepId) })}\n`,
        )
    },
    onOutcome: (o: SetupOutcome) => {
      if (!json)
        ctx.io.stdout(
          `${say(ctx, 'outcome', { status: say(ctx, `status.${o.status}`), detail: o.detail })}\n`,
        )
    },
    onDetail: (_step: SetupStepId, text: Message) => {
      if (!json) ctx.io.stderr(`${say(ctx, 'detail', { text })}\n`)
    },
  }
}

function printDone(ctx: CommandContext, input: SetupInput, outcomes: SetupOutcome[], o: SetupOpts): void {
  const changed = outcomes.filter((x) => x.status === 'created' || x.status === 'changed').length
  const url = httpsUrl(input.addresses[0] ?? '', input.port)
  if (o.json) {
    printJson(ctx, {
      ok: true,
      dryRun: o.dryRun === true,
      plan: input.file,
      changed: changed > 0,
      steps: outcomes.map((x) => outcomeJson(ctx, x)),
    })
    return
  }
  if (o.dryRun !== true) ctx.io.stdout(`${say(ctx, 'url', { url })}\n`)
  const summary = o.dryRun
    ? say(ctx, 'summary.dry')
    : changed === 0
      ? say(ctx, 'summary.unchanged')
      : say(ctx, 'summary.done', { changed, total: SETUP_STEPS.length })
  ctx.io.stdout(`${summary}\n`)
}

/** A failed step: which one, the reason and the fix (the plan's keys named), and exit 1 (2 for input errors). */
function printFailure(
  ctx: CommandContext,
  err: unknown,
  step: string,
  outcomes: SetupOutcome[],
  json: boolean,
): void {
  const n = stepNumber(step)
  const name = n > 0 ? stepName(ctx, step as SetupStepId) : step
  const texts = isAppError(err)
    ? errorTexts(ctx.tr, err, 'cli', planKey)
    : { message: err instanceof Error ? err.message : String(err), hint: undefined }
  if (json)
    printJson(ctx, {
      ok: false,
      failedStep: step,
      steps: outcomes.map((x) => outcomeJson(ctx, x)),
      error: { code: isAppError(err) ? err.code : 'UNEXPECTED', message: texts.message, hint: texts.hint },
    })
  else {
    const label = (k: string): string => ctx.tr.text(`cli.common.label.${k}`)
    ctx.io.stderr(`${say(ctx, 'stopped', { n, total: SETUP_STEPS.length, step: name })}\n`)
    ctx.io.stderr(`${label('error')}: ${texts.message}\n`)
    if (texts.hint !== undefined) ctx.io.stderr(`${label('hint')}: ${texts.hint}\n`)
  }
  ctx.setExitCode(isAppError(err) && err.kind === 'input' ? 2 : 1)
}

async function setupAction(ctx: CommandContext, o: SetupOpts): Promise<void> {
  // Bad plans and unreadable files fail here, before any step: exit 2, nothing changed (program.ts prints them).
  const input = await setupInput(await loadPlanFile(ctx.path(o.plan)))
  const json = o.json === true
  if (!json)
    ctx.io.stdout(
      `${say(ctx, o.dryRun ? 'headerDry' : 'header', { file: o.plan, engine: input.engineLabel })}\n`,
    )
  const current = { step: '' }
  const l = listeners(ctx, json, current)
  const outcomes: SetupOutcome[] = []
  try {
    await withInterrupt((signal) =>
      runSetup(
        input,
        {
          trustPolicy: cliTrustPolicy(process.platform, process.geteuid?.()),
          env: ctx.io.env,
          onOutcome: (x) => {
            outcomes.push(x)
            l.onOutcome(x)
          },
          onDetail: l.onDetail,
        },
        { dryRun: o.dryRun, signal, onProgress: l.onProgress },
      ),
    )
  } catch (err) {
    printFailure(ctx, err, current.step, outcomes, json)
    return
  }
  printDone(ctx, input, outcomes, o)
}

export function registerSetupCommands(program: Command, ctx: CommandContext): void {
  program
    .command('setup')
    .description(say(ctx, 'description'))
    .requiredOption('--plan <file>', say(ctx, 'option.plan'))
    .option('--dry-run', say(ctx, 'option.dryRun'))
    .option('--json', say(ctx, 'option.json'))
    .action((o: SetupOpts) => setupAction(ctx, o))
}
