// The day-2 suites' registry and images: registry:2 started by our startRegistry (unique names and ports: rw-mng-*),
// images built FROM scratch and pushed with skopeo, small images pushed with our registry-api client.
import { randomBytes } from 'node:crypto'
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { connectEngine, readCertDir, startRegistry, type Engine } from '../../main/docker'
import {
  pushBlob,
  putManifest,
  registryClient,
  sha256Digest,
  type RegistryClient,
} from '../../main/registry-api'
import { freePort, makeCerts, run } from '../support/rw-reg-fixtures'

export interface ManageRegistry {
  name: string
  port: number
  host: string
  caPem: string
  caFile: string
  trustDir: string
  engine: Engine
  client: () => RegistryClient
}

export function mngName(what: string): string {
  return `rw-mng-${what}-${randomBytes(3).toString('hex')}`
}

/** A registry:2 with TLS from a test CA; `deleteEnabled` as asked. */
export async function startManageRegistry(
  root: string,
  what: string,
  o: { deleteEnabled?: boolean } = {},
): Promise<ManageRegistry> {
  const { certDir } = await makeCerts(root, ['127.0.0.1', 'localhost'], `ca-${what}`)
  const name = mngName(what)
  const port = await freePort()
  const engine = connectEngine({})
  await startRegistry(engine, {
    name,
    port,
    certs: await readCertDir(certDir),
    deleteEnabled: o.deleteEnabled,
  })
  const trustDir = join(root, `trust-${what}`)
  await mkdir(trustDir, { recursive: true })
  const caFile = join(certDir, 'ca.crt')
  await copyFile(caFile, join(trustDir, 'ca.crt'))
  const caPem = await readFile(caFile, 'utf8')
  return {
    name,
    port,
    host: `127.0.0.1:${port}`,
    caPem,
    caFile,
    trustDir,
    engine,
    client: () => registryClient({ host: '127.0.0.1', port, caPem }),
  }
}

export const volumesOf = (name: string): string[] => [`${name}-data`, `${name}-certs`, `${name}-auth`]

/** skopeo copy into/out of the registry, trusting its CA only. */
export async function skopeo(reg: ManageRegistry, args: string[]): Promise<string> {
  const { stdout } = await run(
    'skopeo',
    ['copy', '--quiet', '--src-cert-dir', reg.trustDir, '--dest-cert-dir', reg.trustDir, ...args],
    { maxBuffer: 64 * 1024 * 1024 },
  )
  return stdout
}

/** The raw manifest skopeo reads (independent of our client). */
export async function rawManifest(reg: ManageRegistry, ref: string): Promise<Buffer> {
  const { execFileSync } = await import('node:child_process')
  return execFileSync(
    'skopeo',
    ['inspect', '--raw', '--cert-dir', reg.trustDir, `docker://${reg.host}/${ref}`],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  )
}

/**
 * Docker-archives of images FROM scratch that share their first layer: `base` (same bytes, same build cache) then
 * one file of their own each. Returns the archive path per name.
 */
export async function sharedBaseArchives(
  dir: string,
  names: string[],
  kb = 64,
): Promise<Record<string, string>> {
  const ctx = join(dir, 'shared-ctx')
  await mkdir(ctx, { recursive: true })
  await writeFile(join(ctx, 'base.bin'), randomBytes(kb * 1024))
  const out: Record<string, string> = {}
  for (const n of names) {
    await writeFile(join(ctx, `${n}.bin`), randomBytes(kb * 1024))
    const file = `Dockerfile.${n}`
    await writeFile(
      join(ctx, file),
      `FROM scratch\nCOPY base.bin /base.bin\nCOPY ${n}.bin /${n}.bin\nCMD ["/${n}.bin"]\n`,
    )
    const tag = `${mngName(n)}:1`
    await run('docker', ['build', '-q', '-f', join(ctx, file), '-t', tag, ctx])
    const tar = join(dir, `${n}.tar`)
    await run('docker', ['save', '-o', tar, tag])
    await run('docker', ['rmi', '-f', tag])
    out[n] = tar
  }
  return out
}

/** A tiny OCI image (config with `created`) pushed with our client under `tags` of `repo`; blobs mounted when `from`. */
export async function pushTiny(
  c: RegistryClient,
  repo: string,
  tags: string[],
  o: { created?: string; from?: string; seed?: string } = {},
): Promise<{ digest: string; size: number; manifest: Buffer }> {
  const layer = Buffer.from(`layer ${o.seed ?? 'tiny'}`)
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: o.created ?? '2024-01-01T00:00:00Z',
      rootfs: { type: 'layers', diff_ids: [sha256Digest(layer)] },
      config: {},
    }),
  )
  await pushBlob(c, repo, layer, o.from === undefined ? {} : { mountFrom: o.from })
  await pushBlob(c, repo, config, o.from === undefined ? {} : { mountFrom: o.from })
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
  let digest = ''
  for (const t of tags) digest = await putManifest(c, repo, t, { mediaType, bytes: manifest })
  return { digest, size: config.length + layer.length, manifest }
}

/** Sizes by digest of a manifest's config and layers (as the manifest states them). */
export function blobsOfManifest(raw: Buffer): Map<string, number> {
  const m = JSON.parse(raw.toString('utf8')) as {
    config: { digest: string; size: number }
    layers: { digest: string; size: number }[]
  }
  return new Map([m.config, ...m.layers].map((d) => [d.digest, d.size]))
}
