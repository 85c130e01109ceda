import { AppError } from '../errors'
import { checkCertMaterial, CERT_FILE, KEY_FILE, type CertMaterial } from './cert-material'
import { lastLogLines } from './container-logs'
import { registryContainerOptions, type CertStore, type StorageSpec } from './container-spec'
import { cancelled, engineCallFailed, engineMessage, throwIfAborted } from './docker-errors'
import type { Engine } from './engine-check'
import { assertSecretsSafe } from './engine-security'
import { dropFiles } from './file-drop'
import { healthFailed, targetLabel, waitHealthy, type HealthResult, type HealthTarget } from './health'
import { makeHtpasswd, type Credential } from './htpasswd'
import { ensureImage } from './image'
import {
  DATA_DIR,
  DEFAULT_IMAGE,
  DEFAULT_PORT,
  LABEL_AUTH,
  LABEL_CERT_SOURCE,
  LABEL_CERT_STORE,
  LABEL_MANAGED,
} from './labels'
import { checkPortFree, findContainer, nameInUse, portInUse } from './preflight'
import type { JobOptions } from './progress'
import { checkStorageWritable, WRITE_CHECK_REPO } from './storage-check'

export type CertStoreChoice = 'auto' | 'bind' | 'volume' | { hostPath: string }

export interface StartRegistryInput {
  name: string
  image?: string | undefined
  port?: number | undefined
  certs: CertMaterial
  /** Default: a named volume NAME-data. */
  storage?: StorageSpec | undefined
  /** auto: bind-mount the cert dir on a local engine, copy into volume NAME-certs otherwise. */
  certStore?: CertStoreChoice | undefined
  imageTar?: string | undefined
  pull?: boolean | undefined
  users?: Credential[] | undefined
  deleteEnabled?: boolean | undefined
  /** What to do when a container with the name exists. Default 'fail'. */
  ifExists?: 'fail' | 'replace' | 'reuse' | undefined
  /**
   * The address clients use (CLI --registry-host, the plan's first address); the certificate must cover it. The
   * health check connects to the engine's host and checks the served certificate against this address. Default: an
   * address the certificate names (see identityHost).
   */
  registryHost?: string | undefined
  healthTimeoutMs?: number | undefined
}

export interface StartRegistryResult {
  id: string
  name: string
  image: string
  imageSource: 'present' | 'loaded' | 'pulled'
  port: number
  url: string
  certStore: CertStore
  storage: StorageSpec
  auth: boolean
  reused: boolean
  health: HealthResult
  /** Things the user should know that did not stop the start (e.g. an --image-tar that was not needed). */
  notices: string[]
}

/**
 * What the health and storage checks talk to: they connect to the engine's host (127.0.0.1 for a local engine,
 * where the published port is) and check the served certificate against `identity` (the address clients use).
 */
export function healthTarget(engine: Engine, identity: string, port: number, caPem: string): HealthTarget {
  return { host: identity, connectHost: engine.resolved.hostname, port, caPem }
}

function pickCertStore(engine: Engine, input: StartRegistryInput): CertStore {
  const choice = input.certStore ?? 'auto'
  if (typeof choice === 'object') return { kind: 'hostPath', path: choice.hostPath }
  const dir = input.certs.dir
  if (choice === 'bind' || (choice === 'auto' && engine.resolved.local && dir !== undefined)) {
    if (dir === undefined)
      throw new AppError({
        code: 'INVALID_INPUT',
        kind: 'input',
        field: 'cert-store',
        message: 'cert-store: "bind" needs a certificate directory',
      })
    if (!engine.resolved.local) {
      throw new AppError({
        code: 'INVALID_INPUT',
        kind: 'input',
        field: 'cert-store',
        message: `cert-store: "bind" is not valid for the remote engine ${engine.resolved.display}; allowed there: volume or a host path`,
        hint: 'A bind mount would name a path on the remote host, not this machine.',
      })
    }
    return { kind: 'bind', dir }
  }
  return { kind: 'volume', name: `${input.name}-certs` }
}

/** Removes a volume; false when it could not be removed (still in use, already gone). */
function removeVolume(engine: Engine, name: string): Promise<boolean> {
  return engine.docker
    .getVolume(name)
    .remove()
    .then(
      () => true,
      () => false,
    )
}

/** Liveness for the health poll: a reason when the container stopped or keeps restarting. */
export function containerAlive(engine: Engine, name: string): () => Promise<string | undefined> {
  return async () => {
    try {
      const info = await engine.docker.getContainer(name).inspect()
      const s = info.State
      if (s.Running && !s.Restarting) return undefined
      return `the container ${s.Restarting ? 'keeps restarting' : `is ${s.Status}`} (exit code ${s.ExitCode})`
    } catch (err) {
      return `the container is gone (${engineMessage(err)})`
    }
  }
}

/** Health poll that adds the container's last log lines to any failure. */
export async function healthWithLogs(
  engine: Engine,
  name: string,
  target: HealthTarget,
  opts: { timeoutMs?: number | undefined; signal?: AbortSignal | undefined },
): Promise<HealthResult> {
  try {
    return await waitHealthy(target, {
      alive: containerAlive(engine, name),
      ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
      ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    })
  } catch (err) {
    if (!(err instanceof AppError) || err.code === 'CANCELLED') throw err
    const lines = await lastLogLines(engine, name, 10)
    throw new AppError({
      code: err.code,
      message: `${err.message}\ncontainer log (last lines):\n${lines.length === 0 ? '(empty)' : lines.map((l) => `  ${l}`).join('\n')}`,
      hint: err.hint,
    })
  }
}

/** The storage an existing container really mounts at /var/lib/registry (for a reused one), else `fallback`. */
async function storageOf(engine: Engine, id: string, fallback: StorageSpec): Promise<StorageSpec> {
  const info = await engine.docker
    .getContainer(id)
    .inspect()
    .catch(() => undefined)
  const m = info?.Mounts.find((x) => x.Destination === DATA_DIR)
  if (m === undefined) return fallback
  return m.Type === 'volume' ? { kind: 'volume', name: m.Name ?? '' } : { kind: 'hostPath', path: m.Source }
}

function storageLabel(storage: StorageSpec): string {
  return storage.kind === 'volume'
    ? `volume ${storage.name}`
    : `host path ${storage.path} on the engine's host`
}

/**
 * After a healthy /v2/: a test upload proves the registry can write its storage (a read-only or not-permitted data
 * path passes /v2/ and fails only at the first push). On failure: a plain error with the container's last log lines.
 */
export async function ensureStorageWritable(
  engine: Engine,
  name: string,
  target: HealthTarget,
  storage: StorageSpec,
  users: Credential[] | undefined,
): Promise<void> {
  const r = await checkStorageWritable(target, users?.[0])
  if (r.status !== 'failed') return
  // The registry logs the failed request just after answering it: wait briefly for that line.
  let lines: string[] = []
  for (let i = 0; i < 20; i++) {
    lines = await lastLogLines(engine, name, 5)
    if (lines.some((l) => l.includes('level=error') && l.includes(WRITE_CHECK_REPO))) break
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new AppError({
    code: 'STORAGE_NOT_WRITABLE',
    message:
      `The registry at ${targetLabel(target)} cannot write its storage (${storageLabel(storage)}): ` +
      `a test upload got HTTP ${r.httpStatus} (${r.detail})\ncontainer log (last lines):\n${lines.length === 0 ? '(empty)' : lines.map((l) => `  ${l}`).join('\n')}`,
    hint:
      storage.kind === 'hostPath'
        ? `Give the registry a writable directory: ${storage.path} must be on a writable file system (not a read-only mount) and writable by root in the container (with SELinux, label it: chcon -Rt container_file_t ${storage.path}). Then run start again with --replace.`
        : "Check the engine's disk (docker system df) and the volume, then run start again with --replace.",
  })
}

/** Adds what the cleanup did to a failure's message (kept code, hint and kind). */
function withCleanup(err: unknown, done: string | undefined): unknown {
  if (done === undefined || !(err instanceof AppError)) return err
  return new AppError({
    code: err.code,
    kind: err.kind,
    field: err.field,
    message: `${err.message}\n${done}`,
    hint: err.hint,
    cause: err,
  })
}

/**
 * After a failed health or storage check: nothing broken is left running (restart=always would keep it looping).
 * A container this start created is removed with the certificate/auth volumes it filled; a reused one is stopped.
 * Returns the sentence saying what was done (also sent as a 'cleanup' progress event).
 */
async function cleanUpFailedStart(
  engine: Engine,
  name: string,
  how: { created: true; volumes: string[] } | { created: false },
  step: (s: string, message: string) => void,
): Promise<string> {
  const c = engine.docker.getContainer(name)
  let done: string
  if (how.created) {
    try {
      await c.remove({ force: true, v: true })
      const removed: string[] = []
      for (const v of how.volumes) {
        if (await removeVolume(engine, v)) removed.push(v)
      }
      done = `removed the container ${name}${removed.length > 0 ? ` and the volumes ${removed.join(', ')}` : ''} that this start created, so nothing is left running (the data volume stays).`
    } catch (e) {
      done = `removing the container ${name} failed (${engineMessage(e)}); remove it with \`registry remove --name ${name}\`.`
    }
  } else {
    try {
      await c.stop({ t: 10 })
      done = `stopped the existing container ${name} (it was reused and is not healthy); it was not removed.`
    } catch (e) {
      done = /not running|304/i.test(engineMessage(e))
        ? `the existing container ${name} is already stopped; it was not removed.`
        : `stopping the container ${name} failed (${engineMessage(e)}); stop it with \`registry stop --name ${name}\`.`
    }
  }
  step('cleanup', done)
  return `cleanup: ${done}`
}

/**
 * Starts the registry: preflight (certs, name, port, image), image present/load/pull, certs to the engine,
 * create + start, then health against our CA. Same function for the CLI, IPC jobs and tests. A start whose health
 * or storage check fails leaves nothing running (see cleanUpFailedStart).
 */
export async function startRegistry(
  engine: Engine,
  input: StartRegistryInput,
  job: JobOptions = {},
): Promise<StartRegistryResult> {
  const { signal, onProgress } = job
  const image = input.image ?? DEFAULT_IMAGE
  const port = input.port ?? DEFAULT_PORT
  const step = (s: string, message: string): void => onProgress?.({ step: s, message })
  const auth = input.users !== undefined && input.users.length > 0
  const notices: string[] = []

  step('preflight', 'checking the engine connection, the certificate, name, port and image')
  assertSecretsSafe(
    engine.resolved,
    auth
      ? "the registry's private key (domain.key) and the htpasswd file"
      : "the registry's private key (domain.key)",
  )
  const identity = checkCertMaterial(input.certs, {
    host: input.registryHost,
    engineHost: engine.resolved.hostname,
  }).identity
  const target = healthTarget(engine, identity, port, input.certs.caPem)
  const url = `https://${identity}:${port}`
  const existing = await findContainer(engine, input.name)
  const storage: StorageSpec = input.storage ?? { kind: 'volume', name: `${input.name}-data` }
  if (existing !== undefined) {
    if (input.ifExists === 'reuse') {
      if (existing.state !== 'running')
        await engine.docker
          .getContainer(existing.id)
          .start()
          .catch((e: unknown) => {
            throw engineCallFailed(`Starting ${input.name}`, e)
          })
      let health: HealthResult
      let used: StorageSpec
      try {
        health = await healthWithLogs(engine, input.name, target, {
          timeoutMs: input.healthTimeoutMs,
          signal,
        })
        used = await storageOf(engine, existing.id, storage)
        await ensureStorageWritable(engine, input.name, target, used, input.users)
      } catch (err) {
        if (err instanceof AppError && err.code === 'CANCELLED') throw err
        throw withCleanup(err, await cleanUpFailedStart(engine, input.name, { created: false }, step))
      }
      const certStore = pickCertStore(engine, input)
      return {
        id: existing.id,
        name: input.name,
        image: existing.image,
        imageSource: 'present',
        port,
        url,
        certStore,
        storage: used,
        auth,
        reused: true,
        health,
        notices,
      }
    }
    if (input.ifExists !== 'replace') throw nameInUse(existing)
  }
  await checkPortFree(engine, port, existing === undefined ? undefined : input.name)
  throwIfAborted(signal, 'starting the registry')

  step('image', `making sure ${image} is on the engine`)
  const imageSource = await ensureImage(engine, image, {
    signal,
    onProgress,
    imageTar: input.imageTar,
    pull: input.pull,
  })
  if (imageSource === 'present' && input.imageTar !== undefined) {
    const notice = `${image} is already on the engine, so ${input.imageTar} was not used (to load it from the tar, remove the image first: docker rmi ${image})`
    notices.push(notice)
    step('image', notice)
  }
  throwIfAborted(signal, 'starting the registry')

  const certStore = pickCertStore(engine, input)
  if (existing !== undefined) {
    step('replace', `removing the old container ${input.name}`)
    const old = await engine.docker
      .getContainer(existing.id)
      .inspect()
      .catch(() => undefined)
    await engine.docker
      .getContainer(existing.id)
      .remove({ force: true, v: true })
      .catch((e: unknown) => {
        throw engineCallFailed(`Removing ${input.name}`, e)
      })
    // Volumes of ours the old container used and the new one will not (it would leave them orphaned, keys inside).
    const labels = old?.Config.Labels ?? {}
    const stale: string[] = []
    if (labels[LABEL_MANAGED] === 'true') {
      const oldCerts = labels[LABEL_CERT_STORE] === 'volume' ? labels[LABEL_CERT_SOURCE] : undefined
      if (oldCerts && !(certStore.kind === 'volume' && certStore.name === oldCerts)) stale.push(oldCerts)
      const oldAuth = labels[LABEL_AUTH]
      if (oldAuth && !auth) stale.push(oldAuth)
    }
    for (const v of stale) {
      if (await removeVolume(engine, v))
        step('replace', `removed the volume ${v} the old container used and the new one does not`)
    }
  }

  const filled: string[] = []
  if (certStore.kind !== 'bind') {
    step('certs', `copying ${CERT_FILE} and ${KEY_FILE} to the engine`)
    await dropFiles(
      engine,
      image,
      certStore.kind === 'volume'
        ? { kind: 'volume', name: certStore.name }
        : { kind: 'hostPath', path: certStore.path },
      [
        { name: CERT_FILE, content: input.certs.certPem, mode: 0o644 },
        { name: KEY_FILE, content: input.certs.keyPem, mode: 0o600 },
      ],
    )
    if (certStore.kind === 'volume') filled.push(certStore.name)
  }
  let authVolume: string | undefined
  if (auth) {
    step('auth', 'writing the htpasswd file (bcrypt)')
    authVolume = `${input.name}-auth`
    await dropFiles(engine, image, { kind: 'volume', name: authVolume }, [
      { name: 'htpasswd', content: await makeHtpasswd(input.users ?? []), mode: 0o644 },
    ])
    filled.push(authVolume)
  }
  throwIfAborted(signal, 'starting the registry')

  step('create', `creating container ${input.name}`)
  const opts = registryContainerOptions({
    name: input.name,
    image,
    port,
    storage,
    certStore,
    authVolume,
    deleteEnabled: input.deleteEnabled,
  })
  let container
  try {
    container = await engine.docker.createContainer(opts)
  } catch (err) {
    if (/already in use/i.test(engineMessage(err))) {
      const now = await findContainer(engine, input.name)
      if (now) throw nameInUse(now)
    }
    throw engineCallFailed(`Creating container ${input.name}`, err)
  }
  step('start', `starting ${input.name}`)
  try {
    await container.start()
  } catch (err) {
    await container.remove({ force: true, v: true }).catch(() => undefined)
    const msg = engineMessage(err)
    if (/port is already allocated|address already in use/i.test(msg)) throw portInUse(port, msg)
    throw engineCallFailed(`Starting ${input.name}`, err)
  }
  if (signal?.aborted) {
    await container.remove({ force: true, v: true }).catch(() => undefined)
    throw cancelled('starting the registry')
  }
  step('health', `waiting for ${targetLabel(target)}`)
  let health: HealthResult
  try {
    health = await healthWithLogs(engine, input.name, target, { timeoutMs: input.healthTimeoutMs, signal })
    step('storage', 'checking that the registry can write its storage')
    await ensureStorageWritable(engine, input.name, target, storage, input.users)
  } catch (err) {
    if (err instanceof AppError && err.code === 'CANCELLED') {
      await container.remove({ force: true, v: true }).catch(() => undefined)
      throw err
    }
    throw withCleanup(
      err,
      await cleanUpFailedStart(engine, input.name, { created: true, volumes: filled }, step),
    )
  }
  return {
    id: container.id,
    name: input.name,
    image,
    imageSource,
    port,
    url,
    certStore,
    storage,
    auth: authVolume !== undefined,
    reused: false,
    health,
    notices,
  }
}

export { healthFailed }
