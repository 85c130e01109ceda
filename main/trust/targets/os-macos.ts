import { message } from '../../messages/index'
import type { TargetContext, TargetPlan, TargetStatus } from '../types'
import { caFileForCommand } from './ca-file'

const KEYCHAIN = '/Library/Keychains/System.keychain'
const LABEL = message('trust.target.osMacos')

/** Asks the keychain whether a certificate with our SHA-1 is there; 'unknown' without a query runner. */
export async function keychainHasCa(ctx: TargetContext): Promise<boolean | 'unknown'> {
  if (!ctx.env.query) return 'unknown'
  const r = await ctx.env.query(['security', 'find-certificate', '-a', '-Z', KEYCHAIN])
  if (r.code !== 0) return 'unknown'
  return r.stdout.toUpperCase().includes(`SHA-1 HASH: ${ctx.ca.thumbprintSha1}`)
}

export async function macosInstall(ctx: TargetContext): Promise<TargetPlan> {
  const plan: TargetPlan = { target: 'os', label: LABEL, steps: [], warnings: [], notes: [] }
  if ((await keychainHasCa(ctx)) === true) return plan
  const file = caFileForCommand(ctx)
  plan.steps.push(...file.steps, {
    kind: 'run',
    argv: ['security', 'add-trusted-cert', '-d', '-r', 'trustRoot', '-k', KEYCHAIN, file.path],
    why: message('trust.why.keychainAdd'),
  })
  plan.notes.push(message('trust.note.restartDockerDesktop'))
  return plan
}

export async function macosUninstall(ctx: TargetContext): Promise<TargetPlan> {
  const plan: TargetPlan = { target: 'os', label: LABEL, steps: [], warnings: [], notes: [] }
  if ((await keychainHasCa(ctx)) === false) return plan
  plan.steps.push({
    kind: 'run',
    argv: ['security', 'delete-certificate', '-Z', ctx.ca.thumbprintSha1, KEYCHAIN],
    why: message('trust.why.keychainRemove'),
  })
  plan.notes.push(message('trust.note.restartDockerDesktopRemoved'))
  return plan
}

export async function macosStatus(ctx: TargetContext): Promise<TargetStatus> {
  const installed = await keychainHasCa(ctx)
  return {
    target: 'os',
    label: LABEL,
    installed,
    items: [{ what: `${KEYCHAIN} SHA-1 ${ctx.ca.thumbprintSha1}`, installed }],
    warnings: installed === 'unknown' ? [message('trust.warning.keychainUnknown')] : [],
  }
}
