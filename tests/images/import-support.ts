// Archives made by the tests (no pulls): docker-built FROM scratch images saved with `docker save`, and OCI layouts
// written here (two platforms + index), tarred with the tar package as skopeo's oci-archive is laid out.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { create as tarCreate } from 'tar'
import { run } from '../support/rw-reg-fixtures'

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

export function impName(what: string): string {
  return `rw-imp-${what}-${randomBytes(3).toString('hex')}`
}

/**
 * `docker build` FROM scratch with one file of random bytes written here, for each tag; `aliases` (new tag ->
 * built tag) are `docker tag`ged; then one docker save of them all.
 */
export async function dockerSaveTar(
  dir: string,
  tags: string[],
  aliases: Record<string, string> = {},
  bytes = 64 * 1024,
): Promise<string> {
  for (const [i, tag] of tags.entries()) {
    const ctx = join(dir, `ctx-${i}`)
    await mkdir(ctx, { recursive: true })
    await writeFile(join(ctx, 'data.bin'), randomBytes(bytes))
    await writeFile(join(ctx, 'note.txt'), `image ${tag}\n`)
    await writeFile(
      join(ctx, 'Dockerfile'),
      'FROM scratch\nCOPY data.bin /data.bin\nCOPY note.txt /note.txt\n',
    )
    await run('docker', ['build', '-q', '-t', tag, ctx], { env: { ...process.env, DOCKER_BUILDKIT: '0' } })
  }
  for (const [alias, tag] of Object.entries(aliases)) await run('docker', ['tag', tag, alias])
  const out = join(dir, `save-${randomBytes(3).toString('hex')}.tar`)
  await run('docker', ['save', '-o', out, ...tags, ...Object.keys(aliases)])
  return out
}

export interface OciLayout {
  dir: string
  indexDigest: string
  manifestDigests: string[]
  blobCount: number
}

async function putBlob(dir: string, bytes: Buffer): Promise<{ digest: string; size: number }> {
  const digest = sha(bytes)
  await writeFile(join(dir, 'blobs', 'sha256', digest.slice(7)), bytes)
  return { digest, size: bytes.length }
}

/**
 * An OCI layout with one image for two platforms (linux/amd64, linux/arm64): per platform `layers` random layers
 * of `layerSize` bytes and a config, a manifest each, an index over both, named by `refName` in index.json.
 */
export async function writeOciLayout(
  dir: string,
  refName: string | undefined,
  o: { layers?: number; layerSize?: number } = {},
): Promise<OciLayout> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true })
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
  const manifests: { mediaType: string; digest: string; size: number; platform: object }[] = []
  let blobCount = 0
  for (const architecture of ['amd64', 'arm64']) {
    const layers = []
    for (let i = 0; i < (o.layers ?? 1); i++)
      layers.push(await putBlob(dir, randomBytes(o.layerSize ?? 8192)))
    const config = await putBlob(
      dir,
      Buffer.from(
        JSON.stringify({
          architecture,
          os: 'linux',
          rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
          config: {},
        }),
      ),
    )
    blobCount += layers.length + 1
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...l })),
      }),
    )
    const m = await putBlob(dir, manifest)
    manifests.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      ...m,
      platform: { architecture, os: 'linux' },
    })
  }
  const indexBytes = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }),
  )
  const index = await putBlob(dir, indexBytes)
  const annotations =
    refName === undefined ? {} : { annotations: { 'org.opencontainers.image.ref.name': refName } }
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', ...index, ...annotations }],
    }),
  )
  return { dir, indexDigest: index.digest, manifestDigests: manifests.map((m) => m.digest), blobCount }
}

/** A tar of an OCI layout folder (oci-layout, index.json, blobs/ and `extra`), as an OCI archive. */
export async function tarLayout(dir: string, out: string, extra: string[] = []): Promise<string> {
  await tarCreate({ cwd: dir, file: out, portable: true }, ['oci-layout', 'index.json', 'blobs', ...extra])
  return out
}

/** The raw manifest skopeo reads (its sha256 is the digest the registry has). */
export async function skopeoRaw(trustDir: string, ref: string): Promise<Buffer> {
  const { stdout } = await run('skopeo', ['inspect', '--raw', '--cert-dir', trustDir, `docker://${ref}`], {
    encoding: 'buffer',
  } as object)
  return stdout as unknown as Buffer
}

export const digestOf = sha

/** The tags of a repository (curl with our CA): [] when the repository does not exist. */
export async function tagsOf(port: number, caFile: string, repo: string, auth?: string): Promise<string[]> {
  const { stdout } = await run('curl', [
    '-sS',
    '--cacert',
    caFile,
    ...(auth === undefined ? [] : ['-u', auth]),
    `https://127.0.0.1:${port}/v2/${repo}/tags/list`,
  ])
  const body = JSON.parse(stdout) as { tags?: string[] | null; errors?: unknown[] }
  if (body.errors !== undefined) {
    const code = (body.errors[0] as { code?: string }).code
    if (code === 'NAME_UNKNOWN') return []
    throw new Error(stdout)
  }
  return body.tags ?? []
}
