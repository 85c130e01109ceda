import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTestCa } from '../../../tests/trust/fixtures'
import { runCliIn } from '../../../tests/support/run-cli'

let work: string

beforeAll(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'rw-trust-cli-bundle-'))
  const ca = await makeTestCa()
  await fs.writeFile(join(work, 'ca.crt'), ca.certPem)
  await fs.writeFile(join(work, 'ca.key'), ca.keyPem)
})
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true })
})

const cli = (args: string[]): ReturnType<typeof runCliIn> => runCliIn(work, args, {})

describe('registry-wizard bundle export / drives', () => {
  it('exports the folder and a tar.gz; a second export without --force fails with exit 1', async () => {
    const r = await cli([
      'bundle',
      'export',
      '--ca',
      'ca.crt',
      '--registry',
      '192.168.20.10:5000',
      '--out',
      'usb',
      '--archive',
      'tar.gz',
    ])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain(
      `Trust bundle written to ${join(work, 'usb', 'registry-trust-192.168.20.10_5000')}`,
    )
    expect(r.out).toMatch(/SHA-256 fingerprint .*([0-9A-F]{2}:){31}/)
    execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {
      cwd: join(work, 'usb', 'registry-trust-192.168.20.10_5000'),
    })
    await fs.access(join(work, 'usb', 'registry-trust-192.168.20.10_5000.tar.gz'))
    const again = await cli([
      'bundle',
      'export',
      '--ca',
      'ca.crt',
      '--registry',
      '192.168.20.10:5000',
      '--out',
      'usb',
    ])
    expect(again.code).toBe(1)
    expect(again.err).toMatch(/already exists.*\nhint: .*--force/)
  })

  it('bad input exits 2 and writes nothing', async () => {
    for (const extra of [
      ['--ca', 'ca.key', '--registry', '10.0.0.1:5000', '--out', 'x1'],
      ['--ca', 'ca.crt', '--registry', '10.0.0.1:5000', '--out', 'x1', '--archive', 'rar'],
      ['--ca', 'ca.crt', '--registry', '10.0.0.1:5000'],
      ['--ca', 'ca.crt', '--registry', '10.0.0.1:5000', '--drive', '/'],
    ]) {
      const r = await cli(['bundle', 'export', ...extra])
      expect(r.code, `${extra.join(' ')}: ${r.err}`).toBe(2)
    }
    await expect(fs.access(join(work, 'x1'))).rejects.toThrow()
  })

  it('drives --json prints a JSON list (no system drive)', async () => {
    const r = await cli(['drives', '--json'])
    expect(r.code, r.err).toBe(0)
    const list = JSON.parse(r.out) as { mount: string }[]
    expect(list.map((d) => d.mount)).not.toContain('/')
  })
})
