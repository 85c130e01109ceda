// The registry as a Docker Swarm service (issue 14) on a one-node swarm of the test dockerd: `swarm init` here,
// `swarm leave --force` after (and the docker_gwbridge network it made removed); nothing else of the daemon changes.
// Without IPVS in the kernel (no routing mesh: /proc/net/ip_vs absent) the service publishes in host mode, a port
// per task, behind a load balancer that follows the tasks through the Engine API; with IPVS: the routing mesh.
import { createHash } from 'node:crypto'
import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  assertSwarmManager,
  certFingerprint,
  findService,
  ownedConfigs,
  ownedSecrets,
  servedCertificate,
  serviceTasks,
  serving,
} from '../../main/cluster/swarm/index'
import {
  connectEngine,
  probeRegistry,
  readCertDir,
  type Engine,
  type HealthTarget,
} from '../../main/docker/index'
import { runCliIn } from '../support/run-cli'
import {
  ensureRegistryImage,
  ensureTestImage,
  freePort,
  issueMore,
  makeCerts,
  run,
  tempDir,
} from '../support/rw-reg-fixtures'
import {
  answeredBy,
  call,
  followingLb,
  objectsNamed,
  startedService,
  swarmStartArgs,
  type FollowingLb,
} from './swarm-support'

const NAME = 'rw-swarm-reg'
/** Host mode on a fixed port: refused with 2 replicas on one node; the stop-first service with 1. */
const REFUSED = 'rw-swarm-hostn'
const HOST1 = 'rw-swarm-host1'
const IPVS = existsSync('/proc/net/ip_vs')
let work: { path: string; cleanup: () => Promise<void> }
let certs: { caDir: string; certDir: string }
let engine: Engine
let swarmWasActive = false
let gwbridgeExisted = false

const cliRun = (args: string[], lang = 'en') =>
  runCliIn(work.path, ['--lang', lang, ...args], { ...process.env, LC_ALL: undefined })

/** sha256 of the certificate served at 127.0.0.1:PORT as openssl s_client sees it (lower-case hex, no colons). */
async function opensslFingerprint(port: number): Promise<string> {
  const pipe = `openssl s_client -connect 127.0.0.1:${port} </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256`
  const out = (await run('bash', ['-c', pipe])).stdout
  const hex = /=([0-9A-F:]+)/i.exec(out)?.[1]
  if (hex === undefined) throw new Error(`no certificate served on port ${port}: ${out}`)
  return hex.replaceAll(':', '').toLowerCase()
}

/** Names in `docker secret|config|volume|network|service ls` that start with `name` (made for it). */
async function swarmState(): Promise<string> {
  return (await run('docker', ['info', '--format', '{{.Swarm.LocalNodeState}}'])).stdout.trim()
}

beforeAll(async () => {
  await ensureRegistryImage()
  await ensureTestImage('rw-swarm-img:1')
  work = await tempDir('rw-swarm-')
  certs = await makeCerts(work.path, ['127.0.0.1', 'localhost'])
  engine = connectEngine({})
  swarmWasActive = (await swarmState()) === 'active'
  gwbridgeExisted = await run('docker', ['network', 'inspect', 'docker_gwbridge']).then(
    () => true,
    () => false,
  )
}, 120_000)

afterAll(async () => {
  await work.cleanup()
  await run('docker', ['rmi', 'rw-swarm-img:1']).catch(() => undefined)
})

describe.runIf(!swarmWasActive)('not a manager', () => {
  it('refuses --swarm clearly (en and zh-CN) and changes nothing', async () => {
    const args = ['registry', 'start', '--swarm', '--certs', certs.certDir, '--name', NAME]
    const en = await cliRun(args)
    expect(en.code).toBe(2)
    expect(en.err).toMatch(/not a Swarm manager/)
    expect(en.err).toMatch(/docker swarm init/)
    const zh = await cliRun(args, 'zh-CN')
    expect(zh.code).toBe(2)
    expect(zh.err).toMatch(/不是 Swarm 管理节点/)
    expect(zh.err).not.toMatch(/Swarm manager|not in a swarm/)
  })
})

describe('bad input: exit 2 before the engine is asked', () => {
  it.each([
    [['--replicas', '2'], /--replicas applies only to a registry started as a Swarm service/],
    [['--swarm', '--replicas', '0'], /--replicas/],
    [['--swarm', '--data', '/srv/x'], /--data does not apply to a Swarm service/],
    [['--swarm', '--publish-mode', 'mesh'], /--publish-mode/],
    [['--swarm', '--s3-bucket', 'b'], /S3 storage needs a bucket, a region and both key files/],
    [['--swarm', '--volume-opt', 'novalue'], /--volume-opt/],
  ])('%j', async (extra, text) => {
    const r = await cliRun(['registry', 'start', '--certs', certs.certDir, '--name', NAME, ...extra])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(text)
  })

  it('in zh-CN', async () => {
    const r = await cliRun(['registry', 'start', '--certs', certs.certDir, '--replicas', '2'], 'zh-CN')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/只适用于以 Swarm 服务启动的镜像仓库/)
  })
})

describe('on a one-node swarm', () => {
  let lb: FollowingLb | undefined
  let target: HealthTarget
  let nodeId = ''
  let serviceId = ''
  let caPem = ''

  beforeAll(async () => {
    if (!swarmWasActive) await run('docker', ['swarm', 'init', '--advertise-addr', '127.0.0.1'])
    nodeId = (await assertSwarmManager(engine)).nodeId
    caPem = (await readCertDir(certs.certDir)).caPem
  }, 60_000)

  afterAll(async () => {
    await lb?.close()
    await run('docker', ['service', 'rm', NAME, `${NAME}-redis`]).catch(() => undefined)
    for (const n of [REFUSED, HOST1])
      await cliRun(['registry', 'remove', '--name', n, '--delete-data']).catch(() => undefined)
    if (swarmWasActive) return
    await run('docker', ['swarm', 'leave', '--force']).catch(() => undefined)
    if (!gwbridgeExisted) await run('docker', ['network', 'rm', 'docker_gwbridge']).catch(() => undefined)
  }, 120_000)

  it('starts 2 replicas with the pair, the config and the probe as secrets/configs; skopeo pushes and pulls', async () => {
    const port = IPVS ? await freePort() : 0
    const mode = IPVS ? 'ingress' : 'host'
    const start = { certDir: certs.certDir, name: NAME, replicas: 2, port, publishMode: mode } as const
    const out = await startedService(engine, await cliRun(swarmStartArgs(start)))
    serviceId = out.serviceId
    expect(out.tasks).toHaveLength(2)
    // The pair never in an image or a bind path: the tasks' files come from Swarm secrets.
    const inspect = JSON.parse((await run('docker', ['service', 'inspect', NAME])).stdout) as [
      {
        Spec: {
          TaskTemplate: {
            ContainerSpec: {
              Mounts?: { Type: string }[]
              Secrets: { File: { Name: string } }[]
              Env?: string[]
            }
          }
        }
      },
    ]
    const cs = inspect[0].Spec.TaskTemplate.ContainerSpec
    expect(cs.Secrets.map((s) => s.File.Name).sort()).toEqual([
      'domain.crt',
      'domain.key',
      'registry-config.yml',
    ])
    expect((cs.Mounts ?? []).every((m) => m.Type === 'volume')).toBe(true)
    expect(JSON.stringify(cs)).not.toMatch(/secret:|BEGIN/)
    const lbPort = IPVS ? port : (lb = await followingLb(engine, NAME, nodeId)).port
    target = { host: '127.0.0.1', port: lbPort, caPem }
    const trust = join(work.path, 'trust')
    await fs.mkdir(trust, { recursive: true })
    await fs.writeFile(join(trust, 'ca.crt'), caPem)
    const ref = `docker://127.0.0.1:${lbPort}/swarm/busybox:1`
    await run('skopeo', ['copy', '--dest-cert-dir', trust, 'docker-daemon:rw-swarm-img:1', ref])
    await run('skopeo', ['copy', '--src-cert-dir', trust, ref, `dir:${join(work.path, 'pulled')}`])
    expect(existsSync(join(work.path, 'pulled', 'manifest.json'))).toBe(true)
    const status = await cliRun(['registry', 'status', '--name', NAME])
    expect(status.out).toMatch(/Replicas: +2 of 2 running/)
  }, 240_000)

  it('an upload started on one replica is continued and completed on the other (shared http.secret)', async () => {
    const repo = '/v2/swarm/upload/blobs/uploads/'
    const chunks = [Buffer.alloc(4096, 1), Buffer.alloc(4096, 2), Buffer.alloc(4096, 3), Buffer.alloc(100, 4)]
    const digest = `sha256:${createHash('sha256').update(Buffer.concat(chunks)).digest('hex')}`
    let n = 0
    const ua = (): string => `rw-swarm-up-${++n}`
    const pathOf = (loc: string | undefined): string =>
      new URL(loc ?? '', 'https://x').pathname + new URL(loc ?? '', 'https://x').search
    const firstUa = ua()
    const started = await call(target, 'POST', repo, firstUa)
    expect(started.status).toBe(202)
    const first = await answeredBy(engine, serviceId, firstUa)
    let loc = started.location
    const handlers: string[] = []
    let i = 0
    // PATCH chunks on new connections until one lands on the other replica (the state is signed with http.secret).
    for (; i < chunks.length - 1; i++) {
      const u = ua()
      const r = await call(target, 'PATCH', pathOf(loc), u, chunks[i])
      expect(r.status, r.body).toBe(202)
      loc = r.location
      handlers.push(await answeredBy(engine, serviceId, u))
      if (handlers.at(-1) !== first) break
    }
    expect(handlers.at(-1)).not.toBe(first)
    const rest = Buffer.concat(chunks.slice(i + 1))
    const u = ua()
    const put = await call(target, 'PUT', `${pathOf(loc)}&digest=${encodeURIComponent(digest)}`, u, rest)
    expect(put.status, put.body).toBe(201)
    const got = await call(target, 'HEAD', `/v2/swarm/upload/blobs/${digest}`, ua())
    expect(got.status).toBe(200)
  }, 120_000)

  it('replace-cert: a rolling update while /v2/ is asked every 50 ms: 0 failures, the fingerprint changes', async () => {
    const next = join(work.path, 'next')
    await issueMore(certs.caDir, next, ['127.0.0.1', 'localhost'])
    const before = (await servedCertificate('127.0.0.1', target.port)).fingerprint
    const newFp = certFingerprint(await fs.readFile(join(next, 'domain.crt'), 'utf8'))
    const oldSecrets = (await ownedSecrets(engine, NAME)).filter((s) => s.role === 'cert' || s.role === 'key')
    const loopState = { stop: false }
    let ok = 0
    const failures: string[] = []
    const loop = (async () => {
      while (!loopState.stop) {
        await probeRegistry(target).then(
          (s) => (s === 200 ? ok++ : failures.push(`HTTP ${s}`)),
          (e: unknown) => failures.push(e instanceof Error ? e.message : String(e)),
        )
        await new Promise((r) => setTimeout(r, 50))
      }
    })()
    const r = await cliRun(['registry', 'replace-cert', '--name', NAME, '--certs', next])
    await new Promise((res) => setTimeout(res, 1000))
    loopState.stop = true
    await loop
    expect(r.err + r.out).toMatch(/serves the new certificate/)
    expect(r.code).toBe(0)
    expect(failures).toEqual([])
    expect(ok).toBeGreaterThan(40)
    const after = (await servedCertificate('127.0.0.1', target.port)).fingerprint
    expect(after).not.toBe(before)
    expect(after).toBe(newFp)
    const now = (await ownedSecrets(engine, NAME)).map((s) => s.id)
    for (const s of oldSecrets) expect(now).not.toContain(s.id)
  }, 400_000)

  it('logs come from the service; restart replaces every task (rolling) and checks health', async () => {
    const logs = await cliRun(['registry', 'logs', '--name', NAME, '--tail', '5'])
    expect(logs.code).toBe(0)
    expect(logs.out).toMatch(/"GET \/v2\/ HTTP\/1\.1" 200/)
    const before = serving(await serviceTasks(engine, serviceId)).map((t) => t.id)
    const r = await cliRun(['registry', 'restart', '--name', NAME, '--certs', certs.certDir])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const after = serving(await serviceTasks(engine, serviceId)).map((t) => t.id)
    expect(after).toHaveLength(2)
    for (const id of before) expect(after).not.toContain(id)
  }, 300_000)

  it('remove leaves no service, secret, config, network (and with --delete-data no volume) behind', async () => {
    await lb?.close()
    lb = undefined
    const r = await cliRun(['registry', 'remove', '--name', NAME, '--delete-data'])
    expect(r.code).toBe(0)
    expect(await findService(engine, NAME)).toBeUndefined()
    expect(await ownedSecrets(engine, NAME)).toEqual([])
    expect(await ownedConfigs(engine, NAME)).toEqual([])
    const nets = (await run('docker', ['network', 'ls', '--format', '{{.Name}}'])).stdout.split('\n')
    expect(nets).not.toContain(`${NAME}-net`)
    const vols = (await run('docker', ['volume', 'ls', '--format', '{{.Name}}'])).stdout.split('\n')
    expect(vols).not.toContain(`${NAME}-data`)
  }, 180_000)

  it('host mode on a fixed port: 2 replicas on one node are refused (en, zh-CN) and nothing is made', async () => {
    const port = await freePort()
    const start = { certDir: certs.certDir, name: REFUSED, replicas: 2, port, publishMode: 'host' } as const
    const en = await cliRun(swarmStartArgs(start))
    expect(en.code).toBe(2)
    expect(en.err).toMatch(
      new RegExp(
        `Host mode with the fixed port ${port} runs at most one task per node, and only 1 node\\(s\\)`,
      ),
    )
    expect(en.err).toMatch(/for 2 replicas/)
    expect(en.err).toMatch(/--replicas 1 or fewer/)
    const zh = await cliRun(swarmStartArgs(start), 'zh-CN')
    expect(zh.code).toBe(2)
    expect(zh.err).toMatch(new RegExp(`主机模式使用固定端口 ${port} 时每个节点最多运行一个任务`))
    expect(zh.err).toMatch(/--replicas 1 或更少/)
    expect(zh.err).not.toMatch(/Host mode|node\(s\)|runs at most/)
    expect(await findService(engine, REFUSED)).toBeUndefined()
    expect(await ownedSecrets(engine, REFUSED)).toEqual([])
    expect(await ownedConfigs(engine, REFUSED)).toEqual([])
    expect(await objectsNamed(REFUSED)).toEqual([])
  }, 120_000)

  it('host mode on a fixed port with 1 replica: replace-cert rolls stop-first (said), the served cert changes', async () => {
    const port = await freePort()
    const start = { certDir: certs.certDir, name: HOST1, replicas: 1, port, publishMode: 'host' } as const
    const out = await startedService(engine, await cliRun(swarmStartArgs(start)))
    expect(out.tasks).toHaveLength(1)
    expect(out.updateOrder).toBe('stop-first')
    const noticeText = new RegExp(
      `Updates are stop-first: host mode holds port ${port} on each node and 1 node`,
    )
    expect(out.notices).toContainEqual(expect.stringMatching(noticeText))
    const before = await opensslFingerprint(port)
    expect(before).toBe(certFingerprint(await fs.readFile(join(certs.certDir, 'domain.crt'), 'utf8')))
    const oldSecrets = (await ownedSecrets(engine, HOST1)).filter(
      (s) => s.role === 'cert' || s.role === 'key',
    )
    expect(oldSecrets).toHaveLength(2)
    // A new pair issued from the CA by replace-cert itself (--ca-dir), for the addresses the service serves, and
    // written into --out once served (a copy of the folder the service was started from).
    const keep = join(certs.certDir, '..', `keep-${HOST1}`)
    await fs.cp(certs.certDir, keep, { recursive: true })
    const args = [
      'registry',
      'replace-cert',
      '--name',
      HOST1,
      '--ca-dir',
      certs.caDir,
      '--out',
      keep,
      '--json',
    ]
    const r = await cliRun(args)
    expect(r.code, r.err).toBe(0)
    expect(r.err).toMatch(noticeText)
    const res = JSON.parse(r.out) as {
      updateOrder: string
      notices: string[]
      fingerprint: string
      previousFingerprint: string
      retiredSecrets: string[]
    }
    expect(res.updateOrder).toBe('stop-first')
    expect(res.notices).toEqual([expect.stringMatching(noticeText)])
    expect(res.previousFingerprint).toBe(before)
    const after = await opensslFingerprint(port)
    expect(after).not.toBe(before)
    expect(after).toBe(res.fingerprint)
    expect(res.retiredSecrets.sort()).toEqual(oldSecrets.map((s) => s.name).sort())
    const kept = async (f: string): Promise<string> =>
      certFingerprint(await fs.readFile(join(keep, f), 'utf8'))
    expect(await kept('domain.crt')).toBe(res.fingerprint)
    expect((await fs.stat(join(keep, 'domain.key'))).mode & 0o777).toBe(0o600)
    const backup = (await fs.readdir(keep)).find((f) => f.startsWith('domain.crt.bak-')) as string
    expect(await kept(backup)).toBe(before)
    const secretsNow = (await run('docker', ['secret', 'ls', '--format', '{{.Name}}'])).stdout.split('\n')
    for (const s of oldSecrets) expect(secretsNow).not.toContain(s.name)
    // restart rolls the same way and says so in the run's language.
    const zh = await cliRun(['registry', 'restart', '--name', HOST1, '--certs', certs.certDir], 'zh-CN')
    expect(zh.code, zh.err).toBe(0)
    expect(zh.err).toMatch(new RegExp(`更新将先停止旧任务：主机模式在每个节点上占用端口 ${port}`))
    expect(zh.err).not.toMatch(/stop-first|host mode/)
    const removed = await cliRun(['registry', 'remove', '--name', HOST1, '--delete-data'])
    expect(removed.code).toBe(0)
    expect(await objectsNamed(HOST1)).toEqual([])
  }, 300_000)
})
