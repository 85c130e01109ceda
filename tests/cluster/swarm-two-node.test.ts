// The registry as a Swarm service on TWO nodes (issue 14): the test dockerd as manager and a second dockerd in a test
// netns joined as worker (tests/support/swarm-node.ts). `registry start --swarm` with 2 replicas, host-mode publishing
// on one fixed port: one task on each node, each healthy by the probe, `/v2/` over TLS (trusting only our CA) on both
// node addresses (host mode: each address reaches only its own node's published port, so its own task).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, type Engine } from '../../main/docker/index'
import { runCliIn } from '../support/run-cli'
import { ensureRegistryImage, freePort, makeCerts, run, tempDir } from '../support/rw-reg-fixtures'
import { startTwoNodeSwarm, waitSwarmFree, type TwoNodeSwarm } from '../support/swarm-node'
import { startedService, swarmStartArgs } from './swarm-support'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'

const NAME = `rw-swarm2-${randomBytes(3).toString('hex')}`
let work: { path: string; cleanup: () => Promise<void> }
let swarm: TwoNodeSwarm | undefined
let engine: Engine
let caFile = ''
let certDir = ''

const cliRun = (args: string[]) =>
  runCliIn(work.path, ['--lang', 'en', ...args], { ...process.env, LC_ALL: undefined })

/** The HTTP status of GET https://HOST:PORT/v2/ over TLS, trusting only our CA ('000': no answer). */
async function v2(host: string, port: number): Promise<string> {
  const args = ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '10', '--cacert', caFile]
  const r = await run('curl', [...args, `https://${host}:${port}/v2/`]).catch((e: unknown) => ({
    stdout: (e as { stdout?: string }).stdout ?? '000',
  }))
  return r.stdout.trim()
}

beforeAll(async () => {
  await ensureRegistryImage()
  work = await tempDir('rw-swarm2-')
  engine = connectEngine({})
  // Another Swarm suite may hold the test dockerd's swarm: wait for it (polling every 20 s).
  await waitSwarmFree(600_000)
  swarm = await startTwoNodeSwarm('registry:2')
  const certs = await makeCerts(work.path, [swarm.managerIp, swarm.workerIp])
  caFile = join(certs.certDir, 'ca.crt')
  certDir = certs.certDir
}, 720_000)

afterAll(async () => {
  await cliRun(['registry', 'remove', '--name', NAME, '--delete-data']).catch(() => undefined)
  await swarm?.down()
  await work.cleanup()
}, 180_000)

describe('on a two-node swarm (manager + a worker dockerd in a netns)', () => {
  it('places one of 2 replicas on each node; /v2/ answers over TLS on both node addresses', async () => {
    if (swarm === undefined) throw new Error('no swarm')
    const port = await freePort()
    const start = { certDir, name: NAME, replicas: 2, port, publishMode: 'host' } as const
    const out = await startedService(engine, await cliRun(swarmStartArgs(start)))
    expect(out.tasks.map((t) => t.nodeId).sort()).toEqual([swarm.managerNodeId, swarm.workerNodeId].sort())
    // Two nodes for two replicas on a fixed host port: no spare node, so updates are stop-first (said in a notice).
    expect(out.updateOrder).toBe('stop-first')
    expect(out.notices).toContainEqual(
      expect.stringMatching(new RegExp(`stop-first: host mode holds port ${port} on each node and 2 node`)),
    )
    // The worker's own engine runs its task's container, healthy by the probe.
    const onWorker = await swarm.worker.docker.listContainers({
      filters: { label: [`com.docker.swarm.service.id=${out.serviceId}`] },
    })
    expect(onWorker.map((c) => c.Status)).toEqual([expect.stringMatching(/\(healthy\)/)])
    expect(await v2(swarm.managerIp, port)).toBe('200')
    expect(await v2(swarm.workerIp, port)).toBe('200')
  })
})
