import { execFileSync } from 'node:child_process'
import { createPublicKey, X509Certificate } from 'node:crypto'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildProgram, issueKeyType, startEarlyWork } from '../../main/cli/program'
import { makeContext } from '../../main/cli/context'
import { createCaDir } from '../../main/pki'
import { makeTmpDir } from '../support/fs-snapshot'
import { importGraph, REPO } from '../support/import-graph'
import { captureIo } from '../support/run-cli'
import { issueArgs } from '../support/pki-cli'

// `cert issue` must not load node-forge (80-130 ms to load): certificates are built with main/pki/der.ts and signed
// with node:crypto. Checked on the sources (static imports from what the command loads) and on the built bin.
const BIN = join(REPO, 'out/cli/registry-wizard.js')
const work = makeTmpDir('rw-pki-issue-imports-')
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** npm packages the built bin loaded (CommonJS cache at exit: an ESM import of a package goes through it too). */
function packagesLoaded(args: string[]): string[] {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build:cli\` first`)
  const out = join(work, 'loaded.txt')
  rmSync(out, { force: true })
  const preload =
    'data:text/javascript,import{writeFileSync}from"node:fs";import{createRequire}from"node:module";' +
    'const c=createRequire("/").cache;process.on("exit",()=>writeFileSync(process.env.RW_LOADED_OUT,Object.keys(c).join("\\n")))'
  execFileSync(process.execPath, ['--import', preload, BIN, ...args], {
    cwd: work,
    env: { ...process.env, RW_LOADED_OUT: out },
    stdio: 'ignore',
  })
  const names = readFileSync(out, 'utf8')
    .split('\n')
    .map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1])
    .filter((n): n is string => n !== undefined)
  return [...new Set(names)].sort()
}

describe('cert issue import path', () => {
  it('nothing cert issue can load (cert command, its lazy CA code, the pki core) imports node-forge', () => {
    const g = importGraph([
      'main/cli/program.ts',
      'main/cli/commands/cert.ts',
      'main/pki/ca-dir.ts',
      'main/pki/index.ts',
    ])
    expect(g.files).toContain('main/pki/sign-certificate.ts')
    expect(g.files).toContain('main/pki/der.ts')
    expect([...g.packages].filter((p) => p.includes('forge'))).toEqual([])
  })

  it('the built bin issues a certificate loading no npm package from node_modules', async () => {
    const caDir = join(work, 'ca')
    await createCaDir(caDir, { subject: { cn: 'Imports CA' }, keySize: 2048 })
    const loaded = packagesLoaded([...issueArgs(caDir, join(work, 'out')), '--ip', '192.168.20.10'])
    // commander and i18next are bundled into the bin (vite.cli.config.ts): nothing is read from node_modules.
    expect(loaded).toEqual([])
    const cert = new X509Certificate(readFileSync(join(work, 'out', 'domain.crt')))
    expect(cert.verify(new X509Certificate(readFileSync(join(caDir, 'ca.crt'))).publicKey)).toBe(true)
  })
})

describe('cert issue key generated while the CLI loads', () => {
  it('reads the key type from the command line as commander does (--key-size N is rsa-N)', () => {
    const issue = (...rest: string[]): ReturnType<typeof issueKeyType> =>
      issueKeyType(['cert', 'issue', ...rest])
    expect(issue('--ca-dir', 'ca', '--out', 'o', '--ip', '10.0.0.1')).toBe('ecdsa-p256')
    expect(issue('--key-size', '4096')).toBe('rsa-4096')
    expect(issue('--key-size=3072')).toBe('rsa-3072')
    expect(issue('--key-size', '4096', '--key-size', '3072')).toBe('rsa-3072')
    expect(issue('--key-type', 'rsa-2048')).toBe('rsa-2048')
    expect(issue('--key-type=rsa-4096', '--key-size', '4096')).toBe('rsa-4096')
    expect(issue('--key-type', 'ecdsa-p256')).toBe('ecdsa-p256')
    // What the command refuses starts nothing: a bad size or type, or both options disagreeing.
    expect(issue('--key-size', '1024')).toBeUndefined()
    expect(issue('--key-type', 'ed25519')).toBeUndefined()
    expect(issue('--key-type', 'ecdsa-p256', '--key-size', '2048')).toBeUndefined()
    expect(issue('--help')).toBeUndefined()
    // The global --lang before the command (both forms), as commander reads it.
    expect(issueKeyType(['--lang', 'zh-CN', 'cert', 'issue', '--key-type', 'rsa-2048'])).toBe('rsa-2048')
    expect(issueKeyType(['--lang=zh-CN', 'cert', 'issue'])).toBe('ecdsa-p256')
    expect(issueKeyType(['cert', 'inspect', 'x.crt'])).toBeUndefined()
    expect(issueKeyType(['ca', 'create', '--key-size', '2048'])).toBeUndefined()
    expect(startEarlyWork(['--version'])).toEqual({})
  })

  it('the bin starts it first: early-start.ts loads only the key types and the key generation, before i18next', () => {
    const g = importGraph(['main/cli/early-start.ts'])
    expect(g.files).toEqual([
      'main/cli/early-start.ts',
      'main/cli/early-work.ts',
      'main/pki/key-types.ts',
      'main/pki/keygen.ts',
    ])
    // node:crypto is taken when a key is made (process.getBuiltinModule): other commands never load it.
    expect([...g.packages]).toEqual([])
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build:cli\` first`)
    const bin = readFileSync(BIN, 'utf8')
    const started = bin.indexOf('startEarlyWork(process.argv.slice(2))')
    expect(started).toBeGreaterThan(0)
    // The rest of the CLI is a chunk the entry requires after the early start (compile-cache.ts in between):
    // i18next, the catalogue and program.ts are not in the entry at all.
    for (const later of ['node_modules/i18next/', 'main/cli/catalogue.ts', 'main/cli/program.ts'])
      expect(bin.indexOf(`// ${later}`), later).toBe(-1)
    const programChunk = /require\("\.\/chunks\/program-[\w-]+\.js"\)/.exec(bin)
    expect(programChunk?.index).toBeGreaterThan(started)
    expect(bin.indexOf('installCompileCache(__dirname)')).toBeGreaterThan(started)
  })

  it('the issued certificate carries the key started before the command loaded, of the type asked for', async () => {
    const caDir = join(work, 'ca-early')
    await createCaDir(caDir, { subject: { cn: 'Early CA' }, keySize: 2048 })
    const outDir = join(work, 'early')
    const argv = [...issueArgs(caDir, outDir), '--dns', 'registry.lan', '--key-size', '3072']
    const early = startEarlyWork(argv)
    const c = captureIo(work, {})
    let code = 0
    const program = await buildProgram(
      makeContext(c.io, (n) => (code = n)),
      argv,
      early,
    )
    await program.parseAsync(argv, { from: 'user' })
    expect(code).toBe(0)
    const key = await early.issueKey
    expect(key?.asymmetricKeyDetails?.modulusLength).toBe(3072)
    const cert = new X509Certificate(readFileSync(join(outDir, 'domain.crt')))
    const spki = createPublicKey(key as never).export({ type: 'spki', format: 'pem' })
    expect(cert.publicKey.export({ type: 'spki', format: 'pem' })).toBe(spki)
    expect(readFileSync(join(outDir, 'domain.key'), 'utf8')).toBe(
      key?.export({ type: 'pkcs8', format: 'pem' }),
    )
    expect(c.out()).not.toContain('PRIVATE KEY')
  })
})
