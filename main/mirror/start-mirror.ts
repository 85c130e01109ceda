// STUB (lead): helper D replaces the body. A registry:2 in proxy mode (pull-through mirror), built on startRegistry.
import type { CertMaterial, Engine, StartRegistryResult, StorageSpec } from '../docker'

export const DOCKER_HUB_UPSTREAM = 'https://registry-1.docker.io'
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
}

export interface StartMirrorResult extends StartRegistryResult {
  upstream: string
}

export function startMirror(
  engine: Engine,
  input: StartMirrorInput,
  o: { signal?: AbortSignal } = {},
): Promise<StartMirrorResult> {
  void engine
  void input
  void o
  return Promise.reject(new Error('startMirror: not built yet'))
}
