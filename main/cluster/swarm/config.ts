import { randomBytes } from 'node:crypto'
import { stringify } from 'yaml'
import { CONTAINER_PORT, DATA_DIR, HTPASSWD_REALM } from '../../docker/index'

/** Where the secrets are mounted in each task (Swarm's /run/secrets/TARGET). */
export const SECRETS_DIR = '/run/secrets'
export const TARGET_CERT = 'domain.crt'
export const TARGET_KEY = 'domain.key'
export const TARGET_HTPASSWD = 'htpasswd'
export const TARGET_CONFIG = 'registry-config.yml'
export const REDIS_PORT = 6379

/** The registry's S3 storage driver settings; the keys end up only in the config secret. */
export interface S3Storage {
  bucket: string
  region: string
  /** A non-AWS endpoint (MinIO, Ceph RGW...): https://HOST:PORT. */
  regionEndpoint?: string | undefined
  accessKey: string
  secretKey: string
}

export interface SwarmRegistryConfig {
  /** The value every replica shares (http.secret): upload state signed by one replica is accepted by the others. */
  httpSecret: string
  auth: boolean
  deleteEnabled?: boolean | undefined
  s3?: S3Storage | undefined
  /** The Redis service's address (NAME-redis:6379) for the blob-descriptor cache; default: in memory per replica. */
  redisAddr?: string | undefined
}

/** 32 random bytes, hex: the shared http.secret, made once when the service is created. */
export const newHttpSecret = (): string => randomBytes(32).toString('hex')

function storageSection(c: SwarmRegistryConfig): Record<string, unknown> {
  const backend = c.s3
    ? {
        s3: {
          bucket: c.s3.bucket,
          region: c.s3.region,
          accesskey: c.s3.accessKey,
          secretkey: c.s3.secretKey,
          ...(c.s3.regionEndpoint === undefined ? {} : { regionendpoint: c.s3.regionEndpoint }),
        },
      }
    : { filesystem: { rootdirectory: DATA_DIR } }
  return {
    ...backend,
    cache: { blobdescriptor: c.redisAddr === undefined ? 'inmemory' : 'redis' },
    ...(c.deleteEnabled === true ? { delete: { enabled: true } } : {}),
  }
}

/**
 * The config.yml every replica runs (mounted from a Swarm secret, so http.secret and any S3 keys never show in
 * `docker service inspect`): TLS and htpasswd from the other secrets, the shared http.secret, a drain time so
 * requests in flight finish when Swarm stops a task.
 */
export function registryConfigYaml(c: SwarmRegistryConfig): string {
  return stringify({
    version: 0.1,
    log: { fields: { service: 'registry' } },
    storage: storageSection(c),
    http: {
      addr: `:${CONTAINER_PORT}`,
      secret: c.httpSecret,
      draintimeout: '10s',
      headers: { 'X-Content-Type-Options': ['nosniff'] },
      tls: { certificate: `${SECRETS_DIR}/${TARGET_CERT}`, key: `${SECRETS_DIR}/${TARGET_KEY}` },
    },
    ...(c.auth
      ? { auth: { htpasswd: { realm: HTPASSWD_REALM, path: `${SECRETS_DIR}/${TARGET_HTPASSWD}` } } }
      : {}),
    ...(c.redisAddr === undefined ? {} : { redis: { addr: c.redisAddr } }),
    health: { storagedriver: { enabled: true, interval: '10s', threshold: 3 } },
  })
}
