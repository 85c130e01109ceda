import { spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { craftedPem } from '../../tests/support/crafted-pem'
import { snapshotDir } from '../../tests/support/fs-snapshot'
import { makeTestCa } from '../../tests/trust/fixtures'
import { AppError } from '../errors'
import { message } from '../messages/index'
import { applyPlans, stepsAsShell } from './apply-plan'
import { parseTrustCa } from './ca-certificate'
import { parseRegistryAddresses } from './registry-address'
import { planTrust } from './trust-service'
import type { TrustStep } from './types'

let work: string
let realPem: string

beforeAll(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'rw-trust-apply-'))
  realPem = (await makeTestCa('Apply Plan CA')).certPem
  await fs.mkdir(join(work, 'stubs'))
  for (const cmd of ['update-ca-trust', 'update-ca-certificates']) {
    await fs.writeFile(join(work, 'stubs', cmd), `#!/bin/sh\necho "${cmd} $*" >> "$STUB_LOG"\n`, {
      mode: 0o755,
    })
  }
})
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true })
})

/** Runs a generated script with a real POSIX shell; store update commands hit recording stubs, never this machine. */
function runScript(shell: string, script: string): { code: number; out: string; calls: string } {
  const log = join(work, `calls-${Math.random()}`)
  const r = spawnSync(shell, ['-c', script], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${join(work, 'stubs')}:${process.env.PATH ?? ''}`, STUB_LOG: log },
  })
  const calls = spawnSync('cat', [log], { encoding: 'utf8' }).stdout
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}`, calls }
}

describe('stepsAsShell (the script for `sudo sh` and the Linux elevation prompt)', () => {
  it.each(['dash', 'sh'])(
    '%s: a crafted ca.crt runs nothing; every file written holds the canonical PEM',
    async (shell) => {
      const marker = join(work, `pwned-${shell}`)
      const text = craftedPem(realPem, [
        'REGISTRY_WIZARD_EOF',
        `touch ${marker}`,
        `$(touch ${marker})`,
        `'; touch ${marker}; '`,
      ])
      const ca = parseTrustCa(text, { sourcePath: join(work, 'crafted.crt') })
      const canonical = parseTrustCa(realPem)
      expect(ca.fingerprintSha256).toBe(canonical.fingerprintSha256)
      const root = await fs.mkdtemp(join(work, 'root-'))
      await fs.mkdir(join(root, 'etc/containerd'), { recursive: true })
      await fs.writeFile(join(root, 'etc/os-release'), 'ID=debian\n')
      const plans = await planTrust('install', {
        env: { root, platform: 'linux', home: '/root' },
        ca,
        registries: parseRegistryAddresses(['192.168.20.10:5000']),
        targets: ['docker', 'podman', 'containerd', 'os'],
      })
      const script = stepsAsShell(plans.flatMap((p) => p.steps))
      expect(script).not.toContain('<<')
      expect(script).not.toContain('touch')
      const r = runScript(shell, script)
      expect(r.code, r.out).toBe(0)
      await expect(fs.access(marker)).rejects.toThrow()
      expect(r.calls).toBe('update-ca-certificates \n')
      const written = await snapshotDir(root)
      const crts = Object.keys(written).filter((f) => f.endsWith('.crt'))
      expect(crts.sort()).toEqual([
        'etc/containerd/certs.d/192.168.20.10:5000/ca.crt',
        'etc/containers/certs.d/192.168.20.10:5000/ca.crt',
        'etc/docker/certs.d/192.168.20.10:5000/ca.crt',
        expect.stringMatching(
          /^usr\/local\/share\/ca-certificates\/registry-wizard-[0-9a-f]{16}\.crt$/,
        ) as string,
      ])
      for (const f of crts) expect(await fs.readFile(join(root, f), 'utf8'), f).toBe(canonical.pem)
      expect(Object.keys(written).some((f) => f.includes('registry-wizard-tmp'))).toBe(false)
    },
  )

  it.each(['dash', 'sh'])(
    '%s: writes any content byte for byte, whatever shell syntax it holds',
    async (shell) => {
      const dir = await fs.mkdtemp(join(work, 'bytes-'))
      const marker = join(dir, 'pwned')
      const contents = [
        `a\nREGISTRY_WIZARD_EOF\ntouch ${marker}\nb\n`,
        `'$(touch ${marker})' "\`touch ${marker}\`" \\ %s %% \\n\n`,
        'no trailing newline',
        '',
        'crlf\r\nline\r\n',
        '\n\n',
        "it's\n'\n''\n",
      ]
      const steps: TrustStep[] = contents.map((content, i) => ({
        kind: 'write',
        path: join(dir, `sub dir/f ${i}'.txt`),
        content,
        mode: 0o640,
      }))
      const r = runScript(shell, stepsAsShell(steps))
      expect(r.code, r.out).toBe(0)
      await expect(fs.access(marker)).rejects.toThrow()
      for (const [i, content] of contents.entries()) {
        const path = join(dir, `sub dir/f ${i}'.txt`)
        expect(await fs.readFile(path, 'utf8'), JSON.stringify(content)).toBe(content)
        expect((await fs.stat(path)).mode & 0o777).toBe(0o640)
      }
    },
  )
})

describe('applyPlans', () => {
  it('a failing step puts back every earlier change and reports the path and errno (exit-2 style)', async () => {
    const root = await fs.mkdtemp(join(work, 'rollback-'))
    await fs.mkdir(join(root, 'etc'))
    await fs.writeFile(join(root, 'etc/existing.crt'), 'old\n', { mode: 0o600 })
    await fs.writeFile(join(root, 'etc/blocker'), 'a file where a folder is needed\n')
    const before = await snapshotDir(root)
    const steps: TrustStep[] = [
      { kind: 'write', path: join(root, 'etc/new/deep/ca.crt'), content: 'new\n', mode: 0o644 },
      {
        kind: 'write',
        path: join(root, 'etc/existing.crt'),
        content: 'replaced\n',
        mode: 0o644,
        backupFirst: true,
      },
      { kind: 'write', path: join(root, 'etc/blocker/x/ca.crt'), content: 'never\n', mode: 0o644 },
    ]
    const err = await applyPlans(
      [{ target: 'docker', label: message('trust.target.docker'), steps, warnings: [], notes: [] }],
      {
        root,
        platform: 'linux',
        home: '/root',
      },
    ).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'PATH_NOT_A_FOLDER', kind: 'input', field: 'root' })
    expect((err as AppError).message).toContain(
      `cannot write ${join(root, 'etc/blocker/x/ca.crt')}: a part of this path is a file, not a folder [ENOTDIR]`,
    )
    expect((err as AppError).hint).toMatch(/Nothing was changed/)
    expect(await snapshotDir(root)).toEqual(before)
  })
})
