import { mkdir, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  resultText,
  runVerify,
  type CheckId,
  type CheckResultText,
  type VerifyReport,
} from '../../main/verify'
import {
  engine,
  ensureImages,
  freePort,
  issueCnOnly,
  issueTo,
  makeCa,
  removeContainers,
  rwVer,
  startOurRegistry,
  startRawRegistry,
  tempDir,
  type TestCa,
} from './fixtures'

let root: { path: string; cleanup: () => Promise<void> }
let ca: TestCa
let good: { dir: string; certPem: string }
let goodName: string
let goodPort: number
const containers: string[] = []

function track(name: string): string {
  containers.push(name)
  return name
}

/** A result with its texts in English and Chinese (what `verify --json` prints). */
function r(report: VerifyReport, id: CheckId): CheckResultText {
  const found = report.results.find((x) => x.id === id)
  if (!found) throw new Error(`no result for ${id}`)
  return resultText(found)
}

/** Every reason is in both languages: Chinese text around the same tokens. */
function bothLanguages(report: VerifyReport): void {
  for (const x of report.results.map((res) => resultText(res))) {
    expect(x.reason.length, x.id).toBeGreaterThan(0)
    expect(x.reasonZhCN, `${x.id}: ${x.reasonZhCN}`).toMatch(/[\u4e00-\u9fff]/)
    expect(x.reasonMessage.key, x.id).toMatch(/^verify\.[a-z-]+\.[\w.-]+$/)
  }
}

function statuses(report: VerifyReport): Record<string, string> {
  return Object.fromEntries(report.results.map((x) => [x.id, x.status]))
}

/** A trust root (check 10) holding the CA in certs.d for exactly `registry` and in the OS bundle. */
async function trustedRoot(registry: string, caPem: string): Promise<string> {
  const dir = join(root.path, `trust-${registry.replace(/[^0-9a-z]/gi, '_')}`)
  await mkdir(join(dir, 'etc/docker/certs.d', registry), { recursive: true })
  await writeFile(join(dir, 'etc/docker/certs.d', registry, 'ca.crt'), caPem)
  await mkdir(join(dir, 'etc/ssl/certs'), { recursive: true })
  await writeFile(join(dir, 'etc/ssl/certs/ca-certificates.crt'), caPem)
  return dir
}

beforeAll(async () => {
  await ensureImages()
  root = await tempDir()
  ca = await makeCa('rw-ver test CA')
  good = await issueTo(ca, join(root.path, 'good'), ['127.0.0.1', 'localhost'])
  goodName = track(rwVer('good'))
  goodPort = (await startOurRegistry(goodName, good.dir)).port
})

afterAll(async () => {
  await removeContainers(containers)
  await root.cleanup()
})

describe('verify against a registry started by our code', () => {
  it('passes every check on a good setup, streaming results in order, and says loopback proves nothing', async () => {
    const registry = `127.0.0.1:${goodPort}`
    const streamed: string[] = []
    const report = await runVerify(
      { registry, caPem: ca.certPem, certPem: good.certPem, push: true },
      {
        docker: engine.docker,
        trustRoot: await trustedRoot(registry, ca.certPem),
        platform: 'linux',
        onResult: (x) => {
          streamed.push(`${x.n}:${x.id}`)
        },
      },
    )
    expect(streamed).toEqual(report.results.map((x) => `${x.n}:${x.id}`))
    expect(streamed).toHaveLength(10)
    expect(statuses(report)).toEqual({
      ca: 'pass',
      'server-cert': 'pass',
      san: 'pass',
      dns: 'skipped',
      tcp: 'pass',
      tls: 'pass',
      api: 'pass',
      'round-trip': 'warn',
      catalog: 'pass',
      trust: 'pass',
    })
    expect(report.ok).toBe(true)
    expect(r(report, 'tls').details).toMatchObject({
      protocol: expect.stringMatching(/^TLSv1\.[23]$/) as unknown,
    })
    const rt = r(report, 'round-trip')
    expect(rt.fix?.code).toBe('LOOPBACK_INSECURE')
    expect(rt.reason).toMatch(
      /digest sha256:[0-9a-f]{64} matched, deleted from the registry \(registry-wizard\/selftest:verify\), but 127\.0\.0\.1 is loopback/,
    )
    expect(rt.fix?.zhCN).toContain('客户端')
    bothLanguages(report)
    expect(rt.reasonZhCN).toMatch(
      /^推送、拉取成功，摘要 sha256:[0-9a-f]{64} 一致，已从仓库删除（registry-wizard\/selftest:verify）；但 127\.0\.0\.1 是回环地址，dockerd 把它当作非安全仓库/,
    )
    expect(r(report, 'san').reasonZhCN).toBe('127.0.0.1 包含在证书的 IP:127.0.0.1 中')
    expect(r(report, 'api')).toMatchObject({
      reason: 'HTTP 200, registry/2.0, authentication off',
      reasonZhCN: 'HTTP 200，registry/2.0，未开启认证',
    })
    expect(r(report, 'tls').reasonZhCN).toMatch(/^TLSv1\.[23] \S+，提供的证书 [0-9A-F:]{95} 正是签发的证书$/)
  })

  it('DNS: a name that resolves passes; one that does not fails; a mismatch with the expected address fails', async () => {
    const ok = await runVerify(
      { registry: `localhost:${goodPort}`, caPem: ca.certPem, certPem: good.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(ok, 'dns').status).toBe('pass')
    expect(r(ok, 'api').status).toBe('pass')
    const missing = await runVerify(
      { registry: `rw-ver-nothing.invalid:${goodPort}`, caPem: ca.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(missing, 'dns')).toMatchObject({
      status: 'fail',
      fix: { code: 'NAME_NOT_FOUND', step: 'network' },
    })
    expect(r(missing, 'tcp')).toMatchObject({
      status: 'skipped',
      reason: '4. Name resolution did not pass',
      reasonZhCN: '第 4 项“域名解析”未通过',
    })
    expect(r(missing, 'dns').reasonZhCN).toMatch(/^rw-ver-nothing\.invalid 无法解析（.*ENOTFOUND.*）$/)
    expect(r(ok, 'dns').reasonZhCN).toMatch(/^localhost 解析为 /)
    const other = await runVerify(
      { registry: `localhost:${goodPort}`, caPem: ca.certPem, expectAddresses: ['10.213.0.9'] },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(other, 'dns')).toMatchObject({ status: 'fail', fix: { code: 'DNS_MISMATCH' } })
    expect(r(other, 'dns').reasonZhCN).toMatch(/^localhost 解析为 .*，预期为 10\.213\.0\.9$/)
  })

  it('wrong CA given: the chain check and the TLS handshake fail, the API checks are skipped', async () => {
    const other = await makeCa('rw-ver other CA')
    const report = await runVerify(
      { registry: `127.0.0.1:${goodPort}`, caPem: other.certPem, certPem: good.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(report, 'ca').status).toBe('pass')
    expect(r(report, 'server-cert')).toMatchObject({
      status: 'fail',
      fix: { code: 'CERT_NOT_FROM_CA', step: 'certificates' },
    })
    expect(r(report, 'tls')).toMatchObject({
      status: 'fail',
      fix: { code: 'UNKNOWN_AUTHORITY', step: 'trust' },
    })
    expect(r(report, 'tls').reason).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE/)
    expect(r(report, 'tls').reasonZhCN).toMatch(
      /^仅信任本 CA 的 TLS 握手失败：UNABLE_TO_VERIFY_LEAF_SIGNATURE: /,
    )
    expect(r(report, 'server-cert').reasonZhCN).toBe('指定的证书由“CN=rw-ver test CA”签发，不是由此 CA 签发')
    bothLanguages(report)
    expect(r(report, 'api').status).toBe('skipped')
    expect(r(report, 'catalog').status).toBe('skipped')
    expect(report.ok).toBe(false)
  })

  it('a server certificate without the address as SAN: IP not among SANs, no IP SAN at all', async () => {
    const dnsOnly = await issueTo(ca, join(root.path, 'dns-only'), ['registry.lan'])
    const otherIp = await issueTo(ca, join(root.path, 'other-ip'), ['10.213.7.7'])
    const name = track(rwVer('nosan'))
    const port = await startRawRegistry(name, { certDir: dnsOnly.dir })
    const noIp = await runVerify(
      { registry: `127.0.0.1:${port}`, caPem: ca.certPem, certPem: dnsOnly.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(noIp, 'san')).toMatchObject({
      status: 'fail',
      fix: { code: 'NO_IP_SANS', step: 'certificates' },
    })
    expect(r(noIp, 'san').reason).toContain(
      "cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs",
    )
    expect(r(noIp, 'san').reasonZhCN).toBe(
      "Docker 会拒绝 127.0.0.1：x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs",
    )
    expect(r(noIp, 'tls')).toMatchObject({ status: 'fail', fix: { code: 'NO_IP_SANS' } })
    const wrong = await runVerify(
      { registry: `127.0.0.1:${port}`, caPem: ca.certPem, certPem: otherIp.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(wrong, 'san')).toMatchObject({ status: 'fail', fix: { code: 'HOST_MISMATCH' } })
    expect(r(wrong, 'san').reason).toContain('certificate is valid for 10.213.7.7, not 127.0.0.1')
    // The served certificate is not the one given either.
    expect(r(wrong, 'tls').status).toBe('fail')
  })

  it('a CN-only certificate (openssl): curl-style Node identity would accept it, the Go rule refuses it', async () => {
    const cn = await issueCnOnly(ca, join(root.path, 'cn-only'), '127.0.0.1')
    const name = track(rwVer('cn'))
    const port = await startRawRegistry(name, { certDir: cn.dir })
    const report = await runVerify(
      { registry: `127.0.0.1:${port}`, caPem: ca.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(report, 'server-cert')).toMatchObject({ status: 'pass', details: { source: 'served' } })
    expect(r(report, 'san')).toMatchObject({ status: 'fail', fix: { code: 'LEGACY_CN' } })
    expect(r(report, 'san').reason).toContain('certificate relies on legacy Common Name field')
    expect(r(report, 'san').reasonZhCN).toMatch(
      /^Docker 会拒绝 127\.0\.0\.1：.*certificate relies on legacy Common Name field/,
    )
    expect(r(report, 'tls')).toMatchObject({ status: 'fail', fix: { code: 'LEGACY_CN' } })
  })

  it('an expired certificate (issued with past dates) fails the chain check and the handshake', async () => {
    const past = new Date(Date.now() - 20 * 86_400_000)
    const oldCa = await makeCa('rw-ver past CA', past)
    const expired = await issueTo(oldCa, join(root.path, 'expired'), ['127.0.0.1'], { days: 3, now: past })
    const name = track(rwVer('expired'))
    const port = await startRawRegistry(name, { certDir: expired.dir })
    const report = await runVerify(
      { registry: `127.0.0.1:${port}`, caPem: oldCa.certPem, certPem: expired.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(report, 'ca').status).toBe('pass')
    expect(r(report, 'server-cert')).toMatchObject({
      status: 'fail',
      fix: { code: 'CERT_EXPIRED', step: 'certificates' },
    })
    expect(r(report, 'tls')).toMatchObject({ status: 'fail', fix: { code: 'CERT_EXPIRED' } })
    expect(r(report, 'tls').reason).toMatch(/CERT_HAS_EXPIRED/)
    expect(r(report, 'server-cert').reasonZhCN).toMatch(/^指定的证书已于 .+ 过期$/)
    expect(r(report, 'tls').reasonZhCN).toMatch(/^仅信任本 CA 的 TLS 握手失败：CERT_HAS_EXPIRED/)
  })

  it('a registry serving plain HTTP fails the handshake with the plain-HTTP fix', async () => {
    const name = track(rwVer('http'))
    const port = await startRawRegistry(name)
    const report = await runVerify(
      { registry: `127.0.0.1:${port}`, caPem: ca.certPem, certPem: good.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(report, 'tcp').status).toBe('pass')
    expect(r(report, 'tls')).toMatchObject({ status: 'fail', fix: { code: 'PLAIN_HTTP', step: 'registry' } })
    expect(r(report, 'tls').reason).toMatch(/wrong version number|EPROTO/)
    const served = await runVerify(
      { registry: `127.0.0.1:${port}`, caPem: ca.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(served, 'server-cert').status).toBe('skipped')
    expect(r(served, 'server-cert').reason).toMatch(/served one could not be read/)
    expect(r(served, 'server-cert').reasonZhCN).toMatch(/^未指定服务器证书，也无法读取仓库提供的证书（.+）$/)
    bothLanguages(served)
  })

  it('nothing listening: TCP fails with connection refused, the rest that needs it is skipped', async () => {
    const port = await freePort()
    const report = await runVerify(
      { registry: `127.0.0.1:${port}`, caPem: ca.certPem, certPem: good.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(report, 'tcp')).toMatchObject({
      status: 'fail',
      fix: { code: 'CONNECTION_REFUSED', step: 'registry' },
    })
    expect(r(report, 'tcp').reason).toContain('ECONNREFUSED')
    for (const id of ['tls', 'api', 'round-trip', 'catalog'] as const)
      expect(r(report, id).status).toBe('skipped')
    expect(r(report, 'api').reason).toBe('6. TLS handshake trusting only our CA did not pass')
    expect(r(report, 'api').reasonZhCN).toBe('第 6 项“仅信任本 CA 的 TLS 握手”未通过')
    const raw = /^cannot connect to 127\.0\.0\.1:\d+ \((.+)\)$/.exec(r(report, 'tcp').reason)?.[1]
    expect(raw).toContain('ECONNREFUSED')
    expect(r(report, 'tcp').reasonZhCN).toBe(`无法连接 127.0.0.1:${port}（${raw ?? ''}）`)
  })

  it('the registry stopped mid-run: the API check fails, then all pass once it runs again', async () => {
    const name = track(rwVer('stop'))
    const port = (await startOurRegistry(name, good.dir)).port
    const registry = `127.0.0.1:${port}`
    const report = await runVerify(
      { registry, caPem: ca.certPem, certPem: good.certPem },
      {
        platform: 'linux',
        trustRoot: root.path,
        onResult: async (x) => {
          if (x.id === 'tls') await engine.docker.getContainer(name).stop({ t: 0 })
        },
      },
    )
    expect(r(report, 'tls').status).toBe('pass')
    expect(r(report, 'api').status).toBe('fail')
    expect(['CONNECTION_REFUSED', 'CONNECTION_RESET']).toContain(r(report, 'api').fix?.code)
    expect(r(report, 'catalog').status).toBe('skipped')
    await engine.docker.getContainer(name).start()
    const { waitListening } = await import('./fixtures')
    await waitListening(port)
    const again = await runVerify(
      { registry, caPem: ca.certPem, certPem: good.certPem },
      { platform: 'linux', trustRoot: await trustedRoot(registry, ca.certPem) },
    )
    expect(again.summary.fail).toBe(0)
    expect(r(again, 'api').status).toBe('pass')
  })

  it('auth on: without credentials push and catalog fail; wrong password fails; with credentials all pass', async () => {
    const name = track(rwVer('auth'))
    const users = [{ user: 'alice', password: 'rw-ver-secret-1' }]
    const port = (await startOurRegistry(name, good.dir, { users })).port
    const registry = `127.0.0.1:${port}`
    const none = await runVerify(
      { registry, caPem: ca.certPem, certPem: good.certPem, push: true },
      { docker: engine.docker, platform: 'linux', trustRoot: root.path },
    )
    expect(r(none, 'api')).toMatchObject({ status: 'warn', fix: { code: 'AUTH_REQUIRED', step: 'login' } })
    expect(r(none, 'round-trip')).toMatchObject({
      status: 'fail',
      fix: { code: 'NO_BASIC_AUTH', step: 'login' },
    })
    expect(r(none, 'round-trip').reason).toContain('no basic auth credentials')
    expect(r(none, 'catalog')).toMatchObject({ status: 'fail', fix: { code: 'AUTH_REQUIRED' } })
    expect(r(none, 'api').reasonZhCN).toMatch(
      /^HTTP 401（Basic realm=.*）：仓库已开启认证但未提供凭据，无法检查登录、推送和目录$/,
    )
    expect(r(none, 'round-trip').reasonZhCN).toMatch(
      new RegExp(
        `^docker push 127\\.0\\.0\\.1:${port}/registry-wizard/selftest:verify 失败：.*no basic auth credentials`,
      ),
    )
    expect(r(none, 'catalog').reasonZhCN).toBe(
      'GET /v2/_catalog 返回 HTTP 401：仓库已开启认证，但没有提供有效凭据',
    )
    const wrong = await runVerify(
      { registry, caPem: ca.certPem, credentials: { user: 'alice', password: 'nope' } },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(wrong, 'api')).toMatchObject({
      status: 'fail',
      fix: { code: 'BAD_CREDENTIALS' },
      reasonZhCN: '使用用户“alice”的凭据后仍返回 HTTP 401',
    })
    const ok = await runVerify(
      { registry, caPem: ca.certPem, certPem: good.certPem, push: true, credentials: users[0] },
      { docker: engine.docker, platform: 'linux', trustRoot: await trustedRoot(registry, ca.certPem) },
    )
    expect(statuses(ok)).toMatchObject({ api: 'pass', 'round-trip': 'warn', catalog: 'pass', trust: 'pass' })
    expect(ok.summary.fail).toBe(0)
    expect(r(ok, 'api').reasonZhCN).toBe('先返回 HTTP 401，使用用户“alice”的凭据后返回 200，registry/2.0')
    bothLanguages(ok)
  })

  it('a stale server certificate still mounted: fingerprint mismatch, then pass after replace-cert', async () => {
    const name = track(rwVer('stale'))
    const port = (await startOurRegistry(name, good.dir)).port
    const fresh = await issueTo(ca, join(root.path, 'fresh'), ['127.0.0.1', 'localhost'])
    const registry = `127.0.0.1:${port}`
    const stale = await runVerify(
      { registry, caPem: ca.certPem, certPem: fresh.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(stale, 'server-cert').status).toBe('pass')
    expect(r(stale, 'tls')).toMatchObject({
      status: 'fail',
      fix: { code: 'FINGERPRINT_MISMATCH', step: 'registry' },
    })
    expect(r(stale, 'tls').reasonZhCN).toMatch(
      /^仓库提供的证书指纹为 [0-9A-F:]{95}，不是签发的证书（[0-9A-F:]{95}）$/,
    )
    const { readCertDir } = await import('../../main/docker')
    const { swapServerCertificate } = await import('../../main/lifecycle/replace-certificate')
    await swapServerCertificate({
      engine,
      name,
      certs: await readCertDir(fresh.dir),
      registryHost: '127.0.0.1',
    })
    const after = await runVerify(
      { registry, caPem: ca.certPem, certPem: fresh.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(r(after, 'tls').status).toBe('pass')
  })

  it("this machine's trust (non-loopback address): missing fails, a folder for another port warns naming it, the exact folder passes", async () => {
    // A documentation address (TEST-NET-1) nobody answers: only check 10 matters here, the network checks time out fast.
    const registry = `192.0.2.10:${goodPort}`
    const trustRoot = join(root.path, 'machine')
    const run = (): Promise<VerifyReport> =>
      runVerify(
        { registry, caPem: ca.certPem, certPem: good.certPem },
        { platform: 'linux', trustRoot, timeoutMs: 800 },
      )
    const missing = r(await run(), 'trust')
    expect(missing).toMatchObject({ status: 'fail', fix: { code: 'TRUST_MISSING', step: 'trust' } })
    expect(
      missing.reasonZhCN.startsWith(
        `${join(trustRoot, 'etc/docker/certs.d', registry, 'ca.crt')} 不存在：本机 Docker 不信任 ${registry} 的 CA；系统证书库中没有（`,
      ),
    ).toBe(true)
    const wrongDir = join(trustRoot, 'etc/docker/certs.d', `192.0.2.10:${goodPort + 1}`)
    await mkdir(wrongDir, { recursive: true })
    await writeFile(join(wrongDir, 'ca.crt'), ca.certPem)
    const wrong = r(await run(), 'trust')
    expect(wrong).toMatchObject({ status: 'warn', fix: { code: 'CERTS_D_WRONG_NAME' } })
    expect(wrong.reason).toContain(`192.0.2.10:${goodPort + 1} (with this CA)`)
    expect(wrong.reasonZhCN).toBe(
      `${join(trustRoot, 'etc/docker/certs.d')} 中没有 ${registry} 目录，只有 192.0.2.10:${goodPort + 1}（含本 CA）：Docker 只使用名称与 ${registry} 完全一致的目录`,
    )
    const other = await makeCa('rw-ver stale CA')
    const exactDir = join(trustRoot, 'etc/docker/certs.d', registry)
    await mkdir(exactDir, { recursive: true })
    await writeFile(join(exactDir, 'ca.crt'), other.certPem)
    expect(r(await run(), 'trust')).toMatchObject({
      status: 'fail',
      fix: { code: 'TRUST_OTHER_CA' },
      reasonZhCN: `${exactDir} 中是另一个 CA（ca.crt），不是本 CA`,
    })
    await writeFile(join(exactDir, 'ca.crt'), ca.certPem)
    expect(r(await run(), 'trust')).toMatchObject({ status: 'warn', fix: { code: 'OS_STORE_MISSING' } })
    expect(r(await run(), 'trust').reasonZhCN).toMatch(
      /^Docker 已通过 .*\/ca\.crt 信任该 CA；系统证书库中没有（.*）（curl 等其他工具不会信任它）$/,
    )
    await mkdir(join(trustRoot, 'usr/local/share/ca-certificates'), { recursive: true })
    await writeFile(join(trustRoot, 'etc/os-release'), 'ID=debian\n')
    await writeFile(join(trustRoot, 'usr/local/share/ca-certificates/registry-wizard-test.crt'), ca.certPem)
    expect(r(await run(), 'trust').status).toBe('pass')
  })

  it("this machine's trust on loopback: dockerd needs no trust there, so check 10 passes and says why", async () => {
    const trustRoot = join(root.path, 'machine-loopback')
    await mkdir(trustRoot, { recursive: true })
    const registry = `127.0.0.1:${goodPort}`
    const report = await runVerify(
      { registry, caPem: ca.certPem, certPem: good.certPem },
      { platform: 'linux', trustRoot },
    )
    const trust = r(report, 'trust')
    expect(trust).toMatchObject({ status: 'pass', details: { loopback: true } })
    expect(trust.fix).toBeUndefined()
    expect(trust.reason).toMatch(
      new RegExp(
        `^127\\.0\\.0\\.1:${goodPort} is a loopback address: dockerd treats 127\\.0\\.0\\.0/8 as an insecure registry, so Docker on this machine needs no trust for it; not in the OS store \\(.*\\); clients on other machines need ca\\.crt for the address they use$`,
      ),
    )
    expect(trust.reasonZhCN).toMatch(
      new RegExp(
        `^127\\.0\\.0\\.1:${goodPort} 是回环地址：dockerd 把 127\\.0\\.0\\.0/8 当作非安全仓库（insecure registry），所以本机 Docker 访问它无需信任配置；系统证书库中没有（.*）；其他机器上的客户端需要为其使用的地址安装 ca\\.crt$`,
      ),
    )
    expect(report.ok).toBe(true)
    // A folder for another port, or another CA in the exact folder, changes nothing on loopback: dockerd checks no certificate.
    const otherCa = await makeCa('rw-ver loopback other CA')
    await mkdir(join(trustRoot, 'etc/docker/certs.d', registry), { recursive: true })
    await writeFile(join(trustRoot, 'etc/docker/certs.d', registry, 'ca.crt'), otherCa.certPem)
    expect(
      r(await runVerify({ registry, caPem: ca.certPem }, { platform: 'linux', trustRoot }), 'trust'),
    ).toMatchObject({ status: 'pass', reasonMessage: { key: 'verify.trust.loopback' } })
    // A name that resolves to 127.0.0.0/8 is loopback to dockerd too.
    const byName = await runVerify(
      { registry: `localhost:${goodPort}`, caPem: ca.certPem },
      { platform: 'linux', trustRoot },
    )
    expect(r(byName, 'trust')).toMatchObject({
      status: 'pass',
      reasonMessage: { key: 'verify.trust.loopback' },
    })
    // The exact folder holding this CA: Docker's own line, still a pass (no OS-store warning: Docker needs none here).
    await writeFile(join(trustRoot, 'etc/docker/certs.d', registry, 'ca.crt'), ca.certPem)
    expect(
      r(await runVerify({ registry, caPem: ca.certPem }, { platform: 'linux', trustRoot }), 'trust'),
    ).toMatchObject({ status: 'pass', reasonMessage: { key: 'verify.trust.ok' } })
  })

  it('a check that hangs times out on its own; cancelling skips the rest', async () => {
    const server: Server = createServer(() => undefined)
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res))
    const addr = server.address()
    const port = typeof addr === 'object' && addr !== null ? addr.port : 0
    try {
      const report = await runVerify(
        { registry: `127.0.0.1:${port}`, caPem: ca.certPem, certPem: good.certPem },
        { platform: 'linux', trustRoot: root.path, timeoutMs: 700 },
      )
      expect(r(report, 'tcp').status).toBe('pass')
      expect(r(report, 'tls')).toMatchObject({ status: 'fail', fix: { code: 'TIMEOUT', step: 'network' } })
      // The check's own timeout or the runner's, whichever fires first.
      expect([
        ['no TLS handshake before the timeout', '超时前未完成 TLS 握手'],
        ['no result within 1 s', '1 秒内没有结果'],
      ]).toContainEqual([r(report, 'tls').reason, r(report, 'tls').reasonZhCN])
      const controller = new AbortController()
      const cancelled = await runVerify(
        { registry: `127.0.0.1:${port}`, caPem: ca.certPem },
        {
          platform: 'linux',
          trustRoot: root.path,
          timeoutMs: 5000,
          signal: controller.signal,
          onResult: (x) => {
            if (x.id === 'tcp')
              setTimeout(() => {
                controller.abort()
              }, 50)
          },
        },
      )
      expect(cancelled.cancelled).toBe(true)
      expect(r(cancelled, 'tls')).toMatchObject({ status: 'skipped', reason: 'cancelled while running' })
      expect(r(cancelled, 'trust')).toMatchObject({
        status: 'skipped',
        reason: 'cancelled before it ran',
        reasonZhCN: '运行前已取消',
      })
      expect(r(cancelled, 'tls').reasonZhCN).toBe('运行中被取消')
    } finally {
      server.close()
    }
  })
})
