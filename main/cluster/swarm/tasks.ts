import { AppError } from '../../errors'
import type { Engine } from '../../docker/index'
import { checkAborted, sleep, type ServiceInfo } from './objects'

export interface TaskInfo {
  id: string
  slot: number | undefined
  nodeId: string
  desired: string
  state: string
  error: string | undefined
  containerId: string | undefined
  /** Host-mode published port of this task (each task its own), when published in host mode. */
  hostPort: number | undefined
  updatedAt: string | undefined
}

interface RawTask {
  ID: string
  Slot?: number
  NodeID?: string
  DesiredState?: string
  UpdatedAt?: string
  Status?: {
    State?: string
    Err?: string
    ContainerStatus?: { ContainerID?: string }
    PortStatus?: { Ports?: { PublishedPort?: number; PublishMode?: string }[] }
  }
}

export async function serviceTasks(engine: Engine, serviceId: string): Promise<TaskInfo[]> {
  const raw = (await engine.docker.listTasks({
    filters: JSON.stringify({ service: [serviceId] }),
  })) as RawTask[]
  return raw.map((t) => ({
    id: t.ID,
    slot: t.Slot,
    nodeId: t.NodeID ?? '',
    desired: t.DesiredState ?? '',
    state: t.Status?.State ?? '',
    error: t.Status?.Err,
    containerId: t.Status?.ContainerStatus?.ContainerID,
    hostPort: t.Status?.PortStatus?.Ports?.find((p) => p.PublishMode === 'host')?.PublishedPort,
    updatedAt: t.UpdatedAt,
  }))
}

/** The tasks that serve: meant to run and running (with a healthcheck Swarm reports running only once healthy). */
export const serving = (tasks: TaskInfo[]): TaskInfo[] =>
  tasks.filter((t) => t.desired === 'running' && t.state === 'running')

/**
 * Waits until `replicas` tasks serve. A timeout fails with SWARM_TASKS_FAILED carrying the last task errors (the
 * engine's words: a missing image, a port taken, a failing healthcheck).
 */
export async function waitTasks(
  engine: Engine,
  s: Pick<ServiceInfo, 'ID'> & { Spec: { Name: string } },
  replicas: number,
  opts: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<TaskInfo[]> {
  const start = Date.now()
  let tasks: TaskInfo[]
  for (;;) {
    checkAborted(opts.signal)
    tasks = await serviceTasks(engine, s.ID)
    const up = serving(tasks)
    if (up.length >= replicas) return up
    if (Date.now() - start >= opts.timeoutMs) break
    await sleep(500)
  }
  const errors = [...new Set(tasks.map((t) => t.error).filter((e): e is string => !!e))].slice(0, 5)
  throw new AppError({
    code: 'SWARM_TASKS_FAILED',
    params: {
      name: s.Spec.Name,
      running: serving(tasks).length,
      replicas,
      seconds: Math.round(opts.timeoutMs / 1000),
      errors: errors.length === 0 ? '-' : errors.join('; '),
    },
  })
}

/** Where a client reaches the service from here: the routing mesh on the engine's host, or each task's host port. */
export interface ServiceEndpoint {
  host: string
  port: number
  taskId: string | undefined
}

async function nodeAddress(engine: Engine, nodeId: string, cache: Map<string, string>): Promise<string> {
  const known = cache.get(nodeId)
  if (known !== undefined) return known
  const node = (await engine.docker.getNode(nodeId).inspect()) as { Status?: { Addr?: string } }
  const addr = node.Status?.Addr ?? engine.resolved.hostname
  cache.set(nodeId, addr)
  return addr
}

/**
 * The addresses to probe: ingress: the published port on the engine's host (any node answers through the mesh);
 * host mode: every serving task on its node's address (the engine's host for the node we talk to).
 */
export async function serviceEndpoints(
  engine: Engine,
  s: ServiceInfo,
  managerNode: string,
): Promise<ServiceEndpoint[]> {
  const port = s.Spec.EndpointSpec?.Ports?.[0]
  if (port?.PublishMode !== 'host')
    return [{ host: engine.resolved.hostname, port: port?.PublishedPort ?? 0, taskId: undefined }]
  const cache = new Map<string, string>([[managerNode, engine.resolved.hostname]])
  const out: ServiceEndpoint[] = []
  for (const t of serving(await serviceTasks(engine, s.ID)))
    if (t.hostPort !== undefined)
      out.push({ host: await nodeAddress(engine, t.nodeId, cache), port: t.hostPort, taskId: t.id })
  return out
}
