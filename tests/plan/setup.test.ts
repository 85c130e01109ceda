import { createHash, randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { snapshotDir } from '../support/fs-snapshot'
import { englishWords } from '../support/english-words'
import { runCliIn } from '../support/run-cli'
import {
  curlStatus,
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  run,
  tempDir,
} from '../support/rw-reg-fixtures'

// `registry-wizard setup --plan` on the test dockerd: the registry on loopback (the engine trusts 127.0.0.1 for the
// round trip's push), this machine's trust under a temp root.

const id = randomBytes(3).toString('hex')
const name = `rw-plan-${id}`
const volume = `rw-plan-${id}-data`
const failName = `rw-plan-${id}-fail`
const gateName = `rw-plan-${id}-gate`

function planText(port: number, container: string, data: string): string {
  return `version: 1
# A plan as an ops person keeps it in git.
registry:
  addresses: [127.0.0.1]
  port: ${port}
  name: ${container}
  volume: ${data}
engine: { host: local }
ca: { dir: ./ca, create: { cn: Plan Test CA, keyType: ecdsa-p256 } }
certificate: { dir: ./certs }
trust: { targets: [docker, os], root: ./root }
bundle: { out: ./bundle }
verify: { push: true }
`
}

async function planDir(root: string, sub: string, text: string): Promise<string> {
  const dir = join(root, sub)
  await fs.mkdir(join(dir, 'root/etc'), { recursive: true })
  // The OS store target reads the distribution from /etc/os-release under the root.
  await fs.copyFile('/etc/os-release', join(dir, 'root/etc/os-release'))
  await fs.writeFile(join(dir, 'plan.yaml'), text)
  return dir
}

const setup = (dir: string, ...extra: string[]) =>
  runCliIn(dir, ['setup', '--plan', 'plan.yaml', ...extra], { ...process.env, LANG: 'C' })

let root: Awaited<ReturnType<typeof tempDir>>
let dir: string
let port: number

beforeAll(async () => {
  await ensureRegistryImage()
  root = await tempDir('rw-plan-setup-')
  port = await freePort()
  dir = await planDir(root.path, 'site', planText(port, name, volume))
})

afterAll(async () => {
  await dockerCleanup([name, failName, gateName], [volume, `${failName}-data`, `${gateName}-data`])
  await root.cleanup()
})

describe('setup --plan (real dockerd)', () => {
  it('--dry-run says what it would create, start and write, and changes nothing', async () => {
    const before = await snapshotDir(dir)
    const r = await setup(dir, '--dry-run')
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toContain(
      `would create: would make the CA in ${join(dir, 'ca')} (CN=Plan Test CA, ecdsa-p256)`,
    )
    expect(r.out).toContain(`would issue a pair in ${join(dir, 'certs')} for 127.0.0.1`)
    expect(r.out).toContain(`would start ${name} (registry:2) at https://127.0.0.1:${port}`)
    expect(r.out).toContain('would write the bundle')
    expect(r.out).toContain('would verify 127.0.0.1:')
    expect(r.out).toContain('Dry run: nothing was changed.')
    expect(await snapshotDir(dir)).toEqual(before)
    const { stdout } = await run('docker', ['ps', '-a', '--filter', `name=^/${name}$`, '-q'])
    expect(stdout.trim()).toBe('')
  })

  it('runs every step from nothing to a verified registry', async () => {
    const r = await setup(dir)
    expect(r.code, r.err).toBe(0)
    const lines = r.out.split('\n')
    const steps = [
      'Certificate authority',
      'Server certificate',
      "This machine's trust",
      'Trust bundle',
      'Registry',
      'Verify',
    ]
    expect(lines.filter((l) => l.startsWith('['))).toEqual(steps.map((step, n) => `[${n + 1}/6] ${step}`))
    expect(r.out).toContain('created: CA made in')
    expect(r.out).toContain('created: issued a pair in')
    expect(r.out).toContain(`created: started ${name} at https://127.0.0.1:${port}`)
    expect(r.out).toContain('changed: installed trust under')
    expect(r.out).toContain('created: wrote the bundle')
    expect(r.out).toMatch(/checked: 127\.0\.0\.1:\d+: \d+ passed/)
    // The round trip went through our own OCI client (TLS trusting only the CA), not the engine (which skips TLS on
    // loopback): a real push, and the image is there by digest for an independent client too (skopeo, with only the
    // certs.d folder setup wrote: just ca.crt).
    const trip =
      /8\. pass Push and pull round trip: pushed and pulled back by digest (sha256:[0-9a-f]{64}) with our own client over TLS trusting only this CA/.exec(
        r.err,
      )
    expect(trip, r.err).not.toBeNull()
    const digest = trip?.[1] ?? ''
    const certDir = join(dir, `root/etc/docker/certs.d/127.0.0.1:${port}`)
    const raw = await run('skopeo', [
      'inspect',
      '--raw',
      '--cert-dir',
      certDir,
      `docker://127.0.0.1:${port}/registry-wizard/selftest@${digest}`,
    ])
    expect(`sha256:${createHash('sha256').update(raw.stdout).digest('hex')}`).toBe(digest)
    // The registry's own start texts, as the GUI shows them, on stderr.
    expect(r.err).toContain(`waiting for https://127.0.0.1:${port}/v2/`)
    expect(await curlStatus(`https://127.0.0.1:${port}/v2/`, join(dir, 'certs/ca.crt'))).toBe('200')
    const certsD = join(dir, `root/etc/docker/certs.d/127.0.0.1:${port}/ca.crt`)
    expect(await fs.readFile(certsD, 'utf8')).toBe(await fs.readFile(join(dir, 'certs/ca.crt'), 'utf8'))
    expect(await fs.readdir(join(dir, 'bundle'))).toEqual([`registry-trust-127.0.0.1_${port}`])
    const { stdout } = await run('openssl', ['x509', '-in', join(dir, 'ca/ca.crt'), '-noout', '-text'])
    expect(stdout).toContain('id-ecPublicKey')
  })

  it('a second run keeps every step, says so step by step, and changes no file', async () => {
    const before = await snapshotDir(dir)
    const container = (await run('docker', ['inspect', '-f', '{{.Id}} {{.State.StartedAt}}', name])).stdout
    const t0 = performance.now()
    const r = await setup(dir)
    const ms = performance.now() - t0
    expect(r.code, r.err).toBe(0)
    const outcomes = r.out.split('\n').filter((l) => l.startsWith('  '))
    expect(outcomes.map((l) => l.trim().split(':')[0])).toEqual([
      'kept',
      'kept',
      'kept',
      'kept',
      'kept',
      'checked',
    ])
    expect(r.out).toContain('the CA in')
    expect(r.out).toContain(`${name} runs as planned`)
    expect(r.out).toContain('this machine already trusts the CA')
    expect(r.out).toContain('is identical')
    expect(r.out).toContain('Nothing changed: every step was already as planned.')
    expect(r.out).toMatch(/the push\/pull round trip of \S+ still holds/)
    expect(await snapshotDir(dir)).toEqual(before)
    expect((await run('docker', ['inspect', '-f', '{{.Id}} {{.State.StartedAt}}', name])).stdout).toBe(
      container,
    )
    expect(ms).toBeLessThan(10_000)
  })

  it('--json: each step with its status; a dry run of the same plan keeps everything', async () => {
    const r = await setup(dir, '--json', '--dry-run')
    expect(r.code, r.err).toBe(0)
    const json = JSON.parse(r.out) as {
      ok: boolean
      changed: boolean
      steps: { step: string; status: string }[]
    }
    expect(json.ok).toBe(true)
    expect(json.changed).toBe(false)
    expect(json.steps.map((s) => `${s.step}=${s.status}`)).toEqual([
      'ca=kept',
      'certificate=kept',
      'trust=kept',
      'bundle=kept',
      'registry=kept',
      'verify=wouldCheck',
    ])
  })

  it('in Chinese: the same steps with no English words from the domain', async () => {
    const r = await runCliIn(
      dir,
      ['--lang', 'zh-CN', 'setup', '--plan', 'plan.yaml', '--dry-run'],
      process.env,
    )
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain('[1/6] 证书颁发机构')
    expect(r.out).toContain('保留：')
    expect(r.out).toContain('试运行：没有做任何更改。')
    const data = [dir, name, 'plan.yaml', 'local', 'registry:2', 'ecdsa-p256', 'Plan Test CA', 'CN']
    expect(englishWords(r.out, data)).toEqual([])
  })

  it('a CA step that fails stops at step 1 and leaves nothing on the engine (its look-ups began with the job)', async () => {
    // Another CA in ca.dir (the site's, CN=Plan Test CA) than the plan names: SETUP_CA_MISMATCH at step 1.
    const text = planText(await freePort(), gateName, `${gateName}-data`).replace(
      'Plan Test CA',
      'Gate Test CA',
    )
    const other = await planDir(root.path, 'gate', text)
    await fs.cp(join(dir, 'ca'), join(other, 'ca'), { recursive: true })
    const r = await setup(other)
    expect(r.code, r.out).toBe(2)
    expect(r.err).toContain('setup stopped at step 1/6 (Certificate authority)')
    expect(r.out).not.toContain('[2/6]')
    // The registry work was waiting for the certificate step: no container, no volume was made.
    const ps = await run('docker', ['ps', '-a', '-q', '--filter', `name=^/${gateName}$`])
    expect(ps.stdout.trim()).toBe('')
    const vols = await run('docker', ['volume', 'ls', '-q', '--filter', `name=^${gateName}-data$`])
    expect(vols.stdout.trim()).toBe('')
    await expect(fs.stat(join(other, 'certs'))).rejects.toThrow()
  })

  it('a step that fails (the port is taken) stops there with the step, the reason and the fix: exit 1', async () => {
    const busy = await freePort()
    const server: Server = createServer()
    await new Promise<void>((resolve) => server.listen(busy, '0.0.0.0', resolve))
    try {
      const other = await planDir(root.path, 'busy', planText(busy, failName, `${failName}-data`))
      const r = await setup(other)
      expect(r.code).toBe(1)
      expect(r.out).toContain('created: CA made in')
      expect(r.out).not.toContain('[6/6]')
      expect(r.err).toContain('setup stopped at step 5/6 (Registry)')
      expect(r.err).toMatch(new RegExp(`error: .*${busy}`))
      expect(r.err).toMatch(/hint: .+/)
      const zh = await runCliIn(other, ['--lang', 'zh-CN', 'setup', '--plan', 'plan.yaml'], process.env)
      expect(zh.code).toBe(1)
      expect(zh.out).toContain('保留：')
      expect(zh.err).toContain('setup 在第 5/6 步（镜像仓库）停止')
    } finally {
      server.close()
    }
  })
})
