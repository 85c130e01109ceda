import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { connectEngine, readCertDir, startRegistry } from '../../main/docker'
import { median, report } from './stats'
import {
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  makeCerts,
  rwName,
  tempDir,
} from '../support/rw-reg-fixtures'

const run = promisify(execFile)

export interface RegistryStartBench {
  runs: number
  oursMs: number[]
  rawMs: number[]
  oursMedianMs: number
  rawMedianMs: number
  /** ours / raw; the target is <= 1.2. */
  ratio: number
  ok: boolean
}

/** The baseline: the runbook's docker run, then curl --cacert every 100 ms until 200. */
async function rawStart(name: string, port: number, certDir: string): Promise<number> {
  const t0 = performance.now()
  await run('docker', [
    'run',
    '-d',
    '--restart=always',
    `--name=${name}`,
    '-u',
    'root',
    '-p',
    `${port}:5000`,
    '-v',
    `${name}-data:/var/lib/registry`,
    '-v',
    `${certDir}:/certs:ro`,
    '-e',
    'REGISTRY_HTTP_TLS_CERTIFICATE=/certs/domain.crt',
    '-e',
    'REGISTRY_HTTP_TLS_KEY=/certs/domain.key',
    'registry:2',
  ])
  for (;;) {
    const { stdout } = await run('curl', [
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--cacert',
      `${certDir}/ca.crt`,
      `https://127.0.0.1:${port}/v2/`,
    ]).catch((e: unknown) => ({ stdout: (e as { stdout?: string }).stdout ?? '' }))
    if (stdout.trim() === '200') return performance.now() - t0
    if (performance.now() - t0 > 30_000) throw new Error('raw docker run did not become healthy within 30 s')
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * `registry start` (our code: preflight, image check, create, start, health against our CA) to healthy, beside the raw
 * `docker run` + curl poll, alternating in the same run. Prints and returns medians and the ratio.
 */
export async function benchRegistryStart(opts: { runs?: number } = {}): Promise<RegistryStartBench> {
  const runs = opts.runs ?? 5
  await ensureRegistryImage()
  const root = await tempDir('rw-reg-bench-')
  const engine = connectEngine({})
  const oursMs: number[] = []
  const rawMs: number[] = []
  try {
    const { certDir } = await makeCerts(root.path)
    const certs = await readCertDir(certDir)
    for (let i = 0; i < runs; i++) {
      const a = rwName('bench-ours')
      const b = rwName('bench-raw')
      try {
        const t0 = performance.now()
        await startRegistry(engine, { name: a, port: await freePort(), certs, certStore: 'bind' })
        oursMs.push(performance.now() - t0)
        rawMs.push(await rawStart(b, await freePort(), certDir))
      } finally {
        await dockerCleanup([a, b], [`${a}-data`, `${b}-data`])
      }
    }
  } finally {
    await root.cleanup()
  }
  const { ratio, ok } = report('registry start to healthy (vs docker run + curl poll)', oursMs, rawMs, 1.2)
  return {
    runs,
    oursMs: oursMs.map(Math.round),
    rawMs: rawMs.map(Math.round),
    oursMedianMs: Math.round(median(oursMs)),
    rawMedianMs: Math.round(median(rawMs)),
    ratio: Number(ratio.toFixed(2)),
    ok,
  }
}

if (process.argv[1]?.endsWith('registry-start.ts')) {
  void benchRegistryStart().then((r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`)
    process.exitCode = r.ok ? 0 : 1
  })
}
