// Where the service's tasks can run, and what that means for its rolling updates: host mode with a fixed port holds
// that port on the task's node, so a node runs at most one task, and a start-first update needs a spare node.
import { AppError } from '../../errors'
import { engineCallFailed, type Engine } from '../../docker/index'
import { message, type Message } from '../../messages/index'
import type { ServiceInfo } from './objects'
import type { PublishMode } from './spec'

export type UpdateOrder = 'start-first' | 'stop-first'

/** Tasks an update replaces at once (UpdateConfig.Parallelism). */
export const UPDATE_PARALLELISM = 1

/** What a placement constraint can name of a node (swarmkit's keys). */
export interface NodeFacts {
  id: string
  hostname: string
  role: string
  os: string
  arch: string
  labels: Record<string, string>
  engineLabels: Record<string, string>
  /** Status Ready and availability Active: the scheduler gives it tasks. */
  schedulable: boolean
}

interface RawNode {
  ID: string
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string> }
  Description?: {
    Hostname?: string
    Platform?: { OS?: string; Architecture?: string }
    Engine?: { Labels?: Record<string, string> }
  }
  Status?: { State?: string }
}

export async function swarmNodes(engine: Engine): Promise<NodeFacts[]> {
  let raw: RawNode[]
  try {
    raw = (await engine.docker.listNodes()) as RawNode[]
  } catch (err) {
    throw engineCallFailed(message('swarm.action.listNodes'), err)
  }
  return raw.map((n) => ({
    id: n.ID,
    hostname: n.Description?.Hostname ?? '',
    role: n.Spec?.Role ?? '',
    os: n.Description?.Platform?.OS ?? '',
    arch: n.Description?.Platform?.Architecture ?? '',
    labels: n.Spec?.Labels ?? {},
    engineLabels: n.Description?.Engine?.Labels ?? {},
    schedulable: n.Status?.State === 'ready' && n.Spec?.Availability === 'active',
  }))
}

function factOf(node: NodeFacts, key: string): string | undefined {
  const fixed: Record<string, string> = {
    'node.id': node.id,
    'node.hostname': node.hostname,
    'node.role': node.role,
    'node.platform.os': node.os,
    'node.platform.arch': node.arch,
  }
  if (key in fixed) return fixed[key]
  if (key.startsWith('node.labels.')) return node.labels[key.slice('node.labels.'.length)]
  if (key.startsWith('engine.labels.')) return node.engineLabels[key.slice('engine.labels.'.length)]
  return undefined
}

/**
 * One constraint `key==value` / `key!=value` as swarmkit reads it (values compared without case). A key it does
 * not know matches no node (swarmkit refuses such a service anyway).
 */
export function matchesConstraint(node: NodeFacts, constraint: string): boolean {
  const m = /^\s*([\w.-]+)\s*(==|!=)\s*(.*?)\s*$/.exec(constraint)
  if (m === null) return false
  const [, key = '', op, want = ''] = m
  const known = key.startsWith('node.labels.') || key.startsWith('engine.labels.')
  const fact = factOf(node, key)
  if (fact === undefined && !known) return false
  const equal = fact !== undefined && fact.toLowerCase() === want.toLowerCase()
  return op === '==' ? equal : !equal
}

export const eligibleNodes = (nodes: NodeFacts[], constraints: readonly string[]): NodeFacts[] =>
  nodes.filter((n) => n.schedulable && constraints.every((c) => matchesConstraint(n, c)))

export interface Placement {
  publishMode: PublishMode
  /** 0 with host mode: a port per task (nothing held). */
  port: number
  replicas: number
  constraints: readonly string[]
}

export const fixedHostPort = (p: Pick<Placement, 'publishMode' | 'port'>): boolean =>
  p.publishMode === 'host' && p.port !== 0

/**
 * The rule: in host mode with a fixed port each eligible node runs at most one task, so more replicas than eligible
 * nodes are refused (SWARM_HOST_PORT_REPLICAS), and an update is start-first only when every task it replaces at
 * once has a spare eligible node to start on; else stop-first. Ingress and host port 0 hold no port: start-first.
 */
export function decideUpdateOrder(p: Placement, eligible: number, field?: 'replicas'): UpdateOrder {
  if (!fixedHostPort(p)) return 'start-first'
  if (p.replicas > eligible)
    throw new AppError({
      code: 'SWARM_HOST_PORT_REPLICAS',
      kind: 'input',
      ...(field === undefined ? {} : { field }),
      params: { replicas: p.replicas, nodes: eligible, port: p.port },
    })
  return eligible - p.replicas >= UPDATE_PARALLELISM ? 'start-first' : 'stop-first'
}

/** What a stop-first update costs, said where the order is reported (start result, replace-cert, restart). */
export const stopFirstNotice = (p: Pick<Placement, 'port'>, nodes: number): Message =>
  message('swarm.notice.stopFirst', { port: p.port, nodes })

/** The order for this placement on the nodes the engine has now (refused as above). */
export async function placementOrder(
  engine: Engine,
  p: Placement,
  field?: 'replicas',
): Promise<{ order: UpdateOrder; eligible: number }> {
  if (!fixedHostPort(p)) return { order: 'start-first', eligible: 0 }
  const eligible = eligibleNodes(await swarmNodes(engine), p.constraints).length
  return { order: decideUpdateOrder(p, eligible, field), eligible }
}

/** The placement an existing service asks for (its replicas: `replicas` when given, e.g. a restart after a stop). */
export function servicePlacement(s: ServiceInfo, replicas?: number): Placement {
  const port = s.Spec.EndpointSpec?.Ports?.[0]
  const template = s.Spec.TaskTemplate as { Placement?: { Constraints?: string[] } }
  return {
    publishMode: port?.PublishMode === 'host' ? 'host' : 'ingress',
    port: port?.PublishedPort ?? 0,
    replicas: replicas ?? s.Spec.Mode?.Replicated?.Replicas ?? 1,
    constraints: template.Placement?.Constraints ?? [],
  }
}
