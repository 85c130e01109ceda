import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCaDir } from '../../main/pki'
import { makeTmpDir, snapshotDir } from '../support/fs-snapshot'
import { opensslLegacyCert, opensslStatus } from '../support/openssl'
import { cli } from '../support/run-cli'
import { issueArgs, importArgs } from '../support/pki-cli'

const read = (p: string): string => readFileSync(p, 'utf8')

describe('cert issue --out never clobbers another CA and is never the CA folder', () => {
  const dir = makeTmpDir('rw-pki-out-')
  const caDir = join(dir, 'ca')
  const otherCa = join(dir, 'other-ca')

  beforeAll(async () => {
    await createCaDir(caDir, { subject: { cn: 'Out CA' }, keySize: 2048 })
    await createCaDir(otherCa, { subject: { cn: 'Other CA' }, keySize: 2048 })
  })

  it('refuses an OUT whose ca.crt belongs to another CA (exit 2, nothing changed); --force keeps a backup', async () => {
    const out = join(dir, 'shared-out')
    mkdirSync(out)
    writeFileSync(join(out, 'ca.crt'), read(join(otherCa, 'ca.crt')))
    const before = await snapshotDir(dir)
    const r = await cli([...issueArgs(caDir, out), '--ip', '10.0.0.1'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`out: ${join(out, 'ca.crt')} holds the certificate of another CA`)
    expect(r.stderr).toContain('--force')
    expect(await snapshotDir(dir)).toEqual(before)

    const forced = await cli([...issueArgs(caDir, out), '--ip', '10.0.0.1', '--force', '--json'])
    expect(forced.code).toBe(0)
    const { backups } = JSON.parse(forced.stdout) as { backups: string[] }
    expect(backups).toHaveLength(1)
    expect(backups[0]).toMatch(/\/ca\.crt\.bak-\d{8}T\d{6}Z$/)
    expect(read(backups[0] ?? '')).toBe(read(join(otherCa, 'ca.crt')))
    expect(read(join(out, 'ca.crt'))).toBe(read(join(caDir, 'ca.crt')))
  })

  it('a ca.crt of the same CA (re-issue) or a file that is not a certificate: same CA passes, garbage needs --force', async () => {
    const out = join(dir, 'reissue')
    expect((await cli([...issueArgs(caDir, out), '--ip', '10.0.0.2'])).code).toBe(0)
    const again = await cli([...issueArgs(caDir, out), '--ip', '10.0.0.2', '--force', '--json'])
    expect(again.code).toBe(0)
    expect(
      (JSON.parse(again.stdout) as { backups: string[] }).backups.map((b) => b.replace(/\.bak-.*$/, '')),
    ).toEqual([join(out, 'domain.crt'), join(out, 'domain.key')])
    const junk = join(dir, 'junk-out')
    mkdirSync(junk)
    writeFileSync(join(junk, 'ca.crt'), 'not a certificate\n')
    const r = await cli([...issueArgs(caDir, junk), '--ip', '10.0.0.3'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('holds a file that is not a readable certificate')
    expect(readdirSync(junk)).toEqual(['ca.crt'])
  })

  it('refuses the CA folder itself, also through a symlink to it or to its parent, and any folder holding a CA key', async () => {
    symlinkSync(caDir, join(dir, 'ca-link'))
    symlinkSync(dir, join(dir, 'parent-link'))
    const before = await snapshotDir(caDir)
    for (const out of [caDir, join(dir, 'ca-link'), join(dir, 'parent-link', 'ca'), `${caDir}/.`]) {
      const r = await cli([...issueArgs(caDir, out), '--ip', '10.0.0.4', '--force'])
      expect(r.code, out).toBe(2)
      expect(r.stderr, out).toContain(`is the CA directory ${caDir}`)
      expect(await snapshotDir(caDir), out).toEqual(before)
    }
    const r = await cli([...issueArgs(caDir, otherCa), '--ip', '10.0.0.4', '--force'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`out: ${otherCa} holds ca.key: it is a CA folder`)
  })
})

describe('--passphrase-file uses the first line only', () => {
  it('a two-line file: the key opens with the first line (openssl), and cert issue with the same file works', async () => {
    const dir = makeTmpDir('rw-pki-pass-')
    const pass = join(dir, 'pass.txt')
    writeFileSync(pass, 'first-line secret\nsecond line is a comment\n')
    const caDir = join(dir, 'ca')
    expect(
      (await cli(['ca', 'create', '--dir', caDir, '--key-size', '2048', '--passphrase-file', pass])).code,
    ).toBe(0)
    const opened = opensslStatus([
      'pkey',
      '-in',
      join(caDir, 'ca.key'),
      '-passin',
      'pass:first-line secret',
      '-noout',
    ])
    expect(opened.stderr).toBe('')
    expect(opened.status).toBe(0)
    const oneLine = join(dir, 'one.txt')
    writeFileSync(oneLine, 'first-line secret')
    const issued = await cli([
      ...issueArgs(caDir, join(dir, 'o')),
      '--ip',
      '10.0.0.5',
      '--passphrase-file',
      oneLine,
    ])
    expect(issued.code).toBe(0)
    const empty = join(dir, 'empty-first.txt')
    writeFileSync(empty, '\nsecret on line two\n')
    const r = await cli(['ca', 'create', '--dir', join(dir, 'never'), '--passphrase-file', empty])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('its first line is empty')
  })
})

describe('cert inspect: bounded reads, host:port, CA lint', () => {
  const dir = makeTmpDir('rw-pki-inspect-')
  const caDir = join(dir, 'ca')
  beforeAll(async () => {
    await createCaDir(caDir, { subject: { cn: 'Inspect CA' }, keySize: 2048 })
    await cli([
      ...issueArgs(caDir, join(dir, 'o')),
      '--ip',
      '192.168.20.10',
      '--ip',
      '::1',
      '--dns',
      'hub.lan',
    ])
  })

  it('cert inspect /dev/zero fails fast with a clear exit-2 message', async () => {
    const t = Date.now()
    const r = await cli(['cert', 'inspect', '/dev/zero'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('error: FILE: "/dev/zero" is not valid; the file is larger than 4096 KiB')
    expect(Date.now() - t).toBeLessThan(5000)
    const huge = join(dir, 'huge.pem')
    writeFileSync(huge, Buffer.alloc(5 * 1024 * 1024, 0x41))
    expect((await cli(['cert', 'inspect', huge])).stderr).toContain('larger than 4096 KiB')
  }, 15_000)

  it('--host accepts a port (IPv4, [IPv6], DNS) and checks the host part; a bad port is exit 2', async () => {
    const crt = join(dir, 'o', 'domain.crt')
    const covers = async (host: string): Promise<{ code: number; covers: unknown }> => {
      const r = await cli(['cert', 'inspect', crt, '--host', host, '--json'])
      return {
        code: r.code,
        covers:
          r.code === 2
            ? r.stderr
            : (JSON.parse(r.stdout) as { certificate: { covers: unknown } }).certificate.covers,
      }
    }
    expect(await covers('192.168.20.10:5000')).toEqual({
      code: 0,
      covers: { host: '192.168.20.10', covered: true, matchedBy: 'IP:192.168.20.10' },
    })
    expect(await covers('[::1]:5000')).toEqual({
      code: 0,
      covers: { host: '::1', covered: true, matchedBy: 'IP:::1' },
    })
    expect(await covers('hub.lan:443')).toEqual({
      code: 0,
      covers: { host: 'hub.lan', covered: true, matchedBy: 'DNS:hub.lan' },
    })
    expect((await covers('192.168.20.11:5000')).code).toBe(1)
    const bad = await covers('192.168.20.10:99999')
    expect(bad.code).toBe(2)
    expect(bad.covers).toContain('the port after ":" must be a whole number from 1 to 65535')
    const text = await cli(['cert', 'inspect', crt, '--host', '192.168.20.10:5000'])
    expect(text.stdout).toContain('covers 192.168.20.10: yes (IP:192.168.20.10)')
  })

  it('a CA certificate gets CA lint only: no CN_ONLY / NO_SAN, no host coverage failure; SHA-1 and weak keys still reported', async () => {
    const ca = await cli(['cert', 'inspect', join(caDir, 'ca.crt'), '--json'])
    expect(ca.code).toBe(0)
    expect((JSON.parse(ca.stdout) as { lint: unknown[] }).lint).toEqual([])
    const withHost = await cli([
      'cert',
      'inspect',
      join(caDir, 'ca.crt'),
      '--host',
      '192.168.20.10:5000',
      '--json',
    ])
    expect(withHost.code).toBe(0)
    const parsed = JSON.parse(withHost.stdout) as {
      certificate: Record<string, unknown>
      lint: { code: string; severity: string }[]
    }
    expect(parsed.lint).toEqual([expect.objectContaining({ code: 'CA_NOT_SERVER', severity: 'warning' })])
    expect(parsed.certificate).not.toHaveProperty('covers')
    expect(parsed.certificate['keyUsage']).toEqual(['keyCertSign', 'cRLSign'])
    const { cert } = opensslLegacyCert(join(dir, 'weak'), { cn: 'Old Weak CA', ca: true })
    const weak = JSON.parse((await cli(['cert', 'inspect', cert, '--json'])).stdout) as {
      lint: { code: string }[]
    }
    expect(weak.lint.map((f) => f.code).sort()).toEqual(['SHA1', 'WEAK_KEY'])
  })
})

describe('errno failures: clear exit-2 messages, nothing left behind', () => {
  const dir = makeTmpDir('rw-pki-errno-')
  const file = join(dir, 'a-file')
  const caDir = join(dir, 'ca')
  const immutable = join(dir, 'immutable')
  let chattr = false

  beforeAll(async () => {
    writeFileSync(file, 'x')
    await createCaDir(caDir, { subject: { cn: 'Errno CA' }, keySize: 2048 })
    mkdirSync(immutable)
    chattr = spawnSync('chattr', ['+i', immutable]).status === 0
  })
  afterAll(() => {
    spawnSync('chattr', ['-i', immutable])
  })

  const longName = 'n'.repeat(300)
  const cases: [string, () => string[], RegExp][] = [
    [
      'ca create ENOTDIR',
      () => ['ca', 'create', '--dir', join(file, 'ca')],
      /dir: .*a-file\/ca: a part of this path is a file, not a folder \(at .*a-file\) \[ENOTDIR\]/,
    ],
    [
      'ca create EEXIST',
      () => ['ca', 'create', '--dir', file],
      /dir: .*a-file: it exists and is a file, not a folder \[EEXIST\]/,
    ],
    [
      'ca create ENAMETOOLONG',
      () => ['ca', 'create', '--dir', join(dir, 'new-parent', longName)],
      /dir: .*: the path is too long .* \[ENAMETOOLONG\]/,
    ],
    [
      'ca import ENOTDIR',
      () => [...importArgs(join(file, 'ca'), join(caDir, 'ca.crt'), join(caDir, 'ca.key'))],
      /\[ENOTDIR\]/,
    ],
    [
      'ca import ENAMETOOLONG',
      () => [...importArgs(join(dir, longName), join(caDir, 'ca.crt'), join(caDir, 'ca.key'))],
      /\[ENAMETOOLONG\]/,
    ],
    [
      'cert issue ENOTDIR',
      () => [...issueArgs(caDir, join(file, 'out')), '--ip', '10.0.0.1'],
      /out: .*a part of this path is a file, not a folder .*\[ENOTDIR\]/,
    ],
    [
      'cert issue EEXIST',
      () => [...issueArgs(caDir, file), '--ip', '10.0.0.1'],
      /out: .*it exists and is a file, not a folder \[EEXIST\]/,
    ],
    [
      'cert issue ENAMETOOLONG',
      () => [...issueArgs(caDir, join(dir, 'p', longName)), '--ip', '10.0.0.1'],
      /\[ENAMETOOLONG\]/,
    ],
  ]
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const before = await snapshotDir(dir)
      const r = await cli(args())
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(message)
      expect(r.stderr).toContain('Nothing was changed.')
      expect(await snapshotDir(dir)).toEqual(before)
    })
  }

  it('EPERM: an immutable folder (chattr +i) is refused before any key is made', async () => {
    expect(chattr, 'chattr +i must work on the test file system').toBe(true)
    const r = await cli(['ca', 'create', '--dir', immutable, '--key-size', '2048'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/the operation is not permitted there .* \[EPERM\]/)
    expect(readdirSync(immutable)).toEqual([])
    const i = await cli([...issueArgs(caDir, join(immutable, 'out')), '--ip', '10.0.0.1'])
    expect(i.code).toBe(2)
    expect(i.stderr).toContain('[EPERM]')
  })

  it('EACCES: the built CLI run as an unprivileged user (nobody) on a root-owned folder', () => {
    const bin = resolve('out/cli/registry-wizard.js')
    expect(existsSync(bin), 'out/cli/registry-wizard.js is missing: run npm run build:cli').toBe(true)
    chmodSync(dir, 0o755)
    const locked = join(dir, 'root-owned')
    mkdirSync(locked, { mode: 0o755 })
    const before = readdirSync(locked)
    const args: string[][] = [
      ['ca', 'create', '--dir', join(locked, 'ca'), '--key-size', '2048'],
      [...issueArgs(caDir, join(locked, 'out')), '--ip', '10.0.0.1'],
      [...importArgs(join(locked, 'imported'), join(caDir, 'ca.crt'), join(caDir, 'ca.key'))],
    ]
    chmodSync(caDir, 0o755)
    chmodSync(join(caDir, 'ca.key'), 0o644)
    try {
      for (const a of args) {
        const r = spawnSync(process.execPath, [bin, ...a], {
          encoding: 'utf8',
          uid: 65534,
          gid: 65534,
          cwd: '/',
          env: { PATH: process.env.PATH },
        })
        expect(r.status, r.stderr).toBe(2)
        expect(r.stderr).toMatch(/permission denied: this user may not write there .*\[EACCES\]/)
        expect(readdirSync(locked)).toEqual(before)
      }
    } finally {
      chmodSync(join(caDir, 'ca.key'), 0o600)
      chmodSync(caDir, 0o700)
    }
  })
})
