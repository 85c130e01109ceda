// Images for the export tests, made here (no pull): docker build FROM scratch + docker save, and a two-platform OCI
// layout written file by file; pushed into our registry with skopeo.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../support/rw-reg-fixtures'

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

/** A docker-archive (legacy `docker save`) of an image FROM scratch with `mb` MiB of random bytes in one file. */
export async function dockerSaved(dir: string, tag: string, mb = 0): Promise<string> {
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'payload.bin'), randomBytes(Math.max(1, mb * 1024 * 1024 || 2048)))
  await writeFile(
    join(dir, 'Dockerfile'),
    'FROM scratch\nCOPY payload.bin /payload.bin\nCMD ["/payload.bin"]\n',
  )
  await run('docker', ['build', '-q', '-t', tag, dir])
  const tar = join(dir, 'image.tar')
  await run('docker', ['save', '-o', tar, tag])
  await run('docker', ['rmi', '-f', tag])
  return tar
}

async function blob(layout: string, data: Buffer): Promise<{ digest: string; size: number }> {
  const digest = sha(data)
  await writeFile(join(layout, 'blobs', 'sha256', digest.slice(7)), data)
  return { digest, size: data.length }
}

/** A layer tar holding one file of random bytes (made by tar(1)). */
async function layerTar(dir: string, name: string): Promise<Buffer> {
  const src = join(dir, `src-${name}`)
  await mkdir(src, { recursive: true })
  await writeFile(join(src, `${name}.bin`), randomBytes(3000))
  const out = join(dir, `${name}.tar`)
  await run('tar', ['-cf', out, '-C', src, '--owner=0', '--group=0', '--numeric-owner', `${name}.bin`])
  const { readFile } = await import('node:fs/promises')
  return readFile(out)
}

/** A two-platform (linux/amd64, linux/arm64) OCI image layout at `dir/layout`, its index tagged `tag`. */
export async function twoPlatformLayout(dir: string, tag: string): Promise<string> {
  const layout = join(dir, 'layout')
  await mkdir(join(layout, 'blobs', 'sha256'), { recursive: true })
  const manifests = []
  for (const architecture of ['amd64', 'arm64']) {
    const layer = await layerTar(dir, architecture)
    const config = Buffer.from(
      JSON.stringify({
        architecture,
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [sha(layer)] },
        config: { Cmd: [`/${architecture}.bin`] },
      }),
    )
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...(await blob(layout, config)) },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...(await blob(layout, layer)) }],
      }),
    )
    manifests.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      ...(await blob(layout, manifest)),
      platform: { os: 'linux', architecture },
    })
  }
  const index = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }),
  )
  const top = await blob(layout, index)
  await writeFile(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
  await writeFile(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.index.v1+json',
          ...top,
          annotations: { 'org.opencontainers.image.ref.name': tag },
        },
      ],
    }),
  )
  return layout
}

/** The sha256 digest of the raw manifest skopeo reads at `ref` (docker://, oci-archive:...). */
export async function rawDigest(ref: string, extra: string[] = []): Promise<string> {
  const { execFileSync } = await import('node:child_process')
  return sha(execFileSync('skopeo', ['inspect', '--raw', ...extra, ref], { maxBuffer: 16 * 1024 * 1024 }))
}
