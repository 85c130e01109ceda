import { homedir } from 'node:os'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { describeStep, stepsAsShell } from '../../trust/apply-plan'
import { parseTrustCa } from '../../trust/ca-certificate'
import { defaultRoot } from '../../trust/paths'
import { parseRegistryAddresses } from '../../trust/registry-address'
import { directQuery, directRunner } from '../../trust/runner'
import { parseTargets, planTrust, runTrust, trustStatus, type TrustRequest } from '../../trust/trust-service'
import type { Platform, TargetPlan, TrustCa, TrustEnv } from '../../trust/types'
import { collect, printJson, readInputFile, type CommandContext } from '../context'
import { registerBundleCommands } from './bundle'
import { registerDrivesCommands } from './drives'

interface TrustOpts {
  ca: string
  registry?: string[]
  targets?: string
  root?: string
  dryRun?: boolean
  force?: boolean
  json?: boolean
}

export type RunMode = 'direct' | 'prefix' | 'print'

/**
 * How privileged steps run: directly when root on the real system; under a root prefix files are written but store
 * commands are only listed (they would change this machine); as non-root on the real system, nothing is done and
 * the CLI prints the commands to run as root.
 */
export function runMode(root: string, platform: NodeJS.Platform, euid: number | undefined): RunMode {
  if (resolve(root) !== resolve(defaultRoot(platform))) return 'prefix'
  if (platform === 'win32' || euid === 0) return 'direct'
  return 'print'
}

async function loadCa(ctx: CommandContext, file: string): Promise<TrustCa> {
  const text = await readInputFile(ctx, file, '--ca')
  return parseTrustCa(text, { field: '--ca', sourcePath: ctx.path(file) })
}

async function request(ctx: CommandContext, o: TrustOpts): Promise<{ req: TrustRequest; mode: RunMode }> {
  const ca = await loadCa(ctx, o.ca)
  const registries = parseRegistryAddresses(o.registry ?? [], '--registry', { requirePort: true })
  const targets = o.targets === undefined ? undefined : parseTargets(o.targets, '--targets')
  const platform = (
    ['linux', 'darwin', 'win32'].includes(process.platform) ? process.platform : 'linux'
  ) as Platform
  const root = o.root === undefined ? defaultRoot() : ctx.path(o.root)
  const mode = runMode(root, process.platform, process.geteuid?.())
  const env: TrustEnv = {
    root,
    platform,
    home: ctx.io.env.HOME ?? homedir(),
    runner: mode === 'direct' ? directRunner : undefined,
    query: mode === 'prefix' ? undefined : directQuery,
  }
  return { req: { env, ca, registries, targets, force: o.force }, mode }
}

function printPlans(ctx: CommandContext, plans: TargetPlan[], verb: string, commandsRun = true): void {
  for (const p of plans) {
    ctx.io.stdout(`${p.label}:\n`)
    if (p.steps.length === 0) ctx.io.stdout('  nothing to do (already in the wanted state)\n')
    for (const s of p.steps) {
      if (s.kind === 'run' && !commandsRun) continue // listed below as "not run"
      ctx.io.stdout(`  ${verb}${describeStep(s)}\n`)
    }
    for (const w of p.warnings) ctx.io.stdout(`  warning: ${w}\n`)
    for (const n of p.notes) ctx.io.stdout(`  note: ${n}\n`)
  }
}

function plansJson(plans: TargetPlan[]): unknown {
  return plans.map((p) => ({
    target: p.target,
    label: p.label,
    steps: p.steps.map((s) =>
      s.kind === 'write'
        ? { kind: s.kind, path: s.path, mode: s.mode.toString(8), bytes: Buffer.byteLength(s.content) }
        : s,
    ),
    warnings: p.warnings,
    notes: p.notes,
  }))
}

async function change(ctx: CommandContext, action: 'install' | 'uninstall', o: TrustOpts): Promise<void> {
  const { req, mode } = await request(ctx, o)
  if (!o.json) for (const n of req.ca.notes ?? []) ctx.io.stdout(`note: ${n}\n`)
  const header = `${action === 'install' ? 'Install' : 'Uninstall'} trust in CA ${req.ca.subject} (SHA-256 ${req.ca.fingerprintSha256}) for ${req.registries.map((r) => r.hostPort).join(', ')}${mode === 'prefix' ? ` under ${req.env.root}` : ''}`
  if (o.dryRun || mode === 'print') {
    const plans = await planTrust(action, req)
    if (o.json) {
      printJson(ctx, { action, dryRun: true, mode, caNotes: req.ca.notes ?? [], plans: plansJson(plans) })
    } else {
      ctx.io.stdout(`Dry run: ${header}\n`)
      printPlans(ctx, plans, 'would ')
    }
    if (!o.dryRun) {
      const steps = plans.flatMap((p) => p.steps)
      if (steps.length === 0) return
      ctx.io.stderr(
        '\nNot done: this needs root. Run these commands as root (e.g. paste them into `sudo sh`):\n\n',
      )
      ctx.io.stderr(stepsAsShell(steps))
      ctx.setExitCode(1)
    }
    return
  }
  const out = await runTrust(action, req)
  if (o.json) {
    printJson(ctx, {
      action,
      dryRun: false,
      mode,
      caNotes: req.ca.notes ?? [],
      changed: out.changed,
      done: out.done,
      pending: out.pending,
      plans: plansJson(out.plans),
    })
    return
  }
  ctx.io.stdout(`${header}\n`)
  printPlans(ctx, out.plans, '', req.env.runner !== undefined)
  if (out.pending.length > 0) {
    ctx.io.stdout(
      `\nNot run (root prefix ${req.env.root}: they would change this machine); run them inside that system:\n`,
    )
    for (const c of out.pending) ctx.io.stdout(`  ${c.argv.join(' ')}  # ${c.why}\n`)
  }
  ctx.io.stdout(
    out.changed || out.pending.length > 0
      ? `${action} done.\n`
      : `Nothing to change: already ${action === 'install' ? 'installed' : 'removed'}.\n`,
  )
}

async function status(ctx: CommandContext, o: TrustOpts): Promise<void> {
  const { req } = await request(ctx, o)
  const list = await trustStatus(req)
  if (o.json) printJson(ctx, list)
  else {
    for (const s of list) {
      const word = s.installed === 'unknown' ? 'unknown' : s.installed ? 'installed' : 'NOT installed'
      ctx.io.stdout(`${s.label}: ${word}\n`)
      for (const i of s.items)
        ctx.io.stdout(`  [${i.installed === true ? 'x' : i.installed === false ? ' ' : '?'}] ${i.what}\n`)
      for (const w of s.warnings) ctx.io.stdout(`  warning: ${w}\n`)
    }
  }
  if (list.some((s) => s.installed !== true)) ctx.setExitCode(1)
}

export function registerTrustCommands(program: Command, ctx: CommandContext): void {
  const trust = program
    .command('trust')
    .description("Make this machine's Docker, Podman, containerd and OS store trust the registry CA")
  const common = (cmd: Command): Command =>
    cmd
      .requiredOption('--ca <file>', 'the CA certificate (ca.crt); a file holding a private key is refused')
      .option(
        '--registry <host:port>',
        'registry address as in image references, with its port (repeat for IP and DNS name)',
        collect,
      )
      .option('--targets <list>', 'comma-separated: docker,podman,containerd,os (default: those present)')
      .option('--root <dir>', 'act under DIR instead of / (store update commands are then listed, not run)')
      .option('--json', 'print the result as JSON')
  common(trust.command('install').description('Install the CA (idempotent)'))
    .option('--dry-run', 'list the files and commands, change nothing')
    .option('--force', 'replace a different ca.crt / hosts.toml already there (a backup is kept)')
    .action((o: TrustOpts) => change(ctx, 'install', o))
  common(
    trust.command('uninstall').description('Remove exactly what install added and re-run the store update'),
  )
    .option('--dry-run', 'list the files and commands, change nothing')
    .action((o: TrustOpts) => change(ctx, 'uninstall', o))
  common(
    trust.command('status').description('Is the CA installed in each target? (exit 1 if not everywhere)'),
  ).action((o: TrustOpts) => status(ctx, o))
}

/** The client-trust command groups: `trust`, `bundle` and `drives` (one registration line in program.ts). */
export function registerClientTrustCommands(program: Command, ctx: CommandContext): void {
  registerTrustCommands(program, ctx)
  registerBundleCommands(program, ctx)
  registerDrivesCommands(program, ctx)
}
