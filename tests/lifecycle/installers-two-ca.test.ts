// The bundle installers and a CA renewal's two-CA ca.crt (bundle export --previous-ca): install.sh under a root
// prefix (the upgrade from a one-CA bundle, and uninstall afterwards with the OLD bundle or the new one: nothing of
// ours is left, nothing that is not ours is removed), install-macos.sh with a stub `security` on PATH (one keychain
// call per certificate, each with exactly that certificate; the partner CA leaves with an old bundle's uninstall),
// and install.ps1, which cannot run here (no PowerShell on Debian's or npm's shelves): parsed with the tree-sitter
// PowerShell grammar, its import/removal loops checked in the tree, and its PEM-splitting pattern run on the bundle.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { Language, Parser, type Node } from 'web-tree-sitter'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../main/bundle/export-bundle'
import { renewCa } from '../../main/lifecycle/renew-ca'
import { createCaDir, pemCertificates } from '../../main/pki'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { parseRegistryAddresses } from '../../main/trust/registry-address'
import type { TrustCa } from '../../main/trust/types'
import { REPO, tempDir } from '../support/rw-reg-fixtures'

const registries = parseRegistryAddresses(['registry.rw-a.test:5000', '127.0.0.1:5443'])
let work: { path: string; cleanup: () => Promise<void> }
let oldCa: TrustCa
let newCa: TrustCa
let foreignCa: TrustCa
/** Bundle folders: the old CA alone, and the renewal's overlap (new CA first, then the old). */
let oldBundle: string
let twoBundle: string
let stubs: string

const fp = (pem: string): string => pemCertificates(pem)[0]?.fingerprint256.replace(/:/g, '') ?? ''

beforeAll(async () => {
  work = await tempDir('rw-inst2-')
  const caDir = join(work.path, 'ca')
  await createCaDir(caDir, { subject: { cn: 'rw-inst2 CA' }, keySize: 2048, days: 100 })
  const oldPem = await fs.readFile(join(caDir, 'ca.crt'), 'utf8')
  await renewCa({ caDir, keySize: 2048 })
  oldCa = parseTrustCa(oldPem)
  newCa = parseTrustCa(await fs.readFile(join(caDir, 'ca.crt'), 'utf8'))
  await createCaDir(join(work.path, 'foreign'), {
    subject: { cn: 'rw-inst2 foreign' },
    keySize: 2048,
    days: 30,
  })
  foreignCa = parseTrustCa(await fs.readFile(join(work.path, 'foreign/ca.crt'), 'utf8'))
  oldBundle = (await exportBundle({ ca: oldCa, registries, outDir: join(work.path, 'b-old') })).dir
  twoBundle = (
    await exportBundle({ ca: newCa, previousCa: oldCa, registries, outDir: join(work.path, 'b-two') })
  ).dir
  expect(pemCertificates(await fs.readFile(join(twoBundle, 'ca.crt'), 'utf8'))).toHaveLength(2)
  stubs = join(work.path, 'stubs')
  await fs.mkdir(stubs)
  await fs.writeFile(join(stubs, 'update-ca-certificates'), '#!/bin/sh\necho "$0 $*" >> "$STUB_LOG"\n', {
    mode: 0o755,
  })
  // A stand-in for macOS's security: logs each call; add-trusted-cert records how many certificates the file holds
  // and their SHA-256, and keeps a fake keychain (SHA-1 lines) that find-certificate and delete-certificate use.
  const security = [
    '#!/bin/sh',
    'echo "security $*" >> "$STUB_LOG"',
    'case "$1" in',
    '  add-trusted-cert)',
    '    for a; do f=$a; done',
    '    echo "  file-certs $(grep -c BEGIN "$f") $(openssl x509 -in "$f" -noout -fingerprint -sha256 | sed \'s/.*=//; s/://g\')" >> "$STUB_LOG"',
    '    echo "SHA-1 hash: $(openssl x509 -in "$f" -noout -fingerprint -sha1 | sed \'s/.*=//; s/://g\')" >> "$STUB_KEYCHAIN" ;;',
    '  find-certificate) cat "$STUB_KEYCHAIN" 2>/dev/null ;;',
    '  delete-certificate) grep -v "SHA-1 hash: $3" "$STUB_KEYCHAIN" > "$STUB_KEYCHAIN.new" || true; mv "$STUB_KEYCHAIN.new" "$STUB_KEYCHAIN" ;;',
    'esac',
    '',
  ].join('\n')
  await fs.writeFile(join(stubs, 'security'), security, { mode: 0o755 })
})

afterAll(async () => {
  await work.cleanup()
})

/** Every file and link under dir with its content's hash, to compare before and after (folders install.sh leaves
 * empty, e.g. etc/docker, are not compared: the one-CA uninstall leaves them as well). */
async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name)
    if (e.isSymbolicLink()) out.push(`${path} -> ${await fs.readlink(path)}`)
    else if (e.isFile())
      out.push(
        `${path} ${createHash('sha256')
          .update(await fs.readFile(path))
          .digest('hex')
          .slice(0, 16)}`,
      )
  }
  return out.sort()
}

interface Ran {
  code: number
  out: string
  log: string
}

async function sh(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const log = join(work.path, `log-${Math.random().toString(36).slice(2)}`)
  const r = spawnSync('dash', [script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${stubs}:${process.env.PATH ?? ''}`, STUB_LOG: log, ...env },
  })
  return {
    code: r.status ?? -1,
    out: `${r.stdout}${r.stderr}`,
    log: await fs.readFile(log, 'utf8').catch(() => ''),
  }
}

async function clientRoot(): Promise<string> {
  const root = await fs.mkdtemp(join(work.path, 'root-'))
  for (const d of ['etc/containers', 'etc/containerd']) await fs.mkdir(join(root, d), { recursive: true })
  await fs.writeFile(join(root, 'etc/os-release'), 'ID=debian\n')
  return root
}

const linux = (bundle: string, root: string, args: string[] = []): Promise<Ran> =>
  sh(join(bundle, 'install.sh'), ['--root', root, ...args])

const ANCHORS = 'usr/local/share/ca-certificates'
// Each install.sh run forks a few hundred small processes (a fingerprint per certificate and file): seconds each on
// a loaded 2-core machine, so these tests get more than the default minute.

describe('install.sh: a two-CA bundle over a one-CA bundle, then uninstall', { timeout: 240_000 }, () => {
  /** A client with the old bundle installed, then the two-CA one over it (an upgrade: no --force). */
  async function upgraded(): Promise<{ root: string; before: string[] }> {
    const root = await clientRoot()
    const before = await snapshot(root)
    expect((await linux(oldBundle, root)).code).toBe(0)
    const up = await linux(twoBundle, root)
    expect(up.code, up.out).toBe(0)
    const docker = join(root, 'etc/docker/certs.d/127.0.0.1:5443/ca.crt')
    expect(await fs.readFile(docker, 'utf8')).toBe(await fs.readFile(join(twoBundle, 'ca.crt'), 'utf8'))
    expect(await fs.readFile(`${docker}.bak-registry-wizard`, 'utf8')).toBe(oldCa.pem)
    // The OS store: the old bundle's anchor (old CA) and the new one's (both CAs, named by the new CA).
    expect((await fs.readdir(join(root, ANCHORS))).sort()).toEqual(
      [fp(oldCa.pem), fp(newCa.pem)].map((f) => `registry-wizard-${f.toLowerCase().slice(0, 16)}.crt`).sort(),
    )
    return { root, before }
  }

  it('uninstall with the OLD bundle removes the two-CA files, the backups and both anchors: nothing of ours is left', async () => {
    const { root, before } = await upgraded()
    const dry = await linux(oldBundle, root, ['--uninstall', '--dry-run'])
    expect(dry.out).toContain(
      `would remove: ${root}/etc/docker/certs.d/127.0.0.1:5443/ca.crt.bak-registry-wizard`,
    )
    expect(dry.out).toContain(`would remove: ${root}/etc/containerd/certs.d/registry.rw-a.test:5000/ca.crt`)
    const un = await linux(oldBundle, root, ['--uninstall'])
    expect(un.code, un.out).toBe(0)
    expect(un.out).not.toContain('left in place')
    expect(un.log).toBe('') // under --root the store update is printed, never run
    expect(await snapshot(root)).toEqual(before)
  })

  it('uninstall with the two-CA bundle removes the same, the old bundle anchor and backups included', async () => {
    const { root, before } = await upgraded()
    const un = await linux(twoBundle, root, ['--uninstall'])
    expect(un.code, un.out).toBe(0)
    expect(un.out).toMatch(/removed: .*registry-wizard-[0-9a-f]{16}\.crt[\s\S]*removed: .*registry-wizard-/)
    expect(await snapshot(root)).toEqual(before)
    expect((await linux(twoBundle, root, ['--uninstall'])).out).toContain('no changes')
  })

  it('files it did not write stay: another CA, a two-CA file without our backup, an anchor not named by its CA', async () => {
    const root = await clientRoot()
    const put = async (rel: string, text: string): Promise<string> => {
      await fs.mkdir(join(root, rel, '..'), { recursive: true })
      await fs.writeFile(join(root, rel), text)
      return join(root, rel)
    }
    // Someone's own two-CA file (our old CA + another CA), no backup of ours beside it.
    const mixed = await put('etc/docker/certs.d/127.0.0.1:5443/ca.crt', `${oldCa.pem}${foreignCa.pem}`)
    const other = await put('etc/containers/certs.d/127.0.0.1:5443/ca.crt', foreignCa.pem)
    // A --force backup of someone's file is not ours either.
    const forcedBak = await put(
      'etc/containerd/certs.d/127.0.0.1:5443/ca.crt.bak-registry-wizard',
      foreignCa.pem,
    )
    const anchor = await put(`${ANCHORS}/registry-wizard-0000000000000000.crt`, `${newCa.pem}${oldCa.pem}`)
    const before = await snapshot(root)
    const un = await linux(oldBundle, root, ['--uninstall'])
    expect(un.code, un.out).toBe(0)
    expect(un.out).toContain(`left in place: ${mixed} holds this CA and another`)
    expect(un.out).toContain(`left in place (not ours): ${other}`)
    expect(await snapshot(root)).toEqual(before)
    expect(await fs.readFile(forcedBak, 'utf8')).toBe(foreignCa.pem)
    expect(await fs.readFile(anchor, 'utf8')).toBe(`${newCa.pem}${oldCa.pem}`)
  })
})

describe(
  'install-macos.sh with a two-CA ca.crt (a stub security on PATH, HOME in a temp folder)',
  { timeout: 240_000 },
  () => {
    async function mac(bundle: string, home: string, args: string[] = []): Promise<Ran> {
      return sh(join(bundle, 'install-macos.sh'), args, { HOME: home, STUB_KEYCHAIN: join(home, 'keychain') })
    }
    const keychain = async (home: string): Promise<string> =>
      fs.readFile(join(home, 'keychain'), 'utf8').catch(() => '')
    const sha1 = (t: TrustCa): string => pemCertificates(t.pem)[0]?.fingerprint.replace(/:/g, '') ?? ''

    it('a one-CA bundle: one add-trusted-cert, with ca.crt itself', async () => {
      const home = await fs.mkdtemp(join(work.path, 'home-'))
      const r = await mac(oldBundle, home)
      expect(r.code, r.out).toBe(0)
      expect(r.log.match(/^security add-trusted-cert/gm)).toHaveLength(1)
      expect(r.log).toContain(
        `add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${oldBundle}/ca.crt`,
      )
      expect(r.log).toContain(`file-certs 1 ${fp(oldCa.pem)}`)
    })

    it('a two-CA bundle: one add-trusted-cert per certificate, each file holding exactly that certificate', async () => {
      const home = await fs.mkdtemp(join(work.path, 'home-'))
      const dry = await mac(twoBundle, home, ['--dry-run'])
      expect(dry.out.match(/would run: security add-trusted-cert/g)).toHaveLength(2)
      const r = await mac(twoBundle, home)
      expect(r.code, r.out).toBe(0)
      expect(r.out.match(/ca\.crt fingerprint OK/g)).toHaveLength(2)
      const added = [...r.log.matchAll(/file-certs (\d) ([0-9A-F]+)/g)].map((m) => `${m[1]} ${m[2]}`)
      expect(added).toEqual([`1 ${fp(newCa.pem)}`, `1 ${fp(oldCa.pem)}`])
      expect(await fs.readFile(join(home, '.docker/certs.d/127.0.0.1:5443/ca.crt'), 'utf8')).toBe(
        await fs.readFile(join(twoBundle, 'ca.crt'), 'utf8'),
      )
      // Again: both already trusted, nothing added.
      const again = await mac(twoBundle, home)
      expect(again.log).not.toContain('add-trusted-cert')
      expect(again.out.match(/already trusted/g)).toHaveLength(2)
    })

    it('over a one-CA install (a backup kept), then uninstall with the OLD bundle: both CAs and all files gone', async () => {
      const home = await fs.mkdtemp(join(work.path, 'home-'))
      expect((await mac(oldBundle, home)).code).toBe(0)
      const up = await mac(twoBundle, home)
      expect(up.code, up.out).toBe(0)
      expect([...up.log.matchAll(/file-certs 1 ([0-9A-F]+)/g)].map((m) => m[1])).toEqual([fp(newCa.pem)])
      const dest = join(home, '.docker/certs.d/registry.rw-a.test:5000/ca.crt')
      expect(await fs.readFile(`${dest}.bak-registry-wizard`, 'utf8')).toBe(oldCa.pem)
      expect(await keychain(home)).toContain(sha1(newCa))
      const un = await mac(oldBundle, home, ['--uninstall'])
      expect(un.code, un.out).toBe(0)
      expect(un.log).toContain(`delete-certificate -Z ${sha1(oldCa)}`)
      expect(un.log).toContain(`delete-certificate -Z ${sha1(newCa)}`)
      expect((await keychain(home)).trim()).toBe('')
      expect(await fs.readdir(join(home, '.docker/certs.d'))).toEqual([])
    })

    it('a two-CA file it did not install over (no backup of ours) is left, and its other CA stays trusted', async () => {
      const home = await fs.mkdtemp(join(work.path, 'home-'))
      expect((await mac(twoBundle, home)).code).toBe(0)
      const un = await mac(oldBundle, home, ['--uninstall'])
      expect(un.code, un.out).toBe(0)
      expect(un.out).toContain('left in place (not installed by this bundle)')
      expect(un.log).not.toContain(`delete-certificate -Z ${sha1(newCa)}`)
      expect(await keychain(home)).toContain(sha1(newCa))
      expect(await keychain(home)).not.toContain(sha1(oldCa))
    })
  },
)

describe('install.ps1 (PowerShell is not installable here: parsed and checked in its syntax tree)', () => {
  let parser: Parser
  let text: string
  beforeAll(async () => {
    await Parser.init()
    const lang = await Language.load(
      join(REPO, 'node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm'),
    )
    parser = new Parser()
    parser.setLanguage(lang)
    text = await fs.readFile(join(twoBundle, 'install.ps1'), 'utf8')
  })
  const errors = (src: string): string[] => {
    const out: string[] = []
    const walk = (n: Node): void => {
      if (n.type === 'ERROR' || n.isMissing) out.push(`${n.startPosition.row + 1}: ${n.text.slice(0, 60)}`)
      for (const c of n.children) walk(c)
    }
    const tree = parser.parse(src)
    if (tree !== null) walk(tree.rootNode)
    return out
  }
  const nodes = (type: string): Node[] => parser.parse(text)?.rootNode.descendantsOfType(type) ?? []
  const loopOver = (command: string): string[] =>
    nodes('command')
      .filter((c) => c.childForFieldName('command_name')?.text === command)
      .map((c) => {
        let n: Node | null = c.parent
        while (n !== null && n.type !== 'foreach_statement') n = n.parent
        return n?.namedChildren[1]?.text ?? 'outside any foreach'
      })

  it('parses without a syntax error (and the check catches one)', () => {
    expect(errors(text)).toEqual([])
    expect(errors(text.replace('foreach ($c in $certs) {', 'foreach ($c in $certs {'))).not.toEqual([])
  })

  it('imports and removes once per certificate of ca.crt: Import-Certificate inside foreach over $certs', () => {
    expect(loopOver('Import-Certificate')).toEqual(['$certs'])
    // Removal from the Root store: each of ours, then each renewal partner of an overlap file proven ours.
    const removals = nodes('command').filter(
      (c) => c.childForFieldName('command_name')?.text === 'Remove-Item' && c.text.includes('$storePath'),
    )
    expect(removals).toHaveLength(2)
  })

  it('its PEM pattern splits the two-CA ca.crt into the two certificates of ca.crt.sha256, in order', async () => {
    const pattern = /\[regex\]::Matches\(\$text, '([^']+)'\)/.exec(text)?.[1]
    expect(pattern).toBeDefined()
    const caText = await fs.readFile(join(twoBundle, 'ca.crt'), 'utf8')
    const ders = [...caText.matchAll(new RegExp(pattern ?? '', 'g'))].map((m) =>
      Buffer.from((m[1] ?? '').replace(/\s/g, ''), 'base64'),
    )
    const hashes = ders.map((d) => createHash('sha256').update(d).digest('hex').toUpperCase())
    const lines = (await fs.readFile(join(twoBundle, 'ca.crt.sha256'), 'utf8'))
      .split('\n')
      .filter((l) => l.startsWith('SHA256 Fingerprint='))
      .map((l) => l.replace('SHA256 Fingerprint=', '').replace(/:/g, '').toUpperCase())
    expect(hashes).toEqual(lines)
    expect(hashes).toEqual([fp(newCa.pem), fp(oldCa.pem)])
  })
})
