// The registry as a Swarm service on TWO nodes (issue 14): the test dockerd as manager and a second dockerd in a test
// netns joined as worker (tests/support/swarm-node.ts). `registry start --swarm` with 2 replicas, host-mode publishing
// on one fixed port: one task on each node, each healthy by the probe, `/v2/` over TLS (trusting only our CA) on both
// node addresses (host mode: each address reaches only its own node's published port, so its own task). Then 1
// replica on a fixed host port: a spare node, so start-first; replace-cert moves the task to the other node while a
// client asks `/v2/` every 50 ms through a load balancer that follows the tasks (swarm-support.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  certFingerprint,
  findService,
  ownedConfigs,
  ownedSecrets,
  servedCertificate,
  serviceTasks,
  serving,
} from '../../main/cluster/swarm/index'
import { connectEngine, probeRegistry, type Engine, type HealthTarget } from '../../main/docker/index'
import { runCliIn } from '../support/run-cli'
import { ensureRegistryImage, freePort, makeCerts, run, tempDir } from '../support/rw-reg-fixtures'
import { startTwoNodeSwarm, waitSwarmFree, type TwoNodeSwarm } from '../support/swarm-node'
import { followingLb, objectsNamed, startedService, swarmStartArgs, type FollowingLb } from './swarm-support'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

const NAME = `rw-swarm2-${randomBytes(3).toString('hex')}`
/** The 1-replica service on a fixed host port (start-first: the other node is spare). */
const ONE = `${NAME}-one`
let work: { path: string; cleanup: () => Promise<void> }
let swarm: TwoNodeSwarm | undefined
let engine: Engine
let caFile = ''
let certDir = ''
let caDir = ''
let lb: FollowingLb | undefined

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
  caDir = certs.caDir
}, 720_000)

afterAll(async () => {
  await lb?.close()
  for (const n of [NAME, ONE])
    await cliRun(['registry', 'remove', '--name', n, '--delete-data']).catch(() => undefined)
  await swarm?.down()
  await work.cleanup()
}, 180_000)

/** Retries `f` every 500 ms until it succeeds (a volume still in use), up to `ms`. */
async function freed(f: () => Promise<unknown>, ms: number): Promise<void> {
  const until = Date.now() + ms
  for (;;) {
    try {
      await f()
      return
    } catch (err) {
      if (Date.now() >= until) throw err
      await new Promise((r) => setTimeout(r, 500))
    }
  }
}

/** Asks `/v2/` every 50 ms until stopped: the answers that were not 200 (an error's message, or the status). */
function askEvery50ms(target: HealthTarget): { stop: () => Promise<{ ok: number; failures: string[] }> } {
  const state = { stop: false, ok: 0, failures: [] as string[] }
  const loop = (async () => {
    while (!state.stop) {
      await probeRegistry(target).then(
        (s) => (s === 200 ? state.ok++ : state.failures.push(`HTTP ${s}`)),
        (e: unknown) => state.failures.push(e instanceof Error ? e.message : String(e)),
      )
      await new Promise((r) => setTimeout(r, 50))
    }
  })()
  return {
    stop: async () => {
      state.stop = true
      await loop
      return { ok: state.ok, failures: state.failures }
    },
  }
}

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

  it('1 replica, fixed host port, spare node: start-first; replace-cert moves the task; 0 failures', async () => {
    if (swarm === undefined) throw new Error('no swarm')
    const s = swarm
    const port = await freePort()
    const start = { certDir, name: ONE, replicas: 1, port, publishMode: 'host' } as const
    const out = await startedService(engine, await cliRun(swarmStartArgs(start)))
    expect(out.updateOrder).toBe('start-first')
    // No stop-first notice (the other one says registry:2 runs by image ID: it was loaded, not pulled).
    expect(out.notices.join('\n')).not.toMatch(/stop-first/)
    expect(out.tasks).toHaveLength(1)
    const addressOf = (node: string): string => (node === s.managerNodeId ? s.managerIp : s.workerIp)
    const before = out.tasks[0]?.nodeId ?? ''
    const oldSecrets = (await ownedSecrets(engine, ONE)).filter((x) => x.role === 'cert' || x.role === 'key')
    expect(oldSecrets).toHaveLength(2)
    // The client reaches the task through the balancer (on 127.0.0.1), the certificate checked for the manager's
    // address.
    lb = await followingLb(engine, ONE, s.managerNodeId)
    expect(lb.backends().map((b) => b.taskId)).toEqual([out.tasks[0]?.id])
    const caPem = await readFile(caFile, 'utf8')
    const client = askEvery50ms({ host: s.managerIp, connectHost: '127.0.0.1', port: lb.port, caPem })
    const r = await cliRun(['registry', 'replace-cert', '--name', ONE, '--ca-dir', caDir, '--json'])
    await new Promise((res) => setTimeout(res, 1000))
    const { ok, failures } = await client.stop()
    expect(r.code, r.err).toBe(0)
    expect(r.err).not.toMatch(/stop-first/)
    const res = JSON.parse(r.out) as {
      updateOrder: string
      notices: string[]
      fingerprint: string
      previousFingerprint: string
      retiredSecrets: string[]
    }
    expect(res.updateOrder).toBe('start-first')
    expect(res.notices).toEqual([])
    expect(res.previousFingerprint).toBe(certFingerprint(await readFile(join(certDir, 'domain.crt'), 'utf8')))
    expect(res.fingerprint).not.toBe(res.previousFingerprint)
    expect(failures).toEqual([])
    expect(ok).toBeGreaterThan(20)
    // The port was held on the old task's node, so the new task runs on the other one; the balancer followed it.
    const [task, ...more] = lb.backends()
    expect(more).toEqual([])
    const now = serving(await serviceTasks(engine, out.serviceId))
    const after = now[0]?.nodeId ?? ''
    expect(now).toHaveLength(1)
    expect([s.managerNodeId, s.workerNodeId]).toContain(after)
    expect(after).not.toBe(before)
    expect(task?.taskId).toBe(now[0]?.id)
    expect(await servedCertificate(addressOf(after), port)).toMatchObject({ fingerprint: res.fingerprint })
    await expect(servedCertificate(addressOf(before), port, undefined, 2000)).rejects.toThrow()
    expect(res.retiredSecrets.sort()).toEqual(oldSecrets.map((x) => x.name).sort())
    const secretsNow = (await ownedSecrets(engine, ONE)).map((x) => x.id)
    for (const x of oldSecrets) expect(secretsNow).not.toContain(x.id)
    await lb.close()
    lb = undefined
    const removed = await cliRun(['registry', 'remove', '--name', ONE, '--delete-data'])
    expect(removed.code, removed.err).toBe(0)
    expect(await findService(engine, ONE)).toBeUndefined()
    expect(await ownedSecrets(engine, ONE)).toEqual([])
    expect(await ownedConfigs(engine, ONE)).toEqual([])
    expect(await objectsNamed(ONE)).toEqual([])
    // remove deletes the data volume on the manager only; the worker's local one (its task ran there) is its own,
    // free once the worker has removed its task's container.
    const workerHost = `unix://${s.worker.socket}`
    await freed(() => run('docker', ['-H', workerHost, 'volume', 'rm', `${ONE}-data`]), 30_000)
    expect(await objectsNamed(ONE, workerHost)).toEqual([])
  }, 150_000)
})
