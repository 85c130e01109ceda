import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { isAppError } from '../../main/errors'
import { toErrorInfo } from '../../main/ipc/map-error'
import { schemas } from '../../main/ipc/schemas'
import { createTranslator, errorTexts } from '../../main/messages/index'
import { createCaDir, issueToDir, MAX_LEAF_DAYS } from '../../main/pki'
import { opensslLegacyCert } from '../support/openssl'
import { makeTmpDir, snapshotDir } from '../support/fs-snapshot'
import { runCliIn } from '../support/run-cli'
import { issueArgs } from '../support/pki-cli'

// `ca` and `cert` speak the user's language: --lang zh-CN or a zh locale prints every line, every help text and every
// error from the zh-CN catalogue; the paths, subjects and fingerprints (data) stay as they are.

const ZH_ENV = { LANG: 'zh_CN.UTF-8' }

describe('ca / cert in Chinese (--lang zh-CN, LANG=zh_CN.UTF-8)', () => {
  const dir = makeTmpDir('rw-pki-lang-')
  const run = (args: string[], env: NodeJS.ProcessEnv = {}): ReturnType<typeof runCliIn> =>
    runCliIn(dir, args, env)

  it('ca create --lang zh-CN: the result lines in Chinese, no English words', async () => {
    const r = await run(['ca', 'create', '--dir', join(dir, 'ca'), '--key-size', '2048', '--lang', 'zh-CN'])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain(`已在 ${join(dir, 'ca')} 中创建 CA`)
    expect(r.out).toContain('（0600，永不离开本机）')
    for (const english of ['Created CA', 'private key', 'never leaves this machine', 'expires', 'subject'])
      expect(r.out).not.toContain(english)
    const en = await run(['ca', 'create', '--dir', join(dir, 'ca-en'), '--key-size', '2048'], { LANG: 'C' })
    expect(en.out).toContain(`Created CA in ${join(dir, 'ca-en')}`)
  })

  it('cert issue under LANG=zh_CN.UTF-8: Chinese lines; the same run in English says "Issued"', async () => {
    const out = join(dir, 'out')
    const r = await run([...issueArgs(join(dir, 'ca'), out), '--ip', '192.168.20.10'], ZH_ENV)
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain('已为 192.168.20.10 签发服务器证书')
    expect(r.out).toContain('（只把这个文件交给客户端）')
    for (const english of ['Issued', 'server certificate', 'give clients this file only', 'private key'])
      expect(r.out).not.toContain(english)
    expect(readdirSync(out).sort()).toEqual(['ca.crt', 'domain.crt', 'domain.key'])
  })

  it('cert inspect in Chinese, lint findings included; help texts too', async () => {
    const crt = join(dir, 'out', 'domain.crt')
    const r = await run(['cert', 'inspect', crt, '--host', '192.168.20.10', '--lang', 'zh-CN'])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain('覆盖 192.168.20.10：是（IP:192.168.20.10）')
    expect(r.out).toMatch(/还剩 \d+ 天/)
    for (const english of ['days left', 'covers', 'yes (', 'subject ', 'signature '])
      expect(r.out).not.toContain(english)
    // A CN-only SHA-1 certificate with a short key, made by openssl: every finding in Chinese.
    const old = opensslLegacyCert(join(dir, 'old'), { cn: '192.168.20.10' }).cert
    const lint = await run(['cert', 'inspect', old, '--host', '192.168.20.10'], ZH_ENV)
    expect(lint.code).toBe(1) // no SAN covers the host
    expect(lint.out).toContain('覆盖 192.168.20.10：否')
    expect(lint.out).toContain('错误：只有通用名称（CN）“192.168.20.10”标明了服务器')
    expect(lint.out).toContain('错误：RSA 密钥只有 1024 位；至少需要 2048 位')
    for (const english of ['ERROR', 'only the Common Name', 'the RSA key has', 'clients connect by IP'])
      expect(lint.out).not.toContain(english)
    const help = await run(['cert', 'issue', '--help', '--lang', 'zh-CN'])
    expect(help.out).toContain('由 CA 签发服务器证书')
    expect(help.out).not.toContain('Issue a server certificate')
  })

  it('invalid input in Chinese: exit 2, the rule in Chinese, nothing written', async () => {
    const before = await snapshotDir(dir)
    const args = [...issueArgs(join(dir, 'ca'), join(dir, 'never')), '--ip', '300.1.1.1']
    for (const [extra, env] of [
      [['--lang', 'zh-CN'], {}],
      [[], ZH_ENV],
    ] as const) {
      const r = await run([...args, ...extra], env)
      expect(r.code).toBe(2)
      expect(r.err).toContain('--ip："300.1.1.1" 无效；它不是有效的 IPv4 地址；IPv4 地址是四个 0-255 的数字')
      for (const english of ['is not valid', 'an IPv4 address is four numbers', 'Correct'])
        expect(r.err).not.toContain(english)
    }
    const none = await run([...issueArgs(join(dir, 'ca'), join(dir, 'never'))], ZH_ENV)
    expect(none.code).toBe(2)
    expect(none.err).toContain('--ip/--dns：至少需要一个 IP 地址或 DNS 名称')
    expect(none.err).toContain('请至少给出一个 --ip 或 --dns')
    expect(await snapshotDir(dir)).toEqual(before)
  })
})

describe('the 825-day leaf limit is the domain’s: the CLI and IPC refuse the same way', () => {
  const dir = makeTmpDir('rw-pki-825-')
  const caDir = join(dir, 'ca')
  beforeAll(async () => {
    await createCaDir(caDir, { subject: { cn: 'Long CA' }, keySize: 2048, days: 3650 })
  })

  it('cert issue --days 825 issues; 826 and 3000 are refused with exit 2 and nothing written', async () => {
    const ok = await runCliIn(dir, [
      ...issueArgs(caDir, join(dir, 'ok')),
      '--dns',
      'hub.lan',
      '--days',
      String(MAX_LEAF_DAYS),
    ])
    expect(ok.code, ok.err).toBe(0)
    const before = await snapshotDir(dir)
    for (const days of ['826', '3000']) {
      const r = await runCliIn(dir, [
        ...issueArgs(caDir, join(dir, 'never')),
        '--dns',
        'hub.lan',
        '--days',
        days,
      ])
      expect(r.code, days).toBe(2)
      expect(r.err).toContain(
        `error: --days: ${days} is not valid; a whole number of days from 1 to 825 is allowed`,
      )
      expect(existsSync(join(dir, 'never'))).toBe(false)
    }
    expect(await snapshotDir(dir)).toEqual(before)
  })

  it('the domain refuses 826 days with the code and field the IPC schema gives', async () => {
    const domain = await issueToDir({
      caDir,
      outDir: join(dir, 'never'),
      sans: ['hub.lan'],
      days: 826,
    }).catch((e: unknown) => e)
    expect(isAppError(domain) && domain.toJSON()).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'days',
      kind: 'input',
    })
    const schema = schemas.issueServerCert.safeParse({
      jobId: 'j1',
      caDir,
      outDir: join(dir, 'never'),
      sans: ['hub.lan'],
      days: 826,
    })
    expect(schema.success).toBe(false)
    const ipc = toErrorInfo(schema.error)
    expect(ipc).toMatchObject({ code: 'INVALID_INPUT', field: 'days' })
    expect(isAppError(domain) && domain.code).toBe(ipc.code)
    // In the GUI's language, without the CLI's flag.
    const zh = errorTexts(createTranslator('zh-CN'), toErrorInfo(domain), 'gui', () => '有效天数')
    expect(zh.message).toContain('有效天数：826 无效；允许 1 到 825 之间的整数天数')
    expect(existsSync(join(dir, 'never'))).toBe(false)
  })
})
