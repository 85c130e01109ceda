import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import Docker, { type ImagePushOptions } from 'dockerode'
import { Readable } from 'node:stream'
import { packFiles } from '../../main/docker/tar-files'

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

/**
 * Makes a one-file image on the client engine (docker import, no pull) and pushes it as REGISTRY/REPO:1, then removes
 * it locally; rejects with the engine's own error text (e.g. `x509: certificate signed by unknown authority`).
 */
export async function pushFromClient(c: NetnsClient, registry: string, repoName: string): Promise<void> {
  const repo = `${registry}/${repoName}`
  const tar = await packFiles([{ name: 'x.txt', content: `${Date.now()}\n`, mode: 0o644 }])
  await new Promise<void>((resolve, reject) => {
    c.docker.importImage(
      Readable.from(tar),
      { repo, tag: '1' },
      (err: unknown, stream?: NodeJS.ReadableStream) => {
        if (err || !stream) {
          reject(err instanceof Error ? err : new Error('import failed'))
          return
        }
        c.docker.modem.followProgress(stream, (e: unknown) =>
          e ? reject(e instanceof Error ? e : new Error('import failed')) : resolve(),
        )
      },
    )
  })
  try {
    const stream = await c.docker.getImage(repo).push({ tag: '1', authconfig: {} } as ImagePushOptions)
    await new Promise<void>((resolve, reject) => {
      let failed: string | undefined
      c.docker.modem.followProgress(
        stream,
        (e: unknown) => {
          if (e) reject(e instanceof Error ? e : new Error('push failed'))
          else if (failed !== undefined) reject(new Error(failed))
          else resolve()
        },
        (ev: { error?: string; errorDetail?: { message?: string } }) => {
          if (ev.error !== undefined) failed = ev.errorDetail?.message ?? ev.error
        },
      )
    })
  } finally {
    await c.docker
      .getImage(`${repo}:1`)
      .remove({ force: true })
      .catch(() => undefined)
  }
}
