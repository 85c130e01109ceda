// The Swarm service's parts without an engine: the config the replicas run, the service spec, the probe binary.
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  decideUpdateOrder,
  eligibleNodes,
  healthProbe,
  matchesConstraint,
  PROBE_PATH,
  registryConfigYaml,
  registryServiceSpec,
  servicePlacement,
  updateConfig,
  type NodeFacts,
  type ServiceInfo,
} from '../../main/cluster/swarm/index'
import { AppError } from '../../main/errors'
import { englishTranslator } from '../../main/messages/index'

describe('registryConfigYaml', () => {
  it('shares http.secret, reads TLS and htpasswd from /run/secrets, S3 keys and Redis in the same secret', () => {
    const c = parse(
      registryConfigYaml({
        httpSecret: 'abc',
        auth: true,
        deleteEnabled: true,
        s3: {
          bucket: 'b',
          region: 'eu-1',
          regionEndpoint: 'https://s3.lan:9000',
          accessKey: 'AK',
          secretKey: 'SK',
        },
        redisAddr: 'reg-redis:6379',
      }),
    ) as Record<string, Record<string, unknown>>
    expect(c['http']).toMatchObject({
      secret: 'abc',
      tls: { certificate: '/run/secrets/domain.crt', key: '/run/secrets/domain.key' },
    })
    expect(c['auth']).toEqual({ htpasswd: { realm: 'Registry Wizard', path: '/run/secrets/htpasswd' } })
    expect(c['storage']).toEqual({
      s3: {
        bucket: 'b',
        region: 'eu-1',
        accesskey: 'AK',
        secretkey: 'SK',
        regionendpoint: 'https://s3.lan:9000',
      },
      cache: { blobdescriptor: 'redis' },
      delete: { enabled: true },
    })
    expect(c['redis']).toEqual({ addr: 'reg-redis:6379' })
  })

  it('without S3: the filesystem driver at /var/lib/registry and an in-memory cache; no auth section', () => {
    const c = parse(registryConfigYaml({ httpSecret: 'x', auth: false })) as Record<string, unknown>
    expect(c['storage']).toEqual({
      filesystem: { rootdirectory: '/var/lib/registry' },
      cache: { blobdescriptor: 'inmemory' },
    })
    expect(c['auth']).toBeUndefined()
  })
})

describe('registryServiceSpec', () => {
  const ref = (id: string) => ({ id, name: `n-${id}` })
  const spec = registryServiceSpec({
    name: 'reg',
    image: 'sha256:1',
    port: 5443,
    publishMode: 'ingress',
    replicas: 3,
    secrets: { cert: ref('c'), key: ref('k'), config: ref('cfg') },
    probe: { config: ref('p'), constraint: 'node.platform.arch==x86_64' },
    volume: {
      name: 'reg-data',
      driver: 'local',
      options: { type: 'nfs', o: 'addr=10.0.0.9', device: ':/export' },
    },
    network: 'reg-net',
    updateOrder: 'start-first',
  })

  it('start-first, one at a time, rolled back on failure; published through the routing mesh', () => {
    expect(updateConfig('start-first')).toMatchObject({
      Order: 'start-first',
      FailureAction: 'rollback',
      Parallelism: 1,
    })
    expect(spec).toMatchObject({
      UpdateConfig: updateConfig('start-first'),
      RollbackConfig: { Order: 'start-first' },
      EndpointSpec: {
        Ports: [{ Protocol: 'tcp', TargetPort: 5000, PublishedPort: 5443, PublishMode: 'ingress' }],
      },
      Mode: { Replicated: { Replicas: 3 } },
    })
  })

  it('the key is a 0400 secret file, the config is the command argument, the probe is the healthcheck', () => {
    expect(spec).toMatchObject({
      TaskTemplate: {
        Placement: { Constraints: ['node.platform.arch==x86_64'] },
        ContainerSpec: {
          Args: ['/run/secrets/registry-config.yml'],
          Healthcheck: { Test: ['CMD', PROBE_PATH] },
          Configs: [{ ConfigID: 'p', File: { Name: PROBE_PATH, Mode: 0o555 } }],
          Mounts: [
            {
              Type: 'volume',
              Source: 'reg-data',
              Target: '/var/lib/registry',
              VolumeOptions: {
                DriverConfig: {
                  Name: 'local',
                  Options: { type: 'nfs', o: 'addr=10.0.0.9', device: ':/export' },
                },
              },
            },
          ],
        },
      },
    })
    const cs = JSON.stringify(spec.TaskTemplate)
    expect(cs).toContain(
      JSON.stringify({
        SecretID: 'k',
        SecretName: 'n-k',
        File: { Name: 'domain.key', UID: '0', GID: '0', Mode: 0o400 },
      }),
    )
    expect(cs).not.toContain('"Env"')
  })
})

describe('healthProbe', () => {
  it('is a static x86-64 ELF executable of a few hundred bytes; none for an architecture without one', () => {
    const p = healthProbe('x86_64')
    expect(p).toBeDefined()
    const b = p?.binary ?? Buffer.alloc(0)
    expect(b.subarray(0, 4).toString('latin1')).toBe('\x7fELF')
    expect(b.readUInt16LE(18)).toBe(0x3e)
    expect(b.length).toBeLessThan(512)
    expect(healthProbe('riscv64')).toBeUndefined()
  })
})

describe('placement: the update order and the host-port refusal', () => {
  const node = (over: Partial<NodeFacts> = {}): NodeFacts => ({
    id: 'n1',
    hostname: 'node-1',
    role: 'manager',
    os: 'linux',
    arch: 'x86_64',
    labels: { zone: 'a' },
    engineLabels: {},
    schedulable: true,
    ...over,
  })
  const host = (replicas: number, port = 5443) => ({
    publishMode: 'host' as const,
    port,
    replicas,
    constraints: [],
  })

  it('ingress and host port 0 hold no port: start-first whatever the nodes', () => {
    expect(decideUpdateOrder({ ...host(5), publishMode: 'ingress' }, 1)).toBe('start-first')
    expect(decideUpdateOrder(host(5, 0), 1)).toBe('start-first')
    expect(decideUpdateOrder({ ...host(3), publishMode: 'ingress' }, 0)).toBe('start-first')
  })

  it('host + fixed port: start-first only with a spare eligible node, else stop-first', () => {
    expect(decideUpdateOrder(host(1), 2)).toBe('start-first')
    expect(decideUpdateOrder(host(2), 3)).toBe('start-first')
    expect(decideUpdateOrder(host(1), 1)).toBe('stop-first')
    expect(decideUpdateOrder(host(3), 3)).toBe('stop-first')
  })

  it('host + fixed port: more replicas than eligible nodes is refused with replicas, nodes and port', () => {
    let err: unknown
    try {
      decideUpdateOrder(host(2), 1, 'replicas')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(AppError)
    const e = err as AppError
    expect(e.code).toBe('SWARM_HOST_PORT_REPLICAS')
    expect(e.kind).toBe('input')
    expect(e.field).toBe('replicas')
    const text = englishTranslator().text('error.SWARM_HOST_PORT_REPLICAS.message', e.params)
    expect(text).toMatch(/fixed port 5443.*only 1 node\(s\).*2 replicas/)
  })

  it('constraints as swarmkit reads them; only Ready+Active nodes count', () => {
    expect(matchesConstraint(node(), 'node.platform.arch==x86_64')).toBe(true)
    expect(matchesConstraint(node(), 'node.platform.arch == X86_64')).toBe(true)
    expect(matchesConstraint(node({ arch: 'aarch64' }), 'node.platform.arch==x86_64')).toBe(false)
    expect(matchesConstraint(node(), 'node.role!=worker')).toBe(true)
    expect(matchesConstraint(node(), 'node.labels.zone==a')).toBe(true)
    expect(matchesConstraint(node(), 'node.labels.disk!=ssd')).toBe(true)
    expect(matchesConstraint(node(), 'node.unknown==x')).toBe(false)
    const nodes = [
      node(),
      node({ id: 'n2', schedulable: false }),
      node({ id: 'n3', arch: 'aarch64' }),
      node({ id: 'n4' }),
    ]
    expect(eligibleNodes(nodes, ['node.platform.arch==x86_64']).map((n) => n.id)).toEqual(['n1', 'n4'])
  })

  it("reads an existing service's placement (a stopped service: the replicas it restarts with)", () => {
    const s = {
      Spec: {
        Mode: { Replicated: { Replicas: 0 } },
        EndpointSpec: { Ports: [{ PublishedPort: 5443, PublishMode: 'host' }] },
        TaskTemplate: { ContainerSpec: {}, Placement: { Constraints: ['node.platform.arch==x86_64'] } },
      },
    } as unknown as ServiceInfo
    expect(servicePlacement(s, 2)).toEqual({
      publishMode: 'host',
      port: 5443,
      replicas: 2,
      constraints: ['node.platform.arch==x86_64'],
    })
  })
})
