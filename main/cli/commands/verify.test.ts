import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCliIn } from '../../../tests/support/run-cli'
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

const cli = (args: string[]): ReturnType<typeof runCliIn> =>
  runCliIn(root.path, args, { PATH: process.env.PATH })

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

/** A full verify of the test registry: its CA and certificate, the round trip, the test trust root. */
const fullRunArgs = (): string[] => [
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
]

describe('registry-wizard verify', () => {
  it('exit 0 with one marked line per check, the loopback fix, and a summary', async () => {
    const r = await cli(fullRunArgs())
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
  })

  it('--lang zh-CN: a failing run prints titles, marks, reasons and fixes in Chinese, tokens as they are', async () => {
    const port = await freePort()
    const args = ['verify', '--registry', `127.0.0.1:${port}`, '--ca', caFile, '--trust-root', trustRoot]
    const zh = await cli([...args, '--lang', 'zh-CN'])
    const lines = zh.out.split('\n').filter((l) => /^[✔!✘-] +\d+\. /.test(l))
    expect(lines).toHaveLength(10)
    expect(lines[0]).toMatch(/^✔ {2}1\. 通过 CA 证书：CN=rw-ver cli CA，剩余有效期 \d+ 天$/)
    expect(lines[1]).toBe(
      `-  2. 跳过 服务器证书由该 CA 签发：未指定服务器证书，也无法读取仓库提供的证书（connect ECONNREFUSED 127.0.0.1:${port}）`,
    )
    expect(lines[3]).toBe('-  4. 跳过 域名解析：127.0.0.1 是 IP 地址，无需域名解析')
    expect(lines[4]).toBe(
      `✘  5. 失败 TCP 连接：无法连接 127.0.0.1:${port}（connect ECONNREFUSED 127.0.0.1:${port}）`,
    )
    expect(lines[5]).toBe('-  6. 跳过 仅信任本 CA 的 TLS 握手：第 5 项“TCP 连接”未通过')
    expect(lines[8]).toBe('-  9. 跳过 镜像与标签目录：第 7 项“仓库 API /v2/”未通过')
    // 127.0.0.0/8: dockerd checks no certificate there, so this machine needs no trust (check 10 passes, says why).
    expect(lines[9]).toMatch(
      new RegExp(
        `^✔ 10\\. 通过 本机的信任配置：127\\.0\\.0\\.1:${port} 是回环地址：dockerd 把 127\\.0\\.0\\.0/8 当作非安全仓库（insecure registry），所以本机 Docker 访问它无需信任配置；系统证书库：.*；其他机器上的客户端需要为其使用的地址安装 ca\\.crt$`,
      ),
    )
    expect(zh.out).toContain(
      `如何修复：\n  5. [仓库] 仓库端口上没有程序在监听\n     重新执行“仓库”步骤（或运行 registry-wizard registry status / registry start），并确认它发布了端口 ${port}。\n`,
    )
    expect(zh.out).not.toContain('  10. [信任]')
    expect(zh.out).toContain('2 项通过，0 项警告，1 项失败，7 项跳过')
    // No English sentence leaks into the Chinese output: what is Latin is a token (address, path, error text).
    expect(zh.out).not.toMatch(/did not pass|cannot connect|resolve|How to fix|passed|skipped/)
    expect(zh.code).toBe(1)

    const json = await cli([...args, '--json'])
    const report = JSON.parse(json.out) as {
      results: {
        id: string
        reason: string
        reasonZhCN: string
        reasonMessage: unknown
        title: { en: string; zhCN: string }
        fix?: { en: string; zhCN: string }
      }[]
    }
    const tcp = report.results.find((x) => x.id === 'tcp')
    expect(tcp).toMatchObject({
      title: { en: 'TCP connection', zhCN: 'TCP 连接' },
      reason: expect.stringMatching(/^cannot connect to 127\.0\.0\.1:\d+ \(connect ECONNREFUSED/) as unknown,
      reasonZhCN: expect.stringMatching(/^无法连接 127\.0\.0\.1:\d+（connect ECONNREFUSED/) as unknown,
      reasonMessage: { key: 'verify.tcp.failed', params: { target: `127.0.0.1:${port}` } },
      fix: {
        en: expect.stringContaining('Redo the Registry step') as unknown,
        zhCN: expect.stringContaining('重新执行“仓库”步骤') as unknown,
      },
    })
    expect(report.results.find((x) => x.id === 'tls')).toMatchObject({
      reason: '5. TCP connection did not pass',
      reasonZhCN: '第 5 项“TCP 连接”未通过',
    })
    expect(json.code).toBe(1)
  })

  it('speaks Chinese under a zh locale (LANG=zh_CN.UTF-8) and with the global --lang before the command', async () => {
    const port = await freePort()
    const args = ['verify', '--registry', `127.0.0.1:${port}`, '--ca', caFile, '--trust-root', trustRoot]
    const byLocale = await runCliIn(root.path, args, { PATH: process.env.PATH, LANG: 'zh_CN.UTF-8' })
    const global = await cli(['--lang', 'zh-CN', ...args])
    for (const r of [byLocale, global]) {
      expect(r.out).toContain(`✘  5. 失败 TCP 连接：无法连接 127.0.0.1:${port}（connect ECONNREFUSED`)
      expect(r.out).toContain('如何修复：\n  5. [仓库] 仓库端口上没有程序在监听')
      expect(r.out).toContain('2 项通过，0 项警告，1 项失败，7 项跳过')
      expect(r.out).not.toMatch(/did not pass|cannot connect|How to fix|passed|skipped|Redo the/)
      expect(r.code).toBe(1)
    }
    // --lang en wins over a zh locale.
    const en = await runCliIn(root.path, [...args, '--lang', 'en'], {
      PATH: process.env.PATH,
      LANG: 'zh_CN.UTF-8',
    })
    expect(en.out).toContain('How to fix:\n  5. [Registry] Nothing is listening on the registry port')
    // Help in Chinese too: the command's description and its options.
    const help = await runCliIn(root.path, ['verify', '--help'], {
      PATH: process.env.PATH,
      LANG: 'zh_CN.UTF-8',
    })
    expect(help.out).toContain('逐项证明客户端可以使用该仓库')
    expect(help.out).toContain('客户端信任的 CA 证书（ca.crt）')
    // Invalid input in Chinese, naming the option, exit 2.
    const bad = await runCliIn(
      root.path,
      ['verify', '--registry', `127.0.0.1:${port}`, '--ca', caFile, '--user', 'alice'],
      {
        PATH: process.env.PATH,
        LANG: 'zh_CN.UTF-8',
      },
    )
    expect(bad.err).toContain('--user："alice" 无效；--user 和 --password-file 要么都指定，要么都不指定')
    expect(bad.code).toBe(2)
  })

  it('--lang zh-CN: a passing run with the round trip, in Chinese; --json carries both languages', async () => {
    const args = fullRunArgs()
    const zh = await cli([...args, '--lang', 'zh-CN'])
    expect(zh.err).toBe('')
    const lines = zh.out.split('\n').filter((l) => /^[✔!✘-] +\d+\. /.test(l))
    expect(lines).toHaveLength(10)
    expect(lines[1]).toMatch(
      /^✔ {2}2\. 通过 服务器证书由该 CA 签发：由该 CA 签发，剩余有效期 \d+ 天，证书检查未发现问题$/,
    )
    expect(lines[2]).toBe('✔  3. 通过 地址包含在 SAN 中（Go 规则）：127.0.0.1 包含在证书的 IP:127.0.0.1 中')
    expect(lines[4]).toMatch(
      new RegExp(`^✔ {2}5\\. 通过 TCP 连接：已连接 ${registry.replace(/\./g, '\\.')}，耗时 \\d+ ms$`),
    )
    expect(lines[5]).toMatch(
      /^✔ {2}6\. 通过 仅信任本 CA 的 TLS 握手：TLSv1\.[23] \S+，提供的证书 [0-9A-F:]{95} 正是签发的证书$/,
    )
    expect(lines[6]).toBe('✔  7. 通过 仓库 API /v2/：HTTP 200，registry/2.0，未开启认证')
    expect(lines[7]).toMatch(
      /^! {2}8\. 警告 推送与拉取往返测试：推送、拉取成功，摘要 sha256:[0-9a-f]{64} 一致，已从仓库删除（registry-wizard\/selftest:verify）；但 127\.0\.0\.1 是回环地址，dockerd 把它当作非安全仓库（insecure registry），所以这次测试不能证明客户端信任本 CA$/,
    )
    expect(lines[8]).toMatch(/^✔ {2}9\. 通过 镜像与标签目录：\d+ 个镜像，\d+ 个标签$/)
    expect(lines[9]).toMatch(
      /^✔ 10\. 通过 本机的信任配置：Docker 已通过 .*\/ca\.crt 信任该 CA；系统证书库：.*ca-certificates\.crt$/,
    )
    expect(zh.out).toContain(
      '如何修复：\n  8. [信任] 回环地址上的推送不能证明客户端信任\n     在客户端机器上',
    )
    expect(zh.out).toMatch(/9 项通过，1 项警告，0 项失败，0 项跳过|8 项通过，1 项警告，0 项失败，1 项跳过/)
    expect(zh.code).toBe(0)

    const json = await cli([
      'verify',
      '--registry',
      registry,
      '--ca',
      caFile,
      '--cert',
      certFile,
      '--trust-root',
      trustRoot,
      '--json',
    ])
    const report = JSON.parse(json.out) as {
      results: {
        id: string
        status: string
        reason: string
        reasonZhCN: string
        title: { en: string; zhCN: string }
      }[]
    }
    for (const x of report.results) {
      expect(x.reason.length, x.id).toBeGreaterThan(0)
      expect(x.reasonZhCN, x.id).toMatch(/[\u4e00-\u9fff]/)
      expect(x.title.zhCN, x.id).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(report.results.find((x) => x.id === 'api')).toMatchObject({
      status: 'pass',
      reason: 'HTTP 200, registry/2.0, authentication off',
      reasonZhCN: 'HTTP 200，registry/2.0，未开启认证',
    })
    expect(report.results.find((x) => x.id === 'round-trip')).toMatchObject({
      status: 'skipped',
      reason: 'not requested: the push/pull round trip runs only when asked for',
      reasonZhCN: '未要求执行：推送/拉取往返测试只在要求时运行',
    })
    expect(json.code).toBe(0)
  })

  it('a loopback registry with no trust installed: check 10 passes with the loopback note, exit 0', async () => {
    const empty = join(root.path, 'empty-client-root')
    await mkdir(empty, { recursive: true })
    const r = await cli([
      'verify',
      '--registry',
      registry,
      '--ca',
      caFile,
      '--cert',
      certFile,
      '--trust-root',
      empty,
    ])
    const lines = r.out.split('\n').filter((l) => /^[✔!✘-] +\d+\. /.test(l))
    expect(lines[9]).toMatch(
      new RegExp(
        `^✔ 10\\. pass This machine's trust: ${registry.replace(/\./g, '\\.')} is a loopback address: dockerd treats 127\\.0\\.0\\.0/8 as an insecure registry, so Docker on this machine needs no trust for it; not in the OS store \\(.*\\); clients on other machines need ca\\.crt for the address they use$`,
      ),
    )
    expect(r.out).not.toContain('  10. [Trust]')
    expect(r.code).toBe(0)
    const zh = await cli([
      'verify',
      '--registry',
      registry,
      '--ca',
      caFile,
      '--trust-root',
      empty,
      '--lang',
      'zh-CN',
    ])
    expect(zh.out).toMatch(
      /✔ 10\. 通过 本机的信任配置：.* 是回环地址：dockerd 把 127\.0\.0\.0\/8 当作非安全仓库/,
    )
    expect(zh.code).toBe(0)
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
        /--user: "alice" is not valid; give both --user and --password-file, or neither/,
      ],
      [['verify', '--registry', registry, '--ca', caFile, '--timeout', '0'], /--timeout: "0" is not valid/],
      [['verify', '--registry', `${registry}:1`, '--ca', caFile], /--registry: .* is not valid; HOST:PORT/],
      // Mirror mode (issue 12): --registry or --mirror, exactly one.
      [
        ['verify', '--ca', caFile],
        /--registry\/--mirror: .*one of --registry HOST:PORT or --mirror HOST:PORT/,
      ],
      [
        ['verify', '--registry', registry, '--mirror', registry, '--ca', caFile],
        /one of --registry HOST:PORT or --mirror HOST:PORT/,
      ],
      [['verify', '--mirror', registry, '--ca', caFile, '--push'], /--push with --mirror/],
      [
        ['verify', '--mirror', registry, '--ca', caFile, '--image', 'quay.io/x/y:1'],
        /--image: .*a repository name/,
      ],
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
