import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrivilegedCommand } from '../../main/app/elevated-runner'
import { cliTrustPolicy } from '../../main/cli/commands/trust'
import { ipcTrustPolicy, trustHandlers } from '../../main/ipc/handlers/trust-handlers'
import { applyTrust, trustMode } from '../../main/trust/apply-trust'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { parseRegistryAddresses } from '../../main/trust/registry-address'
import type { TrustRequest } from '../../main/trust/trust-service'
import { snapshotDir } from '../support/fs-snapshot'
import { runCliIn } from '../support/run-cli'
import { makeTestCa } from './fixtures'

// One trust policy (main/trust/apply-trust) for both edges: the CLI and the IPC handler only say what they bring
// (root or not, an elevation prompt or not); the domain decides. The same inputs reach the same decision and the
// same outcome through either edge.
let work: string
let caPath: string
const ctx = { job: undefined, emit: () => undefined }
const elevateNothing = (): Promise<{ stdout: string; stderr: string }> =>
  Promise.resolve({ stdout: '', stderr: '' })

beforeAll(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'rw-trust-edges-'))
  caPath = join(work, 'ca.crt')
  await fs.writeFile(caPath, (await makeTestCa()).certPem)
})
afterAll(() => fs.rm(work, { recursive: true, force: true }))

async function newRoot(name: string): Promise<string> {
  const root = join(work, name)
  await fs.mkdir(join(root, 'etc'), { recursive: true })
  await fs.writeFile(join(root, 'etc/os-release'), 'ID=debian\n')
  return root
}

describe('applyTrust: the CLI and the GUI reach the same decision for the same inputs', () => {
  const real = { root: '/', platform: 'linux' as const }
  it.each([
    ['root on the real system', 0, true, 'direct'],
    ['a normal user, no prompt', 1000, false, 'print'],
  ] as const)('%s: %s', (_what, euid, isRoot, mode) => {
    const cli = trustMode(real, cliTrustPolicy('linux', euid))
    const gui = trustMode(real, ipcTrustPolicy({ isRoot: () => isRoot }))
    expect(cli).toBe(mode)
    expect(gui).toBe(mode)
  })

  it('a normal user with an elevation prompt (only the GUI has one): elevate; root wins over the prompt', () => {
    expect(trustMode(real, ipcTrustPolicy({ isRoot: () => false, elevate: elevateNothing }))).toBe('elevate')
    expect(trustMode(real, ipcTrustPolicy({ isRoot: () => true, elevate: elevateNothing }))).toBe('direct')
    expect(trustMode({ root: '/tmp/x', platform: 'linux' }, ipcTrustPolicy({ isRoot: () => false }))).toBe(
      'prefix',
    )
    expect(trustMode({ root: '/tmp/x', platform: 'linux' }, cliTrustPolicy('linux', 0))).toBe('prefix')
  })

  it('a root prefix through either edge: the same files written, the same store command left pending', async () => {
    const viaCli = await newRoot('cli')
    const viaGui = await newRoot('gui')
    const r = await runCliIn(work, [
      'trust',
      'install',
      '--ca',
      caPath,
      '--registry',
      '192.168.20.10:5000',
      '--root',
      viaCli,
      '--json',
    ])
    expect(r.code, r.err).toBe(0)
    const cli = JSON.parse(r.out) as { mode: string; pending: { argv: string[] }[] }
    const h = trustHandlers({ root: viaGui, platform: 'linux', home: '/root', isRoot: () => false })
    const gui = await h.applyTrust({ jobId: 'j', caCertPath: caPath, host: '192.168.20.10', port: 5000 }, ctx)
    expect(gui.mode).toBe('prefix')
    expect(cli.mode).toBe('prefix')
    expect(gui.pending).toEqual(cli.pending.map((p) => p.argv.join(' ')))
    expect(gui.pending).toEqual(['update-ca-certificates'])
    expect(await snapshotDir(viaGui)).toEqual(await snapshotDir(viaCli))
  })

  it('print (no prompt) and elevate (one prompt) carry the very same script; print changes nothing', async () => {
    const prompts: PrivilegedCommand[][] = []
    const elevate = (commands: PrivilegedCommand[]): Promise<{ stdout: string; stderr: string }> => {
      prompts.push(commands)
      return Promise.resolve({ stdout: '', stderr: '' })
    }
    const args = { jobId: 'j', caCertPath: caPath, host: '192.168.20.10', port: 5000 }
    // The real system (read only: planning reads what is there; nothing is written by either).
    const printed = await trustHandlers({ platform: 'linux', home: '/root', isRoot: () => false }).applyTrust(
      args,
      ctx,
    )
    const elevated = await trustHandlers({
      platform: 'linux',
      home: '/root',
      isRoot: () => false,
      elevate,
    }).applyTrust(args, ctx)
    expect(printed.mode).toBe('print')
    expect(elevated.mode).toBe('elevate')
    expect(printed.script).toMatch(/^set -e\n/)
    expect(prompts).toEqual([[{ program: 'sh', args: ['-c', printed.script] }]])
    // The CLI as a normal user gets the same script from the domain for the same request.
    const req: TrustRequest = {
      env: { root: '/', platform: 'linux', home: '/root' },
      ca: parseTrustCa(await fs.readFile(caPath, 'utf8'), { sourcePath: caPath }),
      registries: parseRegistryAddresses(['192.168.20.10:5000'], 'host', { requirePort: true }),
    }
    const cli = await applyTrust('install', req, cliTrustPolicy('linux', 1000))
    expect(cli).toMatchObject({ mode: 'print', script: printed.script, changed: false, done: [] })
  })
})
