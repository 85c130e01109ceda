import { spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrivilegedCommand } from '../../main/app/elevated-runner'
import { trustHandlers } from '../../main/ipc/handlers/trust-handlers'
import { schemas } from '../../main/ipc/schemas'
import { applyPlans, parseRegistryAddress, parseTrustCa, planTrust, stepsAsShell } from '../../main/trust'
import { makeTmpDir, snapshotDir } from '../support/fs-snapshot'
import { makeTestCa } from './fixtures'

// The mirror through every way a trust change is made: the GUI's handler (prefix, elevation script), the script the
// CLI prints as a normal user (the same stepsAsShell), and the bundle export.
const MIRROR = '10.20.30.40:5001'
const ctx = { job: undefined, emit: () => undefined }
let work: string
let caPath: string
let caPem: string

beforeAll(async () => {
  work = makeTmpDir('rw-trust-mirror-modes-')
  caPem = (await makeTestCa('Mirror Modes Test CA')).certPem
  caPath = join(work, 'ca.crt')
  await fs.writeFile(caPath, caPem)
})
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true })
})

async function root(name: string): Promise<string> {
  const r = join(work, name)
  await fs.mkdir(join(r, 'etc/docker'), { recursive: true })
  await fs.mkdir(join(r, 'etc/containerd'), { recursive: true })
  await fs.writeFile(join(r, 'etc/os-release'), 'ID=debian\n')
  await fs.writeFile(join(r, 'etc/docker/daemon.json'), '{ "debug": true }\n', { mode: 0o600 })
  return r
}

describe('the mirror in every trust mode', () => {
  it('the printed / elevated script makes exactly the changes applying the plan makes (backup, merge, CA, hosts.toml)', async () => {
    const ca = parseTrustCa(caPem)
    const mirror = parseRegistryAddress(MIRROR)
    const byScript = await root('script')
    const byApply = await root('apply')
    const req = (r: string) => ({
      env: { root: r, platform: 'linux' as const, home: '/root' },
      ca,
      registries: [],
      mirror,
    })
    const steps = (await planTrust('install', req(byScript))).flatMap((p) => p.steps)
    const script = stepsAsShell(steps)
    expect(script).not.toMatch(/<</)
    expect(spawnSync('sh', ['-c', script]).status).toBe(0)
    await applyPlans(await planTrust('install', req(byApply)), req(byApply).env)
    expect(await snapshotDir(byScript)).toEqual(await snapshotDir(byApply))
    expect(await fs.readFile(join(byScript, 'etc/docker/daemon.json.before-registry-wizard'), 'utf8')).toBe(
      '{ "debug": true }\n',
    )
    // The uninstall script puts the old daemon.json back byte for byte.
    const undo = stepsAsShell((await planTrust('uninstall', req(byScript))).flatMap((p) => p.steps))
    expect(spawnSync('sh', ['-c', undo]).status).toBe(0)
    expect(await fs.readFile(join(byScript, 'etc/docker/daemon.json'), 'utf8')).toBe('{ "debug": true }\n')
  })

  it('the GUI handler carries the mirror: prefix writes the files, one elevation prompt gets it as a script', async () => {
    const r = await root('gui')
    const h = trustHandlers({ root: r, platform: 'linux', home: '/root', isRoot: () => true })
    const out = await h.applyTrust(
      { jobId: 'j', caCertPath: caPath, host: '192.168.20.10', port: 5000, mirror: MIRROR },
      ctx,
    )
    expect(out.mode).toBe('prefix')
    expect(JSON.parse(await fs.readFile(join(r, 'etc/docker/daemon.json'), 'utf8'))).toEqual({
      debug: true,
      'registry-mirrors': [`https://${MIRROR}`],
    })
    await fs.access(join(r, 'etc/containerd/certs.d/docker.io/hosts.toml'))
    expect(out.notes.map((n) => n.text.key)).toContain('trust.mirror.note.reloadDocker')
    expect(out.changes.map((c) => c.target.key)).toContain('trust.mirror.target.docker')

    const prompts: PrivilegedCommand[][] = []
    const elevated = trustHandlers({
      platform: 'linux',
      home: '/root',
      isRoot: () => false,
      elevate: (commands) => {
        prompts.push(commands)
        return Promise.resolve({ stdout: '', stderr: '' })
      },
    })
    // Planned against this machine's / (read only); the prompt is a stand-in, so nothing runs.
    await elevated.applyTrust(
      { jobId: 'j', caCertPath: caPath, host: '192.168.20.10', port: 5000, mirror: MIRROR },
      ctx,
    )
    expect(prompts).toHaveLength(1)
    const script = prompts[0]?.[0]?.args[1] ?? ''
    expect(script).toContain(`/etc/docker/certs.d/${MIRROR}/ca.crt`)
    expect(script).toContain('mv -f /etc/docker/daemon.json.registry-wizard-tmp /etc/docker/daemon.json')
    expect(script).toContain(`https://${MIRROR}`)
  })

  it('on macOS and Windows nothing is written for the mirror: a warning says where Docker Desktop keeps it', async () => {
    const ca = parseTrustCa(caPem)
    const mirror = parseRegistryAddress(MIRROR)
    for (const platform of ['darwin', 'win32'] as const) {
      const env = { root: await root(`desktop-${platform}`), platform, home: '/Users/u' }
      const plans = await planTrust('install', { env, ca, registries: [], mirror })
      expect(plans.flatMap((p) => p.steps)).toEqual([])
      expect(plans.flatMap((p) => p.warnings).map((w) => w.key)).toEqual(['trust.mirror.warning.desktop'])
    }
  })

  it('the request schema takes an optional mirror; a bad one is input naming the field `mirror`', async () => {
    const base = { jobId: 'j', caCertPath: caPath, host: '192.168.20.10', port: 5000 }
    expect(schemas.applyTrust.safeParse({ ...base, mirror: MIRROR }).success).toBe(true)
    expect(schemas.applyTrust.safeParse(base).success).toBe(true)
    const h = trustHandlers({ root: await root('bad'), platform: 'linux', home: '/root', isRoot: () => true })
    await expect(h.planTrust({ ...base, mirror: '10.0.0.1' }, ctx)).rejects.toMatchObject({
      kind: 'input',
      field: 'mirror',
      code: 'REGISTRY_NO_PORT',
    })
  })

  it('the bundle export from the GUI bakes the mirror into mirror.txt (listed in SHA256SUMS)', async () => {
    const h = trustHandlers({ root: await root('bundle'), platform: 'linux', home: '/root' })
    const out = join(work, 'bundles')
    const b = await h.exportBundle(
      { jobId: 'j', outDir: out, caCertPath: caPath, host: '192.168.20.10', port: 5000, mirror: MIRROR },
      ctx,
    )
    expect(b.files).toContain('mirror.txt')
    expect((await fs.readFile(join(b.outDir, 'mirror.txt'), 'utf8')).trim().split('\n').pop()).toBe(MIRROR)
    expect(await fs.readFile(join(b.outDir, 'SHA256SUMS'), 'utf8')).toMatch(/ {2}mirror\.txt\n/)
    expect(await fs.readFile(join(b.outDir, 'README.md'), 'utf8')).toContain(`install.sh --mirror ${MIRROR}`)
  })
})
