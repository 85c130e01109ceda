import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCa, createCaDir, issueCertificate, openCa } from '../../main/pki'
import { makeTmpDir, snapshotDir } from '../support/fs-snapshot'
import { openssl, opensslLegacyCert } from '../support/openssl'
import { cli } from '../support/run-cli'
import { issueArgs, importArgs } from '../support/pki-cli'

describe('registry-wizard ca / cert', () => {
  const dir = makeTmpDir()
  const pass = join(dir, 'pass.txt')
  const wrongPass = join(dir, 'wrong.txt')

  beforeAll(() => {
    writeFileSync(pass, 'right passphrase\n')
    writeFileSync(wrongPass, 'wrong passphrase\n')
  })

  it('never overwrites an existing CA without --force; --force keeps a timestamped backup', async () => {
    const caDir = join(dir, 'ca-force')
    expect((await cli(['ca', 'create', '--dir', caDir, '--key-size', '2048'])).code).toBe(0)
    const before = await snapshotDir(caDir)
    const again = await cli(['ca', 'create', '--dir', caDir, '--key-size', '2048'])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain(`A CA already exists: ${join(caDir, 'ca.crt')}`)
    expect(again.stderr).toContain('--force')
    expect(await snapshotDir(caDir)).toEqual(before)
    const oldCert = readFileSync(join(caDir, 'ca.crt'), 'utf8')
    const forced = await cli(['ca', 'create', '--dir', caDir, '--key-size', '2048', '--force', '--json'])
    expect(forced.code).toBe(0)
    const result = JSON.parse(forced.stdout) as { backups: string[]; fingerprintSha256: string }
    expect(result.backups.map((b) => b.replace(/\.bak-\d{8}T\d{6}Z$/, ''))).toEqual([
      join(caDir, 'ca.crt'),
      join(caDir, 'ca.key'),
    ])
    expect(readFileSync(result.backups[0] ?? '', 'utf8')).toBe(oldCert)
    expect(readFileSync(join(caDir, 'ca.crt'), 'utf8')).not.toBe(oldCert)
  })

  it('issues with an encrypted CA key only with the right passphrase', async () => {
    const caDir = join(dir, 'ca-pass')
    expect(
      (await cli(['ca', 'create', '--dir', caDir, '--key-size', '2048', '--passphrase-file', pass])).code,
    ).toBe(0)
    const out = join(dir, 'srv-pass')
    const issue = (...extra: string[]): ReturnType<typeof cli> =>
      cli([...issueArgs(caDir, out), '--ip', '10.1.2.3', ...extra])
    const none = await issue()
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('the private key is encrypted and no passphrase was given')
    const wrong = await issue('--passphrase-file', wrongPass)
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('the passphrase does not open the private key')
    expect(wrong.stderr).not.toContain('wrong passphrase')
    expect(existsSync(out)).toBe(false)
    const ok = await issue('--passphrase-file', pass)
    expect(ok.code).toBe(0)
    expect(openssl(['verify', '-CAfile', join(caDir, 'ca.crt'), join(out, 'domain.crt')])).toContain('OK')
    const again = await issue('--passphrase-file', pass)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('A certificate or key already exists')
  })

  it('names the field, the value and what is allowed for bad input, and writes nothing', async () => {
    const caDir = join(dir, 'ca-input')
    await createCaDir(caDir, { subject: { cn: 'Input CA' }, keySize: 2048, days: 100 })
    const before = await snapshotDir(dir)
    const cases: [string[], string][] = [
      [['--ip', '300.1.1.1'], 'error: --ip: "300.1.1.1" is not valid; it is not a valid IPv4 address'],
      [['--ip', '192.168.20'], 'error: --ip: "192.168.20" is not valid; it is not a valid IPv4 address'],
      [
        ['--dns', 'my_registry.lan'],
        'error: --dns: "my_registry.lan" is not valid; the label "my_registry" has a character',
      ],
      [['--dns', 'a b.lan'], 'error: --dns: "a b.lan" is not valid'],
      [['--dns', `${'x'.repeat(64)}.lan`], 'is 64 characters long'],
      [['--dns', 'reg.*.lan'], 'a wildcard must be the whole left-most label'],
      [[], 'error: --ip/--dns: at least one IP address or DNS name is required'],
      [['--ip', '10.0.0.1', '--days', '0'], 'error: --days: "0" is not valid; a whole number from 1'],
      [['--ip', '10.0.0.1', '--days', '500'], 'a certificate cannot outlive its CA'],
      [
        ['--ip', '10.0.0.1', '--key-size', '1024'],
        'error: --key-size: "1024" is not valid; allowed sizes are 2048, 3072, 4096 bits',
      ],
      [['--ip', 'registry.lan'], 'put DNS names in --dns'],
    ]
    for (const [args, message] of cases) {
      const r = await cli([...issueArgs(caDir, join(dir, 'never')), ...args])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toContain(message)
      expect(r.stderr).toContain('hint: ')
    }
    const missing = await cli([...issueArgs(join(dir, 'nope'), join(dir, 'never')), '--ip', '10.0.0.1'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('it holds no ca.crt: create a CA there first')
    const unreadable = await cli([
      ...importArgs(join(dir, 'never'), join(dir, 'no.crt'), join(dir, 'no.key')),
    ])
    expect(unreadable.code).toBe(2)
    expect(unreadable.stderr).toContain('--cert')
    expect(unreadable.stderr).toContain('ENOENT')
    const unknownOption = await cli(['cert', 'issue', '--frobnicate'])
    expect(unknownOption.code).toBe(2)
    expect(await snapshotDir(dir)).toEqual(before)
  })

  it('imports a good CA and refuses a mismatched key, a non-CA and an expired CA with the reason', async () => {
    const good = await createCa({
      subject: { cn: 'Import Me' },
      keySize: 2048,
      passphrase: 'right passphrase',
    })
    const other = await createCa({ subject: { cn: 'Other' }, keySize: 2048 })
    const leaf = await issueCertificate(openCa(other), { sans: ['leaf.lan'] })
    const expired = await createCa({
      subject: { cn: 'Old' },
      keySize: 2048,
      days: 1,
      now: new Date(Date.now() - 10 * 86_400_000),
    })
    const write = (name: string, text: string): string => {
      const p = join(dir, name)
      writeFileSync(p, text)
      return p
    }
    const importTo = join(dir, 'imported')
    const r = await cli([
      ...importArgs(importTo, write('good.crt', good.certPem), write('good.key', good.keyPem)),
      '--passphrase-file',
      pass,
    ])
    expect(r.code).toBe(0)
    expect(readFileSync(join(importTo, 'ca.crt'), 'utf8')).toBe(good.certPem)
    const refusals: [string, string, RegExp][] = [
      [good.certPem, other.keyPem, /the private key does not belong to the CA certificate/],
      [leaf.certPem, leaf.keyPem, /is not a CA \(basicConstraints CA:TRUE is missing\)/],
      [expired.certPem, expired.keyPem, /it expired on/],
    ]
    for (const [certPem, keyPem, message] of refusals) {
      const target = join(dir, 'refused')
      const x = await cli([...importArgs(target, write('x.crt', certPem), write('x.key', keyPem))])
      expect(x.code).toBe(2)
      expect(x.stderr).toMatch(message)
      expect(existsSync(target)).toBe(false)
    }
  })

  it('inspects and lints: JSON shape, host coverage by SAN only, CN-only, SHA-1, weak key, long leaf', async () => {
    const caDir = join(dir, 'ca-inspect')
    await createCaDir(caDir, { subject: { cn: 'Inspect CA' }, keySize: 2048 })
    await cli([...issueArgs(caDir, join(dir, 'ins')), '--ip', '192.168.20.10', '--dns', 'hub.lan'])
    const crt = join(dir, 'ins', 'domain.crt')
    const json = await cli(['cert', 'inspect', crt, '--host', '192.168.20.10', '--json'])
    expect(json.code).toBe(0)
    const parsed = JSON.parse(json.stdout) as { certificate: Record<string, unknown>; lint: unknown[] }
    expect(Object.keys(parsed.certificate).sort()).toEqual(
      [
        'commonName',
        'covers',
        'daysLeft',
        'expired',
        'extendedKeyUsage',
        'fingerprintSha256',
        'isCa',
        'issuer',
        'keyBits',
        'keyCurve',
        'keyUsage',
        'keyType',
        'notAfter',
        'notBefore',
        'notYetValid',
        'sans',
        'selfSigned',
        'serial',
        'signatureAlgorithm',
        'subject',
      ].sort(),
    )
    expect(parsed.certificate['covers']).toEqual({
      host: '192.168.20.10',
      covered: true,
      matchedBy: 'IP:192.168.20.10',
    })
    expect(parsed.certificate['fingerprintSha256']).toBe(
      openssl(['x509', '-in', crt, '-noout', '-fingerprint', '-sha256']).trim().split('=')[1],
    )
    expect(parsed.lint).toEqual([])
    const notCovered = await cli(['cert', 'inspect', crt, '--host', '192.168.20.11'])
    expect(notCovered.code).toBe(1)
    expect(notCovered.stdout).toContain('covers 192.168.20.11: NO')

    // The runbook's way: a CN-only certificate signed with SHA-1 and a short key, made by openssl itself.
    const old = opensslLegacyCert(join(dir, 'old'), { cn: '192.168.20.10', days: 3650 }).cert
    const lint = await cli(['cert', 'inspect', old, '--host', '192.168.20.10', '--json'])
    const codes = (JSON.parse(lint.stdout) as { lint: { code: string }[] }).lint.map((f) => f.code).sort()
    expect(codes).toEqual(['CN_ONLY', 'IP_WITHOUT_IP_SAN', 'SHA1', 'WEAK_KEY'])
    expect(lint.code).toBe(1)
    const longKey = join(dir, 'long.key')
    const long = join(dir, 'long.crt')
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      longKey,
      '-out',
      long,
      '-days',
      '1000',
      '-subj',
      '/CN=long.lan',
      '-addext',
      'subjectAltName=DNS:long.lan',
      '-addext',
      'basicConstraints=critical,CA:FALSE',
    ])
    const longLint = JSON.parse((await cli(['cert', 'inspect', long, '--json'])).stdout) as {
      lint: { code: string }[]
    }
    expect(longLint.lint.map((f) => f.code)).toEqual(['LEAF_TOO_LONG'])
  })

  it('the built bin runs the same CLI under plain Node with the same exit codes', () => {
    const bin = resolve('out/cli/registry-wizard.js')
    expect(
      existsSync(bin),
      'out/cli/registry-wizard.js is missing: npm test builds it first (npm run build)',
    ).toBe(true)
    const caDir = join(dir, 'bin-ca')
    const run = (args: string[]): { status: number | null; stdout: string; stderr: string } =>
      spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })
    expect(run(['--help']).stdout).toContain('Usage: registry-wizard')
    expect(run(['ca', 'create', '--dir', caDir, '--key-size', '2048']).status).toBe(0)
    const bad = run([...issueArgs(caDir, join(dir, 'bin-out')), '--ip', '300.1.1.1'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('--ip: "300.1.1.1" is not valid')
    expect(run([...issueArgs(caDir, join(dir, 'bin-out')), '--dns', 'hub.lan']).status).toBe(0)
    expect(readdirSync(join(dir, 'bin-out')).sort()).toEqual(['ca.crt', 'domain.crt', 'domain.key'])
  })
})

describe('CLI errors read like the app: the shared error table', () => {
  it('adds the plain explanation and fix in Chinese under a zh locale; in English our hint suffices', async () => {
    const { runCli } = await import('../../main/cli/program')
    const run = async (env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> => {
      let stderr = ''
      const code = await runCli(['engine', 'check', '--docker-host', 'tcp://127.0.0.1:9'], {
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        env,
        cwd: process.cwd(),
      })
      return { code, stderr }
    }
    const en = await run({ LANG: 'en_US.UTF-8' })
    expect(en.code).toBe(1)
    expect(en.stderr).toContain('error: Cannot reach the Docker engine at tcp://127.0.0.1:9')
    // Our English hint already says what to do: no second fix under it.
    expect(en.stderr).toContain('hint: ')
    expect(en.stderr).not.toContain('why: ')
    const zh = await run({ LANG: 'zh_CN.UTF-8' })
    // The labels are the catalogue's too (cli.common.label): 原因 / 解决办法, not why / fix.
    expect(zh.stderr).toContain('原因: 给定地址上没有 Docker 引擎应答')
    expect(zh.stderr).toMatch(/解决办法（.+）: 启动 Docker/)
    expect(zh.stderr).not.toContain('why: ')
  })
})
