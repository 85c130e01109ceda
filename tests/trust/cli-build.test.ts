import { spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from 'vite'
import { snapshotDir } from '../support/fs-snapshot'
import { makeTestCa } from './fixtures'

// The CLI as shipped: bundled by vite.cli.config.ts (the ?raw script templates must be inside), then run as a
// normal user against the real system, where it must change nothing and print the commands to run as root.
const repo = join(__dirname, '../..')
let out: string

beforeAll(async () => {
  await fs.mkdir(join(repo, 'tests/.tmp'), { recursive: true })
  out = await fs.mkdtemp(join(repo, 'tests/.tmp/rw-trust-cli-'))
  await fs.chmod(out, 0o755)
  await build({
    configFile: join(repo, 'vite.cli.config.ts'),
    logLevel: 'silent',
    build: { outDir: out, emptyOutDir: true },
  })
  await fs.writeFile(join(out, 'ca.crt'), (await makeTestCa()).certPem, { mode: 0o644 })
}, 180_000)

afterAll(async () => {
  await fs.rm(out, { recursive: true, force: true })
})

function cli(args: string[], asNobody = false): { code: number; stdout: string; stderr: string } {
  const argv = asNobody
    ? [
        'setpriv',
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        'node',
        join(out, 'registry-wizard.js'),
        ...args,
      ]
    : ['node', join(out, 'registry-wizard.js'), ...args]
  const r = spawnSync(argv[0] ?? 'node', argv.slice(1), {
    encoding: 'utf8',
    cwd: out,
    env: { ...process.env, HOME: out },
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

describe('the bundled CLI', () => {
  it('bundle export writes the templates it carries', async () => {
    const r = cli(['bundle', 'export', '--ca', 'ca.crt', '--registry', '10.20.30.40:5000', '--out', 'b'])
    expect(r.code, r.stderr).toBe(0)
    const sh = await fs.readFile(join(out, 'b/registry-trust-10.20.30.40_5000/install.sh'), 'utf8')
    expect(sh.startsWith('#!/bin/sh\n')).toBe(true)
    expect(
      spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: join(out, 'b/registry-trust-10.20.30.40_5000') })
        .status,
    ).toBe(0)
  })

  it('as a normal user on the real system: changes nothing, prints the commands for root, exits 1', async () => {
    const r = cli(
      ['trust', 'install', '--ca', 'ca.crt', '--registry', '10.20.30.40:5000', '--targets', 'docker,os'],
      true,
    )
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toContain('would write /etc/docker/certs.d/10.20.30.40:5000/ca.crt')
    expect(r.stderr).toContain('Not done: this needs root')
    // The script carries file contents as quoted printf arguments, never as a heredoc.
    expect(r.stderr).not.toContain('<<')
    expect(r.stderr).toContain("printf '%s\\n' '-----BEGIN CERTIFICATE-----'")
    expect(r.stderr).toContain(
      'mv -f /etc/docker/certs.d/10.20.30.40:5000/ca.crt.registry-wizard-tmp /etc/docker/certs.d/10.20.30.40:5000/ca.crt',
    )
    expect(r.stderr).toMatch(/^update-ca-certificates$/m)
    await expect(fs.access('/etc/docker/certs.d/10.20.30.40:5000')).rejects.toThrow()
  })

  it('EACCES (a normal user, a folder owned by root): bundle export and trust install exit 2, nothing left behind', async () => {
    const locked = join(out, 'locked')
    await fs.mkdir(locked, { mode: 0o755 })
    await fs.mkdir(join(locked, 'etc'))
    await fs.writeFile(join(locked, 'etc/os-release'), 'ID=debian\n')
    const before = await snapshotDir(locked)
    const b = cli(
      ['bundle', 'export', '--ca', 'ca.crt', '--registry', '10.20.30.40:5000', '--out', join(locked, 'usb')],
      true,
    )
    expect(b.code, b.stderr).toBe(2)
    expect(b.stderr).toContain(
      `--out: cannot create the folder ${join(locked, 'usb')}: permission denied: this user may not write there [EACCES]`,
    )
    const b2 = cli(
      ['bundle', 'export', '--ca', 'ca.crt', '--registry', '10.20.30.40:5000', '--out', locked],
      true,
    )
    expect(b2.code, b2.stderr).toBe(2)
    expect(b2.stderr).toContain(
      `--out: cannot create a temporary folder in ${locked}: permission denied: this user may not write there [EACCES]`,
    )
    const t = cli(
      [
        'trust',
        'install',
        '--ca',
        'ca.crt',
        '--registry',
        '10.20.30.40:5000',
        '--root',
        locked,
        '--targets',
        'docker,os',
      ],
      true,
    )
    expect(t.code, t.stderr).toBe(2)
    expect(t.stderr).toContain(
      `cannot write ${locked}/etc/docker/certs.d/10.20.30.40:5000/ca.crt: permission denied: this user may not write there [EACCES]`,
    )
    expect(t.stderr).toMatch(/Nothing was changed/)
    expect(await snapshotDir(locked)).toEqual(before)
  })
})
