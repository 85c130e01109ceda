import {
  deleteManifest,
  getBlob,
  getManifest,
  pushBlob,
  putManifest,
  registryClient,
  sha256Digest,
  type Manifest,
  type RegistryClient,
} from '../../registry-api'
import { packFiles } from '../../docker/tar-files'
import { allInOrder, quietly } from '../../jobs/settle'
import { connectHost, type VerifyContext } from '../context'
import { msg } from '../message'
import { errorParam, errorText, fail, failWith, pass, type Outcome } from '../outcome'
import type { Message } from '../../messages/index'

/**
 * The round trip without a Docker engine (VerifyDeps.roundTripVia 'registry-api'): the project's own OCI client
 * (main/registry-api) pushes a tiny image made here (a one-file tar layer and its config), puts its manifest under
 * the self-test tag, then pulls it back BY DIGEST (manifest and both blobs, each checked against its digest). Its
 * HTTPS trusts ONLY the CA given to verify (no system roots), so unlike dockerd on a loopback address (which treats
 * 127.0.0.0/8 as an insecure registry and checks no certificate at all) it proves TLS against our CA as well as push
 * and pull by digest. `setup` uses it when the engine is this machine's or the address is loopback (see
 * main/plan/steps/verify-step.ts); `registry-wizard verify --push` keeps the engine's round trip.
 */

const REPO = 'registry-wizard/selftest'
const TAG = 'verify'
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json'
const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar'

interface Blob {
  mediaType: string
  bytes: Buffer
  digest: string
}

const blob = (mediaType: string, bytes: Buffer): Blob => ({ mediaType, bytes, digest: sha256Digest(bytes) })
const descriptor = (b: Blob): Record<string, unknown> => ({
  mediaType: b.mediaType,
  digest: b.digest,
  size: b.bytes.length,
})

/** The self-test image: a layer with one text file (unique per run), its config, and the manifest naming both. */
export async function selftestImage(now: Date): Promise<{ layer: Blob; config: Blob; manifest: Blob }> {
  const text = Buffer.from(`Registry Wizard self-test ${now.toISOString()} ${Math.random()}\n`)
  const layer = blob(
    OCI_LAYER,
    await packFiles([{ name: 'registry-wizard-selftest.txt', content: text, mode: 0o644 }], now),
  )
  const config = {
    architecture: 'amd64',
    os: 'linux',
    created: now.toISOString(),
    rootfs: { type: 'layers', diff_ids: [layer.digest] },
    config: {},
  }
  const cfg = blob(OCI_CONFIG, Buffer.from(JSON.stringify(config)))
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: descriptor(cfg),
    layers: [descriptor(layer)],
  }
  return { layer, config: cfg, manifest: blob(OCI_MANIFEST, Buffer.from(JSON.stringify(manifest))) }
}

type SelftestImage = Awaited<ReturnType<typeof selftestImage>>

/** Each verify run's self-test image, made once: by prepareApiRoundTrip while the registry starts, else by the trip. */
const images = new WeakMap<VerifyContext, Promise<SelftestImage>>()

function imageOf(ctx: VerifyContext): Promise<SelftestImage> {
  let image = images.get(ctx)
  if (image === undefined) {
    image = selftestImage(ctx.now)
    images.set(ctx, image)
  }
  return image
}

/**
 * Begins making the self-test image (the tar layer, its config, the manifest; loading the tar packer is most of it),
 * so that it is ready when the registry is: run-verify calls it at the start of the overlap mode, while the registry
 * may still be starting. A failure is the trip's (it awaits the same promise); returns that promise.
 */
export function prepareApiRoundTrip(ctx: VerifyContext): Promise<SelftestImage> {
  return quietly(imageOf(ctx))
}

type Step = 'made' | 'pushed' | 'pulled' | 'compared'

/** The self-test manifest deleted by digest when the registry allows (405: delete is off, the tag stays). */
async function removeSelftest(c: RegistryClient, digest: string, signal: AbortSignal): Promise<Message> {
  const tag = `${REPO}:${TAG}`
  try {
    return (await deleteManifest(c, REPO, digest, signal))
      ? msg('rt.deleted', { tag })
      : msg('rt.delete-status', { status: 404, tag })
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (code === 'REGISTRY_API_DELETE_DISABLED') return msg('rt.delete-off', { tag })
    return msg('rt.delete-failed', { error: errorText(err), tag })
  }
}

/** Push (blobs, then the manifest under the tag), pull back by digest, compare bytes; the first failure is the outcome. */
async function trip(
  ctx: VerifyContext,
  c: RegistryClient,
  steps: Step[],
  signal: AbortSignal,
): Promise<Outcome> {
  const ref = `${ctx.address.hostPort}/${REPO}:${TAG}`
  const image = await imageOf(ctx)
  steps.push('made')
  // The two blobs side by side (the agent keeps up to 8 connections), then the manifest naming them. No HEAD first:
  // the layer is new every run (its file names the time and a random number), so the registry cannot have it.
  await Promise.all(
    [image.layer, image.config].map((b) =>
      pushBlob(c, REPO, b.bytes, { digest: b.digest, signal, assumeAbsent: true }),
    ),
  )
  // Pulled back by digest on the two connections the push opened (a third would cost a TLS handshake, more than the
  // wait): the config while the manifest is put (its upload was answered 201), then the manifest and the layer.
  const configBack = quietly(getBlob(c, REPO, image.config.digest, signal))
  const pushed = await putManifest(c, REPO, TAG, image.manifest, signal)
  steps.push('pushed')
  // Each checked against its digest; the first failure in this order is the one reported.
  const [pulled, layer, config] = await allInOrder<[Manifest, Buffer, Buffer]>([
    getManifest(c, REPO, pushed, signal),
    getBlob(c, REPO, image.layer.digest, signal),
    configBack,
  ])
  steps.push('pulled')
  const same =
    pulled.digest === image.manifest.digest &&
    layer.equals(image.layer.bytes) &&
    config.equals(image.config.bytes)
  if (!same)
    return fail(
      msg('rt.digest-mismatch', { pulled: pulled.digest, pushed: image.manifest.digest }),
      'DIGEST_MISMATCH',
      { ref, digest: pushed, steps },
    )
  steps.push('compared')
  const note = await removeSelftest(c, pushed, signal)
  return pass(msg('rt.api-ok', { digest: pushed, note, host: ctx.address.hostPort }), {
    ref,
    digest: pushed,
    via: 'registry-api',
    steps,
  })
}

/** Check 8 through main/registry-api: TLS against only the given CA, push and pull by digest (see the top). */
export async function apiRoundTrip(ctx: VerifyContext, signal: AbortSignal): Promise<Outcome> {
  const creds = ctx.input.credentials
  const c = registryClient({
    host: ctx.host,
    port: ctx.port,
    caPem: ctx.input.caPem,
    connectHost: connectHost(ctx),
    user: creds?.user,
    password: creds?.password,
    // verify's own keep-alive agent (only the CA trusted): the api check's connection and TLS session are reused.
    agent: ctx.agent(),
  })
  const steps: Step[] = []
  try {
    return await trip(ctx, c, steps, signal)
  } catch (err) {
    const reason = msg('rt.stopped', { steps: steps.map((s) => msg(`rt.step.${s}`)), error: errorParam(err) })
    return failWith(reason, err instanceof Error ? err : new Error(errorText(err)), {
      steps,
      via: 'registry-api',
    })
  } finally {
    c.close()
  }
}
