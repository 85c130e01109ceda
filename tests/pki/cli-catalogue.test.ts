import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeTmpDir } from '../support/fs-snapshot'

// The built CLI reads its words from out/cli/messages/LANG.json (vite.cli.config.ts; main/cli/catalogue.ts):
// English always, another language only when a command runs in it. Proven on a copy of the bin without zh-CN.json.
const BIN_DIR = resolve(import.meta.dirname, '../../out/cli')

describe('the built CLI catalogue', () => {
  it('an English run never reads zh-CN.json; a zh-CN run does, and prints Chinese', () => {
    expect(existsSync(join(BIN_DIR, 'messages', 'en.json')), 'run `npm run build:cli` first').toBe(true)
    const copy = join(makeTmpDir('rw-pki-catalogue-'), 'cli')
    cpSync(BIN_DIR, copy, { recursive: true })
    const bin = join(copy, 'registry-wizard.js')
    const run = (...args: string[]): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { PATH: process.env['PATH'] } })
    expect(String(run('ca', 'create', '--help', '--lang', 'zh-CN').stdout)).toContain(
      '密钥类型：ecdsa-p256（默认）',
    )
    rmSync(join(copy, 'messages', 'zh-CN.json'))
    const en = run('ca', 'create', '--help')
    expect(en.status).toBe(0)
    expect(String(en.stdout)).toContain('key type: ecdsa-p256 (default), rsa-2048, rsa-3072')
    expect(run('--version').status).toBe(0)
    const zh = run('ca', 'create', '--help', '--lang', 'zh-CN')
    expect(zh.status).not.toBe(0)
    expect(String(zh.stderr)).toContain('zh-CN.json')
  })
})
