import { promises as fs } from 'node:fs'
import { dirname } from 'node:path'
import { AppError, isAppError, type CodedInit } from '../errors'
import { backupFile, writeFileAtomic } from '../fs/atomic-write'
import { errnoOf, fsFailure, type FsAction } from '../fs/errno'
import { message, type Message } from '../messages/index'
import { shellLine, shellQuote } from '../shell/quote'
import { makeDirs, removeMadeDirs } from './make-dirs'
import { commandFailed } from './runner'
import type { TargetPlan, TrustEnv, TrustStep } from './types'

export interface ApplyResult {
  /** What was done, one message each ("wrote ...", "ran ..."). */
  done: Message[]
  /** Commands not run because no runner was given (root prefix, or not privileged): print them for the user. */
  pending: { argv: string[]; why: Message }[]
  changed: boolean
}

/** A one-line description of a step, for dry runs and reports. */
export function describeStep(step: TrustStep): Message {
  switch (step.kind) {
    case 'write':
      return message(step.backupFirst ? 'trust.step.writeBackup' : 'trust.step.write', {
        path: step.path,
        mode: step.mode.toString(8).padStart(4, '0'),
        bytes: Buffer.byteLength(step.content),
      })
    case 'remove':
      return message('trust.step.remove', { path: step.path })
    case 'remove-dir':
      return message('trust.step.removeDir', { path: step.path })
    case 'run':
      return message('trust.step.run', { command: shellLine(step.argv), why: step.why })
  }
}

/**
 * The shell command that writes `content` to stdout byte for byte: `printf '%s\n'` with every line as one
 * single-quoted argument. No heredoc: a heredoc ends at a marker line, and content holding that line would run the
 * rest as commands; a quoted argument cannot end early, whatever it holds.
 */
export function printfContent(content: string): string {
  if (content.includes('\0'))
    throw new Error('internal error: file content with a NUL byte cannot go into a shell script')
  if (content === '') return ':'
  const lines = content.split('\n')
  const last = lines.pop() ?? ''
  const parts: string[] = []
  if (lines.length > 0)
    parts.push(`printf '%s\\n' ${lines.map((l) => `'${l.replace(/'/g, `'\\''`)}'`).join(' ')}`)
  if (last !== '') parts.push(`printf '%s' '${last.replace(/'/g, `'\\''`)}'`)
  return parts.length === 1 ? (parts[0] ?? ':') : `{ ${parts.join('; ')}; }`
}

/** The steps as a POSIX shell script a user can run as root (what the CLI prints when it cannot act itself). */
export function stepsAsShell(steps: TrustStep[]): string {
  const lines: string[] = ['set -e']
  for (const step of steps) {
    switch (step.kind) {
      case 'write': {
        const q = shellQuote(step.path)
        const tmp = shellQuote(`${step.path}.registry-wizard-tmp`)
        if (step.backupFirst) lines.push(`cp -p ${q} ${shellQuote(`${step.path}.bak-registry-wizard`)}`)
        lines.push(`mkdir -p ${shellQuote(dirname(step.path))}`)
        lines.push(`${printfContent(step.content)} > ${tmp}`)
        lines.push(`chmod ${step.mode.toString(8)} ${tmp}`)
        lines.push(`mv -f ${tmp} ${q}`)
        break
      }
      case 'remove':
        lines.push(`rm -f ${shellQuote(step.path)}`)
        break
      case 'remove-dir':
        lines.push(`rmdir ${shellQuote(step.path)} 2>/dev/null || true`)
        break
      case 'run':
        lines.push(shellLine(step.argv))
        break
    }
  }
  return `${lines.join('\n')}\n`
}

/** How to put back one change made by {@link applyPlans} when a later step fails. */
type Undo = () => Promise<void>

/** What was at a path before we changed it: nothing, a file (content + mode), or a symbolic link. */
async function saveOld(path: string): Promise<Undo> {
  let st
  try {
    st = await fs.lstat(path)
  } catch (err) {
    if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR') return () => fs.rm(path, { force: true })
    throw err
  }
  if (st.isSymbolicLink()) {
    const target = await fs.readlink(path)
    return async () => {
      await fs.rm(path, { force: true })
      await fs.symlink(target, path)
    }
  }
  const content = await fs.readFile(path)
  const mode = st.mode & 0o777
  return () => writeFileAtomic(path, content, { mode })
}

/** Puts back every change made so far, newest first; says what became of them. */
async function undoAll(undo: Undo[], ran: string[]): Promise<Message> {
  let undone = true
  for (const u of undo.reverse()) {
    try {
      await u()
    } catch {
      undone = false
    }
  }
  if (!undone) return message('fs.undone.partial')
  return ran.length === 0
    ? message('fs.undone.putBack')
    : message('fs.undone.putBackRan', { commands: ran.join('; ') })
}

/** The error a failed step ends the apply with, carrying what became of the earlier changes. */
function failedStep(err: unknown, step: TrustStep | undefined, env: TrustEnv, undone: Message): unknown {
  if (isAppError(err)) {
    if (err.code !== 'TRUST_COMMAND_FAILED' && err.code !== 'TRUST_COMMAND_NOT_FOUND') return err
    const init = { code: err.code, kind: err.kind, params: { ...err.params, undone }, cause: err }
    return new AppError(init as CodedInit<'TRUST_COMMAND_FAILED'>)
  }
  const path = step && step.kind !== 'run' ? step.path : env.root
  const action: FsAction = step?.kind === 'write' ? 'write' : step?.kind === 'run' ? 'runFor' : 'remove'
  return fsFailure(err, { field: 'root', action, path, undone })
}

/**
 * Applies plans in order: files in-process, commands through the env's runner (or reported as pending). When a step
 * fails, every file change made so far is put back (files restored or removed, folders we made removed), and a
 * file-system failure becomes a clear AppError naming the path (exit 2).
 */
export async function applyPlans(plans: TargetPlan[], env: TrustEnv): Promise<ApplyResult> {
  const result: ApplyResult = { done: [], pending: [], changed: false }
  const undo: Undo[] = []
  const ran: string[] = []
  let current: TrustStep | undefined
  try {
    for (const plan of plans) {
      for (const step of plan.steps) {
        current = step
        await applyStep(step, env, result, undo, ran)
      }
    }
  } catch (err) {
    const note = await undoAll(undo, ran)
    throw failedStep(err, current, env, note)
  }
  return result
}

async function applyStep(
  step: TrustStep,
  env: TrustEnv,
  result: ApplyResult,
  undo: Undo[],
  ran: string[],
): Promise<void> {
  switch (step.kind) {
    case 'write': {
      const made = await makeDirs(dirname(step.path), 0o755)
      undo.push(() => removeMadeDirs(made))
      const restore = await saveOld(step.path)
      if (step.backupFirst) {
        const backup = await backupFile(step.path)
        undo.push(() => fs.rm(backup, { force: true }))
        result.done.push(message('trust.done.backedUp', { path: step.path, backup }))
      }
      undo.push(restore)
      await writeFileAtomic(step.path, step.content, { mode: step.mode })
      result.done.push(message('trust.done.wrote', { path: step.path }))
      result.changed = true
      return
    }
    case 'remove': {
      const restore = await saveOld(step.path)
      await fs.rm(step.path, { force: true })
      undo.push(restore)
      result.done.push(message('trust.done.removed', { path: step.path }))
      result.changed = true
      return
    }
    case 'remove-dir':
      try {
        await fs.rmdir(step.path)
        undo.push(() => fs.mkdir(step.path, { mode: 0o755 }).then(() => undefined))
        result.done.push(message('trust.done.removedDir', { path: step.path }))
      } catch (err) {
        const code = errnoOf(err)
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
      ran.push(step.argv.join(' '))
      result.done.push(message('trust.done.ran', { command: shellLine(step.argv) }))
      result.changed = true
      return
    }
  }
}
