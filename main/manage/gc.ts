// Garbage collection done safely, as one job (progress `progress.gc.<step>`): the registry re-created in read-only
// maintenance mode (REGISTRY_STORAGE_MAINTENANCE_READONLY={"enabled":true}: registry:2 then answers 405 to every
// upload and delete, and still serves pulls), `registry garbage-collect CONFIG --dry-run` run in the container through
// the Engine API (local and remote engines), then the real run, then the registry re-created in normal mode: a new
// process, so its in-memory blob descriptor cache is empty (a running registry otherwise keeps answering "layer
// already exists" for blobs just deleted, and the next push of the same image fails). Bytes: the storage layout
// before and after. On any failure the registry ends up running in normal mode.
import { AppError } from '../errors'
import { inspectRegistry, type ContainerInfo, type Engine } from '../docker/index'
import { runJob, type JobStep, type RunJobOptions } from '../jobs/runner'
import { message, type Message } from '../messages/index'
import { execInContainer } from './exec'
import { readLayout, type StorageLayout } from './layout'
import { asList, checkManaged, envValue, recreateWithEnv } from './recreate'
import { usageOf } from './usage'

export const READONLY_ENV = 'REGISTRY_STORAGE_MAINTENANCE_READONLY'
export const READONLY_VALUE = '{"enabled":true}'
export const GC_KIND = 'gc'
const DEFAULT_CONFIG = '/etc/docker/registry/config.yml'
const MAX_LOG = 2000

export interface GcInput {
  engine: Engine
  name: string
  /** Only report what would be freed: no maintenance mode, nothing deleted. */
  dryRun?: boolean | undefined
  /** Also delete manifests no tag points at (registry:2 then deletes the platform manifests of multi-platform images). */
  deleteUntagged?: boolean | undefined
  healthTimeoutMs?: number | undefined
}

export interface GcWarning {
  code: 'GC_DELETE_UNTAGGED_MULTIPLATFORM'
  message: Message
}

export interface GcResult {
  name: string
  dryRun: boolean
  /** Blobs garbage-collect named (dry run) as eligible for deletion, and their bytes. */
  eligibleBlobs: number
  wouldFreeBytes: number
  beforeBytes: number
  /** After the real run (undefined for a dry run). */
  afterBytes: number | undefined
  freedBytes: number | undefined
  warnings: GcWarning[]
  /** What garbage-collect printed (the last lines when it printed very many). */
  log: string[]
}

interface State {
  input: GcInput
  info?: ContainerInfo
  command?: string[]
  before?: StorageLayout
  eligible: string[]
  readOnly: boolean
  afterBytes?: number
  log: string[]
}

export interface GcOptions extends RunJobOptions {
  /** Each line garbage-collect prints, as it prints it (the log view). */
  onLog?: ((line: string) => void) | undefined
  extraSteps?: readonly JobStep<State>[] | undefined
}

/** `registry garbage-collect CONFIG`: the binary and the configuration the container runs with. */
function gcCommand(info: ContainerInfo, deleteUntagged: boolean): string[] {
  const binary = asList(info.Config.Entrypoint)?.[0] ?? 'registry'
  const config =
    asList(info.Config.Cmd)?.find((a) => a.endsWith('.yml') || a.endsWith('.yaml')) ?? DEFAULT_CONFIG
  return [binary, 'garbage-collect', config, ...(deleteUntagged ? ['--delete-untagged'] : [])]
}

const prepare: JobStep<State> = {
  id: 'prepare',
  run: async (state) => {
    const { engine, name } = state.input
    const info = await inspectRegistry(engine, name)
    checkManaged(info, name)
    if (!info.State.Running) throw new AppError({ code: 'MANAGE_NOT_RUNNING', params: { name } })
    state.info = info
    state.command = gcCommand(info, state.input.deleteUntagged === true)
    state.before = await readLayout(engine, name)
  },
}

const readOnlyOn = (info: ContainerInfo): boolean => envValue(info, READONLY_ENV) !== undefined

/** Back to normal mode when the container runs in maintenance mode (the undo of `readOnly`). */
async function leaveMaintenance(state: State): Promise<void> {
  const { engine, name, healthTimeoutMs } = state.input
  if (!readOnlyOn(await inspectRegistry(engine, name))) return
  await recreateWithEnv(engine, name, { unset: [READONLY_ENV] }, { healthTimeoutMs })
  state.readOnly = false
}

const readOnly: JobStep<State> = {
  id: 'readOnly',
  run: async (state, { signal }) => {
    const { engine, name, healthTimeoutMs } = state.input
    await recreateWithEnv(
      engine,
      name,
      { set: { [READONLY_ENV]: READONLY_VALUE } },
      { signal, healthTimeoutMs },
    )
    state.readOnly = true
  },
  undo: leaveMaintenance,
}

/** Runs garbage-collect with `extra` arguments; its output goes to the log, a failure is MANAGE_GC_FAILED. */
async function runGc(state: State, extra: string[], onLog: GcOptions['onLog']): Promise<string> {
  const { engine, name } = state.input
  const cmd = [...(state.command ?? []), ...extra]
  const r = await execInContainer(engine, name, cmd, (line) => {
    state.log.push(line)
    if (state.log.length > MAX_LOG) state.log.shift()
    onLog?.(line)
  })
  if (r.exitCode !== 0)
    throw new AppError({
      code: 'MANAGE_GC_FAILED',
      params: {
        name,
        exitCode: r.exitCode,
        output: `${r.stdout}${r.stderr}`.trim().split('\n').slice(-10).join('\n'),
      },
    })
  return r.stdout
}

/** The digests a garbage-collect run names as eligible ("blob eligible for deletion: sha256:..."). */
export function eligibleBlobs(stdout: string): string[] {
  return [...stdout.matchAll(/^blob eligible for deletion: (sha256:[0-9a-f]{64})\s*$/gm)].map(
    (m) => m[1] ?? '',
  )
}

const dryRun = (onLog: GcOptions['onLog']): JobStep<State> => ({
  id: 'dryRun',
  run: async (state) => {
    state.eligible = eligibleBlobs(await runGc(state, ['--dry-run'], onLog))
  },
})

const collect = (onLog: GcOptions['onLog']): JobStep<State> => ({
  id: 'collect',
  run: async (state) => {
    await runGc(state, [], onLog)
  },
})

/** Normal mode again, in a new process: its blob descriptor cache starts empty. */
const restart: JobStep<State> = { id: 'restart', run: leaveMaintenance }

const measure: JobStep<State> = {
  id: 'measure',
  run: async (state) => {
    state.afterBytes = usageOf(await readLayout(state.input.engine, state.input.name)).totalBytes
  },
}

function result(state: State): GcResult {
  const before = state.before
  const beforeBytes = before === undefined ? 0 : usageOf(before).totalBytes
  const wouldFreeBytes = state.eligible.reduce((n, d) => n + (before?.blobs.get(d) ?? 0), 0)
  const warnings: GcWarning[] =
    state.input.deleteUntagged === true
      ? [{ code: 'GC_DELETE_UNTAGGED_MULTIPLATFORM', message: message('manage.warning.deleteUntagged') }]
      : []
  return {
    name: state.input.name,
    dryRun: state.input.dryRun === true,
    eligibleBlobs: state.eligible.length,
    wouldFreeBytes,
    beforeBytes,
    afterBytes: state.afterBytes,
    freedBytes: state.afterBytes === undefined ? undefined : beforeBytes - state.afterBytes,
    warnings,
    log: state.log,
  }
}

/** `registry gc` (see the top of this file). A dry run only reads: no maintenance mode, nothing deleted. */
export async function garbageCollect(input: GcInput, options: GcOptions = {}): Promise<GcResult> {
  const steps: JobStep<State>[] =
    input.dryRun === true
      ? [prepare, dryRun(options.onLog)]
      : [
          prepare,
          readOnly,
          dryRun(options.onLog),
          collect(options.onLog),
          ...(options.extraSteps ?? []),
          restart,
          measure,
        ]
  const state = await runJob<State>(
    { kind: GC_KIND, steps },
    { input, eligible: [], readOnly: false, log: [] },
    options,
  )
  return result(state)
}
