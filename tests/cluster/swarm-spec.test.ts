// The Swarm service's parts without an engine: the config the replicas run, the service spec, the probe binary.
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  healthProbe,
  PROBE_PATH,
  registryConfigYaml,
  registryServiceSpec,
  UPDATE_CONFIG,
} from '../../main/cluster/swarm/index'

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
  })

  it('start-first, one at a time, rolled back on failure; published through the routing mesh', () => {
    expect(UPDATE_CONFIG).toMatchObject({ Order: 'start-first', FailureAction: 'rollback', Parallelism: 1 })
    expect(spec).toMatchObject({
      UpdateConfig: UPDATE_CONFIG,
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
