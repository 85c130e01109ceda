import { X509Certificate } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readCaChain, splitPemBundle } from '../../main/pki'
import { craftPem, isCanonicalPemText, CRAFTED_MARKER } from '../support/crafted-pem'
import { makeTmpDir, snapshotDir } from '../support/fs-snapshot'
import { openssl, opensslStatus } from '../support/openssl'
import { cli } from '../support/run-cli'
import { makeOpensslHierarchy, type OpensslCa } from '../support/openssl-chain'
import { issueArgs, importArgs } from '../support/pki-cli'

const read = (p: string): string => readFileSync(p, 'utf8')
const fp = (pem: string): string => new X509Certificate(pem).fingerprint256

/** openssl verify of OUT/domain.crt's leaf with only OUT/ca.crt trusted and domain.crt's other certs as untrusted. */
function verifyServed(out: string, dir: string): string {
  const certs = splitPemBundle(read(join(out, 'domain.crt')))
  writeFileSync(join(dir, 'leaf.pem'), certs[0]?.pem ?? '')
  const args = ['verify', '-CAfile', join(out, 'ca.crt'), '-purpose', 'sslserver']
  if (certs.length > 1) {
    writeFileSync(
      join(dir, 'served-chain.pem'),
      certs
        .slice(1)
        .map((c) => c.pem)
        .join(''),
    )
    args.push('-untrusted', join(dir, 'served-chain.pem'))
  }
  const r = opensslStatus([...args, join(dir, 'leaf.pem')])
  return `${r.stdout}${r.stderr}`
}

describe('ca import of an intermediate CA keeps its chain; cert issue serves leaf + intermediates, ca.crt = root', () => {
  const dir = makeTmpDir('rw-pki-chain-')
  let one: OpensslCa[] // root, inter1 (pathlen:0)
  let two: OpensslCa[] // root, inter1 (pathlen:1), inter2 (pathlen:0)

  beforeAll(() => {
    mkdirSync(join(dir, 'h1'))
    mkdirSync(join(dir, 'h2'))
    one = makeOpensslHierarchy(join(dir, 'h1'), 1, { name: 'One' })
    two = makeOpensslHierarchy(join(dir, 'h2'), 2, { name: 'Two' })
  })

  it('--chain FILE: ca.crt is the intermediate, chain.crt the root; domain.crt = leaf + intermediate; ca.crt = root', async () => {
    const [root, inter] = one as [OpensslCa, OpensslCa]
    const caDir = join(dir, 'ca-one')
    const r = await cli([...importArgs(caDir, inter.cert, inter.key), '--chain', root.cert, '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const res = JSON.parse(r.stdout) as Record<string, unknown>
    expect(res).toMatchObject({
      certPath: join(caDir, 'ca.crt'),
      chainPath: join(caDir, 'chain.crt'),
      chainLength: 2,
      rootSubject: 'O=One Ltd, CN=One Root CA',
      rootFingerprintSha256: fp(read(root.cert)),
      fingerprintSha256: fp(read(inter.cert)),
    })
    expect(fp(read(join(caDir, 'ca.crt')))).toBe(fp(read(inter.cert)))
    expect(splitPemBundle(read(join(caDir, 'chain.crt'))).map((c) => c.fingerprintSha256)).toEqual([
      fp(read(root.cert)),
    ])
    const chain = await readCaChain(caDir)
    expect([chain.issuing.subject, chain.intermediates.length, chain.root.subject]).toEqual([
      'O=One Ltd, CN=One Issuing CA 1',
      0,
      'O=One Ltd, CN=One Root CA',
    ])

    const out = join(dir, 'out-one')
    const issued = await cli([...issueArgs(caDir, out), '--ip', '127.0.0.1', '--ip', '10.213.0.1', '--json'])
    expect(issued.code).toBe(0)
    const ij = JSON.parse(issued.stdout) as Record<string, unknown>
    expect(ij).toMatchObject({
      chainLength: 2,
      rootFingerprintSha256: fp(read(root.cert)),
      caCertPath: join(out, 'ca.crt'),
    })
    const served = splitPemBundle(read(join(out, 'domain.crt')))
    expect(served.map((c) => c.fingerprintSha256)).toEqual([ij['fingerprintSha256'], fp(read(inter.cert))])
    expect(read(join(out, 'ca.crt'))).toBe(splitPemBundle(read(root.cert))[0]?.pem)
    expect(verifyServed(out, dir)).toContain('OK')
    // Without the intermediate the leaf does not verify against the root alone: the chain in domain.crt is needed.
    const alone = opensslStatus(['verify', '-CAfile', join(out, 'ca.crt'), join(dir, 'leaf.pem')])
    expect(alone.status).not.toBe(0)
    expect(alone.stdout + alone.stderr).toContain('unable to get local issuer certificate')
  })

  it('a --cert file holding the chain after the CA certificate works the same; a full-chain --chain repeating the CA too', async () => {
    const [root, inter] = one as [OpensslCa, OpensslCa]
    const bundle = join(dir, 'inter-and-root.pem')
    writeFileSync(
      bundle,
      `subject=One Issuing CA 1\n${read(inter.cert)}\nsubject=One Root CA\n${read(root.cert)}`,
    )
    const a = await cli([...importArgs(join(dir, 'ca-bundle'), bundle, inter.key), '--json'])
    expect(a.code).toBe(0)
    expect(JSON.parse(a.stdout)).toMatchObject({ chainLength: 2, rootFingerprintSha256: fp(read(root.cert)) })
    const b = await cli([...importArgs(join(dir, 'ca-full'), inter.cert, inter.key), '--chain', bundle])
    expect(b.code).toBe(0)
    expect(read(join(dir, 'ca-full', 'chain.crt'))).toBe(read(join(dir, 'ca-bundle', 'chain.crt')))
    expect(read(join(dir, 'ca-full', 'chain.crt'))).toBe(splitPemBundle(read(root.cert))[0]?.pem)
  })

  it('two levels: chain.crt = upper intermediate + root; domain.crt = leaf + both intermediates, never the root', async () => {
    const [root, upper, issuing] = two as [OpensslCa, OpensslCa, OpensslCa]
    const chainFile = join(dir, 'two-chain.pem')
    writeFileSync(chainFile, read(upper.cert) + read(root.cert))
    const caDir = join(dir, 'ca-two')
    const r = await cli([...importArgs(caDir, issuing.cert, issuing.key), '--chain', chainFile, '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ chainLength: 3 })
    const out = join(dir, 'out-two')
    const issued = await cli([...issueArgs(caDir, out), '--dns', 'hub.two.lan', '--json'])
    expect(issued.code).toBe(0)
    expect(JSON.parse(issued.stdout)).toMatchObject({ chainLength: 3 })
    expect(
      splitPemBundle(read(join(out, 'domain.crt')))
        .slice(1)
        .map((c) => c.fingerprintSha256),
    ).toEqual([fp(read(issuing.cert)), fp(read(upper.cert))])
    expect(fp(read(join(out, 'ca.crt')))).toBe(fp(read(root.cert)))
    expect(verifyServed(out, dir)).toContain('OK')
  })

  it('refuses an intermediate without its chain, an unordered, incomplete or rootless chain, garbage, and a chain for a root: exit 2, nothing written', async () => {
    const [root, upper, issuing] = two as [OpensslCa, OpensslCa, OpensslCa]
    const [oneRoot] = one as [OpensslCa]
    const file = (name: string, text: string): string => {
      const p = join(dir, name)
      writeFileSync(p, text)
      return p
    }
    const good = read(upper.cert) + read(root.cert)
    const b64Garbage = '-----BEGIN CERTIFICATE-----\nTUlJQmFkQ2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n'
    const cases: [string, string[], RegExp][] = [
      ['no chain', [], /is an intermediate CA .*the certificates up to its root were not given/],
      [
        'unordered',
        ['--chain', file('unordered.pem', read(root.cert) + read(upper.cert))],
        /the chain is out of order/,
      ],
      [
        'incomplete',
        ['--chain', file('incomplete.pem', read(root.cert))],
        /the chain is incomplete: .*Two Issuing CA 2.* was issued by .*Two Issuing CA 1/,
      ],
      [
        'rootless',
        ['--chain', file('rootless.pem', read(upper.cert))],
        /the chain ends at .*Two Issuing CA 1.*, which is not a self-signed root/,
      ],
      [
        'other root',
        ['--chain', file('other-root.pem', read(upper.cert) + read(oneRoot.cert))],
        /the chain is incomplete/,
      ],
      [
        'garbage',
        ['--chain', file('garbage.pem', 'hello, this is not a certificate\n')],
        /a PEM certificate \("-----BEGIN CERTIFICATE-----"\) is required/,
      ],
      [
        'bad block',
        ['--chain', file('bad-block.pem', good + b64Garbage)],
        /the PEM block \(certificate 3\) is not a readable X\.509 certificate/,
      ],
      [
        'unterminated',
        ['--chain', file('unterminated.pem', `${good}-----BEGIN CERTIFICATE-----\nMIIB\n`)],
        /has no "-----END CERTIFICATE-----" line/,
      ],
      [
        'duplicate',
        ['--chain', file('dup.pem', read(upper.cert) + read(upper.cert) + read(root.cert))],
        /appears twice in the chain/,
      ],
    ]
    const before = await snapshotDir(dir)
    for (const [what, extra, message] of cases) {
      const target = join(dir, `refused-${what.replace(/ /g, '-')}`)
      const r = await cli([...importArgs(target, issuing.cert, issuing.key), ...extra])
      expect(r.code, what).toBe(2)
      expect(r.stderr, what).toMatch(message)
      expect(r.stderr, what).toContain('hint: ')
      expect(existsSync(target), what).toBe(false)
    }
    const rootWithChain = await cli([
      ...importArgs(join(dir, 'refused-root'), root.cert, root.key),
      '--chain',
      file('x.pem', read(upper.cert)),
    ])
    expect(rootWithChain.code).toBe(2)
    expect(rootWithChain.stderr).toMatch(/is a self-signed root, so it has no chain above it/)
    // Only the chain files this test wrote are new.
    const after = await snapshotDir(dir)
    const added = Object.keys(after).filter((k) => !(k in before))
    expect(added.sort()).toEqual(['x.pem'])
  })

  it('a CA folder imported before chains were kept (intermediate, no chain.crt): cert issue says how to add the chain', async () => {
    const [, inter] = one as [OpensslCa, OpensslCa]
    const caDir = join(dir, 'legacy')
    mkdirSync(caDir)
    writeFileSync(join(caDir, 'ca.crt'), read(inter.cert))
    writeFileSync(join(caDir, 'ca.key'), read(inter.key), { mode: 0o600 })
    const out = join(dir, 'legacy-out')
    const r = await cli([...issueArgs(caDir, out), '--ip', '10.0.0.1'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('is an intermediate CA')
    expect(r.stderr).toContain(
      `hint: Import the CA again with its chain: registry-wizard ca import --dir ${caDir}`,
    )
    expect(r.stderr).toContain('--chain')
    expect(existsSync(out)).toBe(false)
  })

  it('a self-made root CA: nothing changes (domain.crt = leaf only, ca.crt = the CA, chainLength 1)', async () => {
    const caDir = join(dir, 'own')
    const c = await cli(['ca', 'create', '--dir', caDir, '--key-size', '2048', '--json'])
    expect(JSON.parse(c.stdout)).toMatchObject({ chainLength: 1 })
    expect(JSON.parse(c.stdout)).not.toHaveProperty('chainPath')
    expect(existsSync(join(caDir, 'chain.crt'))).toBe(false)
    const out = join(dir, 'own-out')
    const r = await cli([...issueArgs(caDir, out), '--ip', '10.0.0.2', '--json'])
    const j = JSON.parse(r.stdout) as Record<string, unknown>
    expect(j).toMatchObject({ chainLength: 1, rootFingerprintSha256: fp(read(join(caDir, 'ca.crt'))) })
    expect(splitPemBundle(read(join(out, 'domain.crt')))).toHaveLength(1)
    expect(read(join(out, 'ca.crt'))).toBe(read(join(caDir, 'ca.crt')))
    expect(verifyServed(out, dir)).toContain('OK')
  })
})

describe('crafted PEM: every certificate pki writes is re-encoded from DER', () => {
  const dir = makeTmpDir('rw-pki-crafted-')
  let one: OpensslCa[]
  beforeAll(() => {
    one = makeOpensslHierarchy(dir, 1, { name: 'Crafted' })
  })

  it('the fixture really is the same certificate with shell lines inside the block', () => {
    const [root] = one as [OpensslCa]
    const c = craftPem(read(root.cert))
    expect(c.pem).toContain(`\n-\n${CRAFTED_MARKER}\ntouch /tmp/pwned\n-----END CERTIFICATE-----`)
    expect(new X509Certificate(c.pem).fingerprint256).toBe(fp(read(root.cert)))
    // openssl itself reads it as the same certificate.
    writeFileSync(join(dir, 'crafted-check.pem'), c.pem)
    expect(
      openssl(['x509', '-in', join(dir, 'crafted-check.pem'), '-noout', '-fingerprint', '-sha256']),
    ).toContain(c.fingerprintSha256)
    expect(isCanonicalPemText(c.pem)).toBe(false)
    expect(isCanonicalPemText(c.canonical)).toBe(true)
  })

  it('ca import of a crafted root and of a crafted chain writes canonical PEM only; cert issue copies are canonical', async () => {
    const [root, inter] = one as [OpensslCa, OpensslCa]
    const craftedRoot = join(dir, 'crafted-root.crt')
    writeFileSync(craftedRoot, craftPem(read(root.cert)).pem)
    const a = join(dir, 'ca-crafted-root')
    expect((await cli([...importArgs(a, craftedRoot, root.key)])).code).toBe(0)
    expect(read(join(a, 'ca.crt'))).toBe(craftPem(read(root.cert)).canonical)

    const craftedInter = join(dir, 'crafted-inter.crt')
    writeFileSync(craftedInter, craftPem(read(inter.cert)).pem)
    const b = join(dir, 'ca-crafted-chain')
    const r = await cli([...importArgs(b, craftedInter, inter.key), '--chain', craftedRoot])
    expect(r.code).toBe(0)
    for (const f of ['ca.crt', 'chain.crt']) {
      expect(read(join(b, f)), f).not.toContain(CRAFTED_MARKER)
      expect(isCanonicalPemText(read(join(b, f))), f).toBe(true)
    }
    const out = join(dir, 'crafted-out')
    expect((await cli([...issueArgs(b, out), '--ip', '10.0.0.3'])).code).toBe(0)
    for (const f of ['ca.crt', 'domain.crt']) {
      expect(read(join(out, f)), f).not.toContain('touch')
      expect(isCanonicalPemText(read(join(out, f))), f).toBe(true)
    }
  })

  it('a CA folder written verbatim by an older version (crafted ca.crt): cert issue still writes canonical copies', async () => {
    const [root] = one as [OpensslCa]
    const caDir = join(dir, 'old-verbatim')
    mkdirSync(caDir)
    writeFileSync(join(caDir, 'ca.crt'), craftPem(read(root.cert)).pem)
    writeFileSync(join(caDir, 'ca.key'), read(root.key), { mode: 0o600 })
    const out = join(dir, 'old-verbatim-out')
    expect((await cli([...issueArgs(caDir, out), '--dns', 'x.lan'])).code).toBe(0)
    expect(read(join(out, 'ca.crt'))).toBe(craftPem(read(root.cert)).canonical)
  })
})
