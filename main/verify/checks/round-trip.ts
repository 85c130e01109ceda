import { Readable } from 'node:stream'
import type Docker from 'dockerode'
import { engineBodyMessage, rawError } from '../../docker/docker-errors'
import { packFiles } from '../../docker/tar-files'
import type { VerifyContext } from '../context'
import type { Message, Param } from '../../messages/index'
import { msg } from '../message'
import {
  errorParam,
  errorText,
  fail,
  failWith,
  ownError,
  pass,
  skipped,
  warn,
  type Outcome,
} from '../outcome'
import { dockerSkipsTls } from '../loopback'
import { registryRequest } from '../registry-http'
import { pushRefused } from './mirror-pull'
import { apiRoundTrip, prepareApiRoundTrip } from './api-round-trip'

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
const STEP_MESSAGES: Record<Step, Message> = {
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
      reject(ownError(msg('rt.timed-out'), 'timed out', 'ETIMEDOUT'))
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
      else if (out === undefined) reject(ownError(msg('rt.no-stream'), 'docker import returned no stream'))
      else resolve(out)
    })
  })
}

/** The engine's words for a failed API call (docker/docker-errors reads dockerode's body), else the error's text. */
function engineText(err: unknown): string {
  return engineBodyMessage(rawError(err).json) ?? errorText(err)
}

/** A failure as a reason's parameter: our own words (a timeout) as a message, the engine's as they are. */
function failureParam(err: unknown): Param {
  const own = errorParam(err)
  return typeof own === 'string' ? engineText(err) : own
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
): Promise<{ deleted: boolean; note: Message; deletedDigest?: string }> {
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

/** One round trip's facts: the engine, the self-test reference, the login, the steps done so far. */
interface Trip {
  docker: Docker
  repo: string
  ref: string
  authconfig: Record<string, string>
  steps: Step[]
  signal: AbortSignal
}

/** A tiny image made here (one text file: no pull, works offline), tagged with the self-test reference. */
async function makeImage(ctx: VerifyContext, trip: Trip): Promise<void> {
  const tar = await packFiles([
    {
      name: 'registry-wizard-selftest.txt',
      content: `Registry Wizard self-test ${ctx.now.toISOString()} ${Math.random()}\n`,
      mode: 0o644,
    },
  ])
  const opts = { repo: trip.repo, tag: SELFTEST_TAG, abortSignal: trip.signal }
  await follow(trip.docker, await importTar(trip.docker, Readable.from(tar), opts), trip.signal)
  trip.steps.push('made')
}

/** Pushes the image; the digest the push reported, or the failed outcome. */
async function pushImage(trip: Trip): Promise<string | undefined | Outcome> {
  const { docker, ref, steps } = trip
  try {
    const opts = { tag: SELFTEST_TAG, authconfig: trip.authconfig, abortSignal: trip.signal }
    const events = await follow(
      docker,
      await docker.getImage(trip.repo).push(opts as Docker.ImagePushOptions),
      trip.signal,
    )
    steps.push('pushed')
    return events.map((e) => e.aux?.Digest).find((d) => d !== undefined)
  } catch (err) {
    const error = engineText(err)
    return failWith(msg('rt.push-failed', { ref, error }), new Error(error), { ref, steps })
  }
}

/** Removes the local image and pulls it back; the failed outcome, or undefined when the pull worked. */
async function pullBack(trip: Trip): Promise<Outcome | undefined> {
  const { docker, ref, steps } = trip
  await docker.getImage(ref).remove({ force: true })
  steps.push('removed')
  try {
    await follow(
      docker,
      await docker.pull(ref, { authconfig: trip.authconfig, abortSignal: trip.signal }),
      trip.signal,
    )
  } catch (err) {
    const error = engineText(err)
    return failWith(msg('rt.pull-failed', { ref, error }), new Error(error), { ref, steps })
  }
  steps.push('pulled')
  return undefined
}

/** The pushed digest is among the pulled image's RepoDigests; else the failed outcome. */
async function compareDigests(trip: Trip, digest: string | undefined): Promise<Outcome | undefined> {
  const { ref, repo, steps } = trip
  const repoDigests = (await trip.docker.getImage(ref).inspect()).RepoDigests
  if (digest !== undefined && repoDigests.includes(`${repo}@${digest}`)) {
    steps.push('compared')
    return undefined
  }
  const reason = msg('rt.digest-mismatch', {
    pulled: repoDigests.length > 0 ? repoDigests : msg('rt.no-digest'),
    pushed: digest ?? msg('rt.no-digest'),
  })
  return fail(reason, 'DIGEST_MISMATCH', { ref, digest, repoDigests, steps })
}

/** After a matching round trip: the self-test tag deleted when the registry allows; loopback said plainly. */
async function finish(ctx: VerifyContext, trip: Trip, digest: string): Promise<Outcome> {
  const auth = ctx.authOn || ctx.input.credentials !== undefined
  const removal = await deleteSelftest(ctx, digest, `${SELFTEST_REPO}:${SELFTEST_TAG}`, auth, trip.signal)
  const details = {
    ref: trip.ref,
    digest,
    deleted: removal.deleted,
    ...(removal.deletedDigest === undefined ? {} : { deletedDigest: removal.deletedDigest }),
    steps: trip.steps,
  }
  if (dockerSkipsTls(ctx))
    return warn(
      msg('rt.loopback', { digest, note: removal.note, host: ctx.host }),
      'LOOPBACK_INSECURE',
      details,
    )
  return pass(msg('rt.ok', { digest, note: removal.note }), details)
}

/**
 * Push, pull back, compare, clean up: the first step that fails gives the outcome. A registry that refuses uploads
 * outright (a pull-through mirror: 405 UNSUPPORTED) is said so at once, before dockerd retries a push for minutes.
 */
async function roundTrip(ctx: VerifyContext, trip: Trip): Promise<Outcome> {
  const refused = await pushRefused(ctx, SELFTEST_REPO, trip.signal)
  if (refused !== undefined) return { ...refused, details: { ...refused.details, ref: trip.ref, steps: [] } }
  await makeImage(ctx, trip)
  const digest = await pushImage(trip)
  if (typeof digest === 'object') return digest
  const pulled = await pullBack(trip)
  if (pulled !== undefined) return pulled
  const compared = await compareDigests(trip, digest)
  if (compared !== undefined || digest === undefined) return compared ?? fail(msg('rt.no-digest'))
  return finish(ctx, trip, digest)
}

/** What check 8 can do before the registry answers: make the self-test image of the round trip through our client. */
export function prepareRoundTrip(ctx: VerifyContext): void {
  if (ctx.input.push === true && ctx.deps.roundTripVia === 'registry-api') void prepareApiRoundTrip(ctx)
}

/**
 * Check 8: a tiny image made here (one text file, no pull, works offline) is tagged HOST:PORT/registry-wizard/
 * selftest:verify (the same tag every run), pushed, removed locally, pulled back, digests compared, then deleted from
 * the registry when delete is enabled (else the note says the tag stays, and which). On a loopback address it says
 * plainly that dockerd skips certificate checks there.
 */
export async function checkRoundTrip(ctx: VerifyContext, signal: AbortSignal): Promise<Outcome> {
  if (ctx.input.push !== true) return skipped(msg('rt.not-requested'))
  if (ctx.deps.roundTripVia === 'registry-api') return apiRoundTrip(ctx, signal)
  const docker = ctx.deps.docker
  if (docker === undefined) return skipped(msg('rt.no-engine'))
  const repo = `${ctx.address.hostPort}/${SELFTEST_REPO}`
  const c = ctx.input.credentials
  const authconfig: Record<string, string> =
    c === undefined ? {} : { username: c.user, password: c.password, serveraddress: ctx.address.hostPort }
  const trip: Trip = { docker, repo, ref: `${repo}:${SELFTEST_TAG}`, authconfig, steps: [], signal }
  try {
    return await roundTrip(ctx, trip)
  } catch (err) {
    const reason = msg('rt.stopped', {
      steps: trip.steps.map((s) => STEP_MESSAGES[s]),
      error: failureParam(err),
    })
    return failWith(reason, new Error(engineText(err)), { ref: trip.ref, steps: trip.steps })
  } finally {
    await docker
      .getImage(trip.ref)
      .remove({ force: true })
      .catch(() => undefined)
  }
}
