import { X509Certificate } from 'node:crypto'
import { daysLeft } from '../../dates'
import {
  checkContainerName,
  healthTarget,
  waitHealthy,
  type Engine,
  type HealthResult,
} from '../../docker/index'
import { type Message } from '../../messages/index'
import { dnLine } from '../../pki/pem'
import { assertSwarmManager } from './manager'
import { LABEL_REPLICAS } from './names'
import { ourService, updateService, type ServiceInfo } from './objects'
import { placementOrder, servicePlacement, stopFirstNotice, type UpdateOrder } from './placement'
import { certFingerprint, servedCertificate } from './served'
import { serviceEndpoints, serviceTasks, serving, type ServiceEndpoint, type TaskInfo } from './tasks'
import { forced, rollingUpdate } from './update'

export interface SwarmStatus {
  name: string
  serviceId: string
  image: string
  replicas: number
  running: number
  publishMode: string
  port: number | undefined
  endpoints: ServiceEndpoint[]
  tasks: Pick<TaskInfo, 'id' | 'slot' | 'nodeId' | 'state' | 'desired' | 'error' | 'hostPort'>[]
  secrets: string[]
  updateState: string | undefined
  servedCert:
    { notAfter: string; daysLeft: number; subject: string; issuer: string; fingerprint: string } | undefined
}

async function servedCert(e: ServiceEndpoint | undefined, now: Date): Promise<SwarmStatus['servedCert']> {
  if (e === undefined) return undefined
  try {
    const { pem } = await servedCertificate(e.host, e.port)
    const cert = new X509Certificate(pem)
    const notAfter = new Date(cert.validTo)
    return {
      notAfter: notAfter.toISOString(),
      daysLeft: daysLeft(notAfter, now),
      subject: dnLine(cert.subject),
      issuer: dnLine(cert.issuer),
      fingerprint: certFingerprint(pem),
    }
  } catch {
    return undefined
  }
}

const replicasOf = (s: ServiceInfo): number => s.Spec.Mode?.Replicated?.Replicas ?? 0

export async function swarmStatus(
  engine: Engine,
  name: string,
  now: Date = new Date(),
): Promise<SwarmStatus> {
  checkContainerName(name)
  const { nodeId } = await assertSwarmManager(engine)
  const s = await ourService(engine, name)
  const tasks = (await serviceTasks(engine, s.ID)).filter((t) => t.desired === 'running')
  const endpoints = await serviceEndpoints(engine, s, nodeId)
  const port = s.Spec.EndpointSpec?.Ports?.[0]
  const container = s.Spec.TaskTemplate.ContainerSpec as {
    Image?: string
    Secrets?: { SecretName: string }[]
  }
  return {
    name,
    serviceId: s.ID,
    image: container.Image ?? '',
    replicas: replicasOf(s),
    running: serving(tasks).length,
    publishMode: port?.PublishMode ?? 'ingress',
    port: port?.PublishedPort,
    endpoints,
    tasks: tasks.map(({ id, slot, nodeId: node, state, desired, error, hostPort }) => ({
      id,
      slot,
      nodeId: node,
      state,
      desired,
      error,
      hostPort,
    })),
    secrets: (container.Secrets ?? []).map((x) => x.SecretName),
    updateState: s.UpdateStatus?.State,
    servedCert: await servedCert(endpoints[0], now),
  }
}

/** Scales the service to 0 tasks (its replica count stays in a label for restart). */
export async function stopSwarmRegistry(engine: Engine, name: string): Promise<void> {
  await assertSwarmManager(engine)
  const s = await ourService(engine, name)
  await updateService(engine, s, { ...s.Spec, Mode: { Replicated: { Replicas: 0 } } })
}

export interface SwarmRestartResult {
  health: HealthResult
  updateOrder: UpdateOrder
  notices: Message[]
}

/**
 * A rolling restart (every task replaced, health-gated; start-first unless a fixed host port leaves no spare node,
 * placement.ts), or after a stop the replica count back; then the health poll against our CA on every endpoint.
 */
export async function restartSwarmRegistry(
  engine: Engine,
  name: string,
  caPem: string,
  opts: { registryHost?: string | undefined; healthTimeoutMs?: number | undefined } = {},
): Promise<SwarmRestartResult> {
  const { nodeId } = await assertSwarmManager(engine)
  const s = await ourService(engine, name)
  const wanted = Number(s.Spec.Labels?.[LABEL_REPLICAS] ?? '1') || 1
  const spec = forced(s)
  if (replicasOf(s) === 0) spec['Mode'] = { Replicated: { Replicas: wanted } }
  const p = servicePlacement(s, replicasOf(s) === 0 ? wanted : undefined)
  const { order, eligible } = await placementOrder(engine, p)
  const timeoutMs = opts.healthTimeoutMs ?? 120_000
  const now = await rollingUpdate(engine, s, spec, { order, timeoutMs })
  let health: HealthResult = { status: 0, elapsedMs: 0, attempts: 0 }
  for (const e of await serviceEndpoints(engine, now, nodeId)) {
    const identity = opts.registryHost ?? e.host
    health = await waitHealthy(
      { ...healthTarget(engine, identity, e.port, caPem), connectHost: e.host },
      { timeoutMs },
    )
  }
  return { health, updateOrder: order, notices: order === 'stop-first' ? [stopFirstNotice(p, eligible)] : [] }
}
