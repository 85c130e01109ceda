import { homedir } from 'node:os'
import { join } from 'node:path'
import type { DockerOptions } from 'dockerode'
import { invalidInput } from '../errors'
import type { SshTarget } from './ssh-dial-agent'
import { parseHostKeyFingerprint } from './ssh-host-key'

/** TLS material for tcp:// engines, as PEM text (e.g. made by our own certificate core). */
export interface EngineTls {
  ca: string
  cert: string
  key: string
}

/** SSH login for ssh:// engines: a private key (PEM/OpenSSH text) and/or an agent socket. */
export interface EngineSsh {
  privateKey?: string | undefined
  passphrase?: string | undefined
  agent?: string | undefined
  /**
   * The server's host key, pinned: `SHA256:...` as `ssh-keygen -lf` prints it. When set, only this key is accepted;
   * otherwise the key must be in known_hosts (OpenSSH semantics: unknown and changed keys are refused).
   */
  hostKeyFingerprint?: string | undefined
  /** known_hosts files to check. Default: ~/.ssh/known_hosts, ~/.ssh/known_hosts2, /etc/ssh/ssh_known_hosts(2). */
  knownHostsFiles?: string[] | undefined
}

/** Which engine to talk to. `host` is a DOCKER_HOST-style URL; without it DOCKER_HOST, then the local socket. */
export interface EngineSpec {
  host?: string | undefined
  tls?: EngineTls | undefined
  ssh?: EngineSsh | undefined
  /** Milliseconds before a connection attempt is given up (default 5000). */
  timeoutMs?: number | undefined
  /**
   * Allow a plain tcp:// engine (no TLS) for work that sends secrets (the registry's domain.key, the htpasswd file):
   * they would cross the network in clear text. Off by default: such work is refused (see assertSecretsSafe).
   */
  insecure?: boolean | undefined
}

export type EngineKind = 'socket' | 'npipe' | 'tcp' | 'tcp+tls' | 'ssh'

export interface ResolvedEngine {
  kind: EngineKind
  /** The engine as a URL for messages: unix:///var/run/docker.sock, tcp://10.0.0.5:2376, ssh://admin@host:22. */
  display: string
  /** Where ports published by the engine are reached from here: 127.0.0.1 for a local engine, else its host. */
  hostname: string
  /** True when the engine runs on this machine (bind mounts of local paths work). */
  local: boolean
  options: DockerOptions
  /** For ssh:// engines: where and how to log in, and how the host key is checked. */
  ssh?: SshTarget | undefined
  /** The user allowed a plain tcp:// engine to receive secrets in clear text (EngineSpec.insecure). */
  insecureAllowed?: boolean | undefined
}

/** The known_hosts files ssh reads by default: the user's, then the system's. */
export function defaultKnownHostsFiles(env: NodeJS.ProcessEnv = {}): string[] {
  const home = env.HOME ?? homedir()
  return [
    join(home, '.ssh/known_hosts'),
    join(home, '.ssh/known_hosts2'),
    '/etc/ssh/ssh_known_hosts',
    '/etc/ssh/ssh_known_hosts2',
  ]
}

export const DEFAULT_SOCKET = '/var/run/docker.sock'
export const DEFAULT_PIPE = '//./pipe/docker_engine'
export const DEFAULT_TIMEOUT_MS = 5000

const ALLOWED = 'allowed: unix:///path, npipe:////./pipe/name, tcp://host:port, ssh://user@host[:port]'

/**
 * Turns an engine spec into dockerode options, without touching the network. Every field docker-modem would
 * otherwise take from process.env is set explicitly, so the result does not depend on the caller's environment.
 */
export function resolveEngine(
  spec: EngineSpec,
  env: NodeJS.ProcessEnv = {},
  platform: NodeJS.Platform = process.platform,
): ResolvedEngine {
  const timeout = spec.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const raw = (spec.host ?? env.DOCKER_HOST ?? '').trim()
  const base = {
    host: undefined,
    port: undefined,
    protocol: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
  }
  if (raw === '') {
    const socketPath = platform === 'win32' ? DEFAULT_PIPE : DEFAULT_SOCKET
    return {
      kind: platform === 'win32' ? 'npipe' : 'socket',
      display: platform === 'win32' ? `npipe://${socketPath}` : `unix://${socketPath}`,
      hostname: '127.0.0.1',
      local: true,
      options: { ...base, socketPath },
    }
  }
  if (raw.startsWith('unix://') || raw.startsWith('npipe://')) {
    const npipe = raw.startsWith('npipe://')
    const socketPath = raw.slice(npipe ? 8 : 7) || (npipe ? DEFAULT_PIPE : DEFAULT_SOCKET)
    return {
      kind: npipe ? 'npipe' : 'socket',
      display: `${npipe ? 'npipe' : 'unix'}://${socketPath}`,
      hostname: '127.0.0.1',
      local: true,
      options: { ...base, socketPath },
    }
  }
  let url: URL
  try {
    url = new URL(raw.includes('://') ? raw : `tcp://${raw}`)
  } catch {
    throw invalidInput('docker-host', raw, ALLOWED, 'INVALID_DOCKER_HOST')
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '')
  if (hostname === '') throw invalidInput('docker-host', raw, ALLOWED, 'INVALID_DOCKER_HOST')
  const local = hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '::1'
  if (url.protocol === 'ssh:') {
    const port = url.port === '' ? 22 : Number(url.port)
    const username = decodeURIComponent(url.username) || env.USER || 'root'
    const display = `ssh://${username}@${url.hostname}:${port}`
    const fp = spec.ssh?.hostKeyFingerprint
    return {
      kind: 'ssh',
      display,
      hostname,
      local,
      // Plain HTTP over our own agent (see ssh-dial-agent.ts): one SSH connection for the engine's lifetime.
      options: { ...base, protocol: 'http', host: hostname, port },
      ssh: {
        display,
        host: hostname,
        port,
        username,
        privateKey: spec.ssh?.privateKey,
        passphrase: spec.ssh?.passphrase,
        agent: spec.ssh?.agent ?? (spec.ssh?.privateKey === undefined ? env.SSH_AUTH_SOCK : undefined),
        readyTimeoutMs: timeout,
        fingerprint: fp === undefined ? undefined : parseHostKeyFingerprint(fp),
        knownHostsFiles: spec.ssh?.knownHostsFiles ?? defaultKnownHostsFiles(env),
      },
    }
  }
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    const tlsSpec = spec.tls
    const tls = tlsSpec !== undefined
    const port = url.port === '' ? (tls ? 2376 : 2375) : Number(url.port)
    return {
      kind: tls ? 'tcp+tls' : 'tcp',
      display: `tcp://${url.hostname}:${port}`,
      hostname,
      local,
      insecureAllowed: !tls && spec.insecure === true,
      options: {
        ...base,
        protocol: tls ? 'https' : 'http',
        host: hostname,
        port,
        ...(tlsSpec ? { ca: tlsSpec.ca, cert: tlsSpec.cert, key: tlsSpec.key } : {}),
      },
    }
  }
  throw invalidInput('docker-host', raw, ALLOWED, 'INVALID_DOCKER_HOST')
}
