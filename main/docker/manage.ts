import { X509Certificate } from 'node:crypto'
import { join } from 'node:path'
import * as tar from 'tar'
import { AppError } from '../errors'
import { backupFile, pathExists, writeFileAtomic } from '../fs/atomic-write'
import {
  chainsTo,
  checkCertMaterial,
  identityHost,
  pemCertificates,
  CERT_FILE,
  KEY_FILE,
  type CertMaterial,
} from './cert-material'
import { engineCallFailed, engineMessage, rawError } from './docker-errors'
import type { Engine } from './engine-check'
import { assertSecretsSafe } from './engine-security'
import { dropFiles } from './file-drop'
import type { HealthResult } from './health'
import {
  CERTS_DIR,
  CONTAINER_PORT,
  DATA_DIR,
  LABEL_AUTH,
  LABEL_CERT_SOURCE,
  LABEL_CERT_STORE,
  LABEL_MANAGED,
} from './labels'
import { healthTarget, healthWithLogs } from './start-registry'

type Inspect = Awaited<ReturnType<ReturnType<Engine['docker']['getContainer']>['inspect']>>

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

export async function inspectRegistry(engine: Engine, name: string): Promise<Inspect> {
  try {
    return await engine.docker.getContainer(name).inspect()
  } catch (err) {
    if (rawError(err).statusCode === 404) {
      throw new AppError({
        code: 'REGISTRY_NOT_FOUND',
        message: `No container named "${name}" on the engine ${engine.resolved.display}`,
        hint: 'Check --name and --docker-host, or start one with `registry start`.',
      })
    }
    throw engineCallFailed(`Inspecting ${name}`, err)
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
  const binding = info.HostConfig.PortBindings as
    Record<string, { HostPort?: string }[] | undefined> | undefined
  const hostPort = binding?.[`${CONTAINER_PORT}/tcp`]?.[0]?.HostPort
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
        daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000),
        subject: cert.subject.replace(/\n/g, ', '),
        issuer: cert.issuer.replace(/\n/g, ', '),
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
    port: hostPort === undefined ? undefined : Number(hostPort),
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
    throw engineCallFailed(`Stopping ${name}`, err)
  }
}

export async function restartRegistry(engine: Engine, name: string): Promise<void> {
  await inspectRegistry(engine, name)
  try {
    await engine.docker.getContainer(name).restart({ t: 10 })
  } catch (err) {
    throw engineCallFailed(`Restarting ${name}`, err)
  }
}

export interface RemoveResult {
  removed: string
  removedVolumes: string[]
  keptData: string | undefined
}

/** Removes the container and its cert/auth volumes; the data stays unless deleteData (host paths are never deleted). */
export async function removeRegistry(
  engine: Engine,
  name: string,
  opts: { deleteData?: boolean } = {},
): Promise<RemoveResult> {
  const info = await inspectRegistry(engine, name)
  if (info.Config.Labels[LABEL_MANAGED] !== 'true') {
    throw new AppError({
      code: 'NOT_MANAGED',
      message: `The container "${name}" was not made by Registry Wizard; it is left alone`,
      hint: `Remove it yourself with docker rm -f ${name} if that is what you want.`,
    })
  }
  try {
    await engine.docker.getContainer(name).remove({ force: true, v: true })
  } catch (err) {
    throw engineCallFailed(`Removing ${name}`, err)
  }
  const volumes: string[] = []
  const certVolume =
    info.Config.Labels[LABEL_CERT_STORE] === 'volume' ? info.Config.Labels[LABEL_CERT_SOURCE] : undefined
  if (certVolume) volumes.push(certVolume)
  const authVolume = info.Config.Labels[LABEL_AUTH]
  if (authVolume) volumes.push(authVolume)
  const data = info.Mounts.find((m) => m.Destination === DATA_DIR)
  const dataLabel = data
    ? data.Type === 'volume'
      ? `volume ${data.Name ?? ''}`
      : `host path ${data.Source}`
    : undefined
  if (opts.deleteData && data?.Type === 'volume' && data.Name) volumes.push(data.Name)
  const removed: string[] = []
  for (const v of volumes) {
    try {
      await engine.docker.getVolume(v).remove()
      removed.push(v)
    } catch (err) {
      if (rawError(err).statusCode !== 404) throw engineCallFailed(`Removing volume ${v}`, err)
    }
  }
  const deleted = opts.deleteData && data?.Type === 'volume'
  return { removed: name, removedVolumes: removed, keptData: deleted ? undefined : dataLabel }
}

export interface ReplaceCertResult {
  name: string
  notAfter: string
  health: HealthResult
  backups: string[]
}

/**
 * Replaces the served certificate with a new pair from the same CA (clients need no new trust), then restarts and
 * checks health. A pair from another CA is refused before anything changes.
 */
export async function replaceCertificate(
  engine: Engine,
  name: string,
  certs: CertMaterial,
  opts: {
    registryHost?: string | undefined
    healthTimeoutMs?: number | undefined
    signal?: AbortSignal
  } = {},
): Promise<ReplaceCertResult> {
  assertSecretsSafe(engine.resolved, "the registry's new private key (domain.key)")
  const check = checkCertMaterial(certs, { host: opts.registryHost, engineHost: engine.resolved.hostname })
  const info = await inspectRegistry(engine, name)
  const current = await readContainerFile(engine, name, `${CERTS_DIR}/${CERT_FILE}`)
  if (current !== undefined) {
    let sameCa: boolean
    try {
      sameCa = chainsTo(pemCertificates(current), pemCertificates(certs.caPem))
    } catch {
      sameCa = false
    }
    if (!sameCa) {
      throw new AppError({
        code: 'CERT_NOT_SAME_CA',
        kind: 'input',
        field: 'certs',
        message: `certs: the registry's current certificate was not issued by this ca.crt, so clients would have to trust a new CA`,
        hint: 'Issue the new server certificate from the CA that issued the current one.',
      })
    }
  }
  const labels = info.Config.Labels
  const store = labels[LABEL_CERT_STORE]
  const source = labels[LABEL_CERT_SOURCE] ?? ''
  const backups: string[] = []
  if (store === 'bind') {
    if (!engine.resolved.local)
      throw new AppError({
        code: 'NOT_LOCAL',
        message: `The certificates of "${name}" are a bind mount of ${source} on another machine`,
      })
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
    throw new AppError({ code: 'ENGINE_ERROR', message: `Restarting ${name} failed: ${engineMessage(err)}` })
  }
  const binding = info.HostConfig.PortBindings as
    Record<string, { HostPort?: string }[] | undefined> | undefined
  const port = Number(binding?.[`${CONTAINER_PORT}/tcp`]?.[0]?.HostPort ?? CONTAINER_PORT)
  const health = await healthWithLogs(engine, name, healthTarget(engine, check.identity, port, certs.caPem), {
    timeoutMs: opts.healthTimeoutMs,
    signal: opts.signal,
  })
  return { name, notAfter: check.notAfter, health, backups }
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
  const binding = info.HostConfig.PortBindings as
    Record<string, { HostPort?: string }[] | undefined> | undefined
  const port = Number(binding?.[`${CONTAINER_PORT}/tcp`]?.[0]?.HostPort ?? CONTAINER_PORT)
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
