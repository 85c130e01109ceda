import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { makeTmpDir } from '../support/fs-snapshot'
import { cjkGlyphReport } from './cjk-glyphs'

const CHROMIUM = '/usr/bin/chromium'
const PAGE = '<!doctype html><html lang="zh-CN"><body><h1>首页 规划 证书 验证</h1></body></html>'
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking']

const fonts = (pattern: string): string[] =>
  execFileSync('fc-list', [pattern, 'file'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.replace(/:\s*$/, '').trim())
    .filter(Boolean)

/** A fontconfig setup with this machine's fonts minus every font that covers Chinese: what a machine without a CJK font has. */
function fontconfigWithoutCjk(dir: string): string {
  const cjk = new Set(fonts(':lang=zh'))
  const others = fonts(':lang=en').filter((f) => !cjk.has(f))
  if (cjk.size === 0) throw new Error('no CJK font on this machine: apt-get install fonts-noto-cjk')
  if (others.length === 0)
    throw new Error('no non-CJK font on this machine to fall back to (fonts-dejavu-core)')
  const fontDir = join(dir, 'fonts')
  mkdirSync(fontDir)
  others.forEach((f, i) => symlinkSync(f, join(fontDir, `${i}-${basename(f)}`)))
  const conf = join(dir, 'fonts.conf')
  writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${fontDir}</dir><cachedir>${join(dir, 'cache')}</cachedir></fontconfig>\n`,
  )
  return conf
}

describe('the CJK glyph check used on the zh-CN screenshots', () => {
  const browsers: Browser[] = []
  const work = makeTmpDir('rw-e2e-cjk-')
  afterAll(async () => {
    for (const b of browsers) await b.close()
    rmSync(work, { recursive: true, force: true })
  })
  const render = async (env?: NodeJS.ProcessEnv) => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`)
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, ...(env ? { env } : {}) })
    browsers.push(browser)
    const page = await browser.newPage()
    await page.setContent(PAGE)
    return cjkGlyphReport(page, '首页规划证书验证')
  }

  it('passes with the CJK font installed (fonts-noto-cjk)', async () => {
    const r = await render()
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, blank: [] })
    expect(r.distinctBitmaps).toBe(r.chars.length)
  })

  it('fails when the CJK fonts are hidden from Chromium (fontconfig without them): tofu boxes', async () => {
    const r = await render({ ...process.env, FONTCONFIG_FILE: fontconfigWithoutCjk(work) })
    expect(r.ok, JSON.stringify(r)).toBe(false)
  })
})
