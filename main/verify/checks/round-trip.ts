import { Readable } from 'node:stream'
import type Docker from 'dockerode'
import { packFiles } from '../../docker/tar-files'
import type { VerifyContext } from '../context'
import { msg, type VerifyMessage } from '../i18n/message'
import { errorText, fail, failWith, pass, skipped, warn, type Outcome } from '../outcome'
import { dockerSkipsTls } from '../loopback'
import { registryRequest } from '../registry-http'

export const SELFTEST_REPO = 'registry-wizard/selftest'
/** One fixed tag: every run overwrites it (and deletes it when the registry allows), so runs never pile up tags. */
export const SELFTEST_TAG = 'verify'
/** What a registry may store under a tag: asked for all of them, it answers with the stored manifest's digest. */
const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ')

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
        if (e.error !== undefined || e.errorDetail?.message !== undefined)
          failed = e.errorDetail?.message ?? e.error
      },
    )
  })
}

/** docker import of an in-memory tar (the typings only know the callback form). */
function importTar(
  docker: Docker,
  tar: NodeJS.ReadableStream,
  opts: Record<string, unknown>,
): Promise<NodeJS.ReadableStream> {
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
 * Removes the self-test tag from the registry: HEAD the tag (Accept: every manifest type) for the stored manifest's
 * Docker-Content-Digest, then DELETE /v2/<repo>/manifests/<digest> (the registry drops the tags pointing to it).
 * Needs REGISTRY_STORAGE_DELETE_ENABLED=true; otherwise the registry answers 405 and the tag stays.
 */
async function deleteSelftest(
  ctx: VerifyContext,
  pushed: string,
  tagRef: string,
  auth: boolean,
  signal: AbortSignal,
): Promise<{ deleted: boolean; note: VerifyMessage; deletedDigest?: string }> {
  let digest = pushed
  try {
    const head = await registryRequest(ctx, `/v2/${SELFTEST_REPO}/manifests/${SELFTEST_TAG}`, {
      method: 'HEAD',
      accept: MANIFEST_TYPES,
      auth,
      signal,
    })
    const found = head.headers['docker-content-digest']
    if (head.status === 200 && typeof found === 'string' && /^sha256:[0-9a-f]{64}$/.test(found))
      digest = found
  } catch {
    // The push's digest is the manifest's digest too: try with it.
  }
  try {
    const del = await registryRequest(ctx, `/v2/${SELFTEST_REPO}/manifests/${digest}`, {
      method: 'DELETE',
      auth,
      signal,
    })
    if (del.status === 202)
      return { deleted: true, note: msg('rt.deleted', { tag: tagRef }), deletedDigest: digest }
    if (del.status === 405) return { deleted: false, note: msg('rt.delete-off', { tag: tagRef }) }
    return { deleted: false, note: msg('rt.delete-status', { status: del.status, tag: tagRef }) }
  } catch (err) {
    return { deleted: false, note: msg('rt.delete-failed', { error: errorText(err), tag: tagRef }) }
  }
}

/**
 * Check 8: a tiny image made here (one text file, no pull, works offline) is tagged HOST:PORT/registry-wizard/
 * selftest:verify (the same tag every run), pushed, removed locally, pulled back, digests compared, then deleted from
 * the registry when delete is enabled (else the note says the tag stays, and which). On a loopback address it says
 * plainly that dockerd skips certificate checks there.
 */
export async function checkRoundTrip(ctx: VerifyContext, signal: AbortSignal): Promise<Outcome> {
  if (ctx.input.push !== true) return skipped(msg('rt.not-requested'))
  const docker = ctx.deps.docker
  if (docker === undefined) return skipped(msg('rt.no-engine'))
  const tag = SELFTEST_TAG
  const repo = `${ctx.address.hostPort}/${SELFTEST_REPO}`
  const ref = `${repo}:${tag}`
  const c = ctx.input.credentials
  const authconfig =
    c === undefined ? {} : { username: c.user, password: c.password, serveraddress: ctx.address.hostPort }
  const steps: Step[] = []
  try {
    const tar = await packFiles([
      {
        name: 'registry-wizard-selftest.txt',
        content: `Registry Wizard self-test ${ctx.now.toISOString()} ${Math.random()}\n`,
        mode: 0o644,
      },
    ])
    await follow(
      docker,
      await importTar(docker, Readable.from(tar), { repo, tag, abortSignal: signal }),
      signal,
    )
    steps.push('made')
    let digest: string | undefined
    try {
      const pushed = await docker
        .getImage(repo)
        .push({ tag, authconfig, abortSignal: signal } as Docker.ImagePushOptions)
      const events = await follow(docker, pushed, signal)
      digest = events.map((e) => e.aux?.Digest).find((d) => d !== undefined)
    } catch (err) {
      return failWith(msg('rt.push-failed', { ref, error: engineText(err) }), new Error(engineText(err)), {
        ref,
        steps,
      })
    }
    steps.push('pushed')
    await docker.getImage(ref).remove({ force: true })
    steps.push('removed')
    try {
      const pulling = await docker.pull(ref, { authconfig, abortSignal: signal })
      await follow(docker, pulling, signal)
    } catch (err) {
      return failWith(msg('rt.pull-failed', { ref, error: engineText(err) }), new Error(engineText(err)), {
        ref,
        steps,
      })
    }
    steps.push('pulled')
    const pulled = await docker.getImage(ref).inspect()
    const repoDigests = pulled.RepoDigests
    if (digest === undefined || !repoDigests.includes(`${repo}@${digest}`)) {
      return fail(
        msg('rt.digest-mismatch', {
          pulled: repoDigests.length > 0 ? repoDigests : msg('rt.no-digest'),
          pushed: digest ?? msg('rt.no-digest'),
        }),
        'DIGEST_MISMATCH',
        { ref, digest, repoDigests, steps },
      )
    }
    steps.push('compared')
    const removal = await deleteSelftest(
      ctx,
      digest,
      `${SELFTEST_REPO}:${SELFTEST_TAG}`,
      ctx.authOn || c !== undefined,
      signal,
    )
    const deleteNote = removal.note
    const details = {
      ref,
      digest,
      deleted: removal.deleted,
      ...(removal.deletedDigest === undefined ? {} : { deletedDigest: removal.deletedDigest }),
      steps,
    }
    const loopback = dockerSkipsTls(ctx)
    if (loopback) {
      return warn(
        msg('rt.loopback', { digest, note: deleteNote, host: ctx.host }),
        'LOOPBACK_INSECURE',
        details,
      )
    }
    return pass(msg('rt.ok', { digest, note: deleteNote }), details)
  } catch (err) {
    return failWith(
      msg('rt.stopped', { steps: steps.map((s) => STEP_MESSAGES[s]), error: engineText(err) }),
      new Error(engineText(err)),
      { ref, steps },
    )
  } finally {
    await docker
      .getImage(ref)
      .remove({ force: true })
      .catch(() => undefined)
  }
}
