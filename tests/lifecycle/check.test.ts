// `registry-wizard check` against the real registry:2: monitoring-plugin states and exit codes (0 OK, 1 WARNING,
// 2 CRITICAL, 3 UNKNOWN), one status line with perfdata, --json, both languages; bad input is UNKNOWN (3), not 2.
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, readCertDir, startRegistry } from '../../main/docker'
import { daysState, perfText, worstState } from '../../main/lifecycle/check'
import { dfPercent } from '../../main/lifecycle/check-storage'
import { createCaDir, issueToDir } from '../../main/pki'
import {
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  run,
  runCliIn,
  tempDir,
  trackRegistry,
} from '../support/rw-reg-fixtures'

const engine = connectEngine({})
const name = `rw-check-${randomBytes(3).toString('hex')}`
const containers: string[] = []
const volumes: string[] = []
let root: { path: string; cleanup: () => Promise<void> }
let caFile: string
let port: number

beforeAll(async () => {
  await ensureRegistryImage()
  root = await tempDir('rw-check-')
  const caDir = join(root.path, 'ca')
  const certDir = join(root.path, 'server')
  // A CA far from its end, and a server certificate issued for 10 days: only the certificate is near its end.
  await createCaDir(caDir, { subject: { cn: 'rw-check CA' }, keySize: 2048, days: 3650 })
  await issueToDir({ caDir, outDir: certDir, sans: ['127.0.0.1', 'localhost'], keySize: 2048, days: 10 })
  caFile = join(caDir, 'ca.crt')
  trackRegistry(containers, volumes, name)
  port = await freePort()
  await startRegistry(engine, { name, port, certs: await readCertDir(certDir), registryHost: '127.0.0.1' })
})

afterAll(async () => {
  await dockerCleanup(containers, volumes)
  await root.cleanup()
})

const check = (args: string[], lang: string[] = []): ReturnType<typeof runCliIn> =>
  runCliIn(root.path, [...lang, 'check', '--registry', `127.0.0.1:${port}`, '--ca', caFile, ...args])

describe('check: thresholds', () => {
  it('a certificate with 10 days: WARNING with --warn-days 30 (exit 1), one status line with perfdata', async () => {
    const r = await check(['--warn-days', '30'])
    expect(r.code).toBe(1)
    expect(r.out).toMatch(
      /^REGISTRY WARNING - certificate ends in 9 days \(.+\); CA 3649 days left; \/v2\/ answered 200\|/,
    )
    expect(r.out.trim().split('\n')).toHaveLength(1)
    expect(r.out).toContain('cert_days=9;30;7 ca_days=3649;180;7 time=')
  })

  it('CRITICAL with --crit-days 15 (exit 2)', async () => {
    const r = await check(['--warn-days', '30', '--crit-days', '15'])
    expect(r.code).toBe(2)
    expect(r.out).toMatch(/^REGISTRY CRITICAL - certificate ends in 9 days/)
  })

  it('OK when the thresholds are below the days left (exit 0); --json carries the same', async () => {
    const r = await check(['--warn-days', '5', '--crit-days', '2', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.out) as {
      state: string
      exitCode: number
      text: string
      items: { id: string; state: string; text: string; data: Record<string, unknown> }[]
    }
    expect(out).toMatchObject({ state: 'OK', exitCode: 0 })
    expect(out.text).toMatch(
      /^REGISTRY OK - certificate 9 days left; CA 3649 days left; \/v2\/ answered 200\|/,
    )
    expect(out.items.map((i) => [i.id, i.state])).toEqual([
      ['certificate', 'OK'],
      ['ca', 'OK'],
      ['registry', 'OK'],
    ])
    expect(out.items[0]?.data).toMatchObject({ days: 9, trusted: true })
  })

  it('the CA is WARNING from 180 days out by default (--ca-warn-days)', async () => {
    const r = await check(['--warn-days', '5', '--crit-days', '2', '--ca-warn-days', '3700'])
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/^REGISTRY WARNING - CA ends in 3649 days/)
  })

  it('Chinese texts with --lang zh-CN; the state keyword stays as plugins expect', async () => {
    const r = await check(['--warn-days', '30'], ['--lang', 'zh-CN'])
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/^REGISTRY WARNING - 证书将在 9 天后到期/)
    expect(r.out.split('|')[0]).not.toMatch(/certificate|answered|days/)
  })

  it('a registry checked with another CA: CRITICAL, the served certificate is not trusted', async () => {
    const other = join(root.path, 'other-ca')
    await createCaDir(other, { subject: { cn: 'rw-check other CA' }, keySize: 2048, days: 3650 })
    const r = await runCliIn(root.path, [
      'check',
      '--registry',
      `127.0.0.1:${port}`,
      '--ca',
      join(other, 'ca.crt'),
    ])
    expect(r.code).toBe(2)
    expect(r.out).toMatch(/^REGISTRY CRITICAL - the served certificate is not trusted with this CA/)
  })
})

describe('check: storage', () => {
  it('storage use against --max-usage-percent: OK at 100, CRITICAL at 1, with the registry bytes in perfdata', async () => {
    const ok = await check([
      '--warn-days',
      '5',
      '--crit-days',
      '2',
      '--name',
      name,
      '--max-usage-percent',
      '100',
    ])
    expect(ok.code).toBe(0)
    expect(ok.out).toMatch(/; storage \d+% used \(limit 100%\)\|/)
    expect(ok.out).toMatch(/storage_used=\d+%;;100;0;100 registry_bytes=\d+B;;;0/)
    const full = await check([
      '--warn-days',
      '5',
      '--crit-days',
      '2',
      '--name',
      name,
      '--max-usage-percent',
      '1',
    ])
    expect(full.code).toBe(2)
    expect(full.out).toMatch(/^REGISTRY CRITICAL - storage \d+% used, at or over the limit of 1%/)
  })
})

describe('check: invalid input is UNKNOWN (3)', () => {
  it.each([
    [['--warn-days', 'abc'], '--warn-days'],
    [['--warn-days', '10', '--crit-days', '20'], '--crit-days'],
    [['--max-usage-percent', '101'], '--max-usage-percent'],
  ])('%j: exit 3, REGISTRY UNKNOWN naming the option', async (args, flag) => {
    const r = await check(args)
    expect(r.code).toBe(3)
    expect(r.out).toMatch(/^REGISTRY UNKNOWN - /)
    expect(r.out).toContain(flag)
  })

  it('an address without a port, a missing CA file, a missing option: exit 3', async () => {
    const noPort = await runCliIn(root.path, ['check', '--registry', '127.0.0.1', '--ca', caFile])
    expect(noPort).toMatchObject({ code: 3 })
    expect(noPort.out).toMatch(/^REGISTRY UNKNOWN - .*--registry/)
    const noFile = await runCliIn(root.path, ['check', '--registry', `127.0.0.1:${port}`, '--ca', 'nope.crt'])
    expect(noFile.code).toBe(3)
    expect(noFile.out).toMatch(/^REGISTRY UNKNOWN - /)
    // Command lines commander refuses: UNKNOWN on stdout too, naming what is wrong (in the run's language).
    const noCa = await runCliIn(root.path, ['check', '--registry', `127.0.0.1:${port}`])
    expect(noCa.code).toBe(3)
    expect(noCa.out).toMatch(/^REGISTRY UNKNOWN - .*--ca/)
    const bogus = await runCliIn(root.path, [
      '--lang',
      'zh-CN',
      'check',
      '--registry',
      `127.0.0.1:${port}`,
      '--ca',
      caFile,
      '--bogus',
    ])
    expect(bogus.code).toBe(3)
    expect(bogus.out).toMatch(/^REGISTRY UNKNOWN - .*--bogus/)
    expect(bogus.out).not.toMatch(/unknown option/)
  })
})

describe('check: a stopped registry', () => {
  it('is CRITICAL (exit 2): no TLS answer, /v2/ not answering', async () => {
    await run('docker', ['stop', name])
    const r = await check(['--warn-days', '30', '--json'])
    expect(r.code).toBe(2)
    const out = JSON.parse(r.out) as { state: string; items: { id: string; state: string }[] }
    expect(out.state).toBe('CRITICAL')
    expect(out.items.filter((i) => i.state === 'CRITICAL').map((i) => i.id)).toEqual([
      'certificate',
      'registry',
    ])
    const line = await check([])
    expect(line.out).toMatch(
      /^REGISTRY CRITICAL - no TLS answer from 127\.0\.0\.1:\d+: .*; the registry does not answer/,
    )
  })
})

describe('check: rules', () => {
  it('states, the worst wins, perfdata form, df parsing', () => {
    expect(daysState(40, false, 30, 7)).toBe('OK')
    expect(daysState(29, false, 30, 7)).toBe('WARNING')
    expect(daysState(6, false, 30, 7)).toBe('CRITICAL')
    expect(daysState(100, true, 30, 7)).toBe('CRITICAL')
    expect(worstState(['OK', 'WARNING', 'UNKNOWN'])).toBe('UNKNOWN')
    expect(worstState(['UNKNOWN', 'CRITICAL', 'OK'])).toBe('CRITICAL')
    expect(worstState([])).toBe('OK')
    expect(perfText({ label: 'a', value: 3, warn: 30, crit: 7 })).toBe('a=3;30;7')
    expect(perfText({ label: 'b', value: 1, uom: '%', crit: 90, min: 0, max: 100 })).toBe('b=1%;;90;0;100')
    expect(
      dfPercent(
        'Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/x 100 42 58 42% /var/lib/registry\n',
      ),
    ).toBe(42)
    expect(dfPercent('garbage')).toBeUndefined()
  })
})
