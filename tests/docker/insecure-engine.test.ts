// A tcp:// engine without TLS would receive domain.key and the htpasswd file in clear text: refused before anything
// is sent unless the user allows it (--insecure-engine / the Plan step's box). A local TCP listener counts the
// connections, so "refused before connecting" is observed, not assumed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RegistryWizardApi } from '../../main/ipc/contract'
import { startIpc, type IpcHarness } from '../support/ipc-harness'
import { makeCerts, runCliIn, tempDir } from '../support/rw-reg-fixtures'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

let root: { path: string; cleanup: () => Promise<void> }
let certDir: string
let caDir: string
let server: Server
let port: number
let connections = 0

const cli = (args: string[]): ReturnType<typeof runCliIn> => runCliIn(root.path, args)
const plainTcp = (): string => `tcp://127.0.0.1:${port}`

beforeAll(async () => {
  root = await tempDir()
  ;({ certDir, caDir } = await makeCerts(root.path))
  // Counts connections and hangs up at once: "an engine" that never answers an API call.
  server = createServer((socket) => {
    connections++
    socket.destroy()
  })
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res))
  const addr = server.address()
  port = typeof addr === 'object' && addr !== null ? addr.port : 0
}, 60_000)

afterAll(async () => {
  await new Promise<void>((res) => server.close(() => res()))
  await root.cleanup()
})

beforeEach(() => {
  connections = 0
})

describe('CLI', () => {
  it('registry start on a plain tcp:// engine is refused (exit 2, nothing sent); --insecure-engine goes ahead', async () => {
    const r = await cli(['registry', 'start', '--certs', certDir, '--docker-host', plainTcp()])
    expect(r.code).toBe(2)
    expect(r.err).toContain(
      `error: --docker-host: ${plainTcp()} has no TLS, so the registry's private key (domain.key) would cross the network in clear text; refused (nothing was sent)\n`,
    )
    expect(r.err).toContain('--insecure-engine')
    expect(connections).toBe(0)

    const allowed = await cli([
      'registry',
      'start',
      '--certs',
      certDir,
      '--docker-host',
      plainTcp(),
      '--insecure-engine',
    ])
    expect(allowed.err).toContain(`warning: ${plainTcp()} is a Docker engine without TLS`)
    expect(allowed.err).not.toContain('has no TLS, so')
    expect(allowed.code).toBe(1) // the stand-in hangs up: a connection error, after connecting
    expect(connections).toBeGreaterThan(0)
  })

  it('registry replace-cert is refused the same way; DOCKER_HOST=tcp:// counts too', async () => {
    const r = await cli(['registry', 'replace-cert', '--certs', certDir, '--docker-host', plainTcp()])
    expect(r.code).toBe(2)
    expect(r.err).toContain(
      "has no TLS, so the registry's new private key (domain.key) would cross the network",
    )
    const env = await runCliIn(root.path, ['registry', 'start', '--certs', certDir], {
      DOCKER_HOST: plainTcp(),
    })
    expect(env.code).toBe(2)
    expect(env.err).toContain(`error: --docker-host: ${plainTcp()} has no TLS`)
    expect(connections).toBe(0)
  })

  it('verify --push with a registry password on a plain tcp:// engine is refused (exit 2, nothing sent)', async () => {
    const pw = join(root.path, 'pw.txt')
    writeFileSync(pw, 'secret\n')
    const base = ['verify', '--registry', '127.0.0.1:1', '--ca', join(certDir, 'ca.crt'), '--push']
    const r = await cli([...base, '--user', 'u', '--password-file', pw, '--docker-host', plainTcp()])
    expect(r.code).toBe(2)
    expect(r.err).toContain(`error: --docker-host: ${plainTcp()} has no TLS, so the registry password`)
    expect(connections).toBe(0)
    // Without a password there is no secret to protect: verify goes on (and fails later on the closed port).
    const noSecret = await cli([...base, '--docker-host', plainTcp()])
    expect(noSecret.err).not.toContain('has no TLS, so')
  })

  it('engine check warns but still checks (it sends no secret)', async () => {
    const r = await cli(['engine', 'check', '--docker-host', plainTcp()])
    expect(r.err).toContain(`warning: ${plainTcp()} is a Docker engine without TLS`)
    expect(r.err).toContain('registry start and replace-cert refuse it unless --insecure-engine is given')
    expect(r.err).toContain(`error: Cannot reach the Docker engine at ${plainTcp()}`)
    expect(r.code).toBe(1)
    expect(connections).toBeGreaterThan(0)
  })
})

describe('IPC (the Plan step box carried in plan.docker.insecure)', () => {
  let ipc: IpcHarness
  let api: RegistryWizardApi

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-reg-ipc-'))
    ipc = startIpc({ dir, deps: { containerName: 'rw-reg-insecure-ipc' } })
    api = ipc.api
    return () => {
      ipc.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('startRegistry and registryReplaceCert refuse a plain tcp:// engine; with insecure: true they connect', async () => {
    const plan = { addresses: ['127.0.0.1'], port: 5000, docker: { kind: 'tcp' as const, url: plainTcp() } }
    const r = await ipc.fromApp(() => api.startRegistry({ jobId: 'i-1', plan, certDir }))
    expect(r).toMatchObject({ ok: false, error: { code: 'ENGINE_INSECURE', field: 'dockerHost' } })
    const rc = await ipc.fromApp(() => api.registryReplaceCert({ jobId: 'i-2', plan, certDir, caDir }))
    expect(rc).toMatchObject({ ok: false, error: { code: 'ENGINE_INSECURE' } })
    expect(connections).toBe(0)

    const allowed = { ...plan, docker: { ...plan.docker, insecure: true } }
    const a = await ipc.fromApp(() => api.startRegistry({ jobId: 'i-3', plan: allowed, certDir }))
    expect(a.ok).toBe(false)
    if (a.ok) throw new Error('unreachable')
    expect(a.error.code).not.toBe('ENGINE_INSECURE')
    expect(connections).toBeGreaterThan(0)
  })

  it('runVerify with a login refuses a plain tcp:// engine for the round trip', async () => {
    const r = await ipc.fromApp(() =>
      api.runVerify({
        jobId: 'i-5',
        host: '127.0.0.1',
        port: 1,
        caCertPath: join(certDir, 'ca.crt'),
        push: true,
        docker: { kind: 'tcp', url: plainTcp() },
        credentials: { user: 'u', password: 'secret' },
      }),
    )
    expect(r).toMatchObject({ ok: false, error: { code: 'ENGINE_INSECURE' } })
    expect(connections).toBe(0)
  })

  it('the flag is validated like every field', async () => {
    const bad = {
      addresses: ['127.0.0.1'],
      port: 5000,
      docker: { kind: 'tcp', url: plainTcp(), insecure: 'yes' },
    }
    const r = await ipc.fromApp(() => api.startRegistry({ jobId: 'i-4', plan: bad as never, certDir }))
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(connections).toBe(0)
  })
})
