import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../program'
import {
  ensureImages,
  freePort,
  issueTo,
  makeCa,
  removeContainers,
  rwVer,
  startOurRegistry,
  tempDir,
} from '../../../tests/verify/fixtures'

let root: { path: string; cleanup: () => Promise<void> }
let caFile: string
let certFile: string
let registry: string
let trustRoot: string
const containers: string[] = []

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(args, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { PATH: process.env.PATH },
    cwd: root.path,
  })
  return { code, out, err }
}

beforeAll(async () => {
  await ensureImages()
  root = await tempDir()
  const ca = await makeCa('rw-ver cli CA')
  const server = await issueTo(ca, join(root.path, 'server'), ['127.0.0.1'])
  caFile = join(server.dir, 'ca.crt')
  certFile = join(server.dir, 'domain.crt')
  const name = rwVer('cli')
  containers.push(name)
  const { port } = await startOurRegistry(name, server.dir)
  registry = `127.0.0.1:${port}`
  trustRoot = join(root.path, 'client-root')
  await mkdir(join(trustRoot, 'etc/docker/certs.d', registry), { recursive: true })
  await writeFile(join(trustRoot, 'etc/docker/certs.d', registry, 'ca.crt'), ca.certPem)
  await mkdir(join(trustRoot, 'etc/ssl/certs'), { recursive: true })
  await writeFile(join(trustRoot, 'etc/ssl/certs/ca-certificates.crt'), ca.certPem)
})

afterAll(async () => {
  await removeContainers(containers)
  await root.cleanup()
})

describe('registry-wizard verify', () => {
  it('exit 0 with one marked line per check, the loopback fix, and a summary', async () => {
    const r = await cli([
      'verify',
      '--registry',
      registry,
      '--ca',
      caFile,
      '--cert',
      certFile,
      '--push',
      '--trust-root',
      trustRoot,
    ])
    expect(r.err).toBe('')
    const lines = r.out.split('\n').filter((l) => /^[✔!✘-] +\d+\. /.test(l))
    expect(lines).toHaveLength(10)
    expect(lines[0]).toMatch(/^✔ {2}1\. pass CA certificate: CN=rw-ver cli CA/)
    expect(lines[7]).toMatch(/^! {2}8\. warn Push and pull round trip: .*loopback/)
    expect(r.out).toContain('How to fix:\n  8. [Trust] A loopback push does not prove client trust')
    expect(r.out).toMatch(
      /9 passed, 1 warnings, 0 failed, 0 skipped|8 passed, 1 warnings, 0 failed, 1 skipped/,
    )
    expect(r.code).toBe(0)
  })

  it('--json prints the structured results; --lang zh-CN prints Chinese', async () => {
    const j = await cli([
      'verify',
      '--registry',
      registry,
      '--ca',
      caFile,
      '--json',
      '--trust-root',
      trustRoot,
    ])
    const report = JSON.parse(j.out) as {
      ok: boolean
      results: { id: string; status: string; title: { zhCN: string } }[]
    }
    expect(report.ok).toBe(true)
    expect(report.results.map((x) => x.id)).toEqual([
      'ca',
      'server-cert',
      'san',
      'dns',
      'tcp',
      'tls',
      'api',
      'round-trip',
      'catalog',
      'trust',
    ])
    expect(report.results.find((x) => x.id === 'round-trip')?.status).toBe('skipped')
    expect(j.code).toBe(0)
    const zh = await cli([
      'verify',
      '--registry',
      `127.0.0.1:${await freePort()}`,
      '--ca',
      caFile,
      '--lang',
      'zh-CN',
      '--trust-root',
      trustRoot,
    ])
    expect(zh.out).toMatch(/✘ {2}5\. 失败 +TCP 连接: cannot connect/)
    expect(zh.out).toContain('如何修复：')
    expect(zh.out).toContain('[仓库] 仓库端口上没有程序在监听')
    expect(zh.code).toBe(1)
  })

  it('exit 1 when a check fails, with the fix naming the step', async () => {
    const port = await freePort()
    const r = await cli([
      'verify',
      '--registry',
      `127.0.0.1:${port}`,
      '--ca',
      caFile,
      '--cert',
      certFile,
      '--trust-root',
      trustRoot,
    ])
    expect(r.out).toMatch(
      /✘ {2}5\. FAIL TCP connection: cannot connect to 127\.0\.0\.1:\d+ \(connect ECONNREFUSED/,
    )
    expect(r.out).toMatch(/- {2}6\. skip TLS handshake trusting only our CA: 5\. TCP connection did not pass/)
    expect(r.out).toContain(
      `  5. [Registry] Nothing is listening on the registry port\n     Redo the Registry step (or \`registry-wizard registry status\` / \`registry start\`) and check that it publishes port ${port}.`,
    )
    expect(r.code).toBe(1)
  })

  it('exit 2 for invalid input, naming the option, writing nothing', async () => {
    const before = await readdir(root.path)
    const cases: [string[], RegExp][] = [
      [['verify', '--registry', '300.1.1.1:5000', '--ca', caFile], /--registry: "300\.1\.1\.1" is not valid/],
      [
        ['verify', '--registry', registry, '--ca', 'missing.crt'],
        /--ca: "missing\.crt" is not valid; the file must exist/,
      ],
      [
        ['verify', '--registry', registry, '--ca', certFile.replace('domain.crt', 'domain.key')],
        /--ca: .* a PEM certificate file/,
      ],
      [
        ['verify', '--registry', registry, '--ca', caFile, '--lang', 'fr'],
        /--lang: "fr" is not valid; allowed: en, zh-CN/,
      ],
      [
        ['verify', '--registry', registry, '--ca', caFile, '--user', 'alice'],
        /--user\/--password-file: "alice" is not valid; give both/,
      ],
      [['verify', '--registry', registry, '--ca', caFile, '--timeout', '0'], /--timeout: "0" is not valid/],
      [['verify', '--registry', `${registry}:1`, '--ca', caFile], /--registry: .* is not valid; HOST:PORT/],
      [['verify', '--ca', caFile], /required option '--registry <host:port>' not specified/],
    ]
    for (const [args, message] of cases) {
      const r = await cli(args)
      expect(r.err, args.join(' ')).toMatch(message)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.out).toBe('')
    }
    expect(await readdir(root.path)).toEqual(before)
  })
})
