import { AppError } from '../../errors'
import { engineCallFailed, rawError, type Engine } from '../../docker/index'
import { cancelled } from '../../jobs/abort'
import { message } from '../../messages/index'
import { LABEL_KIND, LABEL_OWNER, LABEL_ROLE, ownedLabels, type SecretRole } from './names'
import type { SecretRef } from './spec'

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** A Swarm secret with our labels; its data is sent once and can never be read back through the API. */
export async function createSecret(
  engine: Engine,
  owner: string,
  role: SecretRole,
  name: string,
  data: string,
  labels: Record<string, string> = {},
): Promise<SecretRef> {
  try {
    const r = (await engine.docker.createSecret({
      Name: name,
      Labels: ownedLabels(owner, { [LABEL_ROLE]: role, ...labels }),
      Data: Buffer.from(data).toString('base64'),
    })) as { id?: string; ID?: string }
    return { id: r.id ?? r.ID ?? '', name }
  } catch (err) {
    throw engineCallFailed(message('swarm.action.createSecret', { name }), err)
  }
}

/** A Swarm config (not secret: the probe binary) with our labels. */
export async function createConfig(
  engine: Engine,
  owner: string,
  name: string,
  data: Buffer,
): Promise<SecretRef> {
  try {
    const r = (await engine.docker.createConfig({
      Name: name,
      Labels: ownedLabels(owner, { [LABEL_KIND]: 'probe' }),
      Data: data.toString('base64'),
    })) as { id?: string; ID?: string }
    return { id: r.id ?? r.ID ?? '', name }
  } catch (err) {
    throw engineCallFailed(message('swarm.action.createConfig', { name }), err)
  }
}

const ownerFilter = (owner: string): string => JSON.stringify({ label: [`${LABEL_OWNER}=${owner}`] })

/** Our secrets and configs of one service: every one we made carries LABEL_OWNER=name. */
export async function ownedSecrets(
  engine: Engine,
  owner: string,
): Promise<{ id: string; name: string; role: string }[]> {
  const list = await engine.docker.listSecrets({ filters: ownerFilter(owner) })
  return list.map((s) => ({
    id: s.ID,
    name: s.Spec?.Name ?? '',
    role: s.Spec?.Labels?.[LABEL_ROLE] ?? '',
  }))
}

export async function ownedConfigs(engine: Engine, owner: string): Promise<{ id: string; name: string }[]> {
  const list = (await engine.docker.listConfigs({ filters: ownerFilter(owner) })) as {
    ID: string
    Spec?: { Name?: string }
  }[]
  return list.map((c) => ({ id: c.ID, name: c.Spec?.Name ?? '' }))
}

/**
 * Removes a secret, config, network or volume, retrying while the engine still says it is in use (tasks of a
 * removed service take a few seconds to stop); true when removed or already gone.
 */
export async function removeWhenFree(remove: () => Promise<unknown>, timeoutMs = 60_000): Promise<boolean> {
  const until = Date.now() + timeoutMs
  for (;;) {
    try {
      await remove()
      return true
    } catch (err) {
      if (rawError(err).statusCode === 404) return true
      if (Date.now() >= until) throw err
      await sleep(500)
    }
  }
}

export async function removeSecret(engine: Engine, id: string, timeoutMs?: number): Promise<boolean> {
  return removeWhenFree(() => engine.docker.getSecret(id).remove(), timeoutMs)
}

export interface ServiceInfo {
  ID: string
  Version: { Index: number }
  Spec: Record<string, unknown> & {
    Name: string
    Labels?: Record<string, string>
    TaskTemplate: {
      ContainerSpec: { Secrets?: { SecretID: string; SecretName: string; File: { Name: string } }[] }
    }
    Mode?: { Replicated?: { Replicas?: number } }
    EndpointSpec?: { Ports?: { PublishedPort?: number; PublishMode?: string }[] }
  }
  PreviousSpec?: Record<string, unknown>
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string }
  Endpoint?: { Ports?: { PublishedPort?: number; PublishMode?: string }[] }
  CreatedAt?: string
  UpdatedAt?: string
}

/** The service NAME, or undefined when there is none (or the engine is no Swarm manager). */
export async function findService(engine: Engine, name: string): Promise<ServiceInfo | undefined> {
  try {
    return (await engine.docker.getService(name).inspect()) as ServiceInfo
  } catch (err) {
    const status = rawError(err).statusCode
    if (status === 404 || status === 503) return undefined
    throw engineCallFailed(message('swarm.action.inspectService', { name }), err)
  }
}

/** The service NAME that we created; SWARM_SERVICE_NOT_FOUND / NOT_MANAGED otherwise. */
export async function ourService(engine: Engine, name: string): Promise<ServiceInfo> {
  const s = await findService(engine, name)
  if (s === undefined)
    throw new AppError({ code: 'SWARM_SERVICE_NOT_FOUND', params: { name, engine: engine.resolved.display } })
  if (s.Spec.Labels?.[LABEL_OWNER] !== name) throw new AppError({ code: 'NOT_MANAGED', params: { name } })
  return s
}

/** Sends a changed spec (the version read with it, so a concurrent change is refused rather than lost). */
export async function updateService(
  engine: Engine,
  s: ServiceInfo,
  spec: Record<string, unknown>,
  query: Record<string, string> = {},
): Promise<void> {
  try {
    await engine.docker
      .getService(s.ID)
      .update({ _query: { version: s.Version.Index, ...query }, _body: spec })
  } catch (err) {
    throw engineCallFailed(message('swarm.action.updateService', { name: s.Spec.Name }), err)
  }
}

export const checkAborted = (signal: AbortSignal | undefined): void => {
  if (signal?.aborted) throw cancelled(signal.reason)
}
export { sleep }
