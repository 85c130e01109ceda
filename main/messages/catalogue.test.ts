import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { createTranslator, en, errorTexts, langFromEnv, pickLang, zhCN } from './index'

const PLURAL = /_(zero|one|two|few|many|other)$/

/** Dotted key -> text; plural forms count as one key (languages differ in forms). */
function flat(obj: unknown, prefix = ''): [string, string][] {
  if (typeof obj === 'string') return [[prefix.replace(PLURAL, ''), obj]]
  return Object.entries(obj as object).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k))
}
const holes = (s: string): string[] =>
  [...new Set([...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? ''))].sort()

describe('the message catalogue', () => {
  it('zh-CN and English have exactly the same keys', () => {
    const a = new Set(flat(en).map(([k]) => k))
    const b = new Set(flat(zhCN).map(([k]) => k))
    expect(
      [...a].filter((k) => !b.has(k)),
      'missing in zh-CN',
    ).toEqual([])
    expect(
      [...b].filter((k) => !a.has(k)),
      'missing in en',
    ).toEqual([])
  })

  it('every text uses the same {{parameters}} in both languages', () => {
    const zh = new Map<string, string[]>()
    for (const [k, v] of flat(zhCN)) zh.set(k, [...new Set([...(zh.get(k) ?? []), ...holes(v)])].sort())
    const enHoles = new Map<string, string[]>()
    for (const [k, v] of flat(en))
      enHoles.set(k, [...new Set([...(enHoles.get(k) ?? []), ...holes(v)])].sort())
    const differ = [...enHoles].filter(([k, v]) => JSON.stringify(zh.get(k)) !== JSON.stringify(v))
    expect(differ.map(([k, v]) => `${k}: en ${v.join(',')} / zh-CN ${zh.get(k)?.join(',')}`)).toEqual([])
  })

  it('no section overrides another section: a key is defined once per language', () => {
    for (const lang of ['en', 'zh-CN']) {
      const dir = join(import.meta.dirname, lang)
      const seen = new Map<string, string>()
      const dupes: string[] = []
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
        const src = ts.createSourceFile(file, readFileSync(join(dir, file), 'utf8'), ts.ScriptTarget.Latest)
        for (const stmt of src.statements) {
          if (!ts.isVariableStatement(stmt)) continue
          for (const decl of stmt.declarationList.declarations) {
            const name = decl.name.getText(src)
            if (!/(Errors|CliHints|GuiHints)$/.test(name)) continue
            let init = decl.initializer
            while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init))) init = init.expression
            if (!init || !ts.isObjectLiteralExpression(init)) continue
            const kind = /Errors$/.test(name) ? 'error' : /CliHints$/.test(name) ? 'cliHint' : 'guiHint'
            for (const p of init.properties) {
              const key = `${kind}.${p.name?.getText(src) ?? ''}`
              if (seen.has(key)) dupes.push(`${lang}: ${key} in ${seen.get(key)} and ${file}`)
              seen.set(key, file)
            }
          }
        }
      }
      expect(dupes).toEqual([])
    }
  })

  it('an error renders in each language with its parameters and the front end naming the field', () => {
    const err = { code: 'INVALID_INPUT', field: 'caDir', params: { value: '"x"', allowed: 'a folder' } }
    const cli = errorTexts(createTranslator('en'), err, 'cli', (f) => (f === 'caDir' ? '--ca-dir' : f))
    expect(cli.message).toBe('--ca-dir: "x" is not valid; a folder')
    const zh = errorTexts(createTranslator('zh-CN'), err, 'gui', () => 'CA 文件夹')
    expect(zh.message).toBe('CA 文件夹："x" 无效；a folder')
    expect(zh.hint).toContain('CA 文件夹')
  })

  it('picks simplified Chinese for any zh locale, English otherwise', () => {
    expect(pickLang('zh-CN')).toBe('zh-CN')
    expect(pickLang('zh')).toBe('zh-CN')
    expect(pickLang('zh_CN.UTF-8')).toBe('zh-CN')
    expect(pickLang('en-US')).toBe('en')
    expect(pickLang(undefined)).toBe('en')
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN')
    expect(langFromEnv({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).toBe('en')
    expect(langFromEnv({ LC_ALL: '', LC_MESSAGES: 'zh_TW', LANG: 'en_US' })).toBe('zh-CN')
  })
})
