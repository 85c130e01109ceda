import { promises as fs } from 'node:fs'
import { dirname } from 'node:path'
import { backupFile } from '../fs/atomic-write'
import { writeFileAtomic } from '../fs/atomic-write'
import { commandFailed } from './runner'
import type { TargetPlan, TrustEnv, TrustStep } from './types'

export interface ApplyResult {
  /** What was done, one line each ("wrote ...", "ran ..."). */
  done: string[]
  /** Commands not run because no runner was given (root prefix, or not privileged): print them for the user. */
  pending: { argv: string[]; why: string }[]
  changed: boolean
}

/** A one-line description of a step, for dry runs and reports. */
export function describeStep(step: TrustStep): string {
  switch (step.kind) {
    case 'write':
      return `write ${step.path} (mode ${step.mode.toString(8).padStart(4, '0')}, ${Buffer.byteLength(step.content)} bytes${step.backupFirst ? ', old file backed up first' : ''})`
    case 'remove':
      return `remove ${step.path}`
    case 'remove-dir':
      return `remove folder ${step.path} if empty`
    case 'run':
      return `run ${step.argv.map(shellQuote).join(' ')}  # ${step.why}`
  }
}

export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}

/** The steps as a POSIX shell script a user can run as root (what the CLI prints when it cannot act itself). */
export function stepsAsShell(steps: TrustStep[]): string {
  const lines: string[] = []
  for (const step of steps) {
    switch (step.kind) {
      case 'write': {
        const q = shellQuote(step.path)
        if (step.backupFirst) lines.push(`cp -p ${q} ${q}.bak-registry-wizard`)
        lines.push(`mkdir -p ${shellQuote(dirname(step.path))}`)
        lines.push(`cat > ${q} <<'REGISTRY_WIZARD_EOF'`, step.content.replace(/\n$/, ''), 'REGISTRY_WIZARD_EOF')
        lines.push(`chmod ${step.mode.toString(8)} ${q}`)
        break
      }
      case 'remove':
        lines.push(`rm -f ${shellQuote(step.path)}`)
        break
      case 'remove-dir':
        lines.push(`rmdir ${shellQuote(step.path)} 2>/dev/null || true`)
        break
      case 'run':
        lines.push(step.argv.map(shellQuote).join(' '))
        break
    }
  }
  return `${lines.join('\n')}\n`
}

/** Applies plans in order: files in-process, commands through the env's runner (or reported as pending). */
export async function applyPlans(plans: TargetPlan[], env: TrustEnv): Promise<ApplyResult> {
  const result: ApplyResult = { done: [], pending: [], changed: false }
  for (const plan of plans) {
    for (const step of plan.steps) await applyStep(step, env, result)
  }
  return result
}

async function applyStep(step: TrustStep, env: TrustEnv, result: ApplyResult): Promise<void> {
  switch (step.kind) {
    case 'write': {
      await fs.mkdir(dirname(step.path), { recursive: true, mode: 0o755 })
      if (step.backupFirst) result.done.push(`backed up ${step.path} as ${await backupFile(step.path)}`)
      await writeFileAtomic(step.path, step.content, { mode: step.mode })
      result.done.push(`wrote ${step.path}`)
      result.changed = true
      return
    }
    case 'remove':
      await fs.rm(step.path, { force: true })
      result.done.push(`removed ${step.path}`)
      result.changed = true
      return
    case 'remove-dir':
      try {
        await fs.rmdir(step.path)
        result.done.push(`removed empty folder ${step.path}`)
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code
        if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err
      }
      return
    case 'run': {
      if (!env.runner) {
        result.pending.push({ argv: step.argv, why: step.why })
        return
      }
      const r = await env.runner.run(step.argv)
      if (r.code !== 0) throw commandFailed(step.argv, r)
      result.done.push(`ran ${step.argv.join(' ')}`)
      result.changed = true
      return
    }
  }
}
