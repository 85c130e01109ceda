import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { explainError } from '../../main/diagnostics'
import { parseRegistryAddress, parseTrustCa, runTrust } from '../../main/trust'
import {
  resultText,
  runVerify,
  type CheckResult,
  type CheckResultText,
  type VerifyReport,
} from '../../main/verify'
import { pushFromClient, startNetnsClient, type NetnsClient } from '../support/rw-verify-netns'
import { makeOpensslChain } from '../support/openssl-chain'
import {
  ensureImages,
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

// Client trust on a non-loopback address: dockerd skips certificate checks for 127.0.0.0/8, so the client engine runs
// in its own network namespace and reaches the registry on the host side of a veth pair this test creates.
let client: NetnsClient
let root: { path: string; cleanup: () => Promise<void> }
let ca: TestCa
const containers: string[] = []

/** A result with its texts in English and Chinese (what `verify --json` prints). */
function r(report: VerifyReport, id: CheckResult['id']): CheckResultText {
  const found = report.results.find((x) => x.id === id)
  if (!found) throw new Error(`no result for ${id}`)
  return resultText(found)
}

beforeAll(async () => {
  await ensureImages()
  root = await tempDir()
  ca = await makeCa('rw-ver netns CA')
  client = await startNetnsClient()
}, 180_000)

afterAll(async () => {
  await removeContainers(containers)
  await client.down()
  await root.cleanup()
})

describe('client trust proven on a non-loopback address', () => {
  it('without the CA in the client certs.d the push fails (unknown authority, fix: Trust step); after the Trust step the round trip passes', async () => {
    expect(client.hostIp).toMatch(/^10\.213\.\d+\.\d+$/)
    const server = await issueTo(ca, join(root.path, 'server'), [client.hostIp, '127.0.0.1'])
    const name = rwVer('netns')
    containers.push(name)
    const { port } = await startOurRegistry(name, server.dir)
    const registry = `${client.hostIp}:${port}`
    const deps = { docker: client.docker, trustRoot: client.root, platform: 'linux' as const }
    const input = { registry, caPem: ca.certPem, certPem: server.certPem, push: true }

    const before = await runVerify(input, deps)
    expect(r(before, 'tls').status).toBe('pass')
    expect(r(before, 'api').status).toBe('pass')
    const push = r(before, 'round-trip')
    expect(push.status).toBe('fail')
    expect(push.reason).toContain('x509: certificate signed by unknown authority')
    // The Chinese reason keeps Docker's own words; the fix says what to do in Chinese.
    expect(push.reasonZhCN).toMatch(
      new RegExp(
        `^docker push ${registry.replace(/\./g, '\\.')}/registry-wizard/selftest:verify 失败：.*x509: certificate signed by unknown authority`,
      ),
    )
    expect(push.fix).toMatchObject({ code: 'UNKNOWN_AUTHORITY', step: 'trust' })
    expect(push.fix?.en).toContain(`/etc/docker/certs.d/${registry}/ca.crt`)
    expect(push.fix?.zhCN).toContain(`/etc/docker/certs.d/${registry}/ca.crt`)
    expect(r(before, 'trust')).toMatchObject({ status: 'fail', fix: { code: 'TRUST_MISSING' } })

    // The Trust step (main/trust) writes the client's certs.d; dockerd re-reads it on the next push, no restart.
    const outcome = await runTrust('install', {
      env: { root: client.root, platform: 'linux', home: '/root' },
      ca: parseTrustCa(ca.certPem),
      registries: [parseRegistryAddress(registry)],
      targets: ['docker'],
    })
    expect(outcome.plans[0]?.steps.length).toBeGreaterThan(0)
    await mkdir(join(client.root, 'etc/ssl/certs'), { recursive: true })
    await writeFile(join(client.root, 'etc/ssl/certs/ca-certificates.crt'), ca.certPem)

    const after = await runVerify(input, deps)
    expect(r(after, 'round-trip')).toMatchObject({ status: 'pass' })
    expect(r(after, 'round-trip').reason).toMatch(
      /pushed, pulled back, digest sha256:[0-9a-f]{64} matches, deleted from the registry \(registry-wizard\/selftest:verify\)$/,
    )
    expect(r(after, 'round-trip').reasonZhCN).toMatch(
      /^已推送并拉回，摘要 sha256:[0-9a-f]{64} 一致，已从仓库删除（registry-wizard\/selftest:verify）$/,
    )
    expect(r(after, 'trust').status).toBe('pass')
    expect(after.summary).toEqual({ pass: 9, warn: 0, fail: 0, skipped: 1 })
    expect(r(after, 'dns').status).toBe('skipped')
  })

  it('Docker itself refuses a CN-only certificate and one without the IP SAN, with the messages the table maps', async () => {
    const cn = await issueCnOnly(ca, join(root.path, 'cn'), client.hostIp)
    const dnsOnly = await issueTo(ca, join(root.path, 'dns-only'), ['registry.lan'])
    const messages: Record<string, string> = {}
    for (const [kind, dir] of [
      ['cn', cn.dir],
      ['dns-only', dnsOnly.dir],
    ] as const) {
      const name = rwVer(kind)
      containers.push(name)
      const port = await startRawRegistry(name, { certDir: dir })
      const registry = `${client.hostIp}:${port}`
      const folder = join(client.certsD, registry)
      await mkdir(folder, { recursive: true })
      await writeFile(join(folder, 'ca.crt'), ca.certPem)
      const report = await runVerify(
        { registry, caPem: ca.certPem, push: true },
        { docker: client.docker, trustRoot: client.root, platform: 'linux' },
      )
      // Check 6 stops the API checks; run the round trip alone by asking Docker directly.
      expect(r(report, 'tls').status).toBe('fail')
      const err = await pushFromClient(client, registry, 'rw-ver/direct').catch((e: unknown) => e)
      messages[kind] = err instanceof Error ? err.message : String(err)
    }
    expect(messages.cn).toContain('x509: certificate relies on legacy Common Name field')
    expect(explainError(messages.cn)?.code).toBe('LEGACY_CN')
    expect(messages['dns-only']).toMatch(
      /certificate is valid for registry\.lan, not 10\.213\.|doesn't contain any IP SANs/,
    )
    expect(['HOST_MISMATCH', 'NO_IP_SANS']).toContain(explainError(messages['dns-only'])?.code)
  })

  it('an intermediate CA, only the root in the client certs.d: leaf + intermediate served, verify --push passes; the leaf alone fails naming the intermediate, and Docker refuses it', async () => {
    const pki = makeOpensslChain(join(root.path, 'chain'), [client.hostIp])
    const certPem = pki.leafPem + pki.intermediatePem
    const results: Record<string, VerifyReport> = {}
    for (const [kind, dir] of [
      ['full', pki.fullDir],
      ['alone', pki.aloneDir],
    ] as const) {
      const name = rwVer(`chain-${kind}`)
      containers.push(name)
      const port = await startRawRegistry(name, { certDir: dir })
      const registry = `${client.hostIp}:${port}`
      await mkdir(join(client.certsD, registry), { recursive: true })
      await writeFile(join(client.certsD, registry, 'ca.crt'), pki.rootPem)
      results[kind] = await runVerify(
        { registry, caPem: pki.rootPem, certPem, push: true },
        { docker: client.docker, trustRoot: client.root, platform: 'linux' },
      )
      if (kind === 'alone') {
        const err = await pushFromClient(client, registry, 'rw-ver/direct').catch((e: unknown) => e)
        expect(err instanceof Error ? err.message : String(err)).toContain(
          'x509: certificate signed by unknown authority',
        )
      }
    }
    const full = results.full as VerifyReport
    for (const id of ['ca', 'server-cert', 'san', 'tls', 'api', 'round-trip', 'catalog'] as const)
      expect(r(full, id).status, `${id}: ${r(full, id).reason}`).toBe('pass')
    // registry:2 started bare keeps delete off: the one self-test tag stays, and the reason says so.
    expect(r(full, 'round-trip').reason).toContain('the self-test tag registry-wizard/selftest:verify stays')
    expect(r(full, 'trust').status).not.toBe('fail')
    const alone = results.alone as VerifyReport
    expect(r(alone, 'server-cert').status).toBe('pass')
    expect(r(alone, 'tls')).toMatchObject({
      status: 'fail',
      fix: { code: 'INTERMEDIATE_MISSING', step: 'registry' },
    })
    expect(r(alone, 'tls').reason).toContain(
      'the intermediate "O=Example Ltd, CN=Example Issuing CA 1" is missing',
    )
    expect(r(alone, 'round-trip').status).toBe('skipped')
  })
})
