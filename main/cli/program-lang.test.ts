import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './program'

/** The CLI in-process with captured output. */
async function run(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env,
    cwd: mkdtempSync(join(tmpdir(), 'rw-lang-')),
  })
  return { code, out, err }
}

describe('the CLI speaks the language asked for, commander words included', () => {
  it('help headings and the help option in zh-CN with --lang, and in English without', async () => {
    const zh = await run(['--lang', 'zh-CN', 'ca', '--help'])
    expect(zh.code).toBe(0)
    expect(zh.out).toMatch(/^用法： registry-wizard ca/m)
    expect(zh.out).toContain('选项：')
    expect(zh.out).toContain('显示命令的帮助')
    expect(zh.out).not.toMatch(/Usage:|Options:|display help/)
    const en = await run(['ca', '--help'])
    expect(en.out).toMatch(/^Usage: registry-wizard ca/m)
    expect(en.out).toContain('display help for command')
  })

  it('a zh locale gives Chinese help without --lang; --lang en wins over it', async () => {
    const zh = await run(['cert', '--help'], { LANG: 'zh_CN.UTF-8' })
    expect(zh.out).toContain('用法：')
    const en = await run(['--lang', 'en', 'cert', '--help'], { LANG: 'zh_CN.UTF-8' })
    expect(en.out).toContain('Usage:')
  })

  it("commander's parse errors in zh-CN: exit 2, Chinese words, the option kept as written, nothing written", async () => {
    const missing = await run(['--lang', 'zh-CN', 'ca', 'create'])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('错误: 缺少必需的选项“--dir <dir>”')
    expect(missing.err).not.toMatch(/required option|not specified|run with --help/)
    const dir = mkdtempSync(join(tmpdir(), 'rw-lang-ca-'))
    const unknown = await run(['--lang', 'zh-CN', 'ca', 'create', '--dir', dir, '--bogus'])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('未知选项“--bogus”')
    expect(readdirSync(dir)).toEqual([])
    const suggested = await run(['--lang', 'zh-CN', 'cert', 'inspec'])
    expect(suggested.code).toBe(2)
    expect(suggested.err).toContain('未知命令“inspec”')
    expect(suggested.err).toContain('您是不是想用 inspect')
  })
})
