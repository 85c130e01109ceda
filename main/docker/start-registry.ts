import { AppError } from '../errors'
import { checkCertMaterial, CERT_FILE, KEY_FILE, type CertMaterial } from './cert-material'
import { lastLogLines } from './container-logs'
import { registryContainerOptions, type CertStore, type StorageSpec } from './container-spec'
import { cancelled, engineCallFailed, engineMessage, throwIfAborted } from './docker-errors'
import type { Engine } from './engine-check'
import { dropFiles } from './file-drop'
import { healthFailed, waitHealthy, type HealthResult } from './health'
import { makeHtpasswd, type Credential } from './htpasswd'
import { ensureImage } from './image'
import { DATA_DIR, DEFAULT_IMAGE, DEFAULT_PORT } from './labels'
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
  /** The host clients use; the certificate must cover it. Default: where the engine is (127.0.0.1 locally). */
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
}

export function healthHost(engine: Engine, input: { registryHost?: string | undefined }): string {
  return input.registryHost ?? engine.resolved.hostname
}

function pickCertStore(engine: Engine, input: StartRegistryInput): CertStore {
  const choice = input.certStore ?? 'auto'
  if (typeof choice === 'object') return { kind: 'hostPath', path: choice.hostPath }
  const dir = input.certs.dir
  if (choice === 'bind' || (choice === 'auto' && engine.resolved.local && dir !== undefined)) {
    if (dir === undefined) throw new AppError({ code: 'INVALID_INPUT', kind: 'input', field: 'cert-store', message: 'cert-store: "bind" needs a certificate directory' })
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
  target: { host: string; port: number; caPem: string },
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
  const info = await engine.docker.getContainer(id).inspect().catch(() => undefined)
  const m = info?.Mounts.find((x) => x.Destination === DATA_DIR)
  if (m === undefined) return fallback
  return m.Type === 'volume' ? { kind: 'volume', name: m.Name ?? '' } : { kind: 'hostPath', path: m.Source }
}

function storageLabel(storage: StorageSpec): string {
  return storage.kind === 'volume' ? `volume ${storage.name}` : `host path ${storage.path} on the engine's host`
}

/**
 * After a healthy /v2/: a test upload proves the registry can write its storage (a read-only or not-permitted data
 * path passes /v2/ and fails only at the first push). On failure: a plain error with the container's last log lines.
 */
export async function ensureStorageWritable(
  engine: Engine,
  name: string,
  target: { host: string; port: number; caPem: string },
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
      `The registry at https://${target.host}:${target.port}/v2/ cannot write its storage (${storageLabel(storage)}): ` +
      `a test upload got HTTP ${r.httpStatus} (${r.detail})\ncontainer log (last lines):\n${lines.length === 0 ? '(empty)' : lines.map((l) => `  ${l}`).join('\n')}`,
    hint:
      storage.kind === 'hostPath'
        ? `Give the registry a writable directory: ${storage.path} must be on a writable file system (not a read-only mount) and writable by root in the container (with SELinux, label it: chcon -Rt container_file_t ${storage.path}). Then run start again with --replace.`
        : 'Check the engine\'s disk (docker system df) and the volume, then run start again with --replace.',
  })
}

/**
 * Starts the registry: preflight (certs, name, port, image), image present/load/pull, certs to the engine,
 * create + start, then health against our CA. Same function for the CLI, IPC jobs and tests.
 */
export async function startRegistry(engine: Engine, input: StartRegistryInput, job: JobOptions = {}): Promise<StartRegistryResult> {
  const { signal, onProgress } = job
  const image = input.image ?? DEFAULT_IMAGE
  const port = input.port ?? DEFAULT_PORT
  const host = healthHost(engine, input)
  const step = (s: string, message: string): void => onProgress?.({ step: s, message })

  step('preflight', 'checking the certificate, name, port and image')
  checkCertMaterial(input.certs, { host })
  const existing = await findContainer(engine, input.name)
  const storage: StorageSpec = input.storage ?? { kind: 'volume', name: `${input.name}-data` }
  if (existing !== undefined) {
    if (input.ifExists === 'reuse') {
      if (existing.state !== 'running') await engine.docker.getContainer(existing.id).start().catch((e: unknown) => { throw engineCallFailed(`Starting ${input.name}`, e) })
      const health = await healthWithLogs(engine, input.name, { host, port, caPem: input.certs.caPem }, { timeoutMs: input.healthTimeoutMs, signal })
      const used = await storageOf(engine, existing.id, storage)
      await ensureStorageWritable(engine, input.name, { host, port, caPem: input.certs.caPem }, used, input.users)
      const certStore = pickCertStore(engine, input)
      return { id: existing.id, name: input.name, image: existing.image, imageSource: 'present', port, url: `https://${host}:${port}`, certStore, storage: used, auth: (input.users?.length ?? 0) > 0, reused: true, health }
    }
    if (input.ifExists !== 'replace') throw nameInUse(existing)
  }
  await checkPortFree(engine, port, existing === undefined ? undefined : input.name)
  throwIfAborted(signal, 'starting the registry')

  step('image', `making sure ${image} is on the engine`)
  const imageSource = await ensureImage(engine, image, { signal, onProgress, imageTar: input.imageTar, pull: input.pull })
  throwIfAborted(signal, 'starting the registry')

  if (existing !== undefined) {
    step('replace', `removing the old container ${input.name}`)
    await engine.docker.getContainer(existing.id).remove({ force: true }).catch((e: unknown) => { throw engineCallFailed(`Removing ${input.name}`, e) })
  }

  const certStore = pickCertStore(engine, input)
  if (certStore.kind !== 'bind') {
    step('certs', `copying ${CERT_FILE} and ${KEY_FILE} to the engine`)
    await dropFiles(engine, image, certStore.kind === 'volume' ? { kind: 'volume', name: certStore.name } : { kind: 'hostPath', path: certStore.path }, [
      { name: CERT_FILE, content: input.certs.certPem, mode: 0o644 },
      { name: KEY_FILE, content: input.certs.keyPem, mode: 0o600 },
    ])
  }
  let authVolume: string | undefined
  if (input.users !== undefined && input.users.length > 0) {
    step('auth', 'writing the htpasswd file (bcrypt)')
    authVolume = `${input.name}-auth`
    await dropFiles(engine, image, { kind: 'volume', name: authVolume }, [{ name: 'htpasswd', content: await makeHtpasswd(input.users), mode: 0o644 }])
  }
  throwIfAborted(signal, 'starting the registry')

  step('create', `creating container ${input.name}`)
  const opts = registryContainerOptions({ name: input.name, image, port, storage, certStore, authVolume, deleteEnabled: input.deleteEnabled })
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
    await container.remove({ force: true }).catch(() => undefined)
    const msg = engineMessage(err)
    if (/port is already allocated|address already in use/i.test(msg)) throw portInUse(port, msg)
    throw engineCallFailed(`Starting ${input.name}`, err)
  }
  if (signal?.aborted) {
    await container.remove({ force: true }).catch(() => undefined)
    throw cancelled('starting the registry')
  }
  step('health', `waiting for https://${host}:${port}/v2/`)
  let health: HealthResult
  try {
    health = await healthWithLogs(engine, input.name, { host, port, caPem: input.certs.caPem }, { timeoutMs: input.healthTimeoutMs, signal })
  } catch (err) {
    if (err instanceof AppError && err.code === 'CANCELLED') await container.remove({ force: true }).catch(() => undefined)
    throw err
  }
  step('storage', 'checking that the registry can write its storage')
  await ensureStorageWritable(engine, input.name, { host, port, caPem: input.certs.caPem }, storage, input.users)
  return { id: container.id, name: input.name, image, imageSource, port, url: `https://${host}:${port}`, certStore, storage, auth: authVolume !== undefined, reused: false, health }
}

export { healthFailed }
