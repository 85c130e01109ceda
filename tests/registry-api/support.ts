import { mkdir, readFile, copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { connectEngine, readCertDir, startRegistry } from '../../main/docker'
import { sha256Digest } from '../../main/registry-api'
import { freePort, makeCerts, run } from '../support/rw-reg-fixtures'
import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import { AppError } from '../../main/errors'

/** Docker and skopeo are here; under CI=true their absence is a failure, not a skip. */
export async function preconditions(): Promise<boolean> {
  const ok = await Promise.all([
    run('docker', ['image', 'inspect', 'registry:2']).then(
      () => true,
      () => false,
    ),
    run('skopeo', ['--version']).then(
      () => true,
      () => false,
    ),
  ]).then((r) => r.every(Boolean))
  if (!ok && process.env.CI === 'true')
    throw new Error('CI=true: docker with image registry:2 and skopeo are required')
  return ok
}

export function rapiName(what: string): string {
  return `rw-rapi-${what}-${randomBytes(3).toString('hex')}`
}

export interface TestRegistry {
  name: string
  port: number
  caPem: string
  trustDir: string
}

/** A registry:2 with TLS from a test CA (started by our own startRegistry), and a skopeo cert dir with ca.crt only. */
export async function startTestRegistry(
  root: string,
  what: string,
  users?: { user: string; password: string }[],
): Promise<TestRegistry> {
  const { certDir } = await makeCerts(root, ['127.0.0.1', 'localhost'], `ca-${what}`)
  const name = rapiName(what)
  const port = await freePort()
  await startRegistry(connectEngine({}), { name, port, certs: await readCertDir(certDir), users })
  const trustDir = join(root, `trust-${what}`)
  await mkdir(trustDir, { recursive: true })
  await copyFile(join(certDir, 'ca.crt'), join(trustDir, 'ca.crt'))
  return { name, port, caPem: await readFile(join(certDir, 'ca.crt'), 'utf8'), trustDir }
}

/** A small OCI image made here: one layer of random bytes, its config, the manifest. */
export function smallImage(layerSize = 4096): {
  layer: Buffer
  config: Buffer
  manifest: Buffer
  mediaType: string
} {
  const layer = randomBytes(layerSize)
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [sha256Digest(layer)] },
      config: {},
    }),
  )
  const mediaType = 'application/vnd.oci.image.manifest.v1+json'
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: sha256Digest(config),
        size: config.length,
      },
      layers: [
        {
          mediaType: 'application/vnd.oci.image.layer.v1.tar',
          digest: sha256Digest(layer),
          size: layer.length,
        },
      ],
    }),
  )
  return { layer, config, manifest, mediaType }
}

/** The code of the AppError a call fails with (it must fail with one). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(AppError)
  return (e as AppError).code
}
