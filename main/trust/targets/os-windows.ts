import { message } from '../../messages/index'
import type { TargetContext, TargetPlan, TargetStatus } from '../types'
import { caFileForCommand } from './ca-file'

const STORE = 'Cert:\\LocalMachine\\Root'
const LABEL = message('trust.target.osWindows')

function powershell(command: string): string[] {
  return ['powershell.exe', '-NoProfile', '-NonInteractive', '-Command', command]
}

function psQuote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`
}

export async function windowsStoreHasCa(ctx: TargetContext): Promise<boolean | 'unknown'> {
  if (!ctx.env.query) return 'unknown'
  const r = await ctx.env.query(
    powershell(`if (Test-Path ${psQuote(`${STORE}\\${ctx.ca.thumbprintSha1}`)}) { 'yes' } else { 'no' }`),
  )
  if (r.code !== 0) return 'unknown'
  return r.stdout.trim() === 'yes'
}

export async function windowsInstall(ctx: TargetContext): Promise<TargetPlan> {
  const plan: TargetPlan = { target: 'os', label: LABEL, steps: [], warnings: [], notes: [] }
  if ((await windowsStoreHasCa(ctx)) === true) return plan
  const file = caFileForCommand(ctx)
  plan.steps.push(...file.steps, {
    kind: 'run',
    argv: powershell(
      `Import-Certificate -FilePath ${psQuote(file.path)} -CertStoreLocation ${STORE} | Out-Null`,
    ),
    why: message('trust.why.windowsAdd'),
  })
  plan.notes.push(message('trust.note.restartWindows'))
  return plan
}

export async function windowsUninstall(ctx: TargetContext): Promise<TargetPlan> {
  const plan: TargetPlan = { target: 'os', label: LABEL, steps: [], warnings: [], notes: [] }
  if ((await windowsStoreHasCa(ctx)) === false) return plan
  plan.steps.push({
    kind: 'run',
    argv: powershell(`Remove-Item -Path ${psQuote(`${STORE}\\${ctx.ca.thumbprintSha1}`)}`),
    why: message('trust.why.windowsRemove'),
  })
  plan.notes.push(message('trust.note.restartWindowsRemoved'))
  return plan
}

export async function windowsStatus(ctx: TargetContext): Promise<TargetStatus> {
  const installed = await windowsStoreHasCa(ctx)
  return {
    target: 'os',
    label: LABEL,
    installed,
    items: [{ what: `${STORE}\\${ctx.ca.thumbprintSha1}`, installed }],
    warnings: installed === 'unknown' ? [message('trust.warning.windowsUnknown')] : [],
  }
}
