// Test parts for the Swarm suites: `registry start --swarm` runs and their checked result, a load balancer that
// follows the service's tasks through the Engine API (what Traefik's Swarm provider does), requests over new
// connections, which task answered a request (its log), and what is left named for a service.
import { createServer, connect, type Server, type Socket } from 'node:net'
import { request } from 'node:https'
import { expect } from 'vitest'
import {
  findService,
  serviceEndpoints,
  serviceTasks,
  serving,
  type ServiceEndpoint,
  type TaskInfo,
} from '../../main/cluster/swarm/index'
import { demuxLogs, registryTlsOptions, type Engine, type HealthTarget } from '../../main/docker/index'
import { run } from '../support/rw-reg-fixtures'

export interface SwarmStart {
  certDir: string
  name: string
  replicas: number
  port: number
  publishMode: 'ingress' | 'host'
}

/** The arguments of `registry start --swarm ... --json`. */
export const swarmStartArgs = (o: SwarmStart): string[] => [
  'registry',
  'start',
  '--swarm',
  '--certs',
  o.certDir,
  '--name',
  o.name,
  '--replicas',
  String(o.replicas),
  '--port',
  String(o.port),
  '--publish-mode',
  o.publishMode,
  '--json',
]

export interface StartedService {
  serviceId: string
  healthcheck: boolean
  updateOrder: string
  notices: string[]
  /** The tasks serving once the start returned (desired running, running). */
  tasks: TaskInfo[]
}

/**
 * A `registry start --swarm --json` run that must have succeeded: exit 0, no error, the health probe in the service;
 * its JSON result with the tasks serving now.
 */
export async function startedService(
  engine: Engine,
  r: { code: number; out: string; err: string },
): Promise<StartedService> {
  expect(r.err).not.toMatch(/Error/)
  expect(r.code, r.err).toBe(0)
  const out = JSON.parse(r.out) as Omit<StartedService, 'tasks'>
  expect(out.healthcheck).toBe(true)
  return { ...out, tasks: serving(await serviceTasks(engine, out.serviceId)) }
}

export interface FollowingLb {
  port: number
  /** The backends now (serving tasks: desired running, running = healthy by the probe). */
  backends: () => ServiceEndpoint[]
  close: () => Promise<void>
}

/**
 * Round robin over the service's serving tasks, refreshed every 100 ms from the engine; no retry on a failed
 * backend (a failure reaches the client, so the test sees it). For host-mode publishing (no IPVS in the kernel).
 */
export async function followingLb(engine: Engine, name: string, nodeId: string): Promise<FollowingLb> {
  let backends: ServiceEndpoint[] = []
  let next = 0
  const run = { stopped: false }
  const refresh = async (): Promise<void> => {
    const s = await findService(engine, name)
    if (s !== undefined) backends = await serviceEndpoints(engine, s, nodeId)
  }
  await refresh()
  const loop = (async () => {
    while (!run.stopped) {
      await refresh().catch(() => undefined)
      await new Promise((r) => setTimeout(r, 100))
    }
  })()
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    sockets.add(client)
    const b = backends[next++ % Math.max(1, backends.length)]
    if (b === undefined) return client.destroy()
    const up = connect(b.port, b.host)
    sockets.add(up)
    client.pipe(up).pipe(client)
    const end = (): void => {
      client.destroy()
      up.destroy()
    }
    up.on('error', end)
    client.on('error', end)
    up.on('close', end)
    client.on('close', end)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  return {
    port,
    backends: () => backends,
    close: async () => {
      run.stopped = true
      await loop
      for (const s of sockets) s.destroy()
      await new Promise((r) => server.close(r))
    },
  }
}

/** One HTTPS request on a new connection, trusting only the CA; `ua` marks it in the registry's log. */
export function call(
  t: HealthTarget,
  method: string,
  path: string,
  ua: string,
  body?: Buffer,
): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...registryTlsOptions(t),
        method,
        path,
        timeout: 10_000,
        headers: {
          'user-agent': ua,
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/octet-stream', 'content-length': body.length }),
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: text }),
        )
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(body)
  })
}

/** The task whose registry logged a request with this User-Agent (its log line "response completed"). */
export async function answeredBy(engine: Engine, serviceId: string, ua: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    for (const t of await serviceTasks(engine, serviceId)) {
      if (t.containerId === undefined || t.desired !== 'running') continue
      const raw = await engine.docker
        .getContainer(t.containerId)
        .logs({ stdout: true, stderr: true, follow: false })
      if (new RegExp(`http\\.request\\.useragent="?${ua}[\\s"]`).test(demuxLogs(raw))) return t.id
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`no task logged the request ${ua}`)
}

/**
 * Names in `docker secret|config|volume|network|service ls` that start with `name` (made for it), on the test dockerd
 * or on the engine at `host` (a worker node: only volumes and networks there, secrets/configs/services are the
 * manager's).
 */
export async function objectsNamed(name: string, host?: string): Promise<string[]> {
  const h = host === undefined ? [] : ['-H', host]
  const kinds =
    host === undefined ? ['secret', 'config', 'volume', 'network', 'service'] : ['volume', 'network']
  const found: string[] = []
  for (const kind of kinds) {
    const ls = (await run('docker', [...h, kind, 'ls', '--format', '{{.Name}}'])).stdout.split('\n')
    found.push(...ls.filter((n) => n.startsWith(name)).map((n) => `${kind} ${n}`))
  }
  return found
}
