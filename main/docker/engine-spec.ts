import { homedir } from 'node:os'
import { join } from 'node:path'
import type { DockerOptions } from 'dockerode'
import { invalidInput } from '../errors'
import { message, type Message } from '../messages/index'
import { hostPort, isLoopback } from '../net/address'
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

const allowed = (): Message => message('docker.allowed.dockerHost')

const BASE = {
  host: undefined,
  port: undefined,
  protocol: undefined,
  ca: undefined,
  cert: undefined,
  key: undefined,
}

/** A local socket or named pipe: unix:///path, npipe:////./pipe/name, or the platform's default (raw ''). */
function resolveSocket(raw: string, platform: NodeJS.Platform): ResolvedEngine {
  const npipe = raw === '' ? platform === 'win32' : raw.startsWith('npipe://')
  const given = raw === '' ? '' : raw.slice(npipe ? 8 : 7)
  const socketPath = given || (npipe ? DEFAULT_PIPE : DEFAULT_SOCKET)
  return {
    kind: npipe ? 'npipe' : 'socket',
    display: `${npipe ? 'npipe' : 'unix'}://${socketPath}`,
    hostname: '127.0.0.1',
    local: true,
    options: { ...BASE, socketPath },
  }
}

function resolveSsh(url: URL, hostname: string, spec: EngineSpec, env: NodeJS.ProcessEnv): ResolvedEngine {
  const port = url.port === '' ? 22 : Number(url.port)
  const username = decodeURIComponent(url.username) || env.USER || 'root'
  const display = `ssh://${username}@${hostPort(hostname, port)}`
  const fp = spec.ssh?.hostKeyFingerprint
  return {
    kind: 'ssh',
    display,
    hostname,
    local: isLoopback(hostname),
    // Plain HTTP over our own agent (see ssh-dial-agent.ts): one SSH connection for the engine's lifetime.
    options: { ...BASE, protocol: 'http', host: hostname, port },
    ssh: {
      display,
      host: hostname,
      port,
      username,
      privateKey: spec.ssh?.privateKey,
      passphrase: spec.ssh?.passphrase,
      agent: spec.ssh?.agent ?? (spec.ssh?.privateKey === undefined ? env.SSH_AUTH_SOCK : undefined),
      readyTimeoutMs: spec.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      fingerprint: fp === undefined ? undefined : parseHostKeyFingerprint(fp),
      knownHostsFiles: spec.ssh?.knownHostsFiles ?? defaultKnownHostsFiles(env),
    },
  }
}

function resolveTcp(url: URL, hostname: string, spec: EngineSpec): ResolvedEngine {
  const tlsSpec = spec.tls
  const tls = tlsSpec !== undefined
  const port = url.port === '' ? (tls ? 2376 : 2375) : Number(url.port)
  return {
    kind: tls ? 'tcp+tls' : 'tcp',
    display: `tcp://${hostPort(hostname, port)}`,
    hostname,
    local: isLoopback(hostname),
    insecureAllowed: !tls && spec.insecure === true,
    options: {
      ...BASE,
      protocol: tls ? 'https' : 'http',
      host: hostname,
      port,
      ...(tlsSpec ? { ca: tlsSpec.ca, cert: tlsSpec.cert, key: tlsSpec.key } : {}),
    },
  }
}

/**
 * Turns an engine spec into dockerode options, without touching the network. Every field docker-modem would
 * otherwise take from process.env is set explicitly, so the result does not depend on the caller's environment.
 */
export function resolveEngine(
  spec: EngineSpec,
  env: NodeJS.ProcessEnv = {},
  platform: NodeJS.Platform = process.platform,
): ResolvedEngine {
  const raw = (spec.host ?? env.DOCKER_HOST ?? '').trim()
  if (raw === '' || raw.startsWith('unix://') || raw.startsWith('npipe://'))
    return resolveSocket(raw, platform)
  let url: URL
  try {
    url = new URL(raw.includes('://') ? raw : `tcp://${raw}`)
  } catch {
    throw invalidInput('dockerHost', raw, allowed(), 'INVALID_DOCKER_HOST')
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '')
  if (hostname === '') throw invalidInput('dockerHost', raw, allowed(), 'INVALID_DOCKER_HOST')
  if (url.protocol === 'ssh:') return resolveSsh(url, hostname, spec, env)
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:')
    return resolveTcp(url, hostname, spec)
  throw invalidInput('dockerHost', raw, allowed(), 'INVALID_DOCKER_HOST')
}
