import { Readable } from 'node:stream'
import type Docker from 'dockerode'
import { packFiles } from '../../docker/tar-files'
import type { VerifyContext } from '../context'
import { msg, type VerifyMessage } from '../i18n/message'
import { errorText, fail, failWith, pass, skipped, warn, type Outcome } from '../outcome'
import { registryRequest } from '../registry-http'

export const SELFTEST_REPO = 'registry-wizard/selftest'

type Step = 'made' | 'pushed' | 'removed' | 'pulled' | 'compared'
const STEP_MESSAGES: Record<Step, VerifyMessage> = {
  made: msg('rt.step.made'),
  pushed: msg('rt.step.pushed'),
  removed: msg('rt.step.removed'),
  pulled: msg('rt.step.pulled'),
  compared: msg('rt.step.compared'),
}

interface StreamEvent {
  status?: string
  error?: string
  errorDetail?: { message?: string }
  aux?: { Tag?: string; Digest?: string }
  stream?: string
}

/** True for 127.0.0.0/8 and ::1: dockerd treats them as insecure registries (no certificate check). */
export function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || address === 'localhost'
}

function follow(docker: Docker, stream: NodeJS.ReadableStream, signal: AbortSignal): Promise<StreamEvent[]> {
  return new Promise((resolve, reject) => {
    let failed: string | undefined
    const onAbort = (): void => {
      ;(stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.()
      reject(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    docker.modem.followProgress(
      stream,
      (err: unknown, out: StreamEvent[]) => {
        signal.removeEventListener('abort', onAbort)
        if (err) reject(err instanceof Error ? err : new Error(engineText(err)))
        else if (failed !== undefined) reject(new Error(failed))
        else resolve(out)
      },
      (e: StreamEvent) => {
        if (e.error !== undefined || e.errorDetail?.message !== undefined) failed = e.errorDetail?.message ?? e.error
      },
    )
  })
}

/** docker import of an in-memory tar (the typings only know the callback form). */
function importTar(docker: Docker, tar: NodeJS.ReadableStream, opts: Record<string, unknown>): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    docker.importImage(tar, opts, (err: unknown, out?: NodeJS.ReadableStream) => {
      if (err !== null && err !== undefined) reject(err instanceof Error ? err : new Error(engineText(err)))
      else if (out === undefined) reject(new Error('docker import returned no stream'))
      else resolve(out)
    })
  })
}

/** The engine's words for a failed API call (dockerode keeps them in `json.message`). */
function engineText(err: unknown): string {
  const json = (err as { json?: unknown } | undefined)?.json
  if (typeof json === 'object' && json !== null && 'message' in json) return String(json.message)
  return errorText(err)
}

/**
 * Check 8: a tiny image made here (one text file, no pull, works offline) is tagged HOST:PORT/registry-wizard/
 * selftest:<time>, pushed, removed locally, pulled back, digests compared, then deleted from the registry when delete
 * is enabled. On loopback it says plainly that dockerd skips certificate checks there.
 */
export async function checkRoundTrip(ctx: VerifyContext, signal: AbortSignal): Promise<Outcome> {
  if (ctx.input.push !== true) return skipped(msg('rt.not-requested'))
  const docker = ctx.deps.docker
  if (docker === undefined) return skipped(msg('rt.no-engine'))
  const tag = ctx.now.toISOString().replace(/[^0-9]/g, '').slice(0, 17)
  const repo = `${ctx.address.hostPort}/${SELFTEST_REPO}`
  const ref = `${repo}:${tag}`
  const c = ctx.input.credentials
  const authconfig = c === undefined ? {} : { username: c.user, password: c.password, serveraddress: ctx.address.hostPort }
  const steps: Step[] = []
  try {
    const tar = await packFiles([{ name: 'registry-wizard-selftest.txt', content: `Registry Wizard self-test ${ctx.now.toISOString()} ${Math.random()}\n`, mode: 0o644 }])
    await follow(docker, await importTar(docker, Readable.from(tar), { repo, tag, abortSignal: signal }), signal)
    steps.push('made')
    let digest: string | undefined
    try {
      const pushed = await docker.getImage(repo).push({ tag, authconfig, abortSignal: signal } as Docker.ImagePushOptions)
      const events = await follow(docker, pushed, signal)
      digest = events.map((e) => e.aux?.Digest).find((d) => d !== undefined)
    } catch (err) {
      return failWith(msg('rt.push-failed', { ref, error: engineText(err) }), new Error(engineText(err)), { ref, steps })
    }
    steps.push('pushed')
    await docker.getImage(ref).remove({ force: true })
    steps.push('removed')
    try {
      const pulling = (await docker.pull(ref, { authconfig, abortSignal: signal }))
      await follow(docker, pulling, signal)
    } catch (err) {
      return failWith(msg('rt.pull-failed', { ref, error: engineText(err) }), new Error(engineText(err)), { ref, steps })
    }
    steps.push('pulled')
    const pulled = await docker.getImage(ref).inspect()
    const repoDigests = pulled.RepoDigests
    if (digest === undefined || !repoDigests.includes(`${repo}@${digest}`)) {
      return fail(msg('rt.digest-mismatch', { pulled: repoDigests.length > 0 ? repoDigests : msg('rt.no-digest'), pushed: digest ?? msg('rt.no-digest') }), 'DIGEST_MISMATCH', { ref, digest, repoDigests, steps })
    }
    steps.push('compared')
    let deleted = false
    let deleteNote: VerifyMessage
    try {
      const del = await registryRequest(ctx, `/v2/${SELFTEST_REPO}/manifests/${digest}`, { method: 'DELETE', auth: ctx.authOn || c !== undefined, signal })
      deleted = del.status === 202
      deleteNote = deleted ? msg('rt.deleted') : del.status === 405 ? msg('rt.delete-off') : msg('rt.delete-status', { status: del.status })
    } catch (err) {
      deleteNote = msg('rt.delete-failed', { error: errorText(err) })
    }
    const details = { ref, digest, deleted, steps }
    const loopback = isLoopback(ctx.host) || (ctx.resolved.length > 0 && ctx.resolved.every(isLoopback))
    if (loopback) {
      return warn(msg('rt.loopback', { digest, note: deleteNote, host: ctx.host }), 'LOOPBACK_INSECURE', details)
    }
    return pass(msg('rt.ok', { digest, note: deleteNote }), details)
  } catch (err) {
    return failWith(msg('rt.stopped', { steps: steps.map((s) => STEP_MESSAGES[s]), error: engineText(err) }), new Error(engineText(err)), { ref, steps })
  } finally {
    await docker.getImage(ref).remove({ force: true }).catch(() => undefined)
  }
}
