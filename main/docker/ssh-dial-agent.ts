import { Agent } from 'node:http'
import { Duplex } from 'node:stream'
import type { Client, ClientChannel, ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2'
import { AppError } from '../errors'
import { message } from '../messages/index'
import { preferredHostKeyAlgorithms, verifyHostKey, type HostKeyPolicy } from './ssh-host-key'

/** What the docker CLI runs on the server for ssh:// engines: the engine's API on stdin/stdout. */
export const DIAL_COMMAND = 'docker system dial-stdio'

/** OpenSSH allows 10 sessions per connection (MaxSessions): stay below it, extra requests wait for a free one. */
const MAX_CHANNELS = 8

export interface SshTarget extends HostKeyPolicy {
  username: string
  privateKey?: string | undefined
  passphrase?: string | undefined
  /** ssh-agent socket. */
  agent?: string | undefined
  readyTimeoutMs: number
}

function noop(): void {
  // a net.Socket method an SSH channel does not need
}

/**
 * An exec channel as the socket node's http client expects: a plain Duplex (ssh2's Channel.destroy neither takes an
 * error nor marks the stream destroyed, which http's keep-alive pool relies on), plus the few net.Socket methods
 * http calls. A non-zero exit of `docker system dial-stdio` (no docker CLI, no permission) becomes the error.
 */
class ChannelSocket extends Duplex {
  private stderr = ''
  private serverClosed = false

  constructor(private readonly channel: ClientChannel) {
    super({ allowHalfOpen: false })
    channel.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString('utf8')
    })
    channel.on('data', (d: Buffer) => {
      if (!this.push(d)) channel.pause()
    })
    // The end of the stream is reported at 'close', once the exit status is known: a failed dial-stdio then surfaces
    // as its own message instead of a bare "socket hang up".
    let exitCode: number | null = null
    channel.on('exit', (code: number | null) => {
      exitCode = code
    })
    channel.on('close', () => {
      this.serverClosed = true
      if (this.destroyed) return
      if (exitCode !== null && exitCode !== 0) {
        this.destroy(
          new Error(
            `"${DIAL_COMMAND}" failed on the server (exit ${exitCode}): ${this.stderr.trim() || 'no message'}`,
          ),
        )
        return
      }
      this.push(null)
      // Data still buffered is read first (the end of a response); an idle socket goes at once, so the keep-alive
      // pool never hands out a channel the server has closed.
      if (this.readableLength === 0) this.destroy()
      else this.once('end', () => this.destroy())
    })
    channel.on('error', (err: Error) => this.destroy(err))
  }

  override _read(): void {
    this.channel.resume()
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.channel.write(chunk)) cb()
    else this.channel.once('drain', () => cb())
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (!this.serverClosed) this.channel.end()
    cb()
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (!this.serverClosed) this.channel.destroy()
    cb(err)
  }

  setKeepAlive = noop
  setNoDelay = noop
  setTimeout = noop
  ref = noop
  unref = noop
}

/**
 * An http.Agent for the Docker API over ONE SSH connection: each HTTP socket is an exec channel running
 * `docker system dial-stdio` on the same ssh2 client, kept alive for the next request. The server's host key is
 * checked (pinned fingerprint or known_hosts) before any authentication. docker-modem's own ssh transport opens a
 * new SSH connection per API call (a `registry start` took ~38 s); this one connects once, lazily, and reconnects
 * only after the connection dropped. `close()` ends it.
 */
export class SshDialAgent extends Agent {
  /** SSH connections opened so far (1 for an engine's whole life unless the server dropped it). */
  connections = 0
  private client: Promise<Client> | undefined
  private live: Client | undefined
  private closed = false
  /** Channels open or being opened, and creations waiting for one to close (node's Agent cannot count async ones). */
  private channels = 0
  private waiting: (() => void)[] = []

  constructor(private readonly target: SshTarget) {
    super({
      keepAlive: true,
      maxSockets: MAX_CHANNELS,
      maxTotalSockets: MAX_CHANNELS,
      maxFreeSockets: MAX_CHANNELS,
    })
  }

  override createConnection(
    _options: unknown,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): undefined {
    const cb = callback ?? noop
    const fail = (err: Error): void => {
      cb(err, undefined as unknown as Duplex)
    }
    if (this.closed) {
      fail(new Error('the SSH connection to the engine was closed'))
      return undefined
    }
    this.acquireChannel(() => {
      if (this.closed) {
        this.releaseChannel()
        fail(new Error('the SSH connection to the engine was closed'))
        return
      }
      this.connect().then(
        (client) => {
          client.exec(DIAL_COMMAND, (err, channel) => {
            if (err) {
              this.releaseChannel()
              fail(err)
              return
            }
            // The slot is free once the server has closed the session too (OpenSSH counts it until then).
            channel.once('close', () => {
              this.releaseChannel()
            })
            cb(null, new ChannelSocket(channel))
          })
        },
        (err: unknown) => {
          this.releaseChannel()
          fail(err instanceof Error ? err : new Error(String(err)))
        },
      )
    })
    return undefined
  }

  private acquireChannel(go: () => void): void {
    if (this.channels < MAX_CHANNELS) {
      this.channels += 1
      go()
      return
    }
    this.waiting.push(go)
    // Idle kept-alive channels would hold the slots forever: close one to make room.
    for (const list of Object.values(this.freeSockets)) {
      const idle = list?.[0]
      if (idle) {
        idle.destroy()
        return
      }
    }
  }

  private releaseChannel(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.channels -= 1
  }

  /**
   * A finished request's channel stays open for the next one, unless other requests wait for a channel slot (node's
   * Agent hands them no free socket once their creation started): then it is closed to make room.
   */
  override keepSocketAlive(): boolean {
    return !this.closed && this.waiting.length === 0
  }

  /** Ends the SSH connection and every channel on it. */
  close(): void {
    this.closed = true
    this.destroy()
    this.live?.end()
    this.live = undefined
    this.client = undefined
  }

  private connect(): Promise<Client> {
    if (this.client) return this.client
    // ssh2 (~80 ms to load) loads with the first ssh:// connection: local and tcp:// engines never load it.
    const attempt = import('ssh2').then(
      (ssh2) =>
        new Promise<Client>((resolve, reject) => {
          const client = new ssh2.Client()
          const state: { hostKeyError: AppError | undefined; ready: boolean } = {
            hostKeyError: undefined,
            ready: false,
          }
          client.once('ready', () => {
            state.ready = true
            this.connections += 1
            if (this.closed) {
              client.end()
              reject(new Error('the SSH connection to the engine was closed'))
              return
            }
            this.live = client
            resolve(client)
          })
          client.on('error', (err) => {
            if (!state.ready) reject(state.hostKeyError ?? err)
          })
          client.once('close', () => {
            if (this.client === attempt) this.client = undefined
            if (this.live === client) this.live = undefined
            if (!state.ready)
              reject(state.hostKeyError ?? new Error('the SSH connection closed before it was ready'))
          })
          this.startConnect(client, state, reject)
        }),
    )
    this.client = attempt
    attempt.catch(() => {
      if (this.client === attempt) this.client = undefined
    })
    return attempt
  }

  /** Offers the host key algorithms known_hosts prefers, checks the server's key before any login, and connects. */
  private startConnect(
    client: Client,
    state: { hostKeyError: AppError | undefined },
    reject: (err: unknown) => void,
  ): void {
    const t = this.target
    const hostVerifier = (key: Buffer, verify: (ok: boolean) => void): void => {
      verifyHostKey(t, key).then(
        (e) => {
          state.hostKeyError = e
          verify(e === undefined)
        },
        (e: unknown) => {
          state.hostKeyError = hostKeyCheckFailed(t, e)
          verify(false)
        },
      )
    }
    preferredHostKeyAlgorithms(t).then(
      (serverHostKey) => {
        const config: ConnectConfig = {
          host: t.host,
          port: t.port,
          username: t.username,
          privateKey: t.privateKey,
          passphrase: t.passphrase,
          agent: t.agent,
          readyTimeout: t.readyTimeoutMs,
          keepaliveInterval: 15_000,
          algorithms: { serverHostKey: serverHostKey as ServerHostKeyAlgorithm[] },
          hostVerifier,
        }
        client.connect(config)
      },
      (e: unknown) => {
        reject(e instanceof Error ? e : new Error(String(e)))
      },
    )
  }
}

/** Reading known_hosts (or comparing the pin) itself failed. */
function hostKeyCheckFailed(t: SshTarget, e: unknown): AppError {
  return new AppError({
    code: 'ENGINE_SSH',
    params: {
      engine: t.display,
      reason: message('docker.reach.hostKeyCheck', { detail: String(e) }),
      fix: message('docker.fix.hostKeyCheck.neutral'),
    },
  })
}
