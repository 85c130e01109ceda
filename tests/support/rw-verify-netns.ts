import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import Docker from 'dockerode'

const run = promisify(execFile)
const SCRIPT = resolve(import.meta.dirname, 'rw-verify-netns.sh')

/** A client Docker engine in its own network namespace, reaching the host on an address the test assigned. */
export interface NetnsClient {
  /** The host side of the veth pair: the registry address clients use (not loopback, so dockerd checks TLS). */
  hostIp: string
  nsIp: string
  /** The client engine (its own socket, data root and private /etc/docker). */
  docker: Docker
  socket: string
  /** The client's filesystem root for trust paths: ROOT/etc/docker/certs.d is its /etc/docker/certs.d. */
  root: string
  certsD: string
  down: () => Promise<void>
}

/** Starts the namespace and client dockerd (tests/support/rw-verify-netns.sh up); `down` removes everything. */
export async function startNetnsClient(): Promise<NetnsClient> {
  const id = randomBytes(3).toString('hex')
  const state = await mkdtemp(join(tmpdir(), 'rw-ver-netns-'))
  const down = async (): Promise<void> => {
    await run('bash', [SCRIPT, 'down', id, state])
  }
  let stdout: string
  try {
    ;({ stdout } = await run('bash', [SCRIPT, 'up', id, state], { timeout: 90_000 }))
  } catch (err) {
    await down().catch(() => undefined)
    throw err
  }
  const kv = Object.fromEntries(
    stdout
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  )
  const need = (k: string): string => {
    const v = kv[k]
    if (v === undefined) throw new Error(`rw-verify-netns.sh up printed no ${k}: ${stdout}`)
    return v
  }
  const socket = need('SOCKET')
  return {
    hostIp: need('HOST_IP'),
    nsIp: need('NS_IP'),
    socket,
    docker: new Docker({ socketPath: socket }),
    root: need('ROOT'),
    certsD: need('CERTS_D'),
    down,
  }
}
