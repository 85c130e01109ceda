import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runVerify } from '../../main/verify'
import { checkRoundTrip } from '../../main/verify/checks/round-trip'
import { prepareApiRoundTrip } from '../../main/verify/checks/api-round-trip'
import { packFiles } from '../../main/docker/tar-files'
import { makeContext } from '../../main/verify/context'
import { englishTranslator } from '../../main/messages/index'
import { preconditions, startTestRegistry, type TestRegistry } from '../registry-api/support'
import { dockerCleanup, makeCerts, run, tempDir } from '../support/rw-reg-fixtures'

// Check 8 through the project's own OCI client (VerifyDeps.roundTripVia 'registry-api', what `setup` uses on this
// machine's engine): a real registry:2 with TLS from a test CA; skopeo and tar as independent judges.
const ok = await preconditions()
let root: { path: string; cleanup: () => Promise<void> }
let reg: TestRegistry

describe.skipIf(!ok)('round trip with our own OCI client', () => {
  beforeAll(async () => {
    root = await tempDir('rw-h-rt-')
    reg = await startTestRegistry(root.path, 'h-rt')
  }, 120_000)
  afterAll(async () => {
    await dockerCleanup([reg.name], [`${reg.name}-data`])
    await root.cleanup()
  })

  it('pushes and pulls by digest, trusting only the CA; skopeo finds the image by that digest', async () => {
    const report = await runVerify(
      { registry: `127.0.0.1:${reg.port}`, caPem: reg.caPem, push: true },
      { roundTripVia: 'registry-api' },
    )
    const trip = report.results.find((r) => r.id === 'round-trip')
    expect(trip?.status, englishTranslator().render(trip?.reason ?? { key: 'x' })).toBe('pass')
    expect(trip?.details?.via).toBe('registry-api')
    expect(trip?.details?.steps).toEqual(['made', 'pushed', 'pulled', 'compared'])
    // The catalog lists the pushed tag (its tags asked for beside the catalog's page, used as the catalog names it).
    const catalog = report.results.find((r) => r.id === 'catalog')
    expect(catalog?.status).toBe('pass')
    expect(catalog?.details?.repositories).toEqual([{ name: 'registry-wizard/selftest', tags: ['verify'] }])
    const digest = String(trip?.details?.digest)
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    const raw = await run('skopeo', [
      'inspect',
      '--raw',
      '--cert-dir',
      reg.trustDir,
      `docker://127.0.0.1:${reg.port}/registry-wizard/selftest@${digest}`,
    ])
    expect(`sha256:${createHash('sha256').update(raw.stdout).digest('hex')}`).toBe(digest)
  }, 60_000)

  it('fails when the registry is served under another CA (no fallback to other roots)', async () => {
    const { certDir } = await makeCerts(root.path, ['127.0.0.1'], 'other-ca')
    const otherCa = await readFile(join(certDir, 'ca.crt'), 'utf8')
    const ctx = makeContext(
      { registry: `127.0.0.1:${reg.port}`, caPem: otherCa, push: true },
      { roundTripVia: 'registry-api' },
    )
    const out = await checkRoundTrip(ctx, AbortSignal.timeout(20_000))
    expect(out.status).toBe('fail')
    expect(englishTranslator().render(out.reason)).toMatch(/round trip stopped after \[made\]/)
    expect(englishTranslator().render(out.reason)).toMatch(/certificate|issuer|verify/i)
  }, 60_000)

  it('pushes the image made before the registry answered (prepare), each run a new layer; the pull is checked', async () => {
    const input = { registry: `127.0.0.1:${reg.port}`, caPem: reg.caPem, push: true }
    const ctx = makeContext(input, { roundTripVia: 'registry-api' })
    const image = await prepareApiRoundTrip(ctx)
    expect(await prepareApiRoundTrip(ctx)).toBe(image)
    const out = await checkRoundTrip(ctx, AbortSignal.timeout(20_000))
    expect(out.status, englishTranslator().render(out.reason)).toBe('pass')
    expect(out.details?.digest).toBe(image.manifest.digest)
    expect(out.details?.steps).toEqual(['made', 'pushed', 'pulled', 'compared'])
    ctx.close()
    // The HEAD before each upload is skipped because the layer cannot be there yet: a second run's is another.
    const again = await prepareApiRoundTrip(makeContext(input, { roundTripVia: 'registry-api' }))
    expect(again.layer.digest).not.toBe(image.layer.digest)
    // What the registry holds under that digest is what was pushed (skopeo, another client, reads it back).
    const raw = await run('skopeo', [
      'inspect',
      '--raw',
      '--cert-dir',
      reg.trustDir,
      `docker://127.0.0.1:${reg.port}/registry-wizard/selftest@${image.manifest.digest}`,
    ])
    expect(Buffer.from(raw.stdout).equals(image.manifest.bytes)).toBe(true)
  }, 60_000)

  it('packs files that tar lists and extracts as they were (mode, owner root, a long name in the prefix)', async () => {
    const file = join(root.path, 'files.tar')
    const long = `${'d'.repeat(120)}/${'f'.repeat(90)}.txt`
    const key = Buffer.alloc(1000, 7)
    await writeFile(
      file,
      await packFiles([
        { name: 'hello.txt', content: 'hi\n', mode: 0o644 },
        { name: 'domain.key', content: key, mode: 0o600 },
        { name: long, content: '', mode: 0o644 },
      ]),
    )
    const lines = (await run('tar', ['-tvf', file])).stdout.trim().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^-rw-r--r-- root\/root +3 .* hello\.txt$/)
    expect(lines[1]).toMatch(/^-rw------- root\/root +1000 .* domain\.key$/)
    expect(lines[2]?.endsWith(long)).toBe(true)
    expect((await run('tar', ['-xOf', file, 'hello.txt'])).stdout).toBe('hi\n')
    const out = await run('tar', ['-xOf', file, 'domain.key'], { encoding: 'buffer' })
    expect(Buffer.compare(out.stdout as unknown as Buffer, key)).toBe(0)
  })
})
