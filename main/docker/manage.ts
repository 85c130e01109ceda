import { X509Certificate } from 'node:crypto'
import { join } from 'node:path'
import { daysLeft } from '../dates'
import { AppError } from '../errors'
import { message } from '../messages/index'
import { dnLine } from '../pki/pem'
import { backupFile, pathExists, writeFileAtomic } from '../fs/atomic-write'
import {
  chainsTo,
  checkCertMaterial,
  identityHost,
  pemCertificates,
  CERT_FILE,
  KEY_FILE,
  type CertCheck,
  type CertMaterial,
} from './cert-material'
import { checkContainerName } from './container-name'
import { engineCallFailed, rawError } from './docker-errors'
import type { Engine } from './engine-check'
import { assertSecretsSafe } from './engine-security'
import { dropFiles } from './file-drop'
import type { HealthResult } from './health'
import type { StorageSpec } from './container-spec'
import { mountedStorage, publishedPort, type ContainerInfo } from './inspect'
import {
  CERTS_DIR,
  CONTAINER_PORT,
  DATA_DIR,
  LABEL_AUTH,
  LABEL_CERT_SOURCE,
  LABEL_CERT_STORE,
  LABEL_CONFIG,
  LABEL_MANAGED,
} from './labels'
import { healthTarget, healthWithLogs } from './start-registry'

type Inspect = ContainerInfo

export interface RegistryStatus {
  name: string
  id: string
  managed: boolean
  state: string
  running: boolean
  startedAt: string | undefined
  uptimeSeconds: number | undefined
  restartCount: number
  image: string
  port: number | undefined
  storage: { kind: 'volume' | 'hostPath'; source: string } | undefined
  certStore: string | undefined
  servedCert: { notAfter: string; daysLeft: number; subject: string; issuer: string } | undefined
}

/** The registry container as the engine describes it; every management call starts here (the name checked first). */
export async function inspectRegistry(engine: Engine, name: string): Promise<Inspect> {
  checkContainerName(name)
  try {
    return await engine.docker.getContainer(name).inspect()
  } catch (err) {
    if (rawError(err).statusCode === 404)
      throw new AppError({ code: 'REGISTRY_NOT_FOUND', params: { name, engine: engine.resolved.display } })
    throw engineCallFailed(message('docker.action.inspectContainer', { name }), err)
  }
}

/** Reads one file out of the container (running or stopped) with getArchive; undefined when it is not there. */
export async function readContainerFile(
  engine: Engine,
  name: string,
  path: string,
): Promise<string | undefined> {
  let stream: NodeJS.ReadableStream
  try {
    stream = await engine.docker.getContainer(name).getArchive({ path })
  } catch {
    return undefined
  }
  const chunks: Buffer[] = []
  // tar (~40 ms to load) loads when a file is read from a container: most commands never do.
  const tar = await import('tar')
  await new Promise<void>((resolve, reject) => {
    const parser = new tar.Parser({
      onReadEntry: (entry) => {
        entry.on('data', (c: Buffer) => chunks.push(c))
      },
    })
    parser.on('end', resolve)
    parser.on('error', reject)
    stream.on('error', reject)
    stream.pipe(parser)
  })
  return Buffer.concat(chunks).toString('utf8')
}

export async function registryStatus(
  engine: Engine,
  name: string,
  now: Date = new Date(),
): Promise<RegistryStatus> {
  const info = await inspectRegistry(engine, name)
  const labels = info.Config.Labels
  const dataMount = info.Mounts.find((m) => m.Destination === DATA_DIR)
  const started = info.State.Running ? new Date(info.State.StartedAt) : undefined
  let servedCert: RegistryStatus['servedCert']
  const pem = await readContainerFile(engine, name, `${CERTS_DIR}/${CERT_FILE}`)
  if (pem !== undefined) {
    try {
      const cert = new X509Certificate(pem)
      const notAfter = new Date(cert.validTo)
      servedCert = {
        notAfter: notAfter.toISOString(),
        daysLeft: daysLeft(notAfter, now),
        subject: dnLine(cert.subject),
        issuer: dnLine(cert.issuer),
      }
    } catch {
      servedCert = undefined
    }
  }
  return {
    name,
    id: info.Id,
    managed: labels[LABEL_MANAGED] === 'true',
    state: info.State.Status,
    running: info.State.Running,
    startedAt: started?.toISOString(),
    uptimeSeconds: started ? Math.max(0, Math.round((now.getTime() - started.getTime()) / 1000)) : undefined,
    restartCount: info.RestartCount,
    image: info.Config.Image,
    port: publishedPort(info),
    storage: dataMount
      ? {
          kind: dataMount.Type === 'volume' ? 'volume' : 'hostPath',
          source: dataMount.Type === 'volume' ? (dataMount.Name ?? '') : dataMount.Source,
        }
      : undefined,
    certStore: labels[LABEL_CERT_STORE],
    servedCert,
  }
}

export async function stopRegistry(engine: Engine, name: string): Promise<void> {
  await inspectRegistry(engine, name)
  try {
    await engine.docker.getContainer(name).stop({ t: 10 })
  } catch (err) {
    if (rawError(err).statusCode === 304) return // already stopped
    throw engineCallFailed(message('docker.action.stopContainer', { name }), err)
  }
}

export async function restartRegistry(engine: Engine, name: string): Promise<void> {
  await inspectRegistry(engine, name)
  try {
    await engine.docker.getContainer(name).restart({ t: 10 })
  } catch (err) {
    throw engineCallFailed(message('docker.action.restartContainer', { name }), err)
  }
}

export interface RemoveResult {
  removed: string
  removedVolumes: string[]
  /** The data left in place (a volume or a host path): each front end words it in its language. */
  keptStorage: StorageSpec | undefined
}

/** Removes the container and its cert/auth volumes; the data stays unless deleteData (host paths are never deleted). */
export async function removeRegistry(
  engine: Engine,
  name: string,
  opts: { deleteData?: boolean } = {},
): Promise<RemoveResult> {
  const info = await inspectRegistry(engine, name)
  if (info.Config.Labels[LABEL_MANAGED] !== 'true') {
    throw new AppError({ code: 'NOT_MANAGED', params: { name } })
  }
  try {
    await engine.docker.getContainer(name).remove({ force: true, v: true })
  } catch (err) {
    throw engineCallFailed(message('docker.action.removeContainer', { name }), err)
  }
  const volumes: string[] = []
  const certVolume =
    info.Config.Labels[LABEL_CERT_STORE] === 'volume' ? info.Config.Labels[LABEL_CERT_SOURCE] : undefined
  if (certVolume) volumes.push(certVolume)
  const authVolume = info.Config.Labels[LABEL_AUTH]
  if (authVolume) volumes.push(authVolume)
  const configVolume = info.Config.Labels[LABEL_CONFIG]
  if (configVolume) volumes.push(configVolume)
  const data = info.Mounts.find((m) => m.Destination === DATA_DIR)
  if (opts.deleteData && data?.Type === 'volume' && data.Name) volumes.push(data.Name)
  const removed: string[] = []
  for (const v of volumes) {
    try {
      await engine.docker.getVolume(v).remove()
      removed.push(v)
    } catch (err) {
      if (rawError(err).statusCode !== 404)
        throw engineCallFailed(message('docker.action.removeVolume', { name: v }), err)
    }
  }
  const deleted = opts.deleteData && data?.Type === 'volume'
  const kept = deleted ? undefined : mountedStorage(info)
  return {
    removed: name,
    removedVolumes: removed,
    keptStorage: kept,
  }
}

export interface ReplaceCheck {
  info: Inspect
  check: CertCheck
  /** The host port the registry is published on. */
  port: number
}

/**
 * The checks before a new pair replaces the served one; changes nothing. The pair must be valid, cover the address,
 * and come from the CA that issued the current certificate (clients need no new trust): a pair from another CA is
 * refused.
 */
export async function checkReplacement(
  engine: Engine,
  name: string,
  certs: CertMaterial,
  opts: {
    registryHost?: string | undefined
    /** Also accepted as the current certificate's CA: the previous CA a move to the new one starts from (the
     * caller proved it issued the served certificate and belongs to the same CA folder: lifecycle/renew-certificate). */
    servedCaPem?: string | undefined
  } = {},
): Promise<ReplaceCheck> {
  assertSecretsSafe(engine.resolved, 'newKey')
  const check = checkCertMaterial(certs, { host: opts.registryHost, engineHost: engine.resolved.hostname })
  const info = await inspectRegistry(engine, name)
  const current = await readContainerFile(engine, name, `${CERTS_DIR}/${CERT_FILE}`)
  if (current !== undefined) {
    let sameCa: boolean
    try {
      const anchors = [certs.caPem, opts.servedCaPem ?? ''].flatMap((pem) =>
        pem ? pemCertificates(pem) : [],
      )
      sameCa = chainsTo(pemCertificates(current), anchors)
    } catch {
      sameCa = false
    }
    if (!sameCa) {
      throw new AppError({ code: 'CERT_NOT_SAME_CA', kind: 'input', field: 'certs' })
    }
  }
  return { info, check, port: publishedPort(info) ?? CONTAINER_PORT }
}

/**
 * Puts a server pair into the container's certificate store (the bind-mounted folder, its volume or host path) and
 * restarts the container. No checks, no health poll: the lifecycle job checks first (checkReplacement), and its rollback uses this to
 * put the old pair back. A bind-mounted folder that is `certs.dir` itself is left as it is (already in place).
 */
export async function installCertificate(
  engine: Engine,
  name: string,
  certs: CertMaterial,
  inspected?: Inspect,
): Promise<{ backups: string[] }> {
  const info = inspected ?? (await inspectRegistry(engine, name))
  const labels = info.Config.Labels
  const store = labels[LABEL_CERT_STORE]
  const source = labels[LABEL_CERT_SOURCE] ?? ''
  const backups: string[] = []
  if (store === 'bind') {
    if (!engine.resolved.local) throw new AppError({ code: 'NOT_LOCAL', params: { name, source } })
    if (certs.dir !== join(source)) {
      for (const [file, content, mode] of [
        [CERT_FILE, certs.certPem, 0o644],
        [KEY_FILE, certs.keyPem, 0o600],
      ] as const) {
        const target = join(source, file)
        if (await pathExists(target)) backups.push(await backupFile(target))
        await writeFileAtomic(target, content, { mode })
      }
    }
  } else {
    const target =
      store === 'volume'
        ? { kind: 'volume' as const, name: source }
        : { kind: 'hostPath' as const, path: source }
    await dropFiles(engine, info.Config.Image, target, [
      { name: CERT_FILE, content: certs.certPem, mode: 0o644 },
      { name: KEY_FILE, content: certs.keyPem, mode: 0o600 },
    ])
  }
  try {
    await engine.docker.getContainer(name).restart({ t: 10 })
  } catch (err) {
    throw engineCallFailed(message('docker.action.restartContainer', { name }), err)
  }
  return { backups }
}

/** Restart followed by the health poll against our CA. */
export async function restartAndCheck(
  engine: Engine,
  name: string,
  caPem: string,
  opts: { registryHost?: string | undefined; healthTimeoutMs?: number | undefined } = {},
): Promise<HealthResult> {
  const info = await inspectRegistry(engine, name)
  await restartRegistry(engine, name)
  const port = publishedPort(info) ?? CONTAINER_PORT
  const identity = await servedIdentity(engine, name, opts.registryHost)
  return healthWithLogs(engine, name, healthTarget(engine, identity, port, caPem), {
    timeoutMs: opts.healthTimeoutMs,
  })
}

/**
 * The address to check the served certificate against when only ca.crt is at hand: the one asked for, else one the
 * certificate the container mounts names (see identityHost), else the engine's host.
 */
async function servedIdentity(engine: Engine, name: string, wanted: string | undefined): Promise<string> {
  if (wanted !== undefined && wanted !== '') return wanted
  const pem = await readContainerFile(engine, name, `${CERTS_DIR}/${CERT_FILE}`)
  let leaf: X509Certificate | undefined
  try {
    leaf = pem === undefined ? undefined : pemCertificates(pem)[0]
  } catch {
    leaf = undefined
  }
  return (leaf && identityHost(leaf, { engineHost: engine.resolved.hostname })) ?? engine.resolved.hostname
}
