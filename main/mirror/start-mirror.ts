// A registry:2 in proxy mode (a pull-through mirror), started by docker/start-registry with a generated config.
import {
  checkContainerName,
  DEFAULT_IMAGE,
  ensureImage,
  findContainer,
  startRegistry,
  type CertMaterial,
  type CertStoreChoice,
  type Engine,
  type JobOptions,
  type StartRegistryInput,
  type StartRegistryResult,
  type StorageSpec,
} from '../docker'
import { AppError, isAppError } from '../errors'
import { message, type Message } from '../messages/index'
import { mirrorConfigFiles, mirrorEnv, type ProxySettings } from './config'
import { DOCKER_HUB, proxySettings } from './input'
import {
  LABEL_ROLE,
  LABEL_TTL,
  LABEL_UPSTREAM,
  LABEL_UPSTREAM_CA,
  LABEL_UPSTREAM_USER,
  ROLE_MIRROR,
} from './labels'
import { inspectMirror } from './manage'
import { checkBasicLoginSupported, checkUpstreamLogin, type LoginCheck } from './login'
import { checkTtlSupported } from './ttl'

export const DOCKER_HUB_UPSTREAM = DOCKER_HUB
export const DEFAULT_MIRROR_NAME = 'registry-mirror'
export const DEFAULT_MIRROR_PORT = 5001

export interface StartMirrorInput {
  name?: string | undefined
  port?: number | undefined
  certs: CertMaterial
  /** Default: Docker Hub. */
  upstream?: string | undefined
  /** PEM of the CA the upstream's certificate chains to (an internal upstream); default: the image's roots. */
  upstreamCaPem?: string | undefined
  upstreamUser?: string | undefined
  upstreamPassword?: string | undefined
  /** How long proxied content is kept (registry `proxy.ttl`, e.g. `168h`), where the image supports it. */
  ttl?: string | undefined
  storage?: StorageSpec | undefined
  registryHost?: string | undefined
  ifExists?: 'fail' | 'replace' | 'reuse' | undefined
  /** Default registry:2 (as `registry start`). */
  image?: string | undefined
  imageTar?: string | undefined
  pull?: boolean | undefined
  certStore?: CertStoreChoice | undefined
  healthTimeoutMs?: number | undefined
}

export interface StartMirrorResult extends StartRegistryResult {
  upstream: string
  upstreamUser?: string | undefined
  /** The mirror trusts an upstream CA file of its own. */
  upstreamCa: boolean
  ttl?: string | undefined
}

function mirrorLabels(p: ProxySettings): Record<string, string> {
  return {
    [LABEL_ROLE]: ROLE_MIRROR,
    [LABEL_UPSTREAM]: p.upstream,
    [LABEL_UPSTREAM_CA]: p.upstreamCaPem === undefined ? '' : 'true',
    [LABEL_UPSTREAM_USER]: p.upstreamUser ?? '',
    [LABEL_TTL]: p.ttl ?? '',
  }
}

/** The registry start's input for a mirror: its own port, storage NAME-data, the proxy config (no write check). */
function registryInput(name: string, input: StartMirrorInput, p: ProxySettings): StartRegistryInput {
  return {
    name,
    image: input.image,
    port: input.port ?? DEFAULT_MIRROR_PORT,
    certs: input.certs,
    storage: input.storage,
    certStore: input.certStore,
    imageTar: input.imageTar,
    pull: input.pull,
    ifExists: input.ifExists,
    registryHost: input.registryHost,
    healthTimeoutMs: input.healthTimeoutMs,
    config: {
      files: mirrorConfigFiles(p),
      env: mirrorEnv(p),
      labels: mirrorLabels(p),
      progress: message('progress.mirror.config', { upstream: p.upstream }),
      writeCheck: false,
    },
  }
}

/** A container that is there but not a mirror is not reused as one; true when one will be reused. */
async function checkReusable(engine: Engine, name: string, input: StartMirrorInput): Promise<boolean> {
  if (input.ifExists !== 'reuse' || (await findContainer(engine, name)) === undefined) return false
  await inspectMirror(engine, name)
  return true
}

/** What the image must support before it starts: a TTL, and a Basic-auth upstream's login (distribution 3). */
async function checkImageSupports(
  engine: Engine,
  input: StartMirrorInput,
  p: ProxySettings,
  login: LoginCheck | undefined,
  o: JobOptions,
): Promise<void> {
  const basic = login?.checked === true && login.scheme === 'basic'
  if (p.ttl === undefined && !basic) return
  const image = input.image ?? DEFAULT_IMAGE
  await ensureImage(engine, image, { signal: o.signal, imageTar: input.imageTar, pull: input.pull })
  if (p.ttl !== undefined) await checkTtlSupported(engine, image)
  if (basic) await checkBasicLoginSupported(engine, image, p.upstream)
}

/** The registry's own words when it exited at start: its `panic: ...` line (the upstream it could not use). */
function panicLine(err: AppError): string | undefined {
  const log = err.params?.log as Message | undefined
  const lines = log?.params?.lines
  if (typeof lines !== 'string') return undefined
  return lines
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('panic:'))
    ?.slice('panic:'.length)
    .trim()
}

/** A mirror that exits at start because its upstream failed (registry:2 asks the upstream's /v2/ when it starts). */
function upstreamFailure(err: unknown, upstream: string): unknown {
  if (!isAppError(err)) return err
  const health = err
  if (health.code !== 'HEALTH_FAILED' && health.code !== 'HEALTH_TIMEOUT') return err
  const detail = panicLine(health)
  if (detail === undefined) return err
  const cleanup = (health.params?.cleanup as Message | string | undefined) ?? ''
  return new AppError({
    code: 'MIRROR_UPSTREAM_FAILED',
    params: { upstream, detail, cleanup },
    cause: health,
  })
}

/**
 * Starts the pull-through mirror: a second registry container (default `registry-mirror` on port 5001, storage
 * volume NAME-data) in proxy mode, through docker/start-registry (same preflight, TLS from our CA, health, labels).
 * Its config.yml (proxy.remoteurl, the upstream login, ttl) is generated into volume NAME-config with mode 0600 and
 * mounted read-only: the password never reaches the environment, a label or a log. An upstream CA file goes beside
 * it, and SSL_CERT_FILE makes the registry (a Go program) trust it. Bad input fails before the engine is used.
 */
export async function startMirror(
  engine: Engine,
  input: StartMirrorInput,
  o: JobOptions = {},
): Promise<StartMirrorResult> {
  const name = checkContainerName(input.name ?? DEFAULT_MIRROR_NAME)
  const p = proxySettings(input)
  const reusing = await checkReusable(engine, name, input)
  const login = reusing ? undefined : await checkUpstreamLogin(p, o.signal)
  await checkImageSupports(engine, input, p, login, o)
  let started: StartRegistryResult
  try {
    started = await startRegistry(engine, registryInput(name, input, p), o)
  } catch (err) {
    throw upstreamFailure(err, p.upstream)
  }
  // A reused container proxies what it was started with: its labels say what.
  const proxy = started.reused ? (await inspectMirror(engine, name)).proxy : undefined
  return {
    ...started,
    notices: login?.checked === false ? [...started.notices, login.notice] : started.notices,
    upstream: proxy?.upstream ?? p.upstream,
    upstreamUser: proxy ? proxy.upstreamUser : p.upstreamUser,
    upstreamCa: proxy?.upstreamCa ?? p.upstreamCaPem !== undefined,
    ttl: proxy ? proxy.ttl : p.ttl,
  }
}
