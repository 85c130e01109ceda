import { X509Certificate } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import {
  assertSecretsSafe,
  certStoreOf,
  checkReplacement,
  healthTarget,
  healthWithLogs,
  inspectRegistry,
  installCertificate,
  readCertDir,
  readContainerFile,
  CERT_FILE,
  CERTS_DIR,
  KEY_FILE,
  type CertMaterial,
  type ContainerInfo,
  type Engine,
  type HealthResult,
  type ReplaceCheck,
} from '../docker/index'
import { AppError } from '../errors'
import { runJob, type JobDefinition, type JobStep, type RunJobOptions } from '../jobs/runner'
import { readPairFolder, restorePairFolder, writePairFolder, type PairFolder } from './pair-folder'
import { certificateSans, issueToDir, type KeyType } from '../pki/index'

/** The registry whose served pair is replaced, and how its health is checked afterwards. */
export interface ReplaceTarget {
  engine: Engine
  /** The registry container. */
  name: string
  /**
   * The live folder: domain.crt, domain.key and ca.crt the registry was started from (bind-mounted on a local
   * engine). Absent: the folder the container bind-mounts, else none (the pair lives in the container's store only).
   */
  certDir?: string | undefined
  /** The address clients use, checked by the health poll; default: one the certificate names. */
  registryHost?: string | undefined
  healthTimeoutMs?: number | undefined
}

/** A replace that issues the new pair from the CA (the GUI's, and the CLI's `--ca-dir`). */
export interface ReplaceCertificateInput extends ReplaceTarget {
  caDir: string
  /** The addresses the new certificate names (the plan's addresses); empty: those of the certificate in use. */
  sans: string[]
  passphrase?: string | undefined
  days?: number | undefined
  /** The new key's type (default ECDSA P-256; a renewal keeps the served certificate's). */
  keyType?: KeyType | undefined
  now?: Date | undefined
  /**
   * The previous CA of caDir (PEM), accepted as the served certificate's issuer: a move to caDir's new CA after
   * `ca renew` (renew-certificate proves it issued the served certificate). Absent: the served one must be caDir's.
   */
  servedCaPem?: string | undefined
}

/** A replace with a pair already issued (the CLI's `--certs`): it must not be the live folder itself. */
export interface SwapCertificateInput extends ReplaceTarget {
  certs: CertMaterial
}

export interface ReplaceCertificateResult {
  notAfter: string
  health: HealthResult
  /** The old pair, kept next to the live files (`domain.crt.bak-STAMP`...); none without a live folder. */
  backups: string[]
}

/** The job's shared state: what each step found or did, for the next steps and for the undo. */
export interface ReplaceState {
  readonly input: ReplaceTarget
  /** The live folder on this machine, when there is one (prepare decides). */
  liveDir?: string
  staging?: string
  /** The live folder's files before the swap, and the backups the swap made (pair-folder.ts). */
  folder?: PairFolder
  /** The pair the container served before the swap (what a rollback puts back). */
  oldServed?: CertMaterial
  fresh?: CertMaterial
  checked?: ReplaceCheck
  /** Set before each half of the swap begins, so the undo also covers a swap that stopped halfway. */
  swapped: { files: boolean; container: boolean }
  health?: HealthResult
}

/** The live folder: the one given, else the folder a local engine's container bind-mounts at /certs. */
function liveDirOf(state: ReplaceState, info: ContainerInfo): string | undefined {
  const { engine, name, certDir } = state.input
  if (certDir !== undefined) return certDir
  const store = certStoreOf(info)
  if (store?.kind !== 'bind') return undefined
  if (!engine.resolved.local) throw new AppError({ code: 'NOT_LOCAL', params: { name, source: store.dir } })
  return store.dir
}

/** What the container serves now: its mounted pair, else the live folder's (refused when neither can be read). */
async function servedPair(state: ReplaceState, live: CertMaterial | undefined): Promise<CertMaterial> {
  const { engine, name } = state.input
  const [certPem, keyPem] = await Promise.all(
    [CERT_FILE, KEY_FILE].map((f) => readContainerFile(engine, name, `${CERTS_DIR}/${f}`)),
  )
  if (certPem !== undefined && keyPem !== undefined) return { certPem, keyPem, caPem: live?.caPem ?? '' }
  if (live !== undefined) return live
  throw new AppError({ code: 'REPLACE_NO_OLD_PAIR', params: { name } })
}

/** The live pair and what the container serves now: refused at once for an engine that must not get a key. */
const prepare: JobStep<ReplaceState> = {
  id: 'prepare',
  run: async (state) => {
    const { engine, name } = state.input
    assertSecretsSafe(engine.resolved, 'newKey')
    const info = await inspectRegistry(engine, name)
    const liveDir = liveDirOf(state, info)
    state.liveDir = liveDir
    if (liveDir !== undefined) state.folder = await readPairFolder(liveDir)
    state.oldServed = await servedPair(state, liveDir === undefined ? undefined : await readCertDir(liveDir))
  },
}

/** The addresses the certificate in use names: the new one names the same when none are given. */
function servedSans(served: CertMaterial): string[] {
  return certificateSans(new X509Certificate(served.certPem)).map((san) => san.value)
}

/** The new pair, issued into a staging folder next to the live one (the live files stay as they are), and checked. */
function issueStep(from: ReplaceCertificateInput): JobStep<ReplaceState> {
  return {
    id: 'issue',
    run: async (state, { signal }) => {
      const live = state.liveDir
      const parent = live === undefined ? tmpdir() : dirname(live)
      state.staging = await fs.mkdtemp(
        join(parent, `.${live === undefined ? 'certs' : basename(live)}.rw-new-`),
      )
      await issueToDir({
        caDir: from.caDir,
        outDir: state.staging,
        sans: from.sans.length > 0 ? from.sans : servedSans(must(state.oldServed)),
        days: from.days,
        keyType: from.keyType,
        passphrase: from.passphrase,
        usage: 'server',
        now: from.now,
      })
      if (signal.aborted) return
      state.fresh = await readCertDir(state.staging)
      state.checked = await checkReplacement(from.engine, from.name, state.fresh, {
        registryHost: from.registryHost,
        servedCaPem: from.servedCaPem,
      })
    },
  }
}

/** The pair given, checked: valid, for the address, from the CA of the served certificate, not the live folder. */
function checkStep(certs: CertMaterial): JobStep<ReplaceState> {
  return {
    id: 'check',
    run: async (state) => {
      const { engine, name, registryHost } = state.input
      const live = state.liveDir
      if (live !== undefined && certs.dir !== undefined && (await samePath(certs.dir, live)))
        throw new AppError({
          code: 'REPLACE_IN_PLACE',
          kind: 'input',
          field: 'certs',
          params: { certDir: live },
        })
      state.fresh = certs
      state.checked = await checkReplacement(engine, name, certs, { registryHost })
    },
  }
}

async function samePath(a: string, b: string): Promise<boolean> {
  const real = (p: string): Promise<string> => fs.realpath(p).catch(() => resolve(p))
  return (await real(a)) === (await real(b))
}

/** Writes a pair into the live folder (the old files kept as backups) and into the container, then restarts it. */
const swap: JobStep<ReplaceState> = {
  id: 'swap',
  run: async (state) => {
    const { engine, name } = state.input
    const fresh = must(state.fresh)
    if (state.folder !== undefined) {
      state.swapped.files = true
      await writePairFolder(state.folder, fresh)
    }
    state.swapped.container = true
    await installCertificate(engine, name, { ...fresh, dir: state.liveDir }, must(state.checked).info)
  },
  undo: async (state) => {
    const { engine, name } = state.input
    if (state.swapped.files) await restorePairFolder(must(state.folder))
    if (state.swapped.container)
      await installCertificate(engine, name, { ...must(state.oldServed), dir: state.liveDir })
  },
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

/** The message area of the steps: `progress.replaceCert.<step>`. */
export const REPLACE_CERT_KIND = 'replaceCert'

export interface ReplaceCertificateOptions extends RunJobOptions {
  /** Steps run after the health check (tests inject a failing one to see the rollback). */
  extraSteps?: readonly JobStep<ReplaceState>[] | undefined
}

async function runReplace(
  input: ReplaceTarget,
  newPair: JobStep<ReplaceState>,
  options: ReplaceCertificateOptions,
): Promise<ReplaceCertificateResult> {
  const job: JobDefinition<ReplaceState> = {
    kind: REPLACE_CERT_KIND,
    steps: [prepare, newPair, swap, health, ...(options.extraSteps ?? [])],
    cleanup: async (state) => {
      if (state.staging !== undefined) await fs.rm(state.staging, { recursive: true, force: true })
    },
  }
  const state = await runJob<ReplaceState>(
    job,
    { input, swapped: { files: false, container: false } },
    options,
  )
  const backups = state.folder?.backups ?? []
  return { notAfter: must(state.checked).check.notAfter, health: must(state.health), backups }
}

/**
 * Replace certificate as one job: issue a new pair from the same CA into a staging folder, swap it into the live
 * folder and the container, check health. When any step fails or the signal aborts, the old pair is put back on disk
 * and in the container (they agree again), the staging folder is removed, and the job fails with that step's error
 * (CANCELLED when cancelled).
 */
export function replaceServerCertificate(
  input: ReplaceCertificateInput,
  options: ReplaceCertificateOptions = {},
): Promise<ReplaceCertificateResult> {
  return runReplace(input, issueStep(input), options)
}

/**
 * The same job for a pair already issued (steps prepare, check, swap, health): checked before anything changes,
 * then swapped; a failed health check, any other failure or the signal puts the old pair back.
 */
export function swapServerCertificate(
  input: SwapCertificateInput,
  options: ReplaceCertificateOptions = {},
): Promise<ReplaceCertificateResult> {
  return runReplace(input, checkStep(input.certs), options)
}
