// What users really bring, on the registry host itself (local engine): the runbook's certificate naming only the
// LAN address (no 127.0.0.1), an enterprise chain (leaf + intermediate, root in ca.crt), and a log an admin reads
// after a clean start. The health check connects to 127.0.0.1 but checks the served certificate against an address
// it names; no traffic goes to 192.168.20.10.
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { waitHealthy } from '../../main/docker'
import type { RegistryWizardApi } from '../../main/ipc/contract'
import { startIpc, type IpcHarness } from '../support/ipc-harness'
import { makeOpensslChain } from '../support/openssl-chain'
import {
  dockerCleanup,
  ensureRegistryImage,
  ensureTestImage,
  freePort,
  makeCerts,
  run,
  runCliIn,
  rwName,
  tempDir,
  trackRegistry,
} from '../support/rw-reg-fixtures'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

let root: { path: string; cleanup: () => Promise<void> }
let runbookCerts: string
let otherCa: string
const containers: string[] = []
const volumes: string[] = []

const cli = (args: string[]): ReturnType<typeof runCliIn> => runCliIn(root.path, args)
const track = (name: string): string => trackRegistry(containers, volumes, name)

/** curl to the registry by the address in the certificate, connected to 127.0.0.1 (an independent TLS client). */
async function curlVia(host: string, port: number, caFile: string): Promise<string> {
  const { stdout } = await run('curl', [
    '-sS',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code}',
    '--cacert',
    caFile,
    '--connect-to',
    `${host}:${port}:127.0.0.1:${port}`,
    `https://${host}:${port}/v2/`,
  ])
  return stdout.trim()
}

async function containerLog(name: string): Promise<string> {
  const { stdout, stderr } = await run('docker', ['logs', name])
  return stdout + stderr
}

beforeAll(async () => {
  await ensureRegistryImage()
  await ensureTestImage('rw-reg-busybox:1')
  root = await tempDir()
  // What the runbook makes: `cert issue --ip 192.168.20.10 --dns hub.example.lan`.
  ;({ certDir: runbookCerts } = await makeCerts(root.path, ['192.168.20.10', 'hub.example.lan'], 'runbook'))
  ;({ certDir: otherCa } = await makeCerts(root.path, ['192.168.20.10'], 'other'))
}, 120_000)

afterAll(async () => {
  await dockerCleanup(containers, volumes)
  await root.cleanup()
})

describe("the runbook's certificate (only 192.168.20.10 and hub.example.lan) on the registry host", () => {
  it('registry start --certs DIR with no extra flag: healthy, reported at the LAN address, a clean log', async () => {
    const name = track(rwName('lanonly'))
    const port = await freePort()
    const r = await cli([
      'registry',
      'start',
      '--certs',
      runbookCerts,
      '--port',
      String(port),
      '--name',
      name,
      '--json',
    ])
    expect(r.err).not.toContain('error')
    expect(r.code).toBe(0)
    expect(r.err).toContain(
      `health: waiting for https://192.168.20.10:${port}/v2/ (reached through 127.0.0.1)`,
    )
    expect(JSON.parse(r.out)).toMatchObject({
      url: `https://192.168.20.10:${port}`,
      health: { status: 200 },
      notices: [],
    })
    const caFile = join(runbookCerts, 'ca.crt')
    expect(await curlVia('192.168.20.10', port, caFile)).toBe('200')
    expect(await curlVia('hub.example.lan', port, caFile)).toBe('200')

    // The storage write check ran (its POST is in the log) and left no error line (item: no `error closing blobwriter`).
    const log = await containerLog(name)
    expect(log).toContain('"POST /v2/registry-wizard-write-check/blobs/uploads/ HTTP/1.1" 202')
    expect(log).not.toMatch(/level=error/)
    expect(log).not.toContain('error closing blobwriter')
    expect(log).not.toMatch(/TLS handshake error/)

    // --registry-host still overrides what is checked and reported (connecting to 127.0.0.1, SNI hub.example.lan).
    const again = await cli([
      'registry',
      'start',
      '--certs',
      runbookCerts,
      '--port',
      String(port),
      '--name',
      name,
      '--reuse',
      '--registry-host',
      'hub.example.lan',
      '--json',
    ])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.out)).toMatchObject({ url: `https://hub.example.lan:${port}`, reused: true })
    // ...and an address the certificate does not cover is refused before anything changes (flags that exist).
    const uncovered = await cli([
      'registry',
      'start',
      '--certs',
      runbookCerts,
      '--port',
      String(port),
      '--name',
      name,
      '--reuse',
      '--registry-host',
      '10.9.9.9',
    ])
    expect(uncovered.code).toBe(2)
    expect(uncovered.err).toContain('error: --certs: domain.crt has no SAN for 10.9.9.9')
    expect(uncovered.err).not.toContain('--san')

    // A restart checks the served certificate against an address it names (read from the container).
    const restarted = await cli(['registry', 'restart', '--name', name, '--certs', runbookCerts])
    expect(restarted.err).toBe('')
    expect(restarted.code).toBe(0)
    expect(await containerLog(name)).not.toMatch(/level=error/)

    // A certificate that does not chain to the CA given still fails: identity is checked on top of the chain, not instead.
    const wrongCa = await cli([
      'registry',
      'restart',
      '--name',
      name,
      '--certs',
      otherCa,
      '--health-timeout',
      '3',
    ])
    expect(wrongCa.code).toBe(1)
    expect(wrongCa.err).toContain(
      `error: The registry at https://192.168.20.10:${port}/v2/ (reached through 127.0.0.1) is not healthy`,
    )
    expect(wrongCa.err).toMatch(
      /last probe: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/,
    )
    const otherPem = await readFile(join(otherCa, 'ca.crt'), 'utf8')
    await expect(
      waitHealthy(
        { host: '192.168.20.10', connectHost: '127.0.0.1', port, caPem: otherPem },
        { timeoutMs: 1000 },
      ),
    ).rejects.toThrow(/not healthy/)
    // And a covered CA but a name the certificate does not hold fails the identity check.
    await expect(
      waitHealthy(
        {
          host: 'not-in-the-cert.example',
          connectHost: '127.0.0.1',
          port,
          caPem: await readFile(join(runbookCerts, 'ca.crt'), 'utf8'),
        },
        { timeoutMs: 1000 },
      ),
    ).rejects.toThrow(/ERR_TLS_CERT_ALTNAME_INVALID/)
    expect((await cli(['registry', 'remove', '--name', name])).code).toBe(0)
  })

  it('an enterprise chain: domain.crt = leaf + intermediate, ca.crt = the root only; starts and serves the chain', async () => {
    const dir = makeOpensslChain(join(root.path, 'chain'), ['192.168.20.10', 'hub.example.lan']).fullDir
    const name = track(rwName('chain'))
    const port = await freePort()
    const r = await cli([
      'registry',
      'start',
      '--certs',
      dir,
      '--port',
      String(port),
      '--name',
      name,
      '--json',
    ])
    expect(r.err).not.toContain('error')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({ url: `https://192.168.20.10:${port}` })
    // curl trusting the root alone: only works because the registry serves the intermediate too.
    expect(await curlVia('hub.example.lan', port, join(dir, 'ca.crt'))).toBe('200')
    expect(await containerLog(name)).not.toMatch(/level=error/)
    expect((await cli(['registry', 'remove', '--name', name])).code).toBe(0)
  })
})

describe('the same through the IPC handlers (the Registry step), the plan naming the LAN address', () => {
  let dir: string
  let ipc: IpcHarness
  let api: RegistryWizardApi
  let name: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rw-reg-ipc-'))
    name = track(rwName('ipc'))
    ipc = startIpc({ dir, deps: { containerName: name } })
    api = ipc.api
  })
  afterEach(() => {
    ipc.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('preflight passes and startRegistry answers with the LAN address; a clean log', async () => {
    const port = await freePort()
    const plan = { addresses: ['192.168.20.10', 'hub.example.lan'], port, docker: { kind: 'local' as const } }
    const pre = await ipc.fromApp(() => api.registryPreflight({ plan, certDir: runbookCerts }))
    expect(pre).toMatchObject({ ok: true })
    if (!pre.ok) throw new Error('unreachable')
    expect(pre.value.checks.find((c) => c.id === 'certs')).toMatchObject({ status: 'pass' })
    const lines: string[] = []
    const off = api.on('job:log', (l) => lines.push(l.line))
    const r = await ipc.fromApp(() => api.startRegistry({ jobId: 'start-1', plan, certDir: runbookCerts }))
    off()
    expect(r).toMatchObject({
      ok: true,
      value: { url: `https://192.168.20.10:${port}`, imageSource: 'present' },
    })
    expect(lines.some((l) => l.startsWith(`health: waiting for https://192.168.20.10:${port}/v2/`))).toBe(
      true,
    )
    expect(await curlVia('192.168.20.10', port, join(runbookCerts, 'ca.crt'))).toBe('200')
    expect(await containerLog(name)).not.toMatch(/level=error/)
    const removed = await ipc.fromApp(() => api.registryRemove({ plan, deleteData: true }))
    expect(removed).toMatchObject({ ok: true })
  })
})
