import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTestCa } from '../../../tests/trust/fixtures'
import type { PemPair } from '../../pki/types'
import { runCliIn } from '../../../tests/support/run-cli'
import { runMode } from './trust'

let work: string
let ca: PemPair

beforeAll(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'rw-trust-cli-'))
  ca = await makeTestCa()
  await fs.writeFile(join(work, 'ca.crt'), ca.certPem)
  await fs.writeFile(join(work, 'ca-with-key.pem'), ca.certPem + ca.keyPem)
})
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true })
})

const cli = (args: string[]): ReturnType<typeof runCliIn> => runCliIn(work, args, { HOME: '/home/admin' })

async function newRoot(osRelease = 'ID=debian'): Promise<string> {
  const root = await fs.mkdtemp(join(work, 'root-'))
  await fs.mkdir(join(root, 'etc'))
  await fs.writeFile(join(root, 'etc/os-release'), osRelease)
  return root
}

const args = (root: string): string[] => [
  '--ca',
  'ca.crt',
  '--registry',
  '192.168.20.10:5000',
  '--registry',
  'registry.lan:5000',
  '--root',
  root,
]

describe('registry-wizard trust', () => {
  it('install / status / uninstall under --root; store commands are listed, not run', async () => {
    const root = await newRoot()
    expect((await cli(['trust', 'status', ...args(root)])).code).toBe(1)

    const dry = await cli(['trust', 'install', ...args(root), '--dry-run'])
    expect(dry.code, dry.err).toBe(0)
    expect(dry.out).toContain(`would write ${root}/etc/docker/certs.d/192.168.20.10:5000/ca.crt (mode 0644`)
    expect(dry.out).toContain('would run update-ca-certificates')
    expect(await fs.readdir(join(root, 'etc'))).toEqual(['os-release'])

    const inst = await cli(['trust', 'install', ...args(root)])
    expect(inst.code, inst.err).toBe(0)
    expect(inst.out).toMatch(/Not run \(root prefix .*\n {2}update-ca-certificates/)
    expect(inst.out).toMatch(/restart/)
    expect(await fs.readFile(join(root, 'etc/docker/certs.d/registry.lan:5000/ca.crt'), 'utf8')).toBe(
      ca.certPem,
    )

    const st = await cli(['trust', 'status', ...args(root), '--json'])
    expect(st.code).toBe(0)
    expect((JSON.parse(st.out) as { installed: boolean }[]).map((s) => s.installed)).toEqual([true, true])

    const again = await cli(['trust', 'install', ...args(root)])
    expect(again.out).toContain('Nothing to change: already installed.')

    const un = await cli(['trust', 'uninstall', ...args(root), '--targets', 'docker,os'])
    expect(un.code, un.err).toBe(0)
    expect(un.out).toContain(`remove ${root}/etc/docker/certs.d/192.168.20.10:5000/ca.crt`)
    expect((await cli(['trust', 'status', ...args(root)])).out).toContain('Docker: NOT installed')
  })

  it('refuses a CA file holding a private key with exit 2 and writes nothing', async () => {
    const root = await newRoot()
    const r = await cli([
      'trust',
      'install',
      '--ca',
      'ca-with-key.pem',
      '--registry',
      '10.0.0.1:5000',
      '--root',
      root,
    ])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/--ca: ".*ca-with-key.pem" is not valid; give the CA certificate \(ca.crt\) only/)
    expect(await fs.readdir(join(root, 'etc'))).toEqual(['os-release'])
  })

  it.each([
    [['--registry', 'http://x:5000'], /--registry: "http:\/\/x:5000" is not valid/],
    [[], /at least one --registry/],
    [['--registry', '10.0.0.1:5000', '--targets', 'docker,nss'], /--targets: .*"nss" is not a target/],
  ])('bad input %j exits 2', async (extra, message) => {
    const root = await newRoot()
    const r = await cli(['trust', 'install', '--ca', 'ca.crt', '--root', root, ...extra])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(message)
  })

  it('chooses how commands run: direct as root, listed under a prefix, printed for non-root', () => {
    expect(runMode('/', 'linux', 0)).toBe('direct')
    expect(runMode('/', 'linux', 1000)).toBe('print')
    expect(runMode('/tmp/x', 'linux', 0)).toBe('prefix')
  })
})
