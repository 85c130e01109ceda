// Switching deleting on: the registry container re-created with REGISTRY_STORAGE_DELETE_ENABLED=true, as one job
// (steps check, recreate, verify; progress `progress.enableDelete.<step>`). Storage, certificates, auth, port and
// labels stay (recreate.ts); the verify step checks the new container mounts the very same storage and certificates.
import { isDeepStrictEqual } from 'node:util'
import { AppError } from '../errors'
import {
  certStoreOf,
  inspectRegistry,
  mountedStorage,
  type ContainerInfo,
  type Engine,
} from '../docker/index'
import { runJob, type JobStep, type RunJobOptions } from '../jobs/runner'
import { checkManaged, envValue, recreateWithEnv } from './recreate'

export const DELETE_ENV = 'REGISTRY_STORAGE_DELETE_ENABLED'
export const ENABLE_DELETE_KIND = 'enableDelete'

export interface EnableDeleteInput {
  engine: Engine
  name: string
  healthTimeoutMs?: number | undefined
}

export interface EnableDeleteResult {
  name: string
  /** false: it was on already, nothing was changed. */
  changed: boolean
}

interface State {
  input: EnableDeleteInput
  before?: ContainerInfo
  previous?: string | undefined
  changed: boolean
}

const isOn = (v: string | undefined): boolean => v !== undefined && /^(true|1)$/i.test(v.trim())

const check: JobStep<State> = {
  id: 'check',
  run: async (state) => {
    const info = await inspectRegistry(state.input.engine, state.input.name)
    checkManaged(info, state.input.name)
    state.before = info
    state.previous = envValue(info, DELETE_ENV)
  },
}

const recreate: JobStep<State> = {
  id: 'recreate',
  run: async (state, { signal }) => {
    if (isOn(state.previous)) return
    const { engine, name, healthTimeoutMs } = state.input
    await recreateWithEnv(engine, name, { set: { [DELETE_ENV]: 'true' } }, { signal, healthTimeoutMs })
    state.changed = true
  },
  undo: async (state) => {
    if (!state.changed) return // recreateWithEnv put the old container back itself
    const { engine, name, healthTimeoutMs } = state.input
    const previous = state.previous
    await recreateWithEnv(
      engine,
      name,
      previous === undefined ? { unset: [DELETE_ENV] } : { set: { [DELETE_ENV]: previous } },
      { healthTimeoutMs },
    )
    state.changed = false
  },
}

/** The new container mounts what the old one did: nothing stored is lost or hidden. */
const verify: JobStep<State> = {
  id: 'verify',
  run: async (state) => {
    const { engine, name } = state.input
    const before = state.before
    if (before === undefined || !state.changed) return
    const after = await inspectRegistry(engine, name)
    const same =
      isDeepStrictEqual(mountedStorage(after), mountedStorage(before)) &&
      isDeepStrictEqual(certStoreOf(after), certStoreOf(before)) &&
      isDeepStrictEqual(after.HostConfig.PortBindings, before.HostConfig.PortBindings)
    if (!same) throw new AppError({ code: 'MANAGE_RECREATE_DIFFERS', params: { name } })
  },
}

/** Switches deleting on (a no-op when it is on); any failure leaves the registry as it was, running. */
export async function enableDelete(
  input: EnableDeleteInput,
  options: RunJobOptions & { extraSteps?: readonly JobStep<State>[] } = {},
): Promise<EnableDeleteResult> {
  const state = await runJob<State>(
    { kind: ENABLE_DELETE_KIND, steps: [check, recreate, verify, ...(options.extraSteps ?? [])] },
    { input, changed: false },
    options,
  )
  return { name: input.name, changed: state.changed }
}
