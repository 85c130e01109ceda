import { captureIo as baseCaptureIo, runCliIn as baseRunCliIn } from './run-cli'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { createCaDir, issueToDir } from '../../main/pki'

export const run = promisify(execFile)
export const REPO = resolve(import.meta.dirname, '../..')

/** A unique name with the docker prefix of this suite. */
export function rwName(what: string): string {
  return `rw-reg-${what}-${randomBytes(3).toString('hex')}`
}

/** A port nobody listens on right now (bound to 0 and released). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer()
    s.once('error', rej)
    s.listen(0, '0.0.0.0', () => {
      const addr = s.address()
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0
      s.close(() => {
        res(port)
      })
    })
  })
}

export async function tempDir(prefix = 'rw-reg-'): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix))
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) }
}

/** A CA (RSA 2048 for speed) and a server certificate for the given SANs, written by our certificate core. */
export async function makeCerts(
  root: string,
  sans: string[] = ['127.0.0.1', 'localhost'],
  caName = 'ca',
): Promise<{ caDir: string; certDir: string }> {
  const caDir = join(root, caName)
  const certDir = join(root, `${caName}-server`)
  await createCaDir(caDir, { subject: { cn: `Registry Wizard test CA ${caName}` }, keySize: 2048, days: 30 })
  await issueToDir({ caDir, outDir: certDir, sans, keySize: 2048, days: 20 })
  return { caDir, certDir }
}

export async function issueMore(
  caDir: string,
  outDir: string,
  sans: string[],
  usage: 'server' | 'client' = 'server',
): Promise<void> {
  await issueToDir({ caDir, outDir, sans, keySize: 2048, days: 20, usage })
}

export async function ensureRegistryImage(tag = 'registry:2'): Promise<void> {
  await run('bash', [join(REPO, 'tests/support/registry-image.sh'), tag])
}

export async function ensureTestImage(tag: string, extraMb = 0): Promise<void> {
  await run('bash', [join(REPO, 'tests/support/rw-reg-test-image.sh'), tag, String(extraMb)])
}

/** Removes containers and volumes by exact name, ignoring ones already gone. */
export async function dockerCleanup(
  containers: string[],
  volumes: string[] = [],
  images: string[] = [],
): Promise<void> {
  if (containers.length > 0) await run('docker', ['rm', '-f', ...containers]).catch(() => undefined)
  for (const v of volumes) await run('docker', ['volume', 'rm', '-f', v]).catch(() => undefined)
  for (const i of images) await run('docker', ['rmi', '-f', i]).catch(() => undefined)
}

export async function curlStatus(url: string, caFile: string, extra: string[] = []): Promise<string> {
  const { stdout } = await run('curl', [
    '-sS',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code}',
    '--cacert',
    caFile,
    ...extra,
    url,
  ])
  return stdout.trim()
}

/** Captured CLI io for runCli; `env` adds variables (e.g. HOME for ~/.ssh/known_hosts) to PATH. */
/** Records a registry container name and the volumes we make for it, for the suite's cleanup. */
export function trackRegistry(containers: string[], volumes: string[], name: string): string {
  containers.push(name)
  volumes.push(`${name}-data`, `${name}-certs`, `${name}-auth`)
  return name
}

/** captureIo with PATH (the Docker suites' CLI runs call docker, skopeo, curl). */
export function captureIo(
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = {},
): ReturnType<typeof baseCaptureIo> {
  return baseCaptureIo(cwd, { PATH: process.env.PATH, ...env })
}

/** runCliIn with PATH, as captureIo. */
export function runCliIn(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): ReturnType<typeof baseRunCliIn> {
  return baseRunCliIn(cwd, args, { PATH: process.env.PATH, ...env })
}
