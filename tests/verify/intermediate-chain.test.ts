import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyHandlers } from '../../main/ipc/handlers/verify-handlers'
import {
  resultText,
  runVerify,
  type CheckId,
  type CheckResultText,
  type VerifyReport,
} from '../../main/verify'
import { runCliIn } from '../support/run-cli'
import { makeOpensslChain, type OpensslChain } from '../support/openssl-chain'
import {
  ensureImages,
  removeContainers,
  rowText,
  run,
  rwVer,
  startRawRegistry,
  tempDir,
  type RowText,
} from './fixtures'

// Enterprise PKI: root -> intermediate (pathlen:0) -> server certificate, all made with openssl here. Clients hold
// only the root (ca.crt); the registry must serve leaf + intermediate (domain.crt). Real registry:2 containers.
let root: { path: string; cleanup: () => Promise<void> }
let chain: OpensslChain
let fullPort: number
let alonePort: number
let trustRoot: string
const containers: string[] = []
const INTERMEDIATE = 'O=Example Ltd, CN=Example Issuing CA 1'

const cli = (args: string[]): ReturnType<typeof runCliIn> =>
  runCliIn(root.path, args, { PATH: process.env.PATH })

/** A result with its texts in English and Chinese (what `verify --json` prints). */
function r(report: VerifyReport, id: CheckId): CheckResultText {
  const found = report.results.find((x) => x.id === id)
  if (!found) throw new Error(`no result for ${id}`)
  return resultText(found)
}

async function ipcRows(port: number, certPath?: string): Promise<Record<string, RowText>> {
  const out = await verifyHandlers({ trustRoot }).runVerify(
    {
      jobId: 'rw-ver-chain',
      host: '127.0.0.1',
      port,
      caCertPath: chain.files.root,
      ...(certPath === undefined ? {} : { certPath }),
    },
    { job: undefined, emit: () => undefined },
  )
  return Object.fromEntries(out.checks.map((c) => [c.id, rowText(c)]))
}

beforeAll(async () => {
  await ensureImages()
  root = await tempDir()
  chain = makeOpensslChain(join(root.path, 'pki'), ['127.0.0.1'])
  trustRoot = join(root.path, 'client-root')
  await mkdir(trustRoot, { recursive: true })
  const full = rwVer('chain-full')
  const alone = rwVer('chain-alone')
  containers.push(full, alone)
  fullPort = await startRawRegistry(full, { certDir: chain.fullDir })
  alonePort = await startRawRegistry(alone, { certDir: chain.aloneDir })
}, 120_000)

afterAll(async () => {
  await removeContainers(containers)
  await root.cleanup()
})

describe('verify with an intermediate CA: only the root given as --ca', () => {
  it('the registry serves leaf + intermediate: every certificate check passes (given domain.crt, or the served chain)', async () => {
    // An independent client agrees: curl with only the root reaches the registry.
    const { stdout } = await run('curl', [
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--cacert',
      chain.files.root,
      `https://127.0.0.1:${fullPort}/v2/`,
    ])
    expect(stdout).toBe('200')
    const registry = `127.0.0.1:${fullPort}`
    const given = await runVerify(
      { registry, caPem: chain.rootPem, certPem: chain.leafPem + chain.intermediatePem },
      { platform: 'linux', trustRoot },
    )
    for (const id of ['ca', 'server-cert', 'san', 'tcp', 'tls', 'api', 'catalog', 'trust'] as const)
      expect(r(given, id).status, `${id}: ${r(given, id).reason}`).toBe('pass')
    expect(r(given, 'server-cert').reason).toMatch(
      new RegExp(
        `^issued by the CA through "${INTERMEDIATE}", every certificate valid for \\d+ more days or longer, no lint findings$`,
      ),
    )
    expect(r(given, 'server-cert').reasonZhCN).toMatch(
      new RegExp(
        `^经由 "${INTERMEDIATE}" 由该 CA 签发，链上每张证书至少还有 \\d+ 天有效期，证书检查未发现问题$`,
      ),
    )
    expect(r(given, 'server-cert').details).toMatchObject({
      anchored: true,
      chain: [{ subject: 'CN=127.0.0.1' }, { subject: INTERMEDIATE }],
    })
    expect(r(given, 'tls').reason).toMatch(/serving [0-9A-F:]{95}, the certificate issued$/)
    expect(given.ok).toBe(true)

    const served = await runVerify({ registry, caPem: chain.rootPem }, { platform: 'linux', trustRoot })
    expect(r(served, 'server-cert')).toMatchObject({
      status: 'pass',
      details: { source: 'served', anchored: true },
    })
    expect(r(served, 'san').status).toBe('pass')
    expect(served.ok).toBe(true)

    const c = await cli([
      'verify',
      '--registry',
      registry,
      '--ca',
      chain.files.root,
      '--cert',
      join(chain.fullDir, 'domain.crt'),
      '--trust-root',
      trustRoot,
    ])
    expect(c.out).toMatch(
      new RegExp(
        `✔ {2}2\\. pass Server certificate chains to the CA: issued by the CA through "${INTERMEDIATE}"`,
      ),
    )
    expect(c.out).toMatch(/✔ {2}6\. pass TLS handshake trusting only our CA/)
    expect(c.out).toMatch(/0 failed/)
    expect(c.code).toBe(0)

    const rows = await ipcRows(fullPort, join(chain.fullDir, 'domain.crt'))
    for (const id of ['ca', 'server-cert', 'san', 'tls', 'api', 'catalog', 'trust'])
      expect(rows[id]?.status, id).toBe('pass')
    // Check 10 on loopback through the GUI's path too: no trust installed, a pass that says why.
    expect(rows.trust?.reason).toContain(
      `127.0.0.1:${fullPort} is a loopback address: dockerd treats 127.0.0.0/8 as an insecure registry`,
    )
    expect(rows.trust?.reasonZh).toContain('是回环地址')
    expect(rows.trust?.fix).toBeUndefined()
  })

  it('the registry serves the leaf alone: a specific failure naming the missing intermediate, with the fix', async () => {
    const registry = `127.0.0.1:${alonePort}`
    const report = await runVerify(
      { registry, caPem: chain.rootPem, certPem: chain.leafPem + chain.intermediatePem },
      { platform: 'linux', trustRoot },
    )
    // The issued domain.crt is right (check 2); what the registry serves is not (check 6).
    expect(r(report, 'server-cert').status).toBe('pass')
    const tls = r(report, 'tls')
    expect(tls).toMatchObject({ status: 'fail', fix: { code: 'INTERMEDIATE_MISSING', step: 'registry' } })
    expect(tls.reason).toMatch(
      new RegExp(
        `^the registry serves only its own certificate; the intermediate "${INTERMEDIATE}" is missing: domain\\.crt must hold leaf \\+ intermediates \\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY): .+\\)$`,
      ),
    )
    expect(tls.reasonZhCN).toMatch(
      new RegExp(
        `^仓库只提供了它自己的证书，缺少中间证书 "${INTERMEDIATE}"：domain\\.crt 必须依次包含服务器证书和中间证书（`,
      ),
    )
    expect(tls.fix?.en).toContain('registry-wizard registry replace-cert --certs DIR')
    expect(tls.fix?.zhCN).toContain('registry-wizard registry replace-cert --certs')
    expect(report.ok).toBe(false)

    // Without the issued certificate the intermediate cannot be named: the served leaf alone is said to be so.
    const served = await runVerify({ registry, caPem: chain.rootPem }, { platform: 'linux', trustRoot })
    expect(r(served, 'server-cert')).toMatchObject({
      status: 'fail',
      fix: { code: 'SERVED_LEAF_ONLY', step: 'certificates' },
    })
    expect(r(served, 'server-cert').reason).toBe(
      `the registry serves only its own certificate, issued by "${INTERMEDIATE}", not by this CA: if "${INTERMEDIATE}" is an intermediate CA under this CA, the intermediate is missing: domain.crt must hold leaf + intermediates`,
    )
    expect(r(served, 'tls')).toMatchObject({ status: 'fail', fix: { code: 'SERVED_LEAF_ONLY' } })

    const c = await cli([
      'verify',
      '--registry',
      registry,
      '--ca',
      chain.files.root,
      '--cert',
      join(chain.fullDir, 'domain.crt'),
      '--trust-root',
      trustRoot,
    ])
    expect(c.out).toMatch(
      new RegExp(
        `✘ {2}6\\. FAIL TLS handshake trusting only our CA: the registry serves only its own certificate; the intermediate "${INTERMEDIATE}" is missing: domain\\.crt must hold leaf \\+ intermediates`,
      ),
    )
    expect(c.out).toContain(
      '  6. [Registry] The registry does not serve the intermediate CA\n     Make domain.crt hold the server certificate followed by the intermediate CA certificate(s)',
    )
    expect(c.code).toBe(1)
    const zh = await cli([
      'verify',
      '--registry',
      registry,
      '--ca',
      chain.files.root,
      '--cert',
      join(chain.fullDir, 'domain.crt'),
      '--trust-root',
      trustRoot,
      '--lang',
      'zh-CN',
    ])
    expect(zh.out).toContain(
      '  6. [仓库] 仓库没有提供中间 CA 证书\n     让 domain.crt 依次包含服务器证书和中间 CA 证书',
    )

    const rows = await ipcRows(alonePort, join(chain.fullDir, 'domain.crt'))
    expect(rows.tls).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining(
        'Make domain.crt hold the server certificate followed by the intermediate',
      ) as unknown,
    })
    expect(rows.tls?.reason).toContain(`the intermediate "${INTERMEDIATE}" is missing`)
    expect(rows.tls?.reasonZh).toContain(`缺少中间证书 "${INTERMEDIATE}"`)
  })

  it('each certificate of the chain is checked: an expired intermediate fails check 2 even when the leaf is valid', async () => {
    // A leaf (200 days) outliving its intermediate (20 days); verify's clock set 30 days ahead.
    const short = makeOpensslChain(join(root.path, 'pki-short'), ['127.0.0.1'], {
      intermediateDays: 20,
      leafDays: 200,
    })
    const later = new Date(Date.now() + 30 * 86_400_000)
    const report = await runVerify(
      { registry: '127.0.0.1:1', caPem: short.rootPem, certPem: short.leafPem + short.intermediatePem },
      { platform: 'linux', trustRoot, now: () => later, timeoutMs: 2000 },
    )
    expect(r(report, 'server-cert')).toMatchObject({
      status: 'fail',
      fix: { code: 'INTERMEDIATE_INVALID', step: 'certificates' },
    })
    expect(r(report, 'server-cert').reason).toMatch(
      new RegExp(`^the intermediate CA "${INTERMEDIATE}" in the given chain expired on `),
    )
    const soon = await runVerify(
      { registry: '127.0.0.1:1', caPem: short.rootPem, certPem: short.leafPem + short.intermediatePem },
      { platform: 'linux', trustRoot, timeoutMs: 2000 },
    )
    expect(r(soon, 'server-cert')).toMatchObject({ status: 'warn', fix: { code: 'INTERMEDIATE_EXPIRING' } })
    // A domain.crt holding only the leaf, the root given: not chained (the given file lacks the intermediate).
    const leafOnly = await runVerify(
      { registry: '127.0.0.1:1', caPem: short.rootPem, certPem: short.leafPem },
      { platform: 'linux', trustRoot, timeoutMs: 2000 },
    )
    expect(r(leafOnly, 'server-cert')).toMatchObject({ status: 'fail', fix: { code: 'CERT_NOT_FROM_CA' } })
  })
})
