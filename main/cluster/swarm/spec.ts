import type { ServiceSpec } from 'dockerode'
import { CONTAINER_PORT, DATA_DIR } from '../../docker/index'
import { SECRETS_DIR, TARGET_CERT, TARGET_CONFIG, TARGET_HTPASSWD, TARGET_KEY } from './config'
import { KIND_REDIS, KIND_SERVICE, LABEL_KIND, LABEL_REPLICAS, ownedLabels, type SecretRole } from './names'
import { UPDATE_PARALLELISM, type UpdateOrder } from './placement'
import { PROBE_PATH } from './probe'

export type PublishMode = 'ingress' | 'host'

/** The named volume at /var/lib/registry; `driver` (e.g. an NFS-backed `local` with type=nfs options) for many nodes. */
export interface SwarmVolume {
  name: string
  driver?: string | undefined
  options?: Record<string, string> | undefined
}

export interface SecretRef {
  id: string
  name: string
}

export interface RegistryServiceInput {
  name: string
  /** Pinned: the repository digest, else the image ID (no node tries a pull of a tag it cannot reach). */
  image: string
  port: number
  publishMode: PublishMode
  replicas: number
  secrets: Partial<Record<SecretRole, SecretRef>> & Record<'cert' | 'key' | 'config', SecretRef>
  /** The healthcheck probe (a Swarm config) and the placement it needs; none: no healthcheck. */
  probe?: { config: SecretRef; constraint: string } | undefined
  /** undefined with S3 storage (nothing on the nodes). */
  volume?: SwarmVolume | undefined
  network: string
  /** From the placement (placement.ts): start-first unless a fixed host port leaves no spare node. */
  updateOrder: UpdateOrder
}

const TARGETS: Record<SecretRole, string> = {
  cert: TARGET_CERT,
  key: TARGET_KEY,
  htpasswd: TARGET_HTPASSWD,
  config: TARGET_CONFIG,
}
const SECRET_MODE: Record<SecretRole, number> = { cert: 0o444, key: 0o400, htpasswd: 0o444, config: 0o400 }
const SECOND = 1_000_000_000

/** The secret references of a task: the file each secret becomes under /run/secrets. */
export function secretRefs(secrets: RegistryServiceInput['secrets']): object[] {
  return (Object.entries(secrets) as [SecretRole, SecretRef | undefined][])
    .filter((e): e is [SecretRole, SecretRef] => e[1] !== undefined)
    .map(([role, s]) => ({
      SecretID: s.id,
      SecretName: s.name,
      File: { Name: TARGETS[role], UID: '0', GID: '0', Mode: SECRET_MODE[role] },
    }))
}

/**
 * Rolling updates one task at a time; start-first (the new task started and healthy before the old one stops) unless
 * the placement leaves no spare node for it (placement.ts decides); a task that fails within the monitor window rolls
 * the whole update back, in the same order.
 */
export function updateConfig(order: UpdateOrder) {
  return {
    Parallelism: UPDATE_PARALLELISM,
    Delay: 0,
    FailureAction: 'rollback',
    Monitor: 5 * SECOND,
    MaxFailureRatio: 0,
    Order: order,
  }
}
export function rollbackConfig(order: UpdateOrder) {
  return {
    Parallelism: UPDATE_PARALLELISM,
    Delay: 0,
    FailureAction: 'pause',
    Monitor: 5 * SECOND,
    Order: order,
  }
}

function mounts(volume: SwarmVolume | undefined): object[] {
  if (volume === undefined) return []
  const driver =
    volume.driver === undefined
      ? {}
      : { DriverConfig: { Name: volume.driver, Options: volume.options ?? {} } }
  return [{ Type: 'volume', Source: volume.name, Target: DATA_DIR, VolumeOptions: { ...driver } }]
}

/** The registry as a replicated Swarm service: secrets, probe, storage, the published port, update policy. */
export function registryServiceSpec(i: RegistryServiceInput): ServiceSpec {
  const probe = i.probe
  return {
    Name: i.name,
    Labels: ownedLabels(i.name, { [LABEL_KIND]: KIND_SERVICE, [LABEL_REPLICAS]: String(i.replicas) }),
    TaskTemplate: {
      ContainerSpec: {
        Image: i.image,
        Args: [`${SECRETS_DIR}/${TARGET_CONFIG}`],
        Labels: ownedLabels(i.name),
        Secrets: secretRefs(i.secrets),
        ...(probe === undefined
          ? {}
          : {
              Configs: [
                {
                  ConfigID: probe.config.id,
                  ConfigName: probe.config.name,
                  File: { Name: PROBE_PATH, UID: '0', GID: '0', Mode: 0o555 },
                },
              ],
              Healthcheck: {
                Test: ['CMD', PROBE_PATH],
                Interval: SECOND,
                Timeout: 3 * SECOND,
                Retries: 3,
                StartPeriod: 10 * SECOND,
              },
            }),
        Mounts: mounts(i.volume),
        StopGracePeriod: 15 * SECOND,
      },
      Placement: probe === undefined ? {} : { Constraints: [probe.constraint] },
      RestartPolicy: { Condition: 'any', Delay: SECOND, MaxAttempts: 0 },
      Networks: [{ Target: i.network }],
    },
    Mode: { Replicated: { Replicas: i.replicas } },
    UpdateConfig: updateConfig(i.updateOrder),
    RollbackConfig: rollbackConfig(i.updateOrder),
    EndpointSpec: {
      Mode: 'vip',
      Ports: [
        {
          Protocol: 'tcp',
          TargetPort: CONTAINER_PORT,
          // host mode with port 0: each task on a port of its own (for a load balancer that follows the tasks).
          ...(i.publishMode === 'host' && i.port === 0 ? {} : { PublishedPort: i.port }),
          PublishMode: i.publishMode,
        },
      ],
    },
  } as ServiceSpec
}

/** The Redis blob-descriptor cache: one task of the user's image on the registry's network, nothing published. */
export function redisServiceSpec(name: string, owner: string, image: string, network: string): ServiceSpec {
  return {
    Name: name,
    Labels: ownedLabels(owner, { [LABEL_KIND]: KIND_REDIS }),
    TaskTemplate: {
      ContainerSpec: { Image: image, Labels: ownedLabels(owner) },
      RestartPolicy: { Condition: 'any', Delay: SECOND },
      Networks: [{ Target: network }],
    },
    Mode: { Replicated: { Replicas: 1 } },
  }
}
