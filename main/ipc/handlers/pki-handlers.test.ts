import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  copyFileSync,
  writeFileSync,
  readdirSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startIpc, type IpcHarness } from '../../../tests/support/ipc-harness'
import { makeOpensslHierarchy, type OpensslCa } from '../../../tests/support/openssl-chain'
import { createTranslator, errorTexts } from '../../messages/index'
import type { ErrorInfo, RegistryWizardApi, Result } from '../contract'

vi.mock('electron', () => import('../../../tests/support/electron-stand-in/index'))

// The certificate step through the real IPC path: the real preload API -> stand-in ipcRenderer -> registerHandlers
// (sender check, zod) -> pkiHandlers -> main/pki, on a CA hierarchy made by openssl (not by our core).

let dir: string
let api: RegistryWizardApi
let ipc: IpcHarness
let picked: string | null
let company: OpensslCa[]

const call = <T>(fn: () => Promise<T>): Promise<T> => ipc.fromApp(fn)
const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.value
}
const failure = <T>(r: Result<T>): ErrorInfo => {
  if (r.ok) throw new Error('expected a failure')
  return r.error
}
const fingerprint = (pem: string): string =>
  execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: pem, encoding: 'utf8' })
    .trim()
    .replace(/^.*=/, '')
const pemBlocks = (text: string): string[] =>
  text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g) ?? []

/** The user picks a file in main's own dialog (Browse), as the import form does. */
async function pick(path: string): Promise<string> {
  picked = path
  const r = value(await call(() => api.chooseFile({ title: 'Chain file', extensions: ['crt', 'pem'] })))
  return r.path as string
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rw-pki-ipc-'))
  mkdirSync(join(dir, 'company'))
  company = makeOpensslHierarchy(join(dir, 'company'), 1)
  picked = null
  ipc = startIpc({
    dir,
    deps: {
      dialogs: { chooseFolder: () => Promise.resolve(null), chooseFile: () => Promise.resolve(picked) },
    },
  })
  api = ipc.api
})
afterEach(() => {
  ipc.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('pki handlers over IPC: an enterprise intermediate CA', () => {
  it('imports a pathlen:0 intermediate with its root chain, then issues: domain.crt = leaf + intermediate, ca.crt = root', async () => {
    const [root, inter] = company as [OpensslCa, OpensslCa]
    const caDir = join(dir, 'ca')
    const chainPath = await pick(root.cert)
    const ca = value(
      await call(() => api.importCa({ dir: caDir, certPath: inter.cert, chainPath, keyPath: inter.key })),
    )
    const rootPem = readFileSync(root.cert, 'utf8')
    const interPem = readFileSync(inter.cert, 'utf8')
    expect(ca.certificate.subject).toContain('Example Issuing CA 1')
    expect(ca.chain).toMatchObject({ intermediate: true, length: 2, intermediates: [] })
    expect(ca.chain?.root.subject).toContain('Example Root CA')
    expect(ca.chain?.root.fingerprintSha256).toBe(fingerprint(rootPem))
    expect(pemBlocks(readFileSync(join(caDir, 'chain.crt'), 'utf8')).map(fingerprint)).toEqual([
      fingerprint(rootPem),
    ])

    const issued = value(
      await call(() =>
        api.issueServerCert({
          jobId: 'issue-1',
          caDir,
          outDir: join(dir, 'out'),
          sans: ['192.168.20.10', 'registry.example.lan'],
        }),
      ),
    )
    const served = pemBlocks(readFileSync(issued.certPath, 'utf8'))
    expect(served).toHaveLength(2)
    expect(fingerprint(served[0] as string)).toBe(issued.certificate.fingerprintSha256)
    expect(fingerprint(served[1] as string)).toBe(fingerprint(interPem))
    expect(issued.caCertPath).toBe(join(dir, 'out', 'ca.crt'))
    expect(pemBlocks(readFileSync(issued.caCertPath, 'utf8')).map(fingerprint)).toEqual([
      fingerprint(rootPem),
    ])
    expect(issued.chainLength).toBe(2)
    expect(issued.root?.fingerprintSha256).toBe(fingerprint(rootPem))
    // openssl, trusting only the root, builds the chain from what domain.crt carries.
    writeFileSync(join(dir, 'leaf.pem'), served[0] as string)
    writeFileSync(join(dir, 'untrusted.pem'), served[1] as string)
    const verify = execFileSync(
      'openssl',
      [
        'verify',
        '-CAfile',
        issued.caCertPath,
        '-untrusted',
        join(dir, 'untrusted.pem'),
        '-purpose',
        'sslserver',
        join(dir, 'leaf.pem'),
      ],
      { encoding: 'utf8' },
    )
    expect(verify.trim()).toMatch(/: OK$/)

    // Opening the folder again describes the same chain.
    const reopened = value(await call(() => api.openCa({ dir: caDir })))
    expect(reopened.chain).toEqual(ca.chain)
  })

  it('two intermediates: the chain picture data is nearest first, domain.crt carries both, never the root', async () => {
    rmSync(join(dir, 'company'), { recursive: true })
    mkdirSync(join(dir, 'company'))
    const [root, upper, lower] = makeOpensslHierarchy(join(dir, 'company'), 2) as [
      OpensslCa,
      OpensslCa,
      OpensslCa,
    ]
    writeFileSync(join(dir, 'chain.pem'), readFileSync(upper.cert, 'utf8') + readFileSync(root.cert, 'utf8'))
    const caDir = join(dir, 'ca')
    const chainPath = await pick(join(dir, 'chain.pem'))
    const ca = value(
      await call(() => api.importCa({ dir: caDir, certPath: lower.cert, chainPath, keyPath: lower.key })),
    )
    expect(ca.chain?.length).toBe(3)
    expect(ca.chain?.intermediates.map((c) => c.commonName)).toEqual(['Example Issuing CA 1'])
    const issued = value(
      await call(() =>
        api.issueServerCert({ jobId: 'issue-2', caDir, outDir: join(dir, 'out'), sans: ['192.168.20.10'] }),
      ),
    )
    const served = pemBlocks(readFileSync(issued.certPath, 'utf8')).map(fingerprint)
    expect(served.slice(1)).toEqual([
      fingerprint(readFileSync(lower.cert, 'utf8')),
      fingerprint(readFileSync(upper.cert, 'utf8')),
    ])
    expect(served).not.toContain(fingerprint(readFileSync(root.cert, 'utf8')))
    expect(issued.chainLength).toBe(3)
  })

  it('without the chain: CA_CHAIN_MISSING reaches the renderer, which shows it at the chain file control in both languages', async () => {
    const [, inter] = company as [OpensslCa, OpensslCa]
    const caDir = join(dir, 'ca')
    const error = failure(
      await call(() => api.importCa({ dir: caDir, certPath: inter.cert, keyPath: inter.key })),
    )
    // The field is the request's chain control (the fix), the texts are the code's, with its parameters.
    expect(error).toMatchObject({ code: 'CA_CHAIN_MISSING', field: 'chainPath' })
    expect(error.params?.['subject']).toBe('O=Example Ltd, CN=Example Issuing CA 1')
    for (const [lang, words, subject] of [
      ['en', 'Chain file (intermediates, then the root)', 'is an intermediate CA'],
      ['zh-CN', '证书链文件（中间 CA，最后是根 CA）', '是中间 CA'],
    ] as const) {
      const shown = errorTexts(createTranslator(lang), error, 'gui')
      expect(shown.message).toContain(subject)
      expect(shown.message).toContain('Example Issuing CA 1')
      expect(shown.hint).toContain(words) // the GUI's own fix, naming its control ...
      expect(shown.hint).not.toMatch(/--\w/) // ... never the CLI's --chain
    }
    expect(errorTexts(createTranslator('en'), error, 'cli').hint).toContain('--chain FILE')
    expect(existsSync(caDir)).toBe(false)
  })

  it('a chain that does not lead to the intermediate is refused at the chain field, nothing written', async () => {
    const [, inter] = company as [OpensslCa, OpensslCa]
    mkdirSync(join(dir, 'other'))
    const [otherRoot] = makeOpensslHierarchy(join(dir, 'other'), 0, { name: 'Other' }) as [OpensslCa]
    const caDir = join(dir, 'ca')
    const chainPath = await pick(otherRoot.cert)
    const error = failure(
      await call(() => api.importCa({ dir: caDir, certPath: inter.cert, chainPath, keyPath: inter.key })),
    )
    expect(error).toMatchObject({ code: 'CA_CHAIN_INCOMPLETE', field: 'chainPath' })
    expect(existsSync(caDir)).toBe(false)
  })

  it('main checks the chain path itself: absolute, a regular file, bounded in size', async () => {
    const [, inter] = company as [OpensslCa, OpensslCa]
    const caDir = join(dir, 'ca')
    const req = (chainPath: unknown) =>
      call(() =>
        api.importCa({
          dir: caDir,
          certPath: inter.cert,
          chainPath: chainPath as string,
          keyPath: inter.key,
        }),
      )
    expect(failure(await req('company/root.crt'))).toMatchObject({
      code: 'FILE_PATH_RELATIVE',
      field: 'chainPath',
    })
    expect(failure(await req(join(dir, 'company')))).toMatchObject({
      code: 'FILE_NOT_REGULAR',
      field: 'chainPath',
    })
    const missing = failure(await req(join(dir, 'missing.pem')))
    expect(missing).toMatchObject({
      code: 'FILE_UNREADABLE',
      field: 'chainPath',
      params: { errno: 'ENOENT' },
    })
    expect(errorTexts(createTranslator('zh-CN'), missing, 'gui', () => '证书链文件').hint).toBe(
      '请用“浏览”选择文件。没有做任何更改。',
    )
    const started = Date.now()
    expect(failure(await req('/dev/zero'))).toMatchObject({ field: 'chainPath' })
    execFileSync('mkfifo', [join(dir, 'fifo')])
    expect(failure(await req(join(dir, 'fifo')))).toMatchObject({ field: 'chainPath' })
    expect(Date.now() - started).toBeLessThan(5000)
    writeFileSync(join(dir, 'huge.pem'), Buffer.alloc(5 * 1024 * 1024, 0x41))
    expect(failure(await req(join(dir, 'huge.pem')))).toMatchObject({
      code: 'INPUT_TOO_LARGE',
      field: 'chainPath',
    })
    expect(failure(await req(''))).toMatchObject({ code: 'INVALID_INPUT', field: 'chainPath' })
    expect(failure(await req(5))).toMatchObject({ code: 'INVALID_INPUT', field: 'chainPath' })
    expect(existsSync(caDir)).toBe(false)
  })

  it('a CA folder holding an intermediate without chain.crt is refused on open and issue, pointing at a new import', async () => {
    const [, inter] = company as [OpensslCa, OpensslCa]
    const caDir = join(dir, 'old-ca')
    mkdirSync(caDir)
    copyFileSync(inter.cert, join(caDir, 'ca.crt'))
    copyFileSync(inter.key, join(caDir, 'ca.key'))
    const opened = failure(await call(() => api.openCa({ dir: caDir })))
    expect(opened).toMatchObject({ code: 'CA_DIR_CHAIN_MISSING', field: 'dir' })
    expect(errorTexts(createTranslator('en'), opened, 'gui').hint).toContain(
      '"Import a CA" with its chain file',
    )
    expect(errorTexts(createTranslator('zh-CN'), opened, 'gui').hint).toContain('“导入 CA”')
    const out = join(dir, 'out')
    const issued = failure(
      await call(() =>
        api.issueServerCert({ jobId: 'issue-3', caDir, outDir: out, sans: ['192.168.20.10'] }),
      ),
    )
    expect(issued).toMatchObject({ code: 'CA_DIR_CHAIN_MISSING', field: 'caDir' })
    expect(existsSync(out)).toBe(false)
    expect(readdirSync(caDir).sort()).toEqual(['ca.crt', 'ca.key'])
  })

  it('a root CA keeps its one-certificate chain: chain length 1, ca.crt is the CA itself', async () => {
    const [root] = company as [OpensslCa]
    const caDir = join(dir, 'ca')
    const ca = value(await call(() => api.importCa({ dir: caDir, certPath: root.cert, keyPath: root.key })))
    expect(ca.chain).toMatchObject({ intermediate: false, length: 1, intermediates: [] })
    expect(ca.chain?.root.fingerprintSha256).toBe(ca.certificate.fingerprintSha256)
    const issued = value(
      await call(() =>
        api.issueServerCert({ jobId: 'issue-4', caDir, outDir: join(dir, 'out'), sans: ['192.168.20.10'] }),
      ),
    )
    expect(pemBlocks(readFileSync(issued.certPath, 'utf8'))).toHaveLength(1)
    expect(issued.chainLength).toBe(1)
    expect(issued.root?.fingerprintSha256).toBe(ca.certificate.fingerprintSha256)
  })
})
