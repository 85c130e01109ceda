// The Registry step's "Docker Swarm service" channels through the real preload API and IPC handlers
// (tests/support/ipc-harness.ts) on a one-node swarm of the test dockerd: `swarm init` here only when the engine is not
// in a swarm, `swarm leave --force` after (and docker_gwbridge removed when this suite made it). Without IPVS in the
// kernel there is no routing mesh, so the service publishes the plan's port in host mode (one task per node).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { findService, ownedSecrets } from '../../main/cluster/swarm/index'
import { connectEngine, type Engine } from '../../main/docker/index'
import type { Plan } from '../../main/ipc/contract'
import { startIpc, type IpcHarness } from '../support/ipc-harness'
import { ensureRegistryImage, freePort, makeCerts, run, tempDir } from '../support/rw-reg-fixtures'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

const NAME = 'rw-swarm-ipc'
const VOLUME = 'rw-swarm-ipc-vol'
let work: { path: string; cleanup: () => Promise<void> }
let certs: { caDir: string; certDir: string }
let ipc: IpcHarness
let engine: Engine
let plan: Plan
let swarmWasActive = false
let gwbridgeExisted = false

const swarmState = async (): Promise<string> =>
  (await run('docker', ['info', '--format', '{{.Swarm.LocalNodeState}}'])).stdout.trim()

beforeAll(async () => {
  await ensureRegistryImage()
  work = await tempDir('rw-swarm-ipc-')
  certs = await makeCerts(work.path, ['127.0.0.1', 'localhost'])
  engine = connectEngine({})
  swarmWasActive = (await swarmState()) === 'active'
  gwbridgeExisted = await run('docker', ['network', 'inspect', 'docker_gwbridge']).then(
    () => true,
    () => false,
  )
  plan = { addresses: ['127.0.0.1'], port: await freePort(), docker: { kind: 'local' } }
  ipc = startIpc({ dir: work.path, deps: { containerName: NAME } })
}, 120_000)

afterAll(async () => {
  ipc.close()
  await run('docker', ['service', 'rm', NAME]).catch(() => undefined)
  if (!swarmWasActive) {
    await run('docker', ['swarm', 'leave', '--force']).catch(() => undefined)
    if (!gwbridgeExisted) await run('docker', ['network', 'rm', 'docker_gwbridge']).catch(() => undefined)
  }
  await run('docker', ['volume', 'rm', VOLUME]).catch(() => undefined)
  await work.cleanup()
}, 120_000)

const call = <T>(fn: () => T): T => ipc.fromApp(fn)

describe.runIf(!swarmWasActive)('before swarm init', () => {
  it('the engine is not a manager: the choice is not offered', async () => {
    expect(await call(() => ipc.api.swarmAvailable({ plan }))).toEqual({
      ok: true,
      value: { manager: false },
    })
  })
})

describe('on a one-node swarm', () => {
  beforeAll(async () => {
    if (!swarmWasActive) await run('docker', ['swarm', 'init', '--advertise-addr', '127.0.0.1'])
  }, 60_000)

  it('is a manager now', async () => {
    expect(await call(() => ipc.api.swarmAvailable({ plan }))).toEqual({ ok: true, value: { manager: true } })
  })

  it('refuses a path as the volume name before anything is made', async () => {
    const r = await call(() =>
      ipc.api.startSwarmRegistry({
        jobId: 'swarm-bad-1',
        plan,
        certDir: certs.certDir,
        replicas: 1,
        publishMode: 'host',
        volume: { name: '/srv/data' },
      }),
    )
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'volume.name' } })
    expect(await findService(engine, NAME)).toBeUndefined()
  })

  it('starts the service as a job (step progress), status says 1 of 1, remove keeps the volume', async () => {
    const steps: string[] = []
    const off = ipc.api.on('job:progress', (p) => {
      if (p.jobId === 'swarm-start-1') steps.push(p.step)
    })
    const r = await call(() =>
      ipc.api.startSwarmRegistry({
        jobId: 'swarm-start-1',
        plan,
        certDir: certs.certDir,
        replicas: 1,
        publishMode: 'host',
        volume: { name: VOLUME },
      }),
    )
    off()
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    expect(r.value).toMatchObject({ name: NAME, replicas: 1, publishMode: 'host', volume: VOLUME })
    expect(r.value.url).toBe(`https://127.0.0.1:${plan.port}`)
    expect(steps).toEqual(expect.arrayContaining(['preflight', 'secrets', 'service', 'tasks', 'health']))
    const s = await call(() => ipc.api.swarmStatus({ plan }))
    if (!s.ok || s.value.service === null) throw new Error(JSON.stringify(s))
    expect(s.value.service).toMatchObject({ name: NAME, replicas: 1, running: 1, port: plan.port })
    expect(s.value.service.servedCert?.daysLeft).toBeGreaterThan(0)
    const again = await call(() =>
      ipc.api.startSwarmRegistry({
        jobId: 'swarm-start-2',
        plan,
        certDir: certs.certDir,
        replicas: 1,
        publishMode: 'host',
      }),
    )
    expect(again).toMatchObject({ ok: false, error: { code: 'SWARM_SERVICE_EXISTS' } })
    const removed = await call(() => ipc.api.swarmRemove({ plan, deleteData: false }))
    expect(removed).toMatchObject({ ok: true, value: { removedServices: [NAME], keptVolume: VOLUME } })
    expect(await call(() => ipc.api.swarmStatus({ plan }))).toEqual({ ok: true, value: { service: null } })
    expect(await ownedSecrets(engine, NAME)).toEqual([])
    const vols = (await run('docker', ['volume', 'ls', '--format', '{{.Name}}'])).stdout.split('\n')
    expect(vols).toContain(VOLUME)
  }, 240_000)
})
