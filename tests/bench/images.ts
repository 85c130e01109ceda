// `images import` of a >= 200 MB docker-archive (random layers written here) beside `skopeo copy docker-archive:`
// of the same file, into fresh repositories of the same registry:2 (TLS from our CA) in the same run, alternating;
// then the second (no-op) import of the same file. Target: ours <= 1.2x skopeo.
// Also printed (no target): our import with the blob sent as one PATCH + closing PUT instead of a monolithic PUT.
// Note: skopeo gzips every uncompressed layer while pushing (new digests); we push the layers as they are (their
// digests = the archive's diff_ids), so part of the gap is compression skopeo does and we do not.
import { execFile } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { create as tarCreate } from 'tar'
import { connectEngine, readCertDir, startRegistry } from '../../main/docker'
import { importImages } from '../../main/images'
import {
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  makeCerts,
  rwName,
  tempDir,
} from '../support/rw-reg-fixtures'
import { median, report } from './stats'

const run = promisify(execFile)
const MB = 1024 * 1024

/** A legacy docker-archive (as docker save 20.10 writes it) with `layers` layers of `layerMb` MB random bytes. */
async function writeDockerArchive(dir: string, layers: number, layerMb: number): Promise<string> {
  const names: string[] = []
  const diffIds: string[] = []
  for (let i = 0; i < layers; i++) {
    const content = join(dir, `content-${i}`)
    await mkdir(content, { recursive: true })
    await writeFile(join(content, `random-${i}.bin`), randomBytes(layerMb * MB))
    const id = randomBytes(32).toString('hex')
    await mkdir(join(dir, 'archive', id), { recursive: true })
    const layerTar = join(dir, 'archive', id, 'layer.tar')
    await tarCreate({ cwd: content, file: layerTar, portable: true }, [`random-${i}.bin`])
    diffIds.push(
      `sha256:${createHash('sha256')
        .update(await readFile(layerTar))
        .digest('hex')}`,
    )
    names.push(`${id}/layer.tar`)
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: diffIds },
    }),
  )
  const configName = `${createHash('sha256').update(config).digest('hex')}.json`
  await writeFile(join(dir, 'archive', configName), config)
  const manifest = [{ Config: configName, RepoTags: ['bench/big:1'], Layers: names }]
  await writeFile(join(dir, 'archive', 'manifest.json'), JSON.stringify(manifest))
  const file = join(dir, 'big.tar')
  await tarCreate({ cwd: join(dir, 'archive'), file, portable: true }, [
    'manifest.json',
    configName,
    ...names,
  ])
  return file
}

export interface ImagesBench {
  archiveBytes: number
  oursMs: number[]
  skopeoMs: number[]
  patchMs: number[]
  noopMs: number[]
  ratio: number
  ok: boolean
}

interface Times {
  ours: number[]
  skopeo: number[]
  patch: number[]
  noop: number[]
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

/**
 * One run on a registry of its own (skopeo remembers which registry holds which blob and would mount them from an
 * earlier run's repository): skopeo and ours alternate who goes first; then our no-op import and the PATCH mode.
 */
async function oneRun(i: number, file: string, certDir: string, trust: string, t: Times): Promise<void> {
  const name = rwName('bench-images')
  try {
    const port = await freePort()
    await startRegistry(connectEngine({}), { name, port, certs: await readCertDir(certDir) })
    const registry = { host: '127.0.0.1', port, caPem: await readFile(join(certDir, 'ca.crt'), 'utf8') }
    const skopeo = (): Promise<unknown> =>
      run('skopeo', [
        'copy',
        '-q',
        '--dest-cert-dir',
        trust,
        `docker-archive:${file}`,
        `docker://127.0.0.1:${port}/skopeo/big:1`,
      ])
    const ours = (): Promise<unknown> => importImages({ files: [file], registry, prefix: 'ours' })
    if (i % 2 === 0) {
      t.skopeo.push(await timed(skopeo))
      t.ours.push(await timed(ours))
    } else {
      t.ours.push(await timed(ours))
      t.skopeo.push(await timed(skopeo))
    }
    const t0 = performance.now()
    const again = await importImages({ files: [file], registry, prefix: 'ours' })
    t.noop.push(performance.now() - t0)
    if (again.blobs.uploaded !== 0)
      throw new Error(`the second import uploaded ${again.blobs.uploaded} blobs`)
    t.patch.push(
      await timed(() => importImages({ files: [file], registry, prefix: 'patch', streamMode: 'patch' })),
    )
  } finally {
    await dockerCleanup([name], [`${name}-data`, `${name}-certs`, `${name}-auth`])
  }
}

export async function benchImages(runs = 3): Promise<ImagesBench> {
  await ensureRegistryImage()
  const root = await tempDir('rw-imp-bench-')
  const t: Times = { ours: [], skopeo: [], patch: [], noop: [] }
  try {
    const { certDir } = await makeCerts(root.path)
    const trust = join(root.path, 'trust')
    await mkdir(trust)
    await copyFile(join(certDir, 'ca.crt'), join(trust, 'ca.crt'))
    const file = await writeDockerArchive(root.path, 4, 52)
    const archiveBytes = (await stat(file)).size
    for (let i = 0; i < runs; i++) await oneRun(i, file, certDir, trust, t)
    const mb = (archiveBytes / MB).toFixed(0)
    const { ratio, ok } = report(
      `images import ${mb} MB docker-archive (vs skopeo copy)`,
      t.ours,
      t.skopeo,
      1.2,
    )
    const line = (label: string, ms: number[]): string =>
      `${label.padEnd(54)} ours ${median(ms).toFixed(0).padStart(6)} ms\n`
    process.stdout.write(
      line('  second (no-op) import of the same file', t.noop) +
        line('  blob as one PATCH + PUT instead of monolithic PUT', t.patch),
    )
    const round = (ms: number[]): number[] => ms.map(Math.round)
    return {
      archiveBytes,
      oursMs: round(t.ours),
      skopeoMs: round(t.skopeo),
      patchMs: round(t.patch),
      noopMs: round(t.noop),
      ratio: Number(ratio.toFixed(2)),
      ok,
    }
  } finally {
    await root.cleanup()
  }
}

if (process.argv[1]?.endsWith('images.ts')) {
  void benchImages(Number(process.env['BENCH_RUNS'] ?? 3)).then((r) => {
    process.stdout.write(
      `${JSON.stringify({ ...r, oursMs: r.oursMs.map(Math.round), skopeoMs: r.skopeoMs.map(Math.round) })}\n`,
    )
    process.exitCode = r.ok ? 0 : 1
  })
}
