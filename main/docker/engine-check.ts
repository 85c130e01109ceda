import Docker from 'dockerode'
import { AppError } from '../errors'
import { engineMessage, isAbort, rawError, cancelled } from './docker-errors'
import { DEFAULT_TIMEOUT_MS, resolveEngine, type EngineSpec, type ResolvedEngine } from './engine-spec'
import { SshDialAgent } from './ssh-dial-agent'

export interface EngineInfo {
  engine: string
  kind: ResolvedEngine['kind']
  version: string
  apiVersion: string
  os: string
  arch: string
  kernel: string
}

/** A connected engine: the dockerode client and what it points at. Every docker/* function takes one. */
export interface Engine {
  docker: Docker
  resolved: ResolvedEngine
  /** For ssh:// engines: the one SSH connection every API call goes through. */
  sshAgent?: SshDialAgent | undefined
  /** Ends the engine's connection (the SSH session for ssh://). Call when done; the engine is unusable after. */
  close?: (() => void) | undefined
}

/**
 * A client for the engine. Nothing is contacted yet. For ssh:// every API call shares one SSH connection, opened at
 * the first call (after the host key check): call `closeEngine` when done with it.
 */
export function connectEngine(spec: EngineSpec, env: NodeJS.ProcessEnv = {}): Engine {
  const resolved = resolveEngine(spec, env)
  if (resolved.ssh === undefined)
    return { docker: new Docker(resolved.options), resolved, close: () => undefined }
  const agent = new SshDialAgent(resolved.ssh)
  return {
    docker: new Docker(Object.assign({}, resolved.options, { agent })),
    resolved,
    sshAgent: agent,
    close: () => {
      agent.close()
    },
  }
}

/** Ends the engine's connection, if it holds one (an SSH session). Safe to call twice. */
export function closeEngine(engine: Engine): void {
  engine.close?.()
}

/** Turns a failed connection into a plain reason and what to do. */
export function explainConnectionError(resolved: ResolvedEngine, err: unknown, timeoutMs: number): AppError {
  if (err instanceof AppError) return err
  const raw = rawError(err)
  const code = raw.code ?? ''
  const text = engineMessage(err)
  const at = resolved.display
  const make = (c: string, reason: string, hint: string): AppError =>
    new AppError({ code: c, message: `Cannot reach the Docker engine at ${at}: ${reason}`, hint, cause: err })
  if (code === 'ENOENT') {
    return make(
      'ENGINE_UNREACHABLE',
      'the socket does not exist',
      'Start Docker (systemctl start docker) or give --docker-host.',
    )
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return make(
      'ENGINE_PERMISSION',
      'permission denied on the socket',
      'Add your user to the docker group (sudo usermod -aG docker $USER), then log out and back in.',
    )
  }
  if (code === 'ECONNREFUSED') {
    return make(
      'ENGINE_UNREACHABLE',
      'connection refused',
      'Check that dockerd is running and listening at that address.',
    )
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return make('ENGINE_UNREACHABLE', 'host name not found', 'Check the host name in --docker-host.')
  }
  if (raw.level === 'client-authentication' || /All configured authentication methods failed/i.test(text)) {
    return make(
      'ENGINE_SSH_AUTH',
      'SSH authentication failed',
      "Give the right key with --ssh-key, load it into ssh-agent, or add its public key to the user's authorized_keys.",
    )
  }
  if (/dial-stdio|docker: (command )?not found|exec/i.test(text) && resolved.kind === 'ssh') {
    return make(
      'ENGINE_SSH',
      `the SSH user cannot run "docker system dial-stdio" (${text})`,
      'Install the docker CLI on the server and let the SSH user run it.',
    )
  }
  if (
    /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code) ||
    /tls|ssl|certificate|handshake/i.test(text) ||
    /HTTP request to an HTTPS server/i.test(text)
  ) {
    const hint =
      resolved.kind === 'tcp+tls'
        ? 'The engine refused the TLS connection: check that --tls-ca signed its server certificate, that the server certificate covers this host name, and that --tls-cert/--tls-key are a client pair it trusts.'
        : 'The engine expects TLS: give --tls-ca, --tls-cert and --tls-key.'
    return make('ENGINE_TLS', `TLS refused (${text})`, hint)
  }
  if (code === 'ETIMEDOUT' || /timed out|timeout/i.test(text) || isAbort(err)) {
    return make(
      'ENGINE_UNREACHABLE',
      `no answer within ${Math.round(timeoutMs / 1000)} s`,
      'Check the address, the firewall, and that the engine is running.',
    )
  }
  return make('ENGINE_UNREACHABLE', text, 'Check --docker-host and that the engine is running.')
}

/**
 * Asks the engine for its version within `timeoutMs` (default 5 s). Returns engine version, API version and OS/arch,
 * or throws an AppError with a plain reason (socket missing, permission denied, TLS refused, SSH auth failed...).
 */
export async function checkEngine(
  engine: Engine,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<EngineInfo> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const timer = AbortSignal.timeout(timeoutMs)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timer]) : timer
  try {
    const v = await Promise.race([
      (engine.docker.version as (o: { abortSignal: AbortSignal }) => ReturnType<Docker['version']>).call(
        engine.docker,
        { abortSignal: signal },
      ),
      new Promise<never>((_, reject) => {
        // SSH connects ignore the abort signal: give up on our side.
        signal.addEventListener('abort', () => {
          reject(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }))
        })
      }),
    ])
    return {
      engine: engine.resolved.display,
      kind: engine.resolved.kind,
      version: v.Version,
      apiVersion: v.ApiVersion,
      os: v.Os,
      arch: v.Arch,
      kernel: v.KernelVersion,
    }
  } catch (err) {
    if (opts.signal?.aborted) throw cancelled('the engine check')
    throw explainConnectionError(engine.resolved, err, timeoutMs)
  }
}

export async function checkEngineSpec(spec: EngineSpec, env: NodeJS.ProcessEnv = {}): Promise<EngineInfo> {
  const engine = connectEngine(spec, env)
  try {
    return await checkEngine(engine, spec.timeoutMs === undefined ? {} : { timeoutMs: spec.timeoutMs })
  } finally {
    closeEngine(engine)
  }
}
