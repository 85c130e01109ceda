import { cliTrustPolicy } from '../trust-policy'
import { homedir } from 'node:os'
import type { Command } from 'commander'
import type { Message } from '../../messages/index'
import { describeStep } from '../../trust/apply-plan'
import { applyTrust, checkTrust, trustMode, type TrustApplied, type TrustMode } from '../../trust/apply-trust'
import { parseTrustCa } from '../../trust/ca-certificate'
import { defaultRoot } from '../../trust/paths'
import { parseMirrorAndRegistries } from '../../trust/registry-address'
import { directQuery } from '../../trust/runner'
import { parseTargets, type TrustRequest } from '../../trust/trust-service'
import type { Platform, TargetPlan, TargetStatus, TrustCa, TrustStep } from '../../trust/types'
import { collect, printJson, readInputFile, type CommandContext } from '../context'
import { registerBundleCommands } from './bundle'
import { registerDrivesCommands } from './drives'

interface TrustOpts {
  ca: string
  registry?: string[]
  mirror?: string
  targets?: string
  root?: string
  dryRun?: boolean
  force?: boolean
  json?: boolean
}

export { cliTrustPolicy }

/** The mode the domain chooses for a CLI run (kept for the CLI's tests and JSON). */
export function runMode(root: string, platform: NodeJS.Platform, euid: number | undefined): TrustMode {
  return trustMode({ root, platform }, cliTrustPolicy(platform, euid))
}

/** The platform whose stores are changed: this one (anything but macOS and Windows is treated as Linux). */
function thisPlatform(): Platform {
  return (['linux', 'darwin', 'win32'].includes(process.platform) ? process.platform : 'linux') as Platform
}

async function loadCa(ctx: CommandContext, file: string): Promise<TrustCa> {
  const text = await readInputFile(ctx, file, 'ca')
  return parseTrustCa(text, { field: 'ca', sourcePath: ctx.path(file) })
}

async function request(ctx: CommandContext, o: TrustOpts): Promise<TrustRequest> {
  const ca = await loadCa(ctx, o.ca)
  const { registries, mirror } = parseMirrorAndRegistries(o.registry ?? [], o.mirror)
  const targets = o.targets === undefined ? undefined : parseTargets(o.targets, 'targets')
  const root = o.root === undefined ? defaultRoot() : ctx.path(o.root)
  const env = { root, platform: thisPlatform(), home: ctx.io.env.HOME ?? homedir(), query: directQuery }
  return { env, ca, registries, mirror, targets, force: o.force }
}

/** Prints the words the CLI puts in front of notes and warnings (`note: ...`). */
function labelled(ctx: CommandContext, label: 'note' | 'warning', text: Message, indent = ''): void {
  ctx.io.stdout(`${indent}${ctx.tr.text(`cli.common.label.${label}`)}: ${ctx.tr.render(text)}\n`)
}

function printPlans(ctx: CommandContext, plans: TargetPlan[], would: boolean, commandsRun = true): void {
  const { tr } = ctx
  for (const p of plans) {
    ctx.io.stdout(`${tr.text('cli.trust.target', { label: p.label })}\n`)
    if (p.steps.length === 0) ctx.io.stdout(`  ${tr.text('cli.trust.nothingToDo')}\n`)
    for (const s of p.steps) {
      if (s.kind === 'run' && !commandsRun) continue // listed below as "not run"
      const step = describeStep(s)
      ctx.io.stdout(`  ${would ? tr.text('cli.trust.would', { step }) : tr.render(step)}\n`)
    }
    for (const w of p.warnings) labelled(ctx, 'warning', w, '  ')
    for (const n of p.notes) labelled(ctx, 'note', n, '  ')
  }
}

/** A step for JSON: file contents left out (their size given), messages rendered in the run's language. */
function stepJson(ctx: CommandContext, s: TrustStep): unknown {
  if (s.kind === 'write')
    return { kind: s.kind, path: s.path, mode: s.mode.toString(8), bytes: Buffer.byteLength(s.content) }
  return s.kind === 'run' ? { ...s, why: ctx.tr.render(s.why) } : s
}

function plansJson(ctx: CommandContext, plans: TargetPlan[]): unknown {
  const r = (m: Message): string => ctx.tr.render(m)
  return plans.map((p) => ({
    target: p.target,
    label: r(p.label),
    steps: p.steps.map((s) => stepJson(ctx, s)),
    warnings: p.warnings.map(r),
    notes: p.notes.map(r),
  }))
}

function header(
  ctx: CommandContext,
  action: 'install' | 'uninstall',
  req: TrustRequest,
  mode: TrustMode,
): string {
  const { ca } = req
  const params = {
    subject: ca.subject,
    fingerprint: ca.fingerprintSha256,
    registries: req.registries.map((r) => r.hostPort),
  }
  const mirror =
    req.mirror && ctx.tr.text(`cli.trustMirror.header.${action}`, { ...params, mirror: req.mirror.hostPort })
  const heads = [
    req.registries.length > 0 ? ctx.tr.text(`cli.trust.header.${action}`, params) : undefined,
    mirror,
  ]
  const head = heads.filter((h) => h !== undefined).join('; ')
  return mode === 'prefix'
    ? ctx.tr.text('cli.trust.header.under', { header: head, root: req.env.root })
    : head
}

function changeJson(
  ctx: CommandContext,
  action: string,
  req: TrustRequest,
  out: TrustApplied,
  dry: boolean,
): void {
  const caNotes = (req.ca.notes ?? []).map((n) => ctx.tr.render(n))
  const base = { action, dryRun: dry, mode: out.mode, caNotes }
  if (dry) {
    printJson(ctx, { ...base, plans: plansJson(ctx, out.plans) })
    return
  }
  const done = out.done.map((d) => ctx.tr.render(d))
  const pending = out.pending.map((p) => ({ argv: p.argv, why: ctx.tr.render(p.why) }))
  printJson(ctx, { ...base, changed: out.changed, done, pending, plans: plansJson(ctx, out.plans) })
}

function printApplied(
  ctx: CommandContext,
  action: 'install' | 'uninstall',
  req: TrustRequest,
  out: TrustApplied,
): void {
  const { tr } = ctx
  ctx.io.stdout(`${header(ctx, action, req, out.mode)}\n`)
  printPlans(ctx, out.plans, false, out.mode !== 'prefix')
  if (out.pending.length > 0) {
    ctx.io.stdout(`\n${tr.text('cli.trust.notRun', { root: req.env.root })}\n`)
    for (const c of out.pending)
      ctx.io.stdout(`  ${tr.text('cli.trust.pending', { command: c.argv.join(' '), why: c.why })}\n`)
  }
  const finished = out.changed || out.pending.length > 0
  ctx.io.stdout(`${tr.text(finished ? `cli.trust.done.${action}` : `cli.trust.unchanged.${action}`)}\n`)
}

async function change(ctx: CommandContext, action: 'install' | 'uninstall', o: TrustOpts): Promise<void> {
  const req = await request(ctx, o)
  const policy = cliTrustPolicy(process.platform, process.geteuid?.())
  const out = await applyTrust(action, req, policy, { dryRun: o.dryRun })
  const dry = o.dryRun === true || out.mode === 'print'
  if (o.json) changeJson(ctx, action, req, out, dry)
  else {
    for (const n of req.ca.notes ?? []) labelled(ctx, 'note', n)
    if (dry) {
      ctx.io.stdout(
        `${ctx.tr.text('cli.trust.header.dryRun', { header: header(ctx, action, req, out.mode) })}\n`,
      )
      printPlans(ctx, out.plans, true)
    } else printApplied(ctx, action, req, out)
  }
  if (o.dryRun !== true && out.script !== undefined) {
    ctx.io.stderr(`\n${ctx.tr.text('cli.trust.needsRoot')}\n\n`)
    ctx.io.stderr(out.script)
    ctx.setExitCode(1)
  }
}

function statusJson(ctx: CommandContext, list: TargetStatus[]): unknown {
  const r = (m: Message): string => ctx.tr.render(m)
  return list.map((s) => ({ ...s, label: r(s.label), warnings: s.warnings.map(r) }))
}

async function status(ctx: CommandContext, o: TrustOpts): Promise<void> {
  const req = await request(ctx, o)
  const list = await checkTrust(req, cliTrustPolicy(process.platform, process.geteuid?.()))
  if (o.json) printJson(ctx, statusJson(ctx, list))
  else {
    const { tr } = ctx
    for (const s of list) {
      const word = s.installed === 'unknown' ? 'unknown' : s.installed ? 'installed' : 'notInstalled'
      ctx.io.stdout(
        `${tr.text('cli.trust.status.line', { label: s.label, state: tr.text(`cli.trust.status.${word}`) })}\n`,
      )
      for (const i of s.items)
        ctx.io.stdout(`  [${i.installed === true ? 'x' : i.installed === false ? ' ' : '?'}] ${i.what}\n`)
      for (const w of s.warnings) labelled(ctx, 'warning', w, '  ')
    }
  }
  if (list.some((s) => s.installed !== true)) ctx.setExitCode(1)
}

export function registerTrustCommands(program: Command, ctx: CommandContext): void {
  const help = (key: string): string => ctx.tr.text(`cli.trust.help.${key}`)
  const trust = program.command('trust').description(help('trust'))
  const common = (cmd: Command): Command =>
    cmd
      .requiredOption('--ca <file>', help('ca'))
      .option('--registry <host:port>', help('registry'), collect)
      .option('--mirror <host:port>', ctx.tr.text('cli.trustMirror.help.mirror'))
      .option('--targets <list>', ctx.tr.text('cli.trustMirror.help.targets'))
      .option('--root <dir>', help('root'))
      .option('--json', help('json'))
  common(trust.command('install').description(help('install')))
    .option('--dry-run', help('dryRun'))
    .option('--force', help('force'))
    .action((o: TrustOpts) => change(ctx, 'install', o))
  common(trust.command('uninstall').description(help('uninstall')))
    .option('--dry-run', help('dryRun'))
    .action((o: TrustOpts) => change(ctx, 'uninstall', o))
  common(trust.command('status').description(help('status'))).action((o: TrustOpts) => status(ctx, o))
}

/** The client-trust command groups: `trust`, `bundle` and `drives` (one registration line in program.ts). */
export function registerClientTrustCommands(program: Command, ctx: CommandContext): void {
  registerTrustCommands(program, ctx)
  registerBundleCommands(program, ctx)
  registerDrivesCommands(program, ctx)
}
