import Docker from 'dockerode'
import { Agent } from 'node:http'
import { AppError, isAppError, type ErrorCode } from '../errors'
import { cancelled, isAbort } from '../jobs/abort'
import { message, type Message } from '../messages/index'
import { engineMessage, rawError } from './docker-errors'
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
 * The HTTP agent for a local socket or named pipe: kept-alive connections, as node's global agent, and an empty TLS
 * server name. Without it node derives one from the Host header ('localhost') for every request and asks net.isIP
 * about it, which on the first call compiles node's IPv6 pattern (~13 ms measured, before any engine call can go).
 */
function socketAgent(): Agent {
  return new Agent({ keepAlive: true, servername: '' } as ConstructorParameters<typeof Agent>[0])
}

/**
 * A client for the engine. Nothing is contacted yet. For ssh:// every API call shares one SSH connection, opened at
 * the first call (after the host key check): call `closeEngine` when done with it.
 */
export function connectEngine(spec: EngineSpec, env: NodeJS.ProcessEnv = {}): Engine {
  const resolved = resolveEngine(spec, env)
  if (resolved.kind === 'socket' || resolved.kind === 'npipe') {
    const agent = socketAgent()
    return {
      docker: new Docker(Object.assign({}, resolved.options, { agent })),
      resolved,
      close: () => agent.destroy(),
    }
  }
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

type ReachCode = Extract<
  ErrorCode,
  'ENGINE_UNREACHABLE' | 'ENGINE_PERMISSION' | 'ENGINE_TLS' | 'ENGINE_SSH' | 'ENGINE_SSH_AUTH'
>

/** Why the engine could not be reached: the code, the reason and (for codes whose fix depends on it) the fix. */
interface Reach {
  code: ReachCode
  reason: Message
  /** A `docker.fix.*` group: its `neutral`, `cli` and `gui` texts become the params fix, cliFix, guiFix. */
  fix?: string
}

function fixParams(group: string | undefined): Record<string, Message> {
  if (group === undefined) return {}
  const base = `docker.fix.${group}`
  return {
    fix: message(`${base}.neutral`),
    cliFix: message(`${base}.cli`),
    guiFix: message(`${base}.gui`),
  }
}

const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/
const TLS_TEXT = /tls|ssl|certificate|handshake|HTTP request to an HTTPS server/i

/** The reason for a failed connection from the error's code and text (first match wins). */
function reachReason(resolved: ResolvedEngine, err: unknown, timeoutMs: number): Reach {
  const raw = rawError(err)
  const code = raw.code ?? ''
  const text = engineMessage(err)
  const r = (key: string, params?: Message['params']): Message => message(`docker.reach.${key}`, params)
  if (code === 'ENOENT') return { code: 'ENGINE_UNREACHABLE', reason: r('noSocket'), fix: 'noSocket' }
  if (code === 'EACCES' || code === 'EPERM') return { code: 'ENGINE_PERMISSION', reason: r('permission') }
  if (code === 'ECONNREFUSED') return { code: 'ENGINE_UNREACHABLE', reason: r('refused'), fix: 'refused' }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { code: 'ENGINE_UNREACHABLE', reason: r('notFound'), fix: 'notFound' }
  if (raw.level === 'client-authentication' || /All configured authentication methods failed/i.test(text))
    return { code: 'ENGINE_SSH_AUTH', reason: r('sshAuth') }
  if (/dial-stdio|docker: (command )?not found|exec/i.test(text) && resolved.kind === 'ssh')
    return { code: 'ENGINE_SSH', reason: r('dialStdio', { detail: text }) }
  if (TLS_CODE.test(code) || TLS_TEXT.test(text))
    return {
      code: 'ENGINE_TLS',
      reason: r('tls', { detail: text }),
      fix: resolved.kind === 'tcp+tls' ? 'tlsRefused' : 'tlsNeeded',
    }
  if (code === 'ETIMEDOUT' || /timed out|timeout/i.test(text) || isAbort(err))
    return {
      code: 'ENGINE_UNREACHABLE',
      reason: r('timeout', { seconds: Math.round(timeoutMs / 1000) }),
      fix: 'timeout',
    }
  return { code: 'ENGINE_UNREACHABLE', reason: r('other', { detail: text }), fix: 'other' }
}

/** Turns a failed connection into a plain reason and what to do. */
export function explainConnectionError(resolved: ResolvedEngine, err: unknown, timeoutMs: number): AppError {
  if (isAppError(err)) return err
  const why = reachReason(resolved, err, timeoutMs)
  const fix =
    why.code === 'ENGINE_SSH' ? { fix: message('docker.fix.dialStdio.neutral') } : fixParams(why.fix)
  return new AppError({
    code: why.code,
    params: { engine: resolved.display, reason: why.reason, fix: '', ...fix },
    cause: err,
  } as ConstructorParameters<typeof AppError<'ENGINE_UNREACHABLE'>>[0])
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
    if (opts.signal?.aborted) throw cancelled()
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
