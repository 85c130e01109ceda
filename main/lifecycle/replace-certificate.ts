import { promises as fs } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import {
  assertSecretsSafe,
  checkReplacement,
  healthTarget,
  healthWithLogs,
  inspectRegistry,
  installCertificate,
  readCertDir,
  readContainerFile,
  CA_FILE,
  CERT_FILE,
  CERTS_DIR,
  KEY_FILE,
  type CertMaterial,
  type Engine,
  type HealthResult,
  type ReplaceCheck,
} from '../docker/index'
import { backupFile, writeFileAtomic } from '../fs/atomic-write'
import { runJob, type JobDefinition, type JobStep, type RunJobOptions } from '../jobs/runner'
import { issueToDir } from '../pki/index'

/** What a replace needs: the registry container, its live certificate folder, and the CA to issue from. */
export interface ReplaceCertificateInput {
  engine: Engine
  /** The registry container. */
  name: string
  /** The live folder: domain.crt, domain.key and ca.crt the registry was started from (bind-mounted on a local engine). */
  certDir: string
  caDir: string
  /** The addresses the new certificate names (the plan's addresses). */
  sans: string[]
  /** The address clients use, checked by the health poll; default: one the certificate names. */
  registryHost?: string | undefined
  passphrase?: string | undefined
  days?: number | undefined
  healthTimeoutMs?: number | undefined
  now?: Date | undefined
}

export interface ReplaceCertificateResult {
  notAfter: string
  health: HealthResult
  /** The old pair, kept next to the live files (`domain.crt.bak-STAMP`...). */
  backups: string[]
}

/** A file of the live folder as it was before the job: its text and mode, or absent. */
type Saved = { content: string; mode: number } | undefined

/** The job's shared state: what each step found or did, for the next steps and for the undo. */
export interface ReplaceState {
  readonly input: ReplaceCertificateInput
  staging?: string
  /** The live folder's files before the swap, by name. */
  oldFiles?: Map<string, Saved>
  /** The pair the container served before the swap (what a rollback puts back). */
  oldServed?: CertMaterial
  fresh?: CertMaterial
  checked?: ReplaceCheck
  /** Set before each half of the swap begins, so the undo also covers a swap that stopped halfway. */
  swapped: { files: boolean; container: boolean }
  backups: string[]
  health?: HealthResult
}

const LIVE_FILES = [
  [CERT_FILE, 0o644],
  [KEY_FILE, 0o600],
  [CA_FILE, 0o644],
] as const

async function readSaved(path: string): Promise<Saved> {
  try {
    const [content, stat] = await Promise.all([fs.readFile(path, 'utf8'), fs.stat(path)])
    return { content, mode: stat.mode & 0o777 }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}

/** The live pair and what the container serves now: refused at once for an engine that must not get a key. */
const prepare: JobStep<ReplaceState> = {
  id: 'prepare',
  run: async (state) => {
    const { engine, name, certDir } = state.input
    assertSecretsSafe(engine.resolved, 'newKey')
    const live = await readCertDir(certDir)
    state.oldFiles = new Map()
    for (const [file] of LIVE_FILES) state.oldFiles.set(file, await readSaved(join(certDir, file)))
    await inspectRegistry(engine, name)
    const served = await Promise.all(
      [CERT_FILE, KEY_FILE].map((f) => readContainerFile(engine, name, `${CERTS_DIR}/${f}`)),
    )
    const [certPem, keyPem] = served
    state.oldServed =
      certPem !== undefined && keyPem !== undefined ? { certPem, keyPem, caPem: live.caPem } : live
  },
}

/** The new pair, issued into a staging folder next to the live one (the live files stay as they are), and checked. */
const issue: JobStep<ReplaceState> = {
  id: 'issue',
  run: async (state, { signal }) => {
    const { input } = state
    const parent = dirname(input.certDir)
    state.staging = await fs.mkdtemp(join(parent, `.${basename(input.certDir)}.rw-new-`))
    await issueToDir({
      caDir: input.caDir,
      outDir: state.staging,
      sans: input.sans,
      days: input.days,
      passphrase: input.passphrase,
      usage: 'server',
      now: input.now,
    })
    if (signal.aborted) return
    state.fresh = await readCertDir(state.staging)
    state.checked = await checkReplacement(input.engine, input.name, state.fresh, {
      registryHost: input.registryHost,
    })
  },
}

/** Writes a pair into the live folder (the old files kept as backups) and into the container, then restarts it. */
const swap: JobStep<ReplaceState> = {
  id: 'swap',
  run: async (state) => {
    const { engine, name, certDir } = state.input
    const fresh = must(state.fresh)
    state.swapped.files = true
    const texts = { [CERT_FILE]: fresh.certPem, [KEY_FILE]: fresh.keyPem, [CA_FILE]: fresh.caPem }
    for (const [file, mode] of LIVE_FILES) {
      const path = join(certDir, file)
      if (must(state.oldFiles).get(file) !== undefined) state.backups.push(await backupFile(path))
      await writeFileAtomic(path, texts[file], { mode })
    }
    state.swapped.container = true
    await installCertificate(engine, name, { ...fresh, dir: certDir }, must(state.checked).info)
  },
  undo: async (state) => {
    const { engine, name, certDir } = state.input
    if (state.swapped.files) await restoreFiles(state)
    if (state.swapped.container)
      await installCertificate(engine, name, { ...must(state.oldServed), dir: certDir })
  },
}

/** The live folder as it was: the old texts and modes back, files that were not there removed, our backups gone. */
async function restoreFiles(state: ReplaceState): Promise<void> {
  const { certDir } = state.input
  for (const [file] of LIVE_FILES) {
    const path = join(certDir, file)
    const old = must(state.oldFiles).get(file)
    if (old === undefined) await fs.rm(path, { force: true })
    else await writeFileAtomic(path, old.content, { mode: old.mode })
  }
  for (const backup of state.backups.splice(0)) await fs.rm(backup, { force: true })
}

/** The registry answers over TLS with the new certificate, checked against our CA for the address clients use. */
const health: JobStep<ReplaceState> = {
  id: 'health',
  run: async (state, { signal }) => {
    const { engine, name, healthTimeoutMs } = state.input
    const { check, port } = must(state.checked)
    const target = healthTarget(engine, check.identity, port, must(state.fresh).caPem)
    state.health = await healthWithLogs(engine, name, target, { timeoutMs: healthTimeoutMs, signal })
  },
}

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('replace-certificate: a step ran before the one it depends on')
  return value
}

export const REPLACE_CERT_KIND = 'replaceCert'
export const REPLACE_CERT_STEPS: readonly JobStep<ReplaceState>[] = [prepare, issue, swap, health]

export interface ReplaceCertificateOptions extends RunJobOptions {
  /** Steps run after the health check (tests inject a failing one to see the rollback). */
  extraSteps?: readonly JobStep<ReplaceState>[] | undefined
}

/**
 * Replace certificate as one job: issue a new pair from the same CA into a staging folder, swap it into the live
 * folder and the container, check health. When any step fails or the signal aborts, the old pair is put back on disk
 * and in the container (they agree again), the staging folder is removed, and the job fails with that step's error
 * (CANCELLED when cancelled).
 */
export async function replaceServerCertificate(
  input: ReplaceCertificateInput,
  options: ReplaceCertificateOptions = {},
): Promise<ReplaceCertificateResult> {
  const job: JobDefinition<ReplaceState> = {
    kind: REPLACE_CERT_KIND,
    steps: [...REPLACE_CERT_STEPS, ...(options.extraSteps ?? [])],
    cleanup: async (state) => {
      if (state.staging !== undefined) await fs.rm(state.staging, { recursive: true, force: true })
    },
  }
  const state = await runJob<ReplaceState>(
    job,
    { input, swapped: { files: false, container: false }, backups: [] },
    options,
  )
  return { notAfter: must(state.checked).check.notAfter, health: must(state.health), backups: state.backups }
}
