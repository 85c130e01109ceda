import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runVerify, type CheckResult, type VerifyInput, type VerifyReport } from '../../main/verify'
import {
  ensureImages,
  freePort,
  issueTo,
  makeCa,
  removeContainers,
  rwVer,
  startOurRegistry,
  tempDir,
  type TestCa,
} from './fixtures'

// VerifyDeps.overlap (what `setup` uses): each check starts once the checks it depends on have finished, the ones
// that ask the registry wait for `ready`; results are those of the one-after-another run, reported in order.

const containers: string[] = []
let root: Awaited<ReturnType<typeof tempDir>>
let ca: TestCa
let certPem: string
let port: number
let trustRoot: string

const view = (r: VerifyReport): string[] => r.results.map((x) => `${x.n}:${x.id}:${x.status}`)

/** The report without what differs from run to run (times, the pushed digest, connect times). */
const reasons = (r: VerifyReport): (string | undefined)[] =>
  r.results.map((x) => (['tcp', 'round-trip', 'tls'].includes(x.id) ? x.status : JSON.stringify(x.reason)))

beforeAll(async () => {
  await ensureImages()
  root = await tempDir()
  ca = await makeCa('rw-ver overlap CA')
  const good = await issueTo(ca, join(root.path, 'good'), ['127.0.0.1'])
  certPem = good.certPem
  const name = rwVer('overlap')
  containers.push(name)
  port = (await startOurRegistry(name, good.dir)).port
  trustRoot = join(root.path, 'trust')
  await mkdir(join(trustRoot, 'etc/docker/certs.d', `127.0.0.1:${port}`), { recursive: true })
  await writeFile(join(trustRoot, 'etc/docker/certs.d', `127.0.0.1:${port}`, 'ca.crt'), ca.certPem)
})

afterAll(async () => {
  await removeContainers(containers)
  await root.cleanup()
})

describe('runVerify with overlap', () => {
  it('gives the same results as one check after another, in order, with the round trip', async () => {
    const input: VerifyInput = { registry: `127.0.0.1:${port}`, caPem: ca.certPem, certPem, push: true }
    const deps = { trustRoot, platform: 'linux' as const, roundTripVia: 'registry-api' as const }
    const serial = await runVerify(input, deps)
    const streamed: number[] = []
    const overlapped = await runVerify(input, {
      ...deps,
      overlap: true,
      onResult: (r) => {
        streamed.push(r.n)
      },
    })
    expect(streamed).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(view(overlapped)).toEqual(view(serial))
    expect(overlapped.ok).toBe(true)
    expect(reasons(overlapped)).toEqual(reasons(serial))
    expect(overlapped.results.find((r) => r.id === 'round-trip')?.status).toBe('pass')
  })

  it('a registry that does not answer: the same failures and skips as one after another', async () => {
    const closed = await freePort()
    const input: VerifyInput = { registry: `127.0.0.1:${closed}`, caPem: ca.certPem, certPem, push: true }
    const deps = { trustRoot, platform: 'linux' as const, roundTripVia: 'registry-api' as const }
    const serial = await runVerify(input, deps)
    const overlapped = await runVerify(input, { ...deps, overlap: true })
    expect(view(overlapped)).toEqual(view(serial))
    expect(overlapped.results.find((r) => r.id === 'tcp')?.status).toBe('fail')
    expect(overlapped.results.find((r) => r.id === 'round-trip')?.status).toBe('skipped')
  })

  it('TLS refused (another CA): the API check, run beside the handshake, is skipped as blocked, as one after another', async () => {
    const other = await makeCa('rw-ver overlap other CA')
    const input: VerifyInput = { registry: `127.0.0.1:${port}`, caPem: other.certPem, push: true }
    const deps = { trustRoot, platform: 'linux' as const, roundTripVia: 'registry-api' as const }
    const serial = await runVerify(input, deps)
    const overlapped = await runVerify(input, { ...deps, overlap: true, ready: Promise.resolve() })
    expect(view(overlapped)).toEqual(view(serial))
    const by = Object.fromEntries(overlapped.results.map((r) => [r.id, r]))
    expect(by['tls']?.status).toBe('fail')
    expect(by['api']).toMatchObject({ status: 'skipped', details: { blocked: true, blockedBy: 'tls' } })
    expect(by['api']?.reason).toEqual(serial.results.find((r) => r.id === 'api')?.reason)
    expect(by['round-trip']).toMatchObject({ status: 'skipped', details: { blockedBy: 'api' } })
    expect(by['catalog']).toMatchObject({ status: 'skipped', details: { blockedBy: 'api' } })
  })

  it('the checks that need no registry run before `ready`; the others after it', async () => {
    let opened = false
    let open: () => void = () => undefined
    const ready = new Promise<void>((resolve) => {
      open = () => {
        opened = true
        resolve()
      }
    })
    const seen: CheckResult[] = []
    let beforeReady: string[] = []
    let tcpAfterReady = false
    const report = runVerify(
      { registry: `127.0.0.1:${port}`, caPem: ca.certPem, certPem },
      {
        trustRoot,
        platform: 'linux',
        overlap: true,
        ready,
        onResult: (r) => {
          seen.push(r)
          if (r.id === 'tcp') tcpAfterReady = opened
          // `ready` opens only once the first four are in: were they waiting for it, this would never end.
          if (r.n === 4) {
            beforeReady = seen.map((x) => x.id)
            setTimeout(open, 50)
          }
        },
      },
    )
    const done = await report
    expect(beforeReady).toEqual(['ca', 'server-cert', 'san', 'dns'])
    expect(tcpAfterReady).toBe(true)
    expect(done.ok).toBe(true)
    expect(done.results.find((r) => r.id === 'api')?.status).toBe('pass')
  })

  it('`ready` rejected: the checks that ask the registry are skipped as cancelled, the others ran', async () => {
    const report = await runVerify(
      { registry: `127.0.0.1:${port}`, caPem: ca.certPem, certPem },
      { trustRoot, platform: 'linux', overlap: true, ready: Promise.reject(new Error('start failed')) },
    )
    expect(report.cancelled).toBe(true)
    expect(report.ok).toBe(false)
    const by = Object.fromEntries(report.results.map((r) => [r.id, r]))
    expect(by['ca']?.status).toBe('pass')
    expect(by['san']?.status).toBe('pass')
    expect(by['tcp']).toMatchObject({ status: 'skipped', reason: { key: 'verify.run.cancelled-before' } })
    expect(by['api']?.status).toBe('skipped')
  })
})
