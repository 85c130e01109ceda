import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { makeTmpDir } from '../support/fs-snapshot'

/**
 * The built CLI's V8 code cache (main/cli/compile-cache.ts) on the real bin: written at the first run (0600 files in
 * a 0700 folder), taken as is by the next (V8 accepted it: nothing is written again), a damaged entry is rejected by
 * V8 and written anew, and a cache that cannot be written or is turned off changes nothing the user sees.
 */
const ROOT = resolve(__dirname, '../..')
const BIN = join(ROOT, 'out/cli/registry-wizard.js')
const work = makeTmpDir('rw-compile-cache-')

function cli(args: string[], env: Record<string, string>): string {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build:cli\` first`)
  return execFileSync(process.execPath, [BIN, ...args], {
    cwd: work,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  })
}

const entries = (dir: string): Map<string, number> =>
  new Map(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs]))

describe('the CLI compile cache', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }))
  const help = ['cert', 'inspect', '--help']

  it('is written at the first run, private, one file per chunk, and used as is by the next run', () => {
    const dir = join(work, 'cache')
    const expected = cli(help, { RW_COMPILE_CACHE: 'off' })
    expect(cli(help, { RW_COMPILE_CACHE: dir })).toBe(expected)
    const first = entries(dir)
    expect([...first.keys()].some((f) => /^program-[\w-]+-[0-9a-f]{16}\.bin$/.test(f))).toBe(true)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    for (const f of first.keys()) expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600)
    expect(cli(help, { RW_COMPILE_CACHE: dir })).toBe(expected)
    // Accepted by V8: a rejected or missing entry would have been written again at exit.
    expect(entries(dir)).toEqual(first)
  })

  it('a damaged entry is rejected and written anew; the output is the same', () => {
    const dir = join(work, 'cache-damaged')
    cli(help, { RW_COMPILE_CACHE: dir })
    const program = readdirSync(dir).find((f) => f.startsWith('program-')) as string
    writeFileSync(join(dir, program), 'not V8 code cache data')
    const out = cli(help, { RW_COMPILE_CACHE: dir })
    expect(out).toBe(cli(help, { RW_COMPILE_CACHE: 'off' }))
    expect(readFileSync(join(dir, program)).toString()).not.toBe('not V8 code cache data')
  })

  it('off, or a place that cannot be written: the command works the same and nothing is made', () => {
    const home = join(work, 'xdg')
    mkdirSync(home)
    const expected = cli(help, { RW_COMPILE_CACHE: 'off', XDG_CACHE_HOME: home })
    expect(readdirSync(home)).toEqual([])
    const blocked = join(work, 'a-file')
    writeFileSync(blocked, '')
    expect(cli(help, { RW_COMPILE_CACHE: join(blocked, 'cache') })).toBe(expected)
    expect(cli(['--version'], { RW_COMPILE_CACHE: join(blocked, 'cache') }).trim()).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('by default it goes under XDG_CACHE_HOME/registry-wizard/compile-cache', () => {
    const home = join(work, 'xdg-default')
    const env = { XDG_CACHE_HOME: home, RW_COMPILE_CACHE: '' }
    cli(['--version'], env)
    expect(readdirSync(join(home, 'registry-wizard', 'compile-cache')).length).toBeGreaterThan(0)
  })
})
