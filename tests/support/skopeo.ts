// skopeo (Go's crypto/tls) against a registry of ours: a one-file OCI layout to push, and the check that a push
// needs the CA (tests/pki/ecdsa-clients.test.ts, intermediate-chain.test.ts).
import { execFile, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect } from 'vitest'
import { packFiles } from '../../main/docker/tar-files'

const run = promisify(execFile)

/** A one-file OCI image layout written here (no image pull, no build), tagged `1`: for skopeo copy. */
export async function writeOneFileOciLayout(layout: string, text: string): Promise<void> {
  const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')
  const blob = async (b: Buffer): Promise<{ digest: string; size: number }> => {
    await writeFile(join(layout, 'blobs/sha256', sha(b)), b)
    return { digest: `sha256:${sha(b)}`, size: b.length }
  }
  await mkdir(join(layout, 'blobs/sha256'), { recursive: true })
  const l = await blob(await packFiles([{ name: 'hello.txt', content: `${text}\n`, mode: 0o644 }]))
  const config = {
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [l.digest] },
    config: {},
  }
  const c = await blob(Buffer.from(JSON.stringify(config)))
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...c },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...l }],
  }
  const m = await blob(Buffer.from(JSON.stringify(manifest)))
  await writeFile(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
  const entry = {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    ...m,
    annotations: { 'org.opencontainers.image.ref.name': '1' },
  }
  await writeFile(join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [entry] }))
}

/**
 * skopeo copies `layout`:1 to `ref` (docker://HOST:PORT/...) with `certDir` (the CA's certificate as ca.crt) and
 * inspects it there; with `emptyDir` instead (no CA) the copy fails on the unknown authority.
 */
export async function expectSkopeoPushNeedsCa(
  layout: string,
  ref: string,
  dirs: { emptyDir: string; certDir: string },
): Promise<void> {
  const src = `oci:${layout}:1`
  const refused = spawnSync('skopeo', ['copy', '--dest-cert-dir', dirs.emptyDir, src, ref], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  expect(refused.status).not.toBe(0)
  expect(refused.stderr).toMatch(/x509: certificate signed by unknown authority/)
  await run('skopeo', ['copy', '--dest-cert-dir', dirs.certDir, src, ref], { timeout: 60_000 })
  const inspect = ['inspect', '--raw', '--cert-dir', dirs.certDir, ref]
  const { stdout } = await run('skopeo', inspect, { timeout: 60_000 })
  expect((JSON.parse(stdout) as { layers: unknown[] }).layers).toHaveLength(1)
}
