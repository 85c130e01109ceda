import { Readable } from 'node:stream'
import type Docker from 'dockerode'
import { packFiles } from '../../docker/tar-files'
import type { VerifyContext } from '../context'
import { errorText, fail, failWith, pass, skipped, warn, type Outcome } from '../outcome'
import { registryRequest } from '../registry-http'

export const SELFTEST_REPO = 'registry-wizard/selftest'

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
  if (ctx.input.push !== true) return skipped('not requested (--push runs the push/pull round trip)')
  const docker = ctx.deps.docker
  if (docker === undefined) return skipped('no Docker engine given for the round trip')
  const tag = ctx.now.toISOString().replace(/[^0-9]/g, '').slice(0, 17)
  const repo = `${ctx.address.hostPort}/${SELFTEST_REPO}`
  const ref = `${repo}:${tag}`
  const c = ctx.input.credentials
  const authconfig = c === undefined ? {} : { username: c.user, password: c.password, serveraddress: ctx.address.hostPort }
  const steps: string[] = []
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
      return failWith(`docker push ${ref} failed: ${engineText(err)}`, new Error(engineText(err)), { ref, steps })
    }
    steps.push('pushed')
    await docker.getImage(ref).remove({ force: true })
    steps.push('removed')
    try {
      const pulling = (await docker.pull(ref, { authconfig, abortSignal: signal }))
      await follow(docker, pulling, signal)
    } catch (err) {
      return failWith(`docker pull ${ref} failed: ${engineText(err)}`, new Error(engineText(err)), { ref, steps })
    }
    steps.push('pulled')
    const pulled = await docker.getImage(ref).inspect()
    const repoDigests = pulled.RepoDigests
    if (digest === undefined || !repoDigests.includes(`${repo}@${digest}`)) {
      return fail(`the pulled image has ${repoDigests.join(', ') || 'no digest'}, the push reported ${digest ?? 'no digest'}`, 'DIGEST_MISMATCH', { ref, digest, repoDigests, steps })
    }
    steps.push('compared')
    let deleted = false
    let deleteNote = ''
    try {
      const del = await registryRequest(ctx, `/v2/${SELFTEST_REPO}/manifests/${digest}`, { method: 'DELETE', auth: ctx.authOn || c !== undefined, signal })
      deleted = del.status === 202
      deleteNote = deleted ? ', deleted from the registry' : del.status === 405 ? ' (delete is off in the registry: the test tag stays)' : ` (delete answered HTTP ${del.status})`
    } catch (err) {
      deleteNote = ` (delete failed: ${errorText(err)})`
    }
    const details = { ref, digest, deleted, steps }
    const loopback = isLoopback(ctx.host) || (ctx.resolved.length > 0 && ctx.resolved.every(isLoopback))
    if (loopback) {
      return warn(`push, pull and digest ${digest} matched${deleteNote}, but ${ctx.host} is loopback: dockerd treats it as an insecure registry, so this run does not prove client trust`, 'LOOPBACK_INSECURE', details)
    }
    return pass(`pushed, pulled back, digest ${digest} matches${deleteNote}`, details)
  } catch (err) {
    return failWith(`round trip stopped after [${steps.join(', ')}]: ${engineText(err)}`, new Error(engineText(err)), { ref, steps })
  } finally {
    await docker.getImage(ref).remove({ force: true }).catch(() => undefined)
  }
}
