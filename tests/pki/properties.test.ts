import { X509Certificate } from 'node:crypto'
import { join } from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  createCa,
  issueCertificate,
  openCa,
  sanCoversHost,
  type LoadedCa,
  type SanEntry,
} from '../../main/pki'
import { makeTmpDir, snapshotDir } from '../support/fs-snapshot'
import { cli } from '../support/run-cli'
import { issueArgs } from '../support/pki-cli'

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/)
const tld = fc.stringMatching(/^[a-z]{2,6}$/)
const dnsName = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld)
  .map(([ls, t]) => [...ls, t].join('.'))
const wildcard = fc.tuple(label, tld).map(([l, t]) => `*.${l}.${t}`)
const ipv4 = fc.ipV4()
const ipv6 = fc.ipV6()
const sanValue = fc.oneof(dnsName, wildcard, ipv4, ipv6)

describe('property: valid SAN sets give certificates that match exactly those names', () => {
  let ca: LoadedCa
  beforeAll(async () => {
    ca = openCa(await createCa({ subject: { cn: 'Property CA' }, keySize: 2048 }))
  })

  it('X509Certificate.checkIP / checkHost (CN never used) agree with the input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(sanValue, { minLength: 1, maxLength: 6 }),
        ipv4,
        dnsName,
        async (sans, otherIp, otherName) => {
          const issued = await issueCertificate(ca, { sans, keySize: 2048 })
          const x509 = new X509Certificate(issued.certPem)
          const check = { subject: 'never', partialWildcards: false, multiLabelWildcards: false } as const
          for (const san of issued.sans) {
            if (san.type === 'ip') expect(x509.checkIP(san.value)).toBe(san.value)
            else if (san.value.startsWith('*.'))
              expect(x509.checkHost(`x1.${san.value.slice(2)}`, check)).toBeDefined()
            else expect(x509.checkHost(san.value, check)).toBe(san.value)
          }
          // Names outside the set are not covered, by Node's checks and by our Go-rule matcher alike.
          for (const host of [otherIp, otherName]) {
            const ours = issued.sans.some((s: SanEntry) => sanCoversHost(s, host))
            const node =
              host === otherIp ? x509.checkIP(host) !== undefined : x509.checkHost(host, check) !== undefined
            expect(ours).toBe(node)
          }
          expect(x509.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true)
        },
      ),
      { numRuns: 20 },
    )
  })
})

const badIp = fc.oneof(
  fc.tuple(fc.integer({ min: 256, max: 999 }), ipv4).map(([n, ip]) => ip.replace(/^\d+/, String(n))),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')),
  fc.constantFrom(
    '300.1.1.1',
    '192.168.20',
    '192.168.020.10',
    '1.2.3.4.5',
    'fe80::1%eth0',
    ':::1',
    '1::2::3',
  ),
)
const badDns = fc.oneof(
  fc
    .string({ minLength: 64, maxLength: 80, unit: fc.constantFrom('a', 'b', 'c') })
    .map((l) => `${l}.example.com`),
  fc.tuple(label, label).map(([a, b]) => `${a} ${b}.lan`),
  fc.tuple(label, label).map(([a, b]) => `${a}_${b}.lan`),
  fc.tuple(label, tld).map(([a, t]) => `${a}.*.${t}`),
  fc.tuple(label, tld).map(([a, t]) => `${a}*.${t}`),
  fc.constantFrom('-bad.lan', 'bad-.lan', 'a..b', '*', '*.'),
)

describe('property: invalid input gives exit 2 and an untouched directory', () => {
  const dir = makeTmpDir()
  const caDir = join(dir, 'ca')
  beforeAll(async () => {
    const r = await cli(['ca', 'create', '--dir', caDir, '--key-size', '2048', '--days', '365'])
    expect(r.code).toBe(0)
  })

  it('cert issue with a bad --ip, --dns, --days or --key-size', async () => {
    const badArgs = fc.oneof(
      badIp.map((v) => ['--ip', v]),
      badDns.map((v) => ['--dns', v]),
      fc
        .oneof(fc.integer({ min: -1000, max: 0 }), fc.integer({ min: 366, max: 100_000 }))
        .map((d) => ['--ip', '10.0.0.1', '--days', String(d)]),
      fc.constantFrom('1024', '1', '8192', 'big', '2047').map((k) => ['--dns', 'ok.lan', '--key-size', k]),
      fc.constant(['--days', '30']),
    )
    await fc.assert(
      fc.asyncProperty(badArgs, async (args) => {
        const before = await snapshotDir(dir)
        const r = await cli([...issueArgs(caDir, join(dir, 'out')), ...args])
        expect(r.code).toBe(2)
        // The option, then what is wrong with it (no address at all: which options are required).
        expect(r.stderr).toMatch(/^error: --[a-z/-]+: .+ (is not valid; .+|is required)/)
        expect(await snapshotDir(dir)).toEqual(before)
      }),
      { numRuns: 150 },
    )
  })

  it('ca create with a bad --days, --key-size or --country', async () => {
    const badArgs = fc.oneof(
      fc.integer({ min: -100, max: 0 }).map((d) => ['--days', String(d)]),
      fc.constantFrom('1024', '512', '5000', 'x').map((k) => ['--key-size', k]),
      fc.constantFrom('China', 'c', 'cn', '12').map((c) => ['--country', c]),
    )
    await fc.assert(
      fc.asyncProperty(badArgs, async (args) => {
        const before = await snapshotDir(dir)
        const r = await cli(['ca', 'create', '--dir', join(dir, 'newca'), ...args])
        expect(r.code).toBe(2)
        expect(await snapshotDir(dir)).toEqual(before)
      }),
      { numRuns: 40 },
    )
  })
})
