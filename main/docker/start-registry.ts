import { AppError } from '../errors'
import { cancelled, isAbort, throwIfAborted } from '../jobs/abort'
import { quietly } from '../jobs/settle'
import { message, type Message, type Param } from '../messages/index'
import { httpsUrl } from '../net/address'
import { CERT_FILE, KEY_FILE, type CertMaterial } from './cert-material'
import { lastLogLines } from './container-logs'
import {
  registryContainerOptions,
  type CertStore,
  type RegistryConfigMount,
  type StorageSpec,
} from './container-spec'
import { engineCallFailed, engineMessage } from './docker-errors'
import type { Engine } from './engine-check'
import { dropFiles } from './file-drop'
import { healthFailed, targetLabel, waitHealthy, type HealthResult, type HealthTarget } from './health'
import { makeHtpasswd, type Credential } from './htpasswd'
import { ensureImage, imagePresent } from './image'
import { authEnabled, certStoreOf, mountedStorage, publishedPort, type ContainerInfo } from './inspect'
import {
  DEFAULT_IMAGE,
  DEFAULT_PORT,
  LABEL_AUTH,
  LABEL_CERT_SOURCE,
  LABEL_CERT_STORE,
  LABEL_CONFIG,
  LABEL_MANAGED,
} from './labels'
import { checkPortFree, findContainer, nameInUse, portInUse, type ExistingContainer } from './preflight'
import { progressMessage, type JobOptions } from './progress'
import { checkStartInput } from './start-input'
import { checkStorageWritable, WRITE_CHECK_REPO } from './storage-check'
import type { FileEntry } from './tar-files'

export type CertStoreChoice = 'auto' | 'bind' | 'volume' | { hostPath: string }

/**
 * A configuration the registry runs instead of the image's own (a pull-through mirror's proxy settings): `files`
 * (config.yml first, modes as given: 0600 for secrets) are copied into volume NAME-config, mounted read-only at
 * CONFIG_DIR; never put into the environment, so `docker inspect` does not show them.
 */
export interface RegistryConfig {
  files: FileEntry[]
  /** More environment (e.g. SSL_CERT_FILE for an upstream's CA): no secrets here. */
  env?: string[] | undefined
  labels?: Record<string, string> | undefined
  /** The progress text of the copy (the caller's words). */
  progress: Message
  /** false: the registry takes no uploads (proxy mode answers 405), so the storage write check is left out. */
  writeCheck?: boolean | undefined
}

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
  /** A generated configuration (see RegistryConfig); default: the image's own. */
  config?: RegistryConfig | undefined
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
  notices: Message[]
}

/**
 * What the health and storage checks talk to: they connect to the engine's host (127.0.0.1 for a local engine,
 * where the published port is) and check the served certificate against `identity` (the address clients use).
 */
export function healthTarget(engine: Engine, identity: string, port: number, caPem: string): HealthTarget {
  return { host: identity, connectHost: engine.resolved.hostname, port, caPem }
}

function certStoreInvalid(detail: Message): AppError {
  return new AppError({ code: 'CERT_STORE_INVALID', kind: 'input', field: 'certStore', params: { detail } })
}

function pickCertStore(engine: Engine, input: StartRegistryInput): CertStore {
  const choice = input.certStore ?? 'auto'
  if (typeof choice === 'object') return { kind: 'hostPath', path: choice.hostPath }
  const dir = input.certs.dir
  if (choice === 'bind' || (choice === 'auto' && engine.resolved.local && dir !== undefined)) {
    if (dir === undefined) throw certStoreInvalid(message('docker.certStore.bindNeedsDir'))
    if (!engine.resolved.local)
      throw certStoreInvalid(message('docker.certStore.bindRemote', { engine: engine.resolved.display }))
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
export function containerAlive(engine: Engine, name: string): () => Promise<Message | undefined> {
  return async () => {
    try {
      const s = (await engine.docker.getContainer(name).inspect()).State
      if (s.Running && !s.Restarting) return undefined
      return s.Restarting
        ? message('docker.container.restarting', { exitCode: s.ExitCode })
        : message('docker.container.stopped', { status: s.Status, exitCode: s.ExitCode })
    } catch (err) {
      return message('docker.container.gone', { detail: engineMessage(err) })
    }
  }
}

/** The container's last log lines as the `log` part of a failure's message. */
function logBlock(lines: string[]): Message {
  return message('docker.log.lines', {
    lines: lines.length === 0 ? message('docker.log.empty') : lines.map((l) => `  ${l}`).join('\n'),
  })
}

/** The same failure with one more parameter its texts take (`log`, `cleanup`). */
function withParam(err: AppError, name: 'log' | 'cleanup', value: Param): AppError {
  return new AppError({
    code: err.code,
    kind: err.kind,
    field: err.field,
    params: { ...err.params, [name]: value },
    cause: err,
  } as ConstructorParameters<typeof AppError<'HEALTH_FAILED'>>[0])
}

/** True when the failure's texts leave room for `name` (HEALTH_*, STORAGE_NOT_WRITABLE). */
function takes(err: unknown, name: 'log' | 'cleanup'): err is AppError {
  return err instanceof AppError && err.params !== undefined && name in err.params
}

/**
 * The lines that say why: the last 10, or when the registry panicked (registry:2 panics when its configuration
 * cannot be used, e.g. a proxy upstream it cannot reach) the panic line and the 9 after it, not the goroutine dump.
 */
function failureLines(lines: string[]): string[] {
  const panic = lines.findLastIndex((l) => l.startsWith('panic:'))
  return panic >= 0 ? lines.slice(panic, panic + 10) : lines.slice(-10)
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
    if (!takes(err, 'log')) throw err
    throw withParam(err, 'log', logBlock(failureLines(await lastLogLines(engine, name, 60))))
  }
}

function storageLabel(storage: StorageSpec): Message {
  return storage.kind === 'volume'
    ? message('docker.storage.volume', { name: storage.name })
    : message('docker.storage.hostPath', { path: storage.path })
}

/** What to do about storage the registry cannot write, in each front end's words. */
function storageFix(storage: StorageSpec): Record<'fix' | 'cliFix' | 'guiFix', Message> {
  const group = storage.kind === 'hostPath' ? 'storageHostPath' : 'storageVolume'
  const params = storage.kind === 'hostPath' ? { path: storage.path } : undefined
  return {
    fix: message(`docker.fix.${group}.neutral`, params),
    cliFix: message(`docker.fix.${group}.cli`, params),
    guiFix: message(`docker.fix.${group}.gui`, params),
  }
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
    params: {
      target: targetLabel(target),
      storage: storageLabel(storage),
      httpStatus: r.httpStatus,
      detail: r.detail,
      log: logBlock(lines),
      cleanup: '',
      ...storageFix(storage),
    },
  })
}

/** Adds what the cleanup did to a failure's message (kept code, params and kind). */
function withCleanup(err: unknown, done: Message): unknown {
  return takes(err, 'cleanup') ? withParam(err, 'cleanup', message('docker.cleanup.line', { done })) : err
}

type Step = (step: string, text: Message) => void

/** Removes the container this start created, with the certificate/auth volumes it filled (the data stays). */
async function removeCreated(engine: Engine, name: string, volumes: string[]): Promise<Message> {
  try {
    await engine.docker.getContainer(name).remove({ force: true, v: true })
    const removed: string[] = []
    for (const v of volumes) if (await removeVolume(engine, v)) removed.push(v)
    const also = removed.length > 0 ? message('docker.cleanup.andVolumes', { volumes: removed }) : ''
    return message('docker.cleanup.removed', { name, volumes: also })
  } catch (e) {
    return message('docker.cleanup.removeFailed', { name, detail: engineMessage(e) })
  }
}

/** Stops a reused container (it is not ours to remove). */
async function stopReused(engine: Engine, name: string): Promise<Message> {
  try {
    await engine.docker.getContainer(name).stop({ t: 10 })
    return message('docker.cleanup.stopped', { name })
  } catch (e) {
    return /not running|304/i.test(engineMessage(e))
      ? message('docker.cleanup.alreadyStopped', { name })
      : message('docker.cleanup.stopFailed', { name, detail: engineMessage(e) })
  }
}

/**
 * After a failed health or storage check: nothing broken is left running (restart=always would keep it looping).
 * A container this start created is removed with the certificate/auth volumes it filled; a reused one is stopped.
 * Returns what was done (also sent as a 'cleanup' progress event).
 */
async function cleanUpFailedStart(
  engine: Engine,
  name: string,
  how: { created: true; volumes: string[] } | { created: false },
  step: Step,
): Promise<Message> {
  const done = how.created ? await removeCreated(engine, name, how.volumes) : await stopReused(engine, name)
  step('cleanup', progressMessage('cleanup', { done }))
  return done
}

/** What every part of a start shares. */
interface StartContext {
  engine: Engine
  input: StartRegistryInput
  image: string
  port: number
  identity: string
  auth: boolean
  signal: AbortSignal | undefined
  job: JobOptions
  step: Step
}

/** Health, then the storage write check; on failure the cleanup runs and the error says what it did. */
async function checkHealthy(
  c: StartContext,
  target: HealthTarget,
  storage: () => Promise<StorageSpec>,
  created: { created: true; volumes: string[] } | { created: false },
): Promise<{ health: HealthResult; storage: StorageSpec }> {
  const name = c.input.name
  try {
    const health = await healthWithLogs(c.engine, name, target, {
      timeoutMs: c.input.healthTimeoutMs,
      signal: c.signal,
    })
    const used = await storage()
    if (c.input.config?.writeCheck !== false) {
      c.step('storage', progressMessage('storage'))
      await ensureStorageWritable(c.engine, name, target, used, c.input.users)
    }
    return { health, storage: used }
  } catch (err) {
    if (isAbort(err, c.signal)) {
      if (created.created)
        await c.engine.docker
          .getContainer(name)
          .remove({ force: true, v: true })
          .catch(() => undefined)
      throw err
    }
    throw withCleanup(err, await cleanUpFailedStart(c.engine, name, created, c.step))
  }
}

async function inspectExisting(engine: Engine, existing: ExistingContainer): Promise<ContainerInfo> {
  try {
    return await engine.docker.getContainer(existing.id).inspect()
  } catch (e) {
    throw engineCallFailed(message('docker.action.inspectContainer', { name: existing.name }), e)
  }
}

/**
 * Reuses an existing container: started when stopped, checked for health and storage, and reported as it IS (its
 * published port, image, storage, certificate store and auth, read from the engine), not as the input asked.
 */
async function reuseExisting(c: StartContext, existing: ExistingContainer): Promise<StartRegistryResult> {
  const { engine, input } = c
  c.step('reuse', progressMessage('reuse', { name: input.name }))
  if (existing.state !== 'running')
    await engine.docker
      .getContainer(existing.id)
      .start()
      .catch((e: unknown) => {
        throw engineCallFailed(message('docker.action.startContainer', { name: input.name }), e)
      })
  const info = await inspectExisting(engine, existing)
  const port = publishedPort(info) ?? c.port
  const target = healthTarget(engine, c.identity, port, input.certs.caPem)
  const fallback = defaultStorage(input)
  const { health, storage } = await checkHealthy(
    c,
    target,
    async () => mountedStorage(await inspectExisting(engine, existing)) ?? fallback,
    { created: false },
  )
  return {
    id: existing.id,
    name: input.name,
    image: info.Config.Image,
    imageSource: 'present',
    port,
    url: httpsUrl(c.identity, port),
    certStore: certStoreOf(info) ?? pickCertStore(engine, input),
    storage,
    auth: authEnabled(info),
    reused: true,
    health,
    notices: [],
  }
}

function defaultStorage(input: StartRegistryInput): StorageSpec {
  return input.storage ?? { kind: 'volume', name: `${input.name}-data` }
}

/** The image on the engine (present, loaded or pulled); a tar given but not needed is a notice. */
async function ensureStartImage(
  c: StartContext,
  notices: Message[],
  present: Promise<boolean> | undefined,
): Promise<'present' | 'loaded' | 'pulled'> {
  const { input, image } = c
  c.step('image', progressMessage('image', { image }))
  const imageSource = await ensureImage(c.engine, image, {
    signal: c.signal,
    onProgress: c.job.onProgress,
    imageTar: input.imageTar,
    pull: input.pull,
    present,
  })
  if (imageSource === 'present' && input.imageTar !== undefined) {
    const notice = message('docker.notice.tarNotUsed', { image, tar: input.imageTar })
    notices.push(notice)
    c.step('image', notice)
  }
  return imageSource
}

/** Removes the container being replaced, and volumes of ours it used that the new one will not (keys inside). */
async function removeReplaced(
  c: StartContext,
  existing: ExistingContainer,
  certStore: CertStore,
): Promise<void> {
  const { engine, input } = c
  c.step('replace', progressMessage('replaceOld', { name: input.name }))
  const old = await engine.docker
    .getContainer(existing.id)
    .inspect()
    .catch(() => undefined)
  await engine.docker
    .getContainer(existing.id)
    .remove({ force: true, v: true })
    .catch((e: unknown) => {
      throw engineCallFailed(message('docker.action.removeContainer', { name: input.name }), e)
    })
  const labels = old?.Config.Labels ?? {}
  const stale: string[] = []
  if (labels[LABEL_MANAGED] === 'true') {
    const oldCerts = labels[LABEL_CERT_STORE] === 'volume' ? labels[LABEL_CERT_SOURCE] : undefined
    if (oldCerts && !(certStore.kind === 'volume' && certStore.name === oldCerts)) stale.push(oldCerts)
    const oldAuth = labels[LABEL_AUTH]
    if (oldAuth && !c.auth) stale.push(oldAuth)
    // A generated configuration is written afresh (no file of the old one stays behind).
    const oldConfig = labels[LABEL_CONFIG]
    if (oldConfig) stale.push(oldConfig)
  }
  for (const v of stale)
    if (await removeVolume(engine, v)) c.step('replace', progressMessage('replaceVolume', { volume: v }))
}

/** Copies the pair (unless bind-mounted) and the htpasswd file to the engine; returns the volumes it filled. */
async function fillStores(
  c: StartContext,
  certStore: CertStore,
): Promise<{ filled: string[]; authVolume: string | undefined }> {
  const { engine, input, image } = c
  const filled: string[] = []
  if (certStore.kind !== 'bind') {
    c.step('certs', progressMessage('certs'))
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
  if (input.config !== undefined) {
    c.step('config', input.config.progress)
    await dropFiles(engine, image, { kind: 'volume', name: configVolume(input.name) }, input.config.files)
    filled.push(configVolume(input.name))
  }
  if (!c.auth) return { filled, authVolume: undefined }
  c.step('auth', progressMessage('auth'))
  const authVolume = `${input.name}-auth`
  await dropFiles(engine, image, { kind: 'volume', name: authVolume }, [
    { name: 'htpasswd', content: await makeHtpasswd(input.users ?? []), mode: 0o644 },
  ])
  filled.push(authVolume)
  return { filled, authVolume }
}

const configVolume = (name: string): string => `${name}-config`

function configMount(input: StartRegistryInput): RegistryConfigMount | undefined {
  const config = input.config
  if (config === undefined) return undefined
  return { volume: configVolume(input.name), env: config.env, labels: config.labels }
}

/** Creates and starts the container; a failed start leaves no container behind. */
async function createAndStart(
  c: StartContext,
  options: Parameters<Engine['docker']['createContainer']>[0],
): Promise<Awaited<ReturnType<Engine['docker']['createContainer']>>> {
  const { engine, input } = c
  c.step('create', progressMessage('create', { name: input.name }))
  let container
  try {
    container = await engine.docker.createContainer(options)
  } catch (err) {
    if (/already in use/i.test(engineMessage(err))) {
      const now = await findContainer(engine, input.name)
      if (now) throw nameInUse(now)
    }
    throw engineCallFailed(message('docker.action.createContainer', { name: input.name }), err)
  }
  c.step('start', progressMessage('start', { name: input.name }))
  try {
    await container.start()
  } catch (err) {
    await container.remove({ force: true, v: true }).catch(() => undefined)
    const msg = engineMessage(err)
    if (/port is already allocated|address already in use/i.test(msg)) throw portInUse(c.port, msg)
    throw engineCallFailed(message('docker.action.startContainer', { name: input.name }), err)
  }
  if (c.signal?.aborted) {
    await container.remove({ force: true, v: true }).catch(() => undefined)
    throw cancelled(c.signal.reason)
  }
  return container
}

/** A new container (the old one, when replacing, removed first), health- and storage-checked. */
async function startNew(
  c: StartContext,
  existing: ExistingContainer | undefined,
  looked: StartLookups | undefined,
): Promise<StartRegistryResult> {
  const { engine, input, signal } = c
  await (existing === undefined && looked !== undefined
    ? looked.portFree
    : checkPortFree(engine, c.port, existing === undefined ? undefined : input.name))
  throwIfAborted(signal)
  const notices: Message[] = []
  const imageSource = await ensureStartImage(c, notices, looked?.imagePresent)
  throwIfAborted(signal)
  const certStore = pickCertStore(engine, input)
  if (existing !== undefined) await removeReplaced(c, existing, certStore)
  const { filled, authVolume } = await fillStores(c, certStore)
  throwIfAborted(signal)
  const storage = defaultStorage(input)
  const container = await createAndStart(
    c,
    registryContainerOptions({
      name: input.name,
      image: c.image,
      port: c.port,
      storage,
      certStore,
      authVolume,
      deleteEnabled: input.deleteEnabled,
      config: configMount(input),
    }),
  )
  const target = healthTarget(engine, c.identity, c.port, input.certs.caPem)
  c.step('health', progressMessage('health', { target: targetLabel(target) }))
  const { health } = await checkHealthy(c, target, () => Promise.resolve(storage), {
    created: true,
    volumes: filled,
  })
  const url = httpsUrl(c.identity, c.port)
  const auth = authVolume !== undefined
  return {
    id: container.id,
    name: input.name,
    image: c.image,
    imageSource,
    port: c.port,
    url,
    certStore,
    storage,
    auth,
    reused: false,
    health,
    notices,
  }
}

/**
 * What a start asks the engine before it needs the certificate pair, asked ahead (setup does, beside its CA and
 * certificate steps: the engine answers while this thread makes the keys) and handed to startRegistry, which awaits
 * each answer where it would otherwise ask, so a failure is still reported in the same order. `portFree` is asked
 * only when no container has that name (a replace checks the port itself, the old container excepted).
 */
export interface StartLookups {
  existing: Promise<ExistingContainer | undefined>
  portFree: Promise<void>
  imagePresent: Promise<boolean>
}

/** Begins the look-ups of a start (see StartLookups); nothing on the engine is changed. */
export function lookUpEarly(
  engine: Engine,
  input: Pick<StartRegistryInput, 'name' | 'port' | 'image'>,
): StartLookups {
  const existing = quietly(findContainer(engine, input.name))
  return {
    existing,
    portFree: quietly(
      existing.then((e) => (e === undefined ? checkPortFree(engine, input.port ?? DEFAULT_PORT) : undefined)),
    ),
    imagePresent: quietly(imagePresent(engine, input.image ?? DEFAULT_IMAGE)),
  }
}

/**
 * Starts the registry: preflight (certs, name, port, image), image present/load/pull, certs to the engine,
 * create + start, then health against our CA. Same function for the CLI, IPC jobs and tests. A start whose health
 * or storage check fails leaves nothing running (see cleanUpFailedStart). `looked`: the engine's answers asked
 * ahead by lookUpEarly for the same name, port and image.
 */
export async function startRegistry(
  engine: Engine,
  input: StartRegistryInput,
  job: JobOptions = {},
  looked?: StartLookups,
): Promise<StartRegistryResult> {
  const step: Step = (s, text) => job.onProgress?.({ step: s, message: text })
  step('preflight', progressMessage('preflight'))
  const { identity, auth } = checkStartInput(engine, input)
  const c: StartContext = {
    engine,
    input,
    image: input.image ?? DEFAULT_IMAGE,
    port: input.port ?? DEFAULT_PORT,
    identity,
    auth,
    signal: job.signal,
    job,
    step,
  }
  const existing = await (looked?.existing ?? findContainer(engine, input.name))
  if (existing !== undefined && input.ifExists === 'reuse') return reuseExisting(c, existing)
  if (existing !== undefined && input.ifExists !== 'replace') throw nameInUse(existing)
  return startNew(c, existing, looked)
}

export { healthFailed }
