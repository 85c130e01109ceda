// `registry replace-cert` runs the main-side replace job (main/lifecycle) against the real registry:2: step lines from
// the job's messages in the run's language, a pair failing health or Ctrl-C rolls back to the old pair (seen with
// openssl s_client), exit 1 with the coded error; checks that refuse before any change exit 2.
import { randomBytes } from 'node:crypto'
import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/program'
import { connectEngine, readCertDir, registryStatus, startRegistry } from '../../main/docker'
import {
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  issueMore,
  makeCerts,
  runCliIn,
  tempDir,
  trackRegistry,
} from '../support/rw-reg-fixtures'
import { fileFingerprint, folderState, servedFingerprint, stagingLeft, waitServed } from './served-cert'

const engine = connectEngine({})
const name = `rw-h7-${randomBytes(3).toString('hex')}`
const containers: string[] = []
const volumes: string[] = []
let root: { path: string; cleanup: () => Promise<void> }
let caDir: string
let liveDir: string
let port: number

const cli = (args: string[]): ReturnType<typeof runCliIn> =>
  runCliIn(root.path, ['registry', 'replace-cert', '--name', name, ...args])

const EN_STEPS = [
  'Reading the certificate in use',
  'Checking the new certificate',
  'Putting the new certificate in place',
  'Checking health',
]

beforeAll(async () => {
  await ensureRegistryImage()
  root = await tempDir('rw-h7-')
  ;({ caDir, certDir: liveDir } = await makeCerts(root.path, ['127.0.0.1', 'localhost'], 'ca'))
  trackRegistry(containers, volumes, name)
  port = await freePort()
  const started = await startRegistry(engine, {
    name,
    port,
    certs: await readCertDir(liveDir),
    certStore: 'bind',
    registryHost: '127.0.0.1',
  })
  expect(started.certStore.kind).toBe('bind')
})

afterAll(async () => {
  await dockerCleanup(containers, volumes)
  await root.cleanup()
})

/** A pair from the same CA whose certificate is for client authentication only: every check passes, TLS clients refuse it. */
async function clientOnlyPair(dir: string): Promise<string> {
  const issued = `${dir}-issued`
  await issueMore(caDir, issued, ['127.0.0.1', 'localhost'], 'client')
  await mkdir(dir, { recursive: true })
  await copyFile(join(issued, 'client.crt'), join(dir, 'domain.crt'))
  await copyFile(join(issued, 'client.key'), join(dir, 'domain.key'))
  await copyFile(join(issued, 'ca.crt'), join(dir, 'ca.crt'))
  return dir
}

/** The live folder and what the registry serves are the pair from before; nothing left behind. */
async function expectOldPair(before: Record<string, string>, oldPrint: string): Promise<void> {
  expect(await folderState(liveDir)).toEqual(before)
  expect(await waitServed(port, oldPrint)).toBe(oldPrint)
  expect(await stagingLeft(liveDir)).toEqual([])
}

describe('registry replace-cert (the replace job, real registry:2)', () => {
  it('a pair already issued: exit 0, served and in the live folder, the steps on stderr in English', async () => {
    const fresh = join(root.path, 'fresh')
    await issueMore(caDir, fresh, ['127.0.0.1'])
    const r = await cli(['--certs', fresh, '--registry-host', '127.0.0.1'])
    expect(r.code).toBe(0)
    expect(r.err).toBe(`${EN_STEPS.join('\n')}\n`)
    expect(r.out).toMatch(
      new RegExp(`^${name} now serves a certificate valid until \\S+; healthy \\(HTTP 200\\)\\n$`),
    )
    const newPrint = await fileFingerprint(join(fresh, 'domain.crt'))
    expect(await fileFingerprint(join(liveDir, 'domain.crt'))).toBe(newPrint)
    expect(await servedFingerprint(port)).toBe(newPrint)
  })

  it('a pair that fails the health check: exit 1 with the health error, the old pair back on disk and served', async () => {
    const before = await folderState(liveDir)
    const oldPrint = await fileFingerprint(join(liveDir, 'domain.crt'))
    const bad = await clientOnlyPair(join(root.path, 'client-only'))
    const r = await cli(['--certs', bad, '--registry-host', '127.0.0.1', '--health-timeout', '6'])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${EN_STEPS.join('\n')}\nUndoing the steps done so far\n`)
    expect(r.err).toMatch(/error: The registry at \S+ is not healthy: /)
    await expectOldPair(before, oldPrint)
  })

  it('--lang zh-CN: the same failure in Chinese, from the job messages and the error catalogue', async () => {
    const before = await folderState(liveDir)
    const oldPrint = await fileFingerprint(join(liveDir, 'domain.crt'))
    const bad = await clientOnlyPair(join(root.path, 'client-only-zh'))
    const r = await runCliIn(root.path, [
      '--lang',
      'zh-CN',
      ...['registry', 'replace-cert', '--name', name, '--certs', bad, '--health-timeout', '6'],
    ])
    expect(r.code).toBe(1)
    expect(r.err).toContain(
      '正在读取当前使用的证书\n正在检查新证书\n正在换上新证书\n正在检查健康状态\n正在撤销已完成的步骤\n',
    )
    expect(r.err).not.toContain('Checking')
    expect(r.err).not.toContain('is not healthy')
    await expectOldPair(before, oldPrint)
  })

  it('Ctrl-C during the health check: the old pair back, exit 1 (cancelled)', async () => {
    const before = await folderState(liveDir)
    const oldPrint = await fileFingerprint(join(liveDir, 'domain.crt'))
    const fresh = join(root.path, 'fresh-cancel')
    await issueMore(caDir, fresh, ['127.0.0.1'])
    let err = ''
    const code = await runCli(['registry', 'replace-cert', '--name', name, '--certs', fresh], {
      stdout: () => undefined,
      stderr: (t) => {
        err += t
        if (t === 'Checking health\n') process.emit('SIGINT', 'SIGINT')
      },
      env: { PATH: process.env.PATH },
      cwd: root.path,
    })
    expect(err).toContain('Checking health\nUndoing the steps done so far\n')
    expect(err).toMatch(/error: .*cancel/i)
    expect(code).toBe(1)
    await expectOldPair(before, oldPrint)
  })

  it('--ca-dir: issues from the CA for the names of the certificate in use; zh-CN result line', async () => {
    const oldPrint = await fileFingerprint(join(liveDir, 'domain.crt'))
    const r = await runCliIn(root.path, [
      '--lang',
      'zh-CN',
      ...['registry', 'replace-cert', '--name', name, '--ca-dir', caDir, '--days', '5'],
    ])
    expect(r.err).toBe('正在读取当前使用的证书\n正在签发新证书\n正在换上新证书\n正在检查健康状态\n')
    expect(r.code).toBe(0)
    // No English word outside the data (the container's name is random hex: 'ecda' in it is no word).
    expect(r.out.replace(name, '')).not.toMatch(/[a-z]{4,}/)
    const newPrint = await fileFingerprint(join(liveDir, 'domain.crt'))
    expect(newPrint).not.toBe(oldPrint)
    expect(await servedFingerprint(port)).toBe(newPrint)
    const served = await readCertDir(liveDir)
    const { X509Certificate } = await import('node:crypto')
    expect(new X509Certificate(served.certPem).subjectAltName).toMatch(/IP Address:127\.0\.0\.1/)
    expect(await stagingLeft(liveDir)).toEqual([])
  })
})

describe('registry replace-cert refused before any change (exit 2)', () => {
  it('a pair that does not cover the address: CERT_HOST_NOT_COVERED, the container not restarted', async () => {
    const before = await folderState(liveDir)
    const startedAt = (await registryStatus(engine, name)).startedAt
    const other = join(root.path, 'localhost-only')
    await issueMore(caDir, other, ['localhost'])
    const r = await cli(['--certs', other, '--registry-host', '127.0.0.1'])
    expect(r.code).toBe(2)
    expect(r.err).toContain('error: --certs: ')
    expect(r.err).not.toContain('Putting the new certificate in place')
    expect(await folderState(liveDir)).toEqual(before)
    expect((await registryStatus(engine, name)).startedAt).toBe(startedAt)
  })

  it('the live folder itself as --certs: REPLACE_IN_PLACE (its old pair would be gone), in both languages', async () => {
    const before = await folderState(liveDir)
    const en = await cli(['--certs', liveDir])
    expect(en.code).toBe(2)
    expect(en.err).toContain(
      `error: The new pair is already in the folder the registry uses (${liveDir}): the pair it replaces is gone`,
    )
    expect(en.err).toContain('hint: Give --certs a folder other than the live one')
    const zh = await runCliIn(root.path, [
      '--lang',
      'zh-CN',
      'registry',
      'replace-cert',
      '--name',
      name,
      '--certs',
      liveDir,
    ])
    expect(zh.code).toBe(2)
    expect(zh.err).toContain(`新的证书和密钥已经在仓库正在使用的文件夹（${liveDir}）中`)
    expect(await folderState(liveDir)).toEqual(before)
  })

  it.each([[[]], [['--certs', 'x', '--ca-dir', 'y']], [['--certs', 'x', '--days', '3']]])(
    'one source of the new pair: %j is REPLACE_SOURCE',
    async (args) => {
      const r = await cli(args)
      expect(r.code).toBe(2)
      expect(r.err).toContain('error: Give one source for the new certificate')
      expect(r.err).toContain('hint: Give exactly one of --certs DIR')
    },
  )
})
