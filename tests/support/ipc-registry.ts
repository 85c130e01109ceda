// One real registry:2 started through the REAL IPC path (ipc-harness.ts), for the suites that then drive a
// lifecycle job over IPC (renew, replace, CA renewal): a temp folder, a CA and a served pair (makeCerts), the
// handlers with the container name, progress and log events collected, and startRegistry already run (checked).
// Each test file still calls vi.mock('electron', () => import('./electron-stand-in/index')).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { Events, JobProgress, Plan, RegistryWizardApi } from '../../main/ipc/contract'
import { startIpc, type IpcHarness } from './ipc-harness'
import { dockerCleanup, ensureRegistryImage, freePort, makeCerts, trackRegistry } from './rw-reg-fixtures'

export interface IpcRegistryOptions {
  /** Container name and temp folder prefix, unique to the suite (e.g. 'rw-renew-ipc'). */
  prefix: string
  /** Addresses in the served certificate; default ['127.0.0.1']. */
  certAddresses?: string[]
  /** The plan's addresses; default ['127.0.0.1']. */
  planAddresses?: string[]
  /** Open the CA folder over IPC after the start (openCa), as Home does. */
  openCa?: boolean
  /** Called with each progress event after it is recorded (a test may act at a given step). */
  onProgress?: (p: JobProgress) => void
}

export interface IpcRegistry {
  name: string
  dir: string
  caDir: string
  certDir: string
  ipc: IpcHarness
  api: RegistryWizardApi
  plan: Plan
  events: JobProgress[]
  logs: Events['job:log'][]
  /** Containers and volumes removed by close() (a test may add its own). */
  containers: string[]
  volumes: string[]
  /** Runs fn as our own renderer frame. */
  call: <T>(fn: () => Promise<T>) => Promise<T>
  close: () => Promise<void>
}

/** Starts the registry as job 'start-1' over IPC (the start must answer ok). */
export async function startIpcRegistry(o: IpcRegistryOptions): Promise<IpcRegistry> {
  await ensureRegistryImage()
  const name = `${o.prefix}-${randomBytes(3).toString('hex')}`
  const dir = mkdtempSync(join(tmpdir(), `${o.prefix}-`))
  const { caDir, certDir } = await makeCerts(dir, o.certAddresses ?? ['127.0.0.1'], 'ca')
  const containers: string[] = []
  const volumes: string[] = []
  trackRegistry(containers, volumes, name)
  const ipc = startIpc({ dir, deps: { containerName: name } })
  const { api } = ipc
  const events: JobProgress[] = []
  const logs: Events['job:log'][] = []
  api.on('job:progress', (p) => {
    events.push(p)
    o.onProgress?.(p)
  })
  api.on('job:log', (l) => logs.push(l))
  const call = <T>(fn: () => Promise<T>): Promise<T> => ipc.fromApp(fn)
  const plan: Plan = {
    addresses: o.planAddresses ?? ['127.0.0.1'],
    port: await freePort(),
    docker: { kind: 'local' },
  }
  const close = async (): Promise<void> => {
    ipc.close()
    await dockerCleanup(containers, volumes)
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    expect(await call(() => api.startRegistry({ jobId: 'start-1', plan, certDir }))).toMatchObject({
      ok: true,
    })
    if (o.openCa) expect(await call(() => api.openCa({ dir: caDir }))).toMatchObject({ ok: true })
  } catch (e) {
    await close()
    throw e
  }
  return { name, dir, caDir, certDir, ipc, api, plan, events, logs, containers, volumes, call, close }
}
