// The mirror channels through the REAL IPC path (tests/support/ipc-harness.ts: the preload's API, registerHandlers,
// the handlers buildHandlers makes) against real registry:2 containers: start as a job, status with the proxy's
// labels, stop, restart with the health check against the CA in certDir, remove keeping the data volume; and the
// mirror channels refuse a container that is no mirror (the shared stop/restart/remove helper keeps that check).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectEngine, readCertDir, startRegistry } from '../../docker/index'
import type { JobProgress, Plan, RegistryWizardApi } from '../contract'
import { bridgeGateway } from '../../../tests/mirror/support'
import { startIpc, type IpcHarness } from '../../../tests/support/ipc-harness'
import {
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  makeCerts,
  run,
} from '../../../tests/support/rw-reg-fixtures'

vi.mock('electron', () => import('../../../tests/support/electron-stand-in/index'))

// One name for the mirror and, later, for a plain registry: the harness serves both through it.
const name = `rw-mirror-ipc-${randomBytes(3).toString('hex')}`
const volumes = ['data', 'certs', 'auth', 'config'].map((v) => `${name}-${v}`)
const upName = `${name}-up`
let UPSTREAM: string
let upstreamCaPath: string
let dir: string
let ipc: IpcHarness
let api: RegistryWizardApi
let plan: Plan
let certDir: string
let mirrorPort: number
const events: JobProgress[] = []

const call = <T>(fn: () => Promise<T>): Promise<T> => ipc.fromApp(fn)
const running = async (): Promise<string> =>
  (await run('docker', ['inspect', '-f', '{{.State.Running}}', name])).stdout.trim()

beforeAll(async () => {
  await ensureRegistryImage()
  dir = mkdtempSync(join(tmpdir(), 'rw-mirror-ipc-'))
  ;({ certDir } = await makeCerts(dir, ['127.0.0.1'], 'ca'))
  // The upstream: a plain registry:2 on the bridge gateway (registry:2 asks it for /v2/ when the mirror starts).
  const gateway = await bridgeGateway()
  const up = await makeCerts(dir, [gateway], 'ca-up')
  const upPort = await freePort()
  await startRegistry(connectEngine({}), { name: upName, port: upPort, certs: await readCertDir(up.certDir) })
  UPSTREAM = `https://${gateway}:${upPort}`
  upstreamCaPath = join(up.certDir, 'ca.crt')
  ipc = startIpc({ dir, deps: { containerName: name, mirrorName: name } })
  api = ipc.api
  api.on('job:progress', (p) => events.push(p))
  plan = { addresses: ['127.0.0.1'], port: await freePort(), docker: { kind: 'local' } }
  mirrorPort = await freePort()
})

afterAll(async () => {
  ipc.close()
  await dockerCleanup([name, upName], [...volumes, `${upName}-data`, `${upName}-certs`, `${upName}-auth`])
  rmSync(dir, { recursive: true, force: true })
})

describe('mirror channels over IPC against registry:2', () => {
  it('starts the mirror as a job; status says it proxies the upstream, on its own port, with the served cert', async () => {
    const r = await call(() =>
      api.startMirror({
        jobId: 'mirror-start-1',
        plan,
        certDir,
        upstream: UPSTREAM,
        upstreamCaPath,
        port: mirrorPort,
      }),
    )
    expect(r).toMatchObject({
      ok: true,
      value: { upstream: UPSTREAM, url: `https://127.0.0.1:${mirrorPort}` },
    })
    expect(events.some((e) => e.jobId === 'mirror-start-1')).toBe(true)
    const s = await call(() => api.mirrorStatus({ plan }))
    expect(s).toMatchObject({
      ok: true,
      value: { name, running: true, port: mirrorPort, upstream: UPSTREAM, upstreamCa: true },
    })
    expect(s.ok && s.value.servedCert?.subject).toContain('127.0.0.1')
  })

  it('stop answers the stopped status; restart brings it back healthy (a job); the engine agrees', async () => {
    const stopped = await call(() => api.mirrorStop({ plan }))
    expect(stopped).toMatchObject({ ok: true, value: { running: false } })
    expect(await running()).toBe('false')
    const restarted = await call(() => api.mirrorRestart({ jobId: 'mirror-restart-1', plan, certDir }))
    expect(restarted).toMatchObject({ ok: true, value: { status: 200 } })
    expect(await running()).toBe('true')
    expect(events.filter((e) => e.jobId === 'mirror-restart-1').map((e) => e.step)).toEqual([
      'restart',
      'done',
    ])
  })

  it('remove keeps the data volume and says so; afterwards status is REGISTRY_NOT_FOUND', async () => {
    const r = await call(() => api.mirrorRemove({ plan, deleteData: false }))
    expect(r).toMatchObject({ ok: true, value: { keptStorage: { kind: 'volume', name: `${name}-data` } } })
    const volumesLeft = (await run('docker', ['volume', 'ls', '-q', '--filter', `name=${name}`])).stdout
    expect(volumesLeft.split('\n')).toContain(`${name}-data`)
    expect(volumesLeft).not.toContain(`${name}-config`)
    expect(await call(() => api.mirrorStatus({ plan }))).toMatchObject({
      ok: false,
      error: { code: 'REGISTRY_NOT_FOUND' },
    })
  })

  it('a plain registry under that name: the mirror channels refuse it (MIRROR_NOT_A_MIRROR), it keeps running', async () => {
    expect(await call(() => api.startRegistry({ jobId: 'reg-start-1', plan, certDir }))).toMatchObject({
      ok: true,
    })
    for (const r of [
      await call(() => api.mirrorStop({ plan })),
      await call(() => api.mirrorRestart({ jobId: 'mirror-restart-2', plan, certDir })),
      await call(() => api.mirrorRemove({ plan, deleteData: true })),
      await call(() => api.mirrorStatus({ plan })),
    ])
      expect(r).toMatchObject({ ok: false, error: { code: 'MIRROR_NOT_A_MIRROR', params: { name } } })
    expect(await running()).toBe('true')
    // The registry channels (the same helper, the registry's functions) do stop it.
    expect(await call(() => api.registryStop({ plan }))).toMatchObject({
      ok: true,
      value: { running: false },
    })
  })
})
