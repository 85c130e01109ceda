// "The registry answers": GET /v2/ over TLS returns 200 or 401, and the certificate served is the one the container
// mounts (/certs/domain.crt), compared byte for byte. Used after a re-create, where no CA is at hand (`registry gc`
// takes only the container name); it proves the new process is up with its own certificate, not who may trust it.
import { request } from 'node:https'
import type { TLSSocket } from 'node:tls'
import { AppError } from '../errors'
import {
  CERT_FILE,
  CERTS_DIR,
  CONTAINER_PORT,
  inspectRegistry,
  pemCertificates,
  publishedPort,
  readContainerFile,
  type Engine,
} from '../docker/index'
import { hostPort } from '../net/address'
import type { Param } from '../messages/index'

/** One GET /v2/: the status and the served leaf's DER, or the reason it failed. */
function probeOnce(host: string, port: number): Promise<{ status: number; der: Buffer | undefined }> {
  return new Promise((resolve, reject) => {
    // The identity is checked below against the mounted certificate itself (pinned), not against a CA.
    const req = request(
      { host, port, path: '/v2/', method: 'GET', rejectUnauthorized: false, agent: false, timeout: 2000 },
      (res) => {
        const socket = res.socket as Partial<TLSSocket>
        const der = socket.getPeerCertificate?.().raw
        res.resume()
        resolve({ status: res.statusCode ?? 0, der })
      },
    )
    req.on('timeout', () => req.destroy(new Error('no answer within 2000 ms')))
    req.on('error', reject)
    req.end()
  })
}

/** Polls until the registry `name` answers with its mounted certificate, or fails with MANAGE_NOT_ANSWERING. */
export async function waitAnswering(
  engine: Engine,
  name: string,
  o: { timeoutMs?: number | undefined; alive?: () => Promise<Param | undefined> },
): Promise<void> {
  const info = await inspectRegistry(engine, name)
  const port = publishedPort(info) ?? CONTAINER_PORT
  const host = engine.resolved.hostname
  const pem = await readContainerFile(engine, name, `${CERTS_DIR}/${CERT_FILE}`)
  const want = pem === undefined ? undefined : pemCertificates(pem)[0]?.raw
  const deadline = Date.now() + (o.timeoutMs ?? 30_000)
  let reason: Param = ''
  while (Date.now() < deadline) {
    const dead = await o.alive?.()
    if (dead !== undefined) {
      reason = dead
      break
    }
    try {
      const r = await probeOnce(host, port)
      if (
        (r.status === 200 || r.status === 401) &&
        (want === undefined || want.equals(r.der ?? Buffer.alloc(0)))
      )
        return
      reason = String(r.status)
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err)
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new AppError({
    code: 'MANAGE_NOT_ANSWERING',
    params: { name, address: hostPort(host, port), reason },
  })
}
