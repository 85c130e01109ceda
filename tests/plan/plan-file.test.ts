import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isAppError, type AppError } from '../../main/errors'
import { createTranslator, errorTexts } from '../../main/messages/index'
import { loadPlanFile, parsePlan } from '../../main/plan/load'
import { setupInput } from '../../main/plan/setup-input'
import { makeTmpDir, snapshotDir } from '../support/fs-snapshot'
import { runCliIn } from '../support/run-cli'

/** The plan of issue 15, word for word: a plan written by hand today must keep working. */
const ISSUE_PLAN = `version: 1
registry: { addresses: [192.168.20.10, hub.example.lan], port: 5000, name: registry, data: ./storage }
engine: { host: local }            # or ssh://user@host, or tcp://host:2376 with tls: {ca, cert, key}
ca: { dir: ./ca, create: { cn: Example Registry CA, keyType: ecdsa-p256 } }   # or import: {cert, key, passphraseFile}
certificate: { dir: ./certs }      # issued for every address above
trust: { targets: [docker, os], root: / }
bundle: { out: ./bundle }
verify: { push: true }
`

const BLOCK_PLAN = `version: 1
registry:
  addresses:
    - 10.0.0.5
  port: 5000
ca:
  dir: ./ca
  create:
    cn: Block CA
    keyType: ecdsa-p256
certificate:
  dir: ./certs
`

/** The error a plan text is refused with (the test fails when it is accepted). */
function refusal(text: string): AppError {
  try {
    parsePlan(text, 'plan.yaml')
  } catch (err) {
    if (isAppError(err)) return err
    throw err
  }
  throw new Error('the plan was accepted')
}

const en = createTranslator('en')
const zh = createTranslator('zh-CN')
const english = (err: AppError): string => errorTexts(en, err, 'cli').message

const tmp = makeTmpDir('rw-plan-file-')
afterAll(() => fs.rm(tmp, { recursive: true, force: true }))

describe('plan file: accepted', () => {
  it("reads the issue's plan as written (flow style, comments)", () => {
    const { plan } = parsePlan(ISSUE_PLAN, 'plan.yaml')
    expect(plan.registry.addresses).toEqual(['192.168.20.10', 'hub.example.lan'])
    expect(plan.ca.create?.keyType).toBe('ecdsa-p256')
    expect(plan.trust).toEqual({ targets: ['docker', 'os'], root: '/' })
    expect(plan.verify?.push).toBe(true)
  })

  it('reads block style, the optional sections left out', () => {
    expect(parsePlan(BLOCK_PLAN, 'plan.yaml').plan.certificate.dir).toBe('./certs')
  })
})

describe('plan file: refused with the key and the line', () => {
  it('a bad key type names ca.create.keyType on its line', () => {
    const err = refusal(BLOCK_PLAN.replace('keyType: ecdsa-p256', 'keyType: ed25519'))
    expect(err.code).toBe('PLAN_INVALID')
    expect(err.kind).toBe('input')
    expect(err.params).toMatchObject({ key: 'ca.create.keyType', line: 10 })
    expect(english(err)).toBe(
      'plan.yaml:10: ca.create.keyType: must be one of ecdsa-p256, rsa-2048, rsa-3072, rsa-4096',
    )
  })

  it('a wrong type names the key and says what it must be', () => {
    const err = refusal(BLOCK_PLAN.replace('port: 5000', 'port: five'))
    expect(err.params).toMatchObject({ key: 'registry.port', line: 5 })
    expect(english(err)).toContain('registry.port: must be a port from 1 to 65535')
  })

  it('an unknown key (a typo) is named at its own line', () => {
    const err = refusal(BLOCK_PLAN.replace('  port: 5000\n', '  port: 5000\n  prot: 5001\n'))
    expect(err.params).toMatchObject({ key: 'registry.prot', line: 6 })
    expect(english(err)).toContain('registry.prot: unknown key')
  })

  it('a missing version is named as required (line 1)', () => {
    const err = refusal(BLOCK_PLAN.replace('version: 1\n', ''))
    expect(err.params).toMatchObject({ key: 'version', line: 1 })
    expect(english(err)).toBe('plan.yaml:1: version: required key missing')
  })

  it('another version is refused', () => {
    const err = refusal(BLOCK_PLAN.replace('version: 1', 'version: 2'))
    expect(english(err)).toContain('version: must be 1')
  })

  it('create and import together, and data with volume, are refused', () => {
    const both = refusal(
      BLOCK_PLAN.replace(
        '    keyType: ecdsa-p256\n',
        '    keyType: ecdsa-p256\n  import: { cert: a, key: b }\n',
      ),
    )
    expect(english(both)).toContain('ca: needs exactly one of create and import')
    const storage = refusal(BLOCK_PLAN.replace('  port: 5000\n', '  port: 5000\n  data: ./d\n  volume: v\n'))
    expect(storage.params).toMatchObject({ key: 'registry.volume' })
  })

  it('several problems: the first by line, the others listed after it', () => {
    const err = refusal(BLOCK_PLAN.replace('port: 5000', 'port: 0').replace('cn: Block CA', 'cn: 7'))
    expect(err.params).toMatchObject({ key: 'registry.port', line: 5 })
    expect(english(err)).toContain('plan.yaml:9: ca.create.cn: must be a text that is not empty')
  })

  it('YAML that does not parse names its line', () => {
    const err = refusal(BLOCK_PLAN.replace('  port: 5000\n', '  port: [5000\n'))
    expect(err.code).toBe('PLAN_SYNTAX')
    expect(err.params?.['line']).toBeGreaterThanOrEqual(5)
  })

  it('a duplicate key is a syntax error at the second one', () => {
    const err = refusal(BLOCK_PLAN.replace('  port: 5000\n', '  port: 5000\n  port: 5001\n'))
    expect(err.code).toBe('PLAN_SYNTAX')
    expect(err.params).toMatchObject({ line: 6 })
  })

  it('renders in Chinese with the same key and line', () => {
    const err = refusal(BLOCK_PLAN.replace('  port: 5000\n', '  port: 5000\n  prot: 5001\n'))
    const text = errorTexts(zh, err, 'cli').message
    expect(text).toBe('plan.yaml:6：registry.prot：未知的键（计划文件格式列出了所有键）')
  })
})

describe('plan file: paths', () => {
  it('relative paths start at the plan file, not at the working directory', async () => {
    const dir = join(tmp, 'site')
    await fs.mkdir(dir, { recursive: true })
    await fs.writeFile(join(dir, 'pw'), 'secret\n')
    const text = BLOCK_PLAN.replace(
      '  port: 5000\n',
      '  port: 5000\n  data: ./storage\n  users: [{ name: ci, passwordFile: pw }]\n',
    )
    await fs.writeFile(join(dir, 'plan.yaml'), text)
    const input = await setupInput(await loadPlanFile(join(dir, 'plan.yaml')))
    expect(input.ca.dir).toBe(join(dir, 'ca'))
    expect(input.certificate.dir).toBe(join(dir, 'certs'))
    expect(input.storage).toEqual({ kind: 'hostPath', path: join(dir, 'storage') })
    expect(input.users).toEqual([{ user: 'ci', password: 'secret' }])
    expect(input.certificate.keyType).toBe('ecdsa-p256')
    expect(input.trust).toBeUndefined()
  })

  it('an absolute path stays as it is', async () => {
    const dir = join(tmp, 'abs')
    await fs.mkdir(dir, { recursive: true })
    await fs.writeFile(join(dir, 'plan.yaml'), BLOCK_PLAN.replace('dir: ./ca', 'dir: /srv/ca'))
    expect((await setupInput(await loadPlanFile(join(dir, 'plan.yaml')))).ca.dir).toBe('/srv/ca')
  })
})

describe('setup --plan with a bad plan (CLI)', () => {
  it('exits 2 naming key and line, in English and in Chinese, and writes nothing', async () => {
    const dir = join(tmp, 'bad')
    await fs.mkdir(dir, { recursive: true })
    await fs.writeFile(
      join(dir, 'plan.yaml'),
      BLOCK_PLAN.replace('keyType: ecdsa-p256', 'keyTyp: ecdsa-p256'),
    )
    const before = await snapshotDir(dir)
    const r = await runCliIn(dir, ['setup', '--plan', 'plan.yaml'], { LANG: 'C' })
    expect(r.code).toBe(2)
    expect(r.err).toContain('plan.yaml:10: ca.create.keyTyp: unknown key')
    expect(r.err).toContain(
      'hint: Correct that key in the plan file and run registry-wizard setup --plan FILE again',
    )
    const zhRun = await runCliIn(dir, ['--lang', 'zh-CN', 'setup', '--plan', 'plan.yaml'], {})
    expect(zhRun.code).toBe(2)
    expect(zhRun.err).toContain('ca.create.keyTyp：未知的键')
    expect(zhRun.err).not.toMatch(/unknown key|required/)
    expect(await snapshotDir(dir)).toEqual(before)
  })

  it('a missing password file exits 2 before any step', async () => {
    const dir = join(tmp, 'nopw')
    await fs.mkdir(dir, { recursive: true })
    const text = BLOCK_PLAN.replace(
      '  port: 5000\n',
      '  port: 5000\n  users: [{ name: ci, passwordFile: missing.txt }]\n',
    )
    await fs.writeFile(join(dir, 'plan.yaml'), text)
    const r = await runCliIn(dir, ['setup', '--plan', 'plan.yaml'], { LANG: 'C' })
    expect(r.code).toBe(2)
    expect(r.err).toContain('registry.users[0].passwordFile')
    expect(r.out).not.toContain('[1/6]')
    expect(await fs.readdir(dir)).toEqual(['plan.yaml'])
  })
})
